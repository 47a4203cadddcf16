"""Find the article body in a pasted web page, and label the furniture inside it.

A page copied with select-all keeps its menus, teasers, share bars and comments around the
article, and captions, ad labels and related links inside it. Teasers and comments are prose
too, but each stands alone between headlines and buttons, while an article's paragraphs follow
one another. So the body is the densest run of long, stopword-rich lines that end like
sentences: every line gets a weight (prose earns its words, page furniture costs), and the
run with the greatest total wins (one linear pass). Lines inside the run that are not prose
become labelled furniture, so no question is drawn from a caption or an ad label.

The rules describe what news pages look like in general; no outlet's wording is special.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

PROSE_WORDS = 8          # a line this long that ends like a sentence can be article prose
MIN_STOP_SHARE = 0.15    # article prose runs at 30-55% function words; keyword lists near 0
EXTERIOR_COST = 10       # what one line of menu, headline or button costs, plus its words
INTERIOR_COST = 2        # ad labels, captions, related boxes: usual between paragraphs
DATA_COST = 0.25         # chart labels and numbers: many short lines, cheap one by one
ISOLATED_SHARE = 0.5     # a prose line between two non-prose lines is likely a teaser
PARAGRAPH_WORDS = 15     # two prose lines this long in a row are article paragraphs
MAX_LINE_COST = 30
NEAR = 40                # lines: how far apart a layout's duplicate copies lie
PULL_QUOTE_LINES = 15    # lines: how far from its paragraph a pull quote is printed

# What sits between an article's paragraphs: cheap inside a run.
INTERIOR_KINDS = frozenset({"caption", "credit", "related", "ad", "data", "code"})
# Furniture whose short sentences in between are furniture too (a promo's second line).
SANDWICH_KINDS = frozenset({"furniture", "related"})

# Common English function words: frequent in any prose, rare in menus, names and headlines.
FUNCTION_WORDS = frozenset("""
a about above after again against all also although am among an and another any are around as
at be because been before being below between both but by can could did do does doing down
during each either even ever every few for from further had has have having he her here hers
herself him himself his how however i if in into is it its itself just least less many may me
might more most much must my myself neither no nor not now of off on once one only onto or
other others our ours out over own per perhaps rather same shall she should since so some such
than that the their theirs them themselves then there these they this those though through thus
to too toward towards under until up upon us very was we were what whatever when where whether
which while who whom whose why will with within without would yet you your yours yourself
despite said says told
""".split())

# Minor words a Title Case headline leaves in lower case.
TITLE_MINOR = frozenset("""
a an the and or nor but of in on at to for from by with as vs via into onto over up out off
is are be
""".split())

# --- what furniture looks like -----------------------------------------------------------------

_AD = re.compile(r"^(?:advertisement|advertising|advert|ads?|adchoices|sponsored(?: content| links?"
                 r"| stories)?|promoted(?: content| stories| links?)?|paid (?:content|post)|"
                 r"story continues below(?: advertisement)?|continue reading(?: the main story|"
                 r" below| below the advertisement| the story)?|article continues (?:below|after "
                 r"(?:the )?(?:advertisement|ad))|skip (?:the )?ad(?:vert(?:isement)?)?|"
                 r"loading\W*|scroll to continue(?: with content)?)\W*$", re.I)
_IMAGE_LABEL = re.compile(r"^(?:image|images|photo|photos|photograph|picture|pictures|video|"
                          r"gallery|slideshow|graphic|chart|map|view (?:photo|image|this image|"
                          r"gallery|slideshow|photos|images)|enlarge(?: this image)?|expand|"
                          r"hide caption|toggle caption|caption|play video|watch video|"
                          r"\d+\s*/\s*\d+|\d+ of \d+|\d+ (?:photos|images))\W*$", re.I)
# "... Image: Nick Moreau." "Photograph: A. Smith for the Paper" "Source: Supplied"
# The label is capitalised and the credit is a name: "source: a leaked memo." is prose.
_CREDIT_TAIL = re.compile(r"(?:^|[\s.)])(?:(?:Photo(?:graph)?|Image|Picture|Illustration|"
                          r"Graphic)s?|PHOTOS?|IMAGES?|Video|Source|SOURCE|Credits?|CREDITS?|"
                          r"Photo credit)\s*:\s*[A-Z][^:]{0,60}$")
_CREDIT_HEAD = re.compile(r"^(?:(?:photo(?:graph)?|image|picture|illustration|video)s?\s+"
                          r"(?:by|courtesy(?: of)?|credit)|credits?\b|courtesy of)\s", re.I)
_CREDIT_GLUED = re.compile(r"[a-z.)]Credit(?:s)?(?=[A-Z\u00c0-\u024f])|^Credit\b")
# "... in 1989. (AP)" "(John Smith / Agency)" "(Name/Agency/Images)": a parenthesis after the
# last sentence, or one naming a photo or carrying a slash, closes a caption.
_CREDIT_PAREN = re.compile(r"(?:[.!?][\"'\u201d\u2019]?\s*\(\s*[A-Z][^()]{0,80}[^().\s]\s*\)|"
                           r"\([^()]{0,80}(?:/|\bphoto\b|\bimages?\b|\bvia\b)[^()]{0,80}\))$",
                           re.I)
CREDIT_WORDS = 12        # a credit in brackets is a few names, not a sentence
CAPTION_WORDS = 20       # a caption over a bare credit line is a sentence or two at most
_CAPTION_HEAD = re.compile(r"^(?:in this (?:\w+ )?(?:photo|image|picture|file photo)|"
                           r"(?:this|a|the) (?:file )?(?:photo|image|picture) "
                           r"(?:shows|taken|dated)|(?:main|top|above|pictured|left|right|below)"
                           r"\s*(?:image|photo|picture)?\s*:)", re.I)
_RELATED_HEADING = re.compile(
    r"^(?:related(?: articles| posts| stories| content| coverage| news| topics| links| reading)?|"
    r"recommended(?: articles| for you| stories| reading)?|read more|read next|more stories|"
    r"more articles|you may also like|you might also like|you may be interested in|"
    r"popular (?:posts|articles|stories)|most (?:popular|read|viewed|shared)(?: \w+)?|"
    r"trending(?: now| stories)?|editor'?s'? picks|further reading|see also|what to read next|"
    r"up next|more on this story|more (?:about|on|from|in|by) .{1,60}|top stories|"
    r"(?:latest|top|more) (?:news|posts|articles|stories|headlines))\W*$", re.I)
_RELATED_ITEM = re.compile(r"^(?:related|read more|see also|read next|also read|more|watch|"
                           r"listen|recommended|up next)\s*:\s*\S", re.I)
_CALL_TO_ACTION = re.compile(r"^(?:read|watch|listen|learn|see|find out|click|tap|view|get) "
                             r"(?:now|more|here|next|the (?:full )?(?:story|article|video))\W*$",
                             re.I)
_NEWSLETTER = re.compile(r"\bnewsletters?\b", re.I)
_PROMO_ACTION = re.compile(r"\b(?:sign(?: |-)?up|subscribe|inbox|delivered|keep up|get (?:our|the)|"
                           r"join|register|free)\b", re.I)
_PROMO = re.compile(r"\bin your inbox\b|^(?:sign up|subscribe|log ?in|sign in|"
                    r"register|download (?:our|the) app|get (?:our|the) app|follow us|"
                    r"share (?:this|on|via)|click here|tap here)\b|^\[[^\]]{8,}\]$", re.I)
_COPYRIGHT = re.compile(r"^(?:\u00a9|\(c\)\s|copyright\b)|all rights reserved", re.I)
# Headings after which nothing is article text: readers' comments, the author's profile.
_BARRIER = re.compile(
    r"^(?:\d[\d,.]*k?\s*)?(?:reader |user )?comments?(?:\s*\(\d[\d,]*\))?\W*$|"
    r"^\d[\d,.]*k?\s*(?:comments?|responses?|replies)\b|"
    r"^(?:show|view|load|read|see|hide|post|add|leave|write) (?:all |the |a |\d+ )?"
    r"(?:comments?|reply|replies|responses?)\b|^join the (?:conversation|discussion)\b|"
    r"^(?:about|meet) the (?:author|authors|writer|reporter)s?\W*$|^author (?:bio|profile|"
    r"information|details)\W*$|^about me\W*$", re.I)
# Closing lines that are about the article, not part of it (only trimmed from the end).
_TAIL = re.compile(
    r"^(?:a version of this (?:article|story)|this (?:article|story|post|piece) (?:was |has been |"
    r"is )?(?:originally |first )?(?:appeared|appears|published|written|produced|adapted|"
    r"republished)|(?:originally|first) (?:appeared|published)|check out more|"
    r"(?:follow|contact|email|e-mail|reach) (?:him|her|them|us|the (?:author|writer|reporter)|"
    r"[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?) (?:on|at|via)\b|"
    r"(?:click|tap) here|sign up (?:for|to|here|now)|subscribe (?:to|now|here|for)|"
    r"download (?:our|the) app|share this)", re.I)
_TAIL_END = re.compile(r"(?:(?:check it out|click here|find out more|learn more|read more)"
                       r"(?: here)?|[.!?]\s+here)\W*$", re.I)
# "Jane Doe is a reporter ...", "Jane Doe covers the White House." closing the page: a profile.
_BIO = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]*\s+){1,4}(?:is|was|has been|works as|joined [\w ]{1,30} as)\s+"
    r"(?:a|an|the)\s+(?:[\w'\u2019.,&-]+\s+){0,7}(?:reporter|correspondent|editor|writer|"
    r"columnist|journalist|contributor|producer|author|critic|photographer|blogger|"
    r"commentator|analyst for|fellow|intern)s?\b|"
    r"^(?:[A-Z][\w.'\u2019-]*\s+){1,4}(?:covers|has covered|writes about|reports on)\s", re.I)
# "By Jane Doe", "by: JANE DOE", "Words by Jane Doe and John Roe | 3 March" (not "By 2030, ...")
_BYLINE = re.compile(r"^(?:[Bb]y|BY|[Ww]ritten by|[Ww]ords by|[Pp]osted by|[Ss]tory by)[:\s]+"
                     r"[A-Z][\w.'\u2019-]*\s+[A-Z]")
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
    r"\b(?:19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\b\.?|gmt|utc|bst|cet|"
    r"[ecmp][sd]?t)\b|\b\d{1,2}\s*[ap]\.?m\.?(?:\s|$)|\b\d+\s+(?:minutes?|hours?|days?|weeks?)"
    r"\s+ago\b", re.I)
_META_HEAD = re.compile(r"^(?:posted|published|updated|last updated|first published|modified|"
                        r"last modified)\b", re.I)
_GLUED = re.compile(r"([a-z])([A-Z][a-z])")
_CODE = re.compile(r"^(?:[\w.$\"'-]+\s*[:=]\s*)?[\[{(]$|^[\]})]+[,;]?$")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[-*\u2022\u25aa\u25cf\u2013]|\([a-z0-9]\))\s+\S")
_DATA_TOKEN = re.compile(r"^[\W\d_]*\d[\W\d_]*(?:[a-z]{0,3}|%)$|^[\W_]+$", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_CLOSERS = "\"'\u2019\u201d)]\u00bb"


@dataclass
class Body:
    """Where the article lies among the page's lines, and what inside it is furniture."""
    first: int                                       # index of the first body line
    last: int                                        # index of the last body line (inclusive)
    kinds: dict[int, str] = field(default_factory=dict)   # furniture inside, by line index


@dataclass
class _Info:
    words: int
    prose: bool          # long, stopword-rich, ends like a sentence
    sentence: bool       # ends like a sentence (or a colon), whatever its length
    kind: str | None     # the furniture kind the line shows on its own
    cost: float          # weight in the run search when the line is not prose
    barrier: bool = False


def locate(lines: list[str]) -> Body | None:
    """The densest run of article prose among `lines`; None when no line reads as prose."""
    infos = [_info(s) for s in lines]
    _mark_context(lines, infos)
    run = _densest_run(infos)
    if run is None:
        return None
    first, last = run
    last = _before_trailing_section(lines, infos, first, last)
    last = _extend_end(infos, last)
    last = _trim_tail(lines, infos, first, last)
    return Body(first, last, _inside_kinds(lines, infos, first, last))


def furniture_kind(s: str) -> str | None:
    """The furniture kind one line shows by itself ('meta' for a byline, 'caption', ...)."""
    kind = _own_kind(s, len(s.split()))
    return "furniture" if kind == "ad" else kind


# --- one line on its own -----------------------------------------------------------------------

def _info(s: str) -> _Info:
    """What one line is on its own: prose, a short sentence, data, a label, or furniture."""
    words = len(s.split())
    kind = _own_kind(s, words)
    # a Title Case question is a headline ("Why Are the Streets Always Dug Up?")
    sentence = (_ends_sentence(s) or s.endswith(":")) and not _title_case(s)
    if kind is not None:
        cost = INTERIOR_COST if kind in INTERIOR_KINDS else \
            min(EXTERIOR_COST + words, MAX_LINE_COST)
        return _Info(words, False, sentence, kind, cost, barrier=_is_barrier(s, words))
    if _CODE.match(s):          # a code listing quoted in the article: "rekt: {", "]"
        return _Info(words, False, False, "code", INTERIOR_COST)
    if _is_data(s):
        return _Info(words, False, False, "data", DATA_COST)
    if _LIST_ITEM.match(s):     # "1. Finland": a list in the article, or in a menu
        return _Info(words, False, sentence, None, INTERIOR_COST)
    prose = sentence and words >= PROSE_WORDS and _stop_share(s) >= MIN_STOP_SHARE
    cost = 0.0 if sentence else min(EXTERIOR_COST + words, MAX_LINE_COST)
    return _Info(words, prose, sentence, None, cost)


def _own_kind(s: str, words: int) -> str | None:
    """The furniture kind a line shows by itself, or None."""
    if words > 80:
        return None
    if _is_barrier(s, words):
        return "furniture"
    if words <= 8 and _AD.match(s):
        return "ad"
    if words <= 5 and _IMAGE_LABEL.match(s):
        return "caption"
    credit = _credit(s)
    if credit:
        return credit
    if words <= 12 and (_RELATED_HEADING.match(s) or _CALL_TO_ACTION.match(s)):
        return "related"
    if words <= 30 and _RELATED_ITEM.match(s):
        return "related"
    if words <= 30 and (_PROMO.search(s) or _COPYRIGHT.search(s) or _newsletter(s, words)):
        return "furniture"
    if words <= 20 and (_byline(s) or _date_line(s)):
        return "meta"
    return None


def _is_barrier(s: str, words: int) -> bool:
    """A comments or author-profile heading: after it, nothing is the article's."""
    return words <= 8 and _BARRIER.match(s) is not None


def _newsletter(s: str, words: int) -> bool:
    """'Get our daily newsletter', 'Newsletters' (not 'The newsletter reported that ...')."""
    return _NEWSLETTER.search(s) is not None and (words <= 4 or _PROMO_ACTION.search(s) is not None)


def _byline(s: str) -> bool:
    """'By Jane Doe' and not 'By the end of the year, ...' (too many function words)."""
    return _BYLINE.match(s) is not None and _stop_share(s) < 0.3


def _date_line(s: str) -> bool:
    """'Posted on April 2, 2015', 'March 13, 2015 9:00PM', 'Thu 3 Jan 2019 02.00 EST'."""
    if not _DATE.search(unglue(s)):
        return False
    return _META_HEAD.match(s) is not None or (_stop_share(s) < 0.25 and not _ends_sentence(s))


def unglue(s: str) -> str:
    """'Associated PressDecember 2, 2016' -> '... Press December 2, 2016': pasted text loses the
    space between two elements of a page."""
    return _GLUED.sub(r"\1 \2", s)


def _credit(s: str) -> str | None:
    """'caption' for a caption ending in its credit, 'credit' for a bare credit line."""
    paren = _CREDIT_PAREN.search(s)
    if paren and len(paren.group().split()) > CREDIT_WORDS:
        paren = None
    if not (_CREDIT_TAIL.search(s) or _CREDIT_HEAD.match(s) or _CREDIT_GLUED.search(s)
            or paren or _CAPTION_HEAD.match(s)):
        return None
    return "caption" if len(s.split()) > 6 else "credit"


def _is_data(s: str) -> bool:
    """Chart labels, axis ticks, separators: short lines of numbers and symbols."""
    tokens = s.split()
    return len(tokens) <= 3 and all(_DATA_TOKEN.match(t) for t in tokens)


def _ends_sentence(s: str) -> bool:
    """Ends in . ! ? or an ellipsis, before any closing quotes and brackets."""
    return s.rstrip(_CLOSERS).endswith((".", "!", "?", "\u2026"))


def _stop_share(s: str) -> float:
    """Share of function words: high in prose, low in menus, names and keyword lists."""
    words = _WORD.findall(s)
    return sum(w.lower() in FUNCTION_WORDS for w in words) / len(words) if words else 0.0


def _title_case(s: str) -> bool:
    """'Veteran Wraps Baby in American Flag': most words capitalised, as headlines are."""
    words = [w for w in _WORD.findall(s) if w.lower() not in TITLE_MINOR]
    if len(words) < 4:
        return False
    caps = sum(w[0].isupper() for w in words)
    return caps >= 0.8 * len(words)


# --- lines in their neighbourhood --------------------------------------------------------------

def _mark_context(lines: list[str], infos: list[_Info]) -> None:
    """Kinds that only the neighbours show: credits under image labels, related boxes, charts."""
    _after_labels(lines, infos)
    _captions_above_credits(infos)
    _related_boxes(lines, infos)
    _layout_duplicates(lines, infos)
    _chart_labels(infos)


def _furnish(info: _Info, kind: str, cost: float = INTERIOR_COST) -> None:
    """Relabel a line as furniture that sits between paragraphs (cheap inside a run)."""
    info.kind, info.prose, info.cost = kind, False, cost


def _after_labels(lines: list[str], infos: list[_Info]) -> None:
    """The line under 'Image' / 'View photo' is its caption or credit; under 'Advertisement',
    a short line is the ad's ('Ads by Example')."""
    for i, info in enumerate(infos[:-1]):
        nxt = infos[i + 1]
        if info.kind == "ad" and nxt.kind is None and not nxt.sentence and nxt.words <= 6:
            _furnish(nxt, "ad")
        if info.kind == "caption" and _IMAGE_LABEL.match(lines[i]):
            j = i + 1
            while j < len(infos) and infos[j].kind == "data":   # a lone "." under the label
                j += 1
            nxt = infos[j] if j < len(infos) else None
            if nxt is not None and nxt.kind is None and not nxt.prose and nxt.words <= 40:
                _furnish(nxt, "credit" if nxt.words <= 6 else "caption")


def _captions_above_credits(infos: list[_Info]) -> None:
    """'The minister at the summit.' over 'Photo by Jane Doe': a caption, not a paragraph."""
    for i in range(1, len(infos)):
        prev = infos[i - 1]
        if infos[i].kind == "credit" and prev.kind is None and prev.words <= CAPTION_WORDS:
            _furnish(prev, "caption")


def _related_boxes(lines: list[str], infos: list[_Info]) -> None:
    """Headline lines under a 'Related' heading, and a teaser above a 'Read now' link."""
    for i, info in enumerate(infos):
        if info.kind != "related":
            continue
        for j in range(i + 1, min(i + 13, len(infos))):
            nxt = infos[j]
            if nxt.prose or nxt.barrier or (nxt.kind not in (None, "meta", "data", "related")):
                break
            _furnish(nxt, "related")
        if info.words <= 5 and _CALL_TO_ACTION.match(lines[i]):   # 'Read now' closes a teaser
            for j in range(i - 1, max(i - 4, -1), -1):
                prev = infos[j]
                if prev.kind is not None or prev.words > 20:
                    break
                _furnish(prev, "related")


def _layout_duplicates(lines: list[str], infos: list[_Info]) -> None:
    """A caption or chart printed twice for two screen sizes; a pull quote repeating a sentence."""
    seen: dict[str, int] = {}
    for i, s in enumerate(lines):
        if infos[i].words < 4:
            continue
        key = " ".join(s.lower().split())
        j = seen.get(key)
        # a short sentence may well recur ('He declined.'); a long one or a label is a copy
        long_or_label = not infos[i].sentence
        if j is not None and i - j <= NEAR and long_or_label:
            for k in (i, j):
                if infos[k].kind is None:
                    _furnish(infos[k], "caption" if infos[k].words > 12 else "furniture")
        seen[key] = i
    lower = [s.lower() for s in lines]
    for i, info in enumerate(infos):
        if info.kind is None and info.sentence and 6 <= info.words <= 40 \
                and _repeats_nearby(lower, i):
            _furnish(info, "quote")


def _repeats_nearby(lower: list[str], i: int) -> bool:
    """True when line i is a sentence of a longer line close by (a pull quote)."""
    needle = lower[i].strip(_CLOSERS + "\u201c\u2018.!? ")
    for j in range(max(0, i - PULL_QUOTE_LINES), min(len(lower), i + PULL_QUOTE_LINES + 1)):
        if j != i and len(lower[j]) > len(lower[i]) + 20 and needle in lower[j]:
            return True
    return False


def _chart_labels(infos: list[_Info]) -> None:
    """A short label among chart numbers ('RECESSIONS', 'Net interest') is chart data too, and
    so is the title over them ('Interest payments on the debt' / '$900' / 'billion')."""
    numeric = [info.kind == "data" for info in infos]
    for i, info in enumerate(infos):
        if info.kind is not None or info.sentence:
            continue
        label = info.words <= 3 and sum(numeric[max(0, i - 3):i + 4]) >= 3
        title = info.words <= 10 and sum(numeric[i + 1:i + 4]) >= 2
        if label or title:
            info.kind, info.cost = "data", DATA_COST


# --- the run -----------------------------------------------------------------------------------

def _weights(infos: list[_Info]) -> list[float]:
    """Prose earns its words (half when it stands alone, as teasers do); the rest costs."""
    out = []
    for i, info in enumerate(infos):
        if not info.prose:
            out.append(-info.cost)
        elif _neighbour_prose(infos, i, -1) or _neighbour_prose(infos, i, 1):
            out.append(info.words)
        else:
            out.append(info.words * ISOLATED_SHARE)
    return out


def _neighbour_prose(infos: list[_Info], i: int, step: int) -> bool:
    """Whether the nearest line before (step -1) or after (+1) is prose, looking past a few
    lines of what sits between paragraphs (an ad label, a caption, chart data)."""
    j, skipped = i + step, 0
    while 0 <= j < len(infos) and infos[j].kind in INTERIOR_KINDS and (
            skipped < 4 or infos[j].kind == "data"):
        j, skipped = j + step, skipped + 1
    return 0 <= j < len(infos) and infos[j].prose


def _densest_run(infos: list[_Info]) -> tuple[int, int] | None:
    """(first, last) of the run of lines with the greatest total weight (Kadane's scan).

    A barrier (a comments or author heading) ends every run: nothing after it joins the article.
    """
    best, best_run = 0.0, None
    total, start = 0.0, 0
    for i, (info, weight) in enumerate(zip(infos, _weights(infos))):
        if info.barrier:
            total = 0.0
            continue
        if total <= 0:
            total, start = 0.0, i
        total += weight
        if info.prose and total > best:
            best, best_run = total, (start, i)
    if best_run is None:
        return None
    first = best_run[0]
    while not infos[first].prose:
        first += 1
    return first, best_run[1]


def _before_trailing_section(lines: list[str], infos: list[_Info], first: int, last: int) -> int:
    """End the run before a 'Related' / 'Latest news' heading that no paragraphs follow.

    A related box between paragraphs is common, but after the article the same heading opens
    teasers: headline, summary, headline, summary, never two paragraphs in a row.
    """
    paired = False
    for i in range(last, first, -1):
        if infos[i].prose and infos[i].words >= PARAGRAPH_WORDS and infos[i - 1].prose \
                and infos[i - 1].words >= PARAGRAPH_WORDS:
            paired = True
        if infos[i].kind == "related" and _RELATED_HEADING.match(lines[i]) and not paired:
            last = i - 1
    while last > first and not infos[last].prose:
        last -= 1
    return last


def _extend_end(infos: list[_Info], last: int) -> int:
    """Take in short closing sentences ('He did not reply.') and separators after the run."""
    i = last + 1
    while i < len(infos) and not infos[i].barrier and (
            (infos[i].kind is None and infos[i].sentence) or infos[i].kind == "data"):
        i += 1
    while i - 1 > last and infos[i - 1].kind == "data":
        i -= 1
    return i - 1


def _trim_tail(lines: list[str], infos: list[_Info], first: int, last: int) -> int:
    """Drop closing lines about the article: author profiles, 'originally appeared' notes."""
    while last > first:
        s = lines[last]
        if infos[last].kind is None and (_TAIL.match(s) or _TAIL_END.search(s) or _BIO.match(s)):
            last -= 1
        elif infos[last].kind is not None or not infos[last].sentence:
            last -= 1
        else:
            break
    return last


# --- furniture inside the run ------------------------------------------------------------------

def _inside_kinds(lines: list[str], infos: list[_Info], first: int, last: int) -> dict[int, str]:
    """Label every line of the run that is not article text."""
    kinds: dict[int, str] = {}
    for i in range(first, last + 1):
        info = infos[i]
        if info.prose or (info.kind is None and info.sentence) or info.kind == "code":
            continue
        if info.kind == "data" and not any(c.isalnum() for c in lines[i]):
            continue        # a separator ('___', '* * *') between parts of the article
        if info.kind is None and _LIST_ITEM.match(lines[i]):
            continue
        kinds[i] = _kind_inside(info)
    _sandwiched(infos, kinds, first, last)
    return kinds


def _kind_inside(info: _Info) -> str:
    """The span kind of a non-prose line in the body: short lines are subheadings, long
    ones captions (a caption without a credit reads like a sentence without its stop)."""
    if info.kind == "data":
        return "chart"
    if info.kind == "ad":
        return "furniture"
    if info.kind is not None:
        return info.kind
    return "heading" if info.words <= 12 else "caption"


def _sandwiched(infos: list[_Info], kinds: dict[int, str], first: int, last: int) -> None:
    """A short sentence between two promos or related links is theirs: 'Get our newsletter.' /
    'The best way to keep up.' / 'Subscribe'. (Between a subheading and a photo it is prose.)"""
    for i in range(first + 1, last):
        if i in kinds or infos[i].words >= PARAGRAPH_WORDS:
            continue
        if kinds.get(i - 1) in SANDWICH_KINDS and kinds.get(i + 1) in SANDWICH_KINDS:
            kinds[i] = kinds[i - 1]
