"""Who said what: direct quotes, paraphrase and "according to", with speakers named in full.

Each construction news uses has its own small finder; they all yield candidates that are then
resolved (surnames and pronouns to full names) and merged, one speaker per sentence.
"""
from __future__ import annotations

import re

from .model import Attribution, Sentence
from .names import DOCUMENT_NOUNS, GROUP_NOUNS, TITLE_WORDS, build_people
from .entities import is_first_name
from .quotes import find_quotes
from .speakers import resolve, they
from .speech import (ACCORDING, ADVERBS, AFTER_ADVERBS, CLAUSE_VERBS, GERUND_VERBS, INTRO, INVERTED_ROLE,
                     NOT_ROLE_APPOSITIVE, NOT_ROLE_TAIL, NOT_SPEAKERS, OBJECT_VERBS, PART_RE, PASSIVE_BY,
                     PROMISE_VERBS, SOURCE_OF, SUBJECT_AT_END, SUBJECT_AT_START, SUBORDINATE, TIME_TAIL,
                     VERB_RE, WITH_X, Candidate)

def extract_attributions(text: str, sentences: list[Sentence]) -> list[Attribution]:
    """All attributions, in sentence order, each with a canonical speaker."""
    # names come from the body's sentences, not from the title or headings ("Test Article Title")
    people = build_people("\n".join(s.text for s in sentences if s.kind == "text"))
    quotes = _paragraph_quotes(text, sentences)
    found: list[Attribution] = []
    recent: list[Attribution] = []       # the last person speakers, for pronouns
    seen: set[tuple[int, str]] = set()
    before: list[Sentence] = []          # body sentences so far (only the last two are read)
    for s in sentences:
        if s.kind != "text":
            continue
        for c in _candidates(text, s, quotes):
            if c.mention.lower() == "they":
                resolved = they(c, s, found)
            else:
                one = resolve(c, s, people, recent, found, before[-2:], text[max(0, s.start - 20000):s.start])
                resolved = [one] if one else []
            for a in resolved:
                if (s.id, a.speaker) in seen:
                    continue
                found.append(a)
                seen.add((s.id, a.speaker))
                if a.kind == "person":
                    recent[:] = recent[-8:] + [a]
        before.append(s)
    found = _continue_quotes(text, sentences, quotes, found)
    return sorted(found, key=lambda a: (a.sentence, a.start))


def _paragraph_quotes(text: str, sentences: list[Sentence]) -> dict[int, list[tuple[int, int]]]:
    """Quotes by paragraph: a quotation may run over sentences but not over paragraphs here, and
    looking only within the paragraph keeps the cost linear."""
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.paragraph, []).append(s)
    return {p: find_quotes(text, group[0].start, group[-1].end) for p, group in by_para.items()}


def _quotes_in(quotes, start: int, end: int) -> list[tuple[int, int]]:
    return [(max(a, start), min(b, end)) for a, b in quotes if a < end and b > start]


def _candidates(text: str, s: Sentence, quotes) -> list[Candidate]:
    out: list[Candidate] = []
    body = s.text
    sq = [(a - s.start, b - s.start) for a, b in _quotes_in(quotes.get(s.paragraph, ()), s.start, s.end)]
    taken: list[tuple[int, int]] = []    # content regions already attributed: verbs inside are reported speech

    def inside(i: int) -> bool:
        return any(a <= i < b for a, b in taken) or any(a < i < b for a, b in sq)

    def add(mention, verb, c0, c1, pos):
        c0, c1 = _trim(body, c0, c1)
        dateline = DATELINE.match(body[c0:c1])
        if dateline:                       # "LONDON (Reuters) - ..." is no part of what was said
            c0 += dateline.end()
        if c1 - c0 < 2:
            return
        direct = any(a < c1 and b > c0 for a, b in sq)
        quoted_words = sum(len(body[max(a, c0):min(b, c1)].split()) for a, b in sq if a < c1 and b > c0)
        if direct and quoted_words < 4 and len(body[c0:c1].split()) > quoted_words + 2:
            direct = False      # a word or two in scare quotes inside a paraphrase stays a paraphrase
        if direct:
            qs = [(a, b) for a, b in sq if a < c1 and b > c0]
            if len(qs) == 1:
                c0, c1 = qs[0]     # one quotation: it is what was said; several: keep the paraphrase
        out.append(Candidate(mention, verb, body[c0:c1], s.start + c0, s.start + c1, direct))
        taken.append((min(pos, c0), max(pos, c1)))

    for m in ACCORDING.finditer(body):
        if inside(m.start()):
            continue
        at_end = re.match(r"\s*[.!?\"'”’]*\s*$", body[m.end():]) is not None
        if m.start() < 3 or (body[:m.start()].rstrip().endswith(("," , ";")) or at_end) and m.start() > 10:
            pre = body[:m.start()].rstrip(" ,;")
            pre = SUBORDINATE.sub("", pre) if SUBORDINATE.match(pre) and "," in pre else pre
            c0 = len(body[:m.start()].rstrip(" ,;")) - len(pre)
            if m.start() < 3:
                c0, c1 = m.end(), len(body)
            else:
                c1 = len(body[:m.start()].rstrip(" ,;"))
            add(_according_source(m.group("np")), "according to", c0, c1, m.start())
            if m.start() < 3:
                # "According to ABC News, Basya also believes ...": a speaker inside what the source
                # reports is a second attribution (and "quoting KCNA," a third), so only the source's
                # own phrase is taken
                taken[-1] = (m.start(), m.end())
                quoting = QUOTING.match(body[m.end():])
                if quoting:
                    q0 = m.end() + quoting.end()
                    add(quoting.group("np"), "quoting", q0, len(body), m.end())
                    taken[-1] = (m.end(), q0)
    for m in PASSIVE_BY.finditer(body):
        if inside(m.start()):
            continue
        # "Halbrook has been accused of playing down side effects by TrialWatch UK"
        add(m.group("np"), m.group("verb"), m.start("what"), m.end("what"), m.start())
    for m in WITH_X.finditer(body):
        if inside(m.start()):
            continue
        c0, c1 = _object_content(body, m.end(), m.group("verb"))
        add(m.group("np"), m.group("verb"), c0, c1, m.start())
    for m in VERB_RE.finditer(body):
        if inside(m.start()):
            continue
        verb = m.group(1)
        pre = body[:m.start()]
        # inverted: 'quote,' said Smith / "quote," Smith said
        qbefore = [q for q in sq if q[1] <= m.start() and body[q[1]:m.start()].strip(" ,") in ("",) ]
        if qbefore:
            after = SUBJECT_AT_START.match(body[m.end():].lstrip()) or \
                INVERTED_ROLE.match(body[m.end():].lstrip())
            if after and after.group("np").lower() not in NOT_SPEAKERS - {"i", "we"}:
                q = qbefore[-1]
                add(after.group("np") + _role_after(body, m.end(), after), verb, q[0], q[1], m.start())
                continue
        subj = _subject_before(pre)
        if subj is None:
            # "The plan will fail, said Mayor Ann Lee.": no quote marks, the speaker after the verb
            after = SUBJECT_AT_START.match(body[m.end():].lstrip()) or INVERTED_ROLE.match(body[m.end():].lstrip())
            rest = body[m.end():].lstrip()
            if pre.rstrip().endswith(",") and after and after.group("np").lower() not in NOT_SPEAKERS \
                    and re.match(r"[,.;]|$", rest[after.end():].lstrip()[:1] or "") \
                    and (len(pre.split()) >= 4 or rest[after.end():].lstrip()[:1] == ","):
                # (a parenthetical ", said Mauer," may follow a two-word subject)
                clause = pre.rstrip().rstrip(",")
                c0 = len(INTRO.match(clause).group(0)) if INTRO.match(clause) else 0
                add(after.group("np"), verb, c0, len(clause), m.start())
            continue
        mention, role_note = subj
        qmention = [q for q in sq if q[1] <= len(pre) - len(pre.lstrip()) + len(pre) and
                    body[q[1]:len(pre)].strip(" ,") == mention]
        if qmention:      # "quote," Smith said.
            q = qmention[-1]
            add(mention, verb, q[0], q[1], m.start())
            continue
        span = _content_after(body, m.end(), verb, sq)
        before_subject = pre.rstrip()[:pre.rstrip().rfind(mention)].rstrip() if mention in pre else ""
        before_subject = re.sub(r"\s+(?:the|a|an|some|many|two|three|several)$", "", before_subject, flags=re.I)
        if span is None and _nothing_said_after(body, m.end()):
            # '"...," Nick Clegg, the company's president, wrote in a blog post.'
            quoted = [q for q in sq if q[1] <= len(before_subject) + 2]
            if quoted:
                span = quoted[-1]
                partner = CO_SPEAKER.search(before_subject)
                if partner:     # "A, role, and B, role, wrote": both said it
                    add(partner.group("np") + (f", {partner.group('role')}," if partner.group("role") else ""),
                        verb, span[0], span[1], m.start())
                    taken.pop()
        if before_subject.endswith(",") and _nothing_said_after(body, m.end()):
            # "Prices will rise, officials said on Monday.": what was said comes first
            clause = before_subject.rstrip(",")
            c0 = len(INTRO.match(clause).group(0)) if INTRO.match(clause) and verb != "according to" else 0
            span = (c0, len(clause))
        if span is None:
            continue
        add(mention + (f", {role_note}," if role_note else ""), verb, span[0], span[1], m.start())
    for m in PART_RE.finditer(body):
        if inside(m.start()) or not body[:m.start()].rstrip().endswith(","):
            continue
        # "..., the spokesperson said, adding that ...": the speaker just named, else the sentence's subject
        before = [c for c in out if c.start - s.start < m.start()]
        subj = before[-1].mention if before else _main_subject(body)
        span = _content_after(body, m.end(), m.group(1), sq)
        if subj and span:
            add(subj, m.group(1), span[0], span[1], m.start())
    return out


QUOTING = re.compile(r"\s*,\s*quoting\s+(?P<np>[^,;]{3,120}?)\s*,\s*")
DATELINE = re.compile(r"^[A-Z][A-Z .,'’\-]{2,40}(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]+\s*")


def _according_source(np: str) -> str:
    m = SOURCE_OF.match(np.strip())
    if m:
        np = TIME_TAIL.sub("", m.group("np"))
    return np


def _trim(body: str, c0: int, c1: int) -> tuple[int, int]:
    while c0 < c1 and body[c0] in " ,:;":
        c0 += 1
    while c1 > c0 and body[c1 - 1] in " ,;:.":
        c1 -= 1
    # a closing quote mark after the final full stop belongs to the quote
    return c0, c1


def _subject_before(pre: str) -> tuple[str, str | None] | None:
    """The subject noun phrase that ends right before a verb, skipping adverbs and an appositive."""
    pre = ADVERBS.sub("", pre.rstrip())
    if re.search(r"\s(?:but|and|then|before|after)$", pre) and not re.search(r"[.;:]", pre):
        # "Max Schrems, whose complaints started the case, welcomed the decision but said ...":
        # the verb shares the sentence's subject
        start = _main_subject(pre)
        if start and start.lower() not in NOT_SPEAKERS:
            first = pre.find(start)
            rest = pre[first + len(start):]
            app = re.match(r",\s*((?:an?|the)\s[^,]{3,80}|[a-z][^,]{3,60}),", rest)
            role = app.group(1) if app and not re.match(r"(?:who|which|whose)\b", app.group(1)) else None
            return start, role
        return None
    pre = re.sub(r"\s*\([A-Z][A-Za-z.&]{1,10}\)$", "", pre)     # "The British Medical Association (BMA)"
    pre = re.sub(r"(?<=[a-z]),\s*[A-Z]{2,4},$", ",", pre)       # "Tom Molomby, SC, said": a post-nominal
    role = None
    # "Mr Patel, 45, who has waited ...,": ages, relative clauses and participles are not roles
    while extra := NOT_ROLE_APPOSITIVE.search(pre):
        head = extra.group("head")
        pre = head + "," if NOT_ROLE_TAIL.search(head) else head
    named = re.search(r"^(?P<head>.*?\S),\s*(?P<name>(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?"
                      r"[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){1,3}),$", pre)
    owner = r"(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]he|[Aa]n?|[A-Z][\w\-]*['’]s)"
    if named and re.search(rf"(?:^|\s){owner}\s+[a-z]", named.group("head")):
        # "Its director, Tom Becker, said": the name is the speaker, the phrase before is the role
        role = re.sub(rf"^.*?(?=\b{owner}\s+[a-z])", "", named.group("head"))
        role = re.sub(r"^(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]he|[Aa]n?)\s+", "", role)
        return named.group("name"), role
    app = re.search(r"^(?P<head>.*?\S),\s*(?P<app>(?:an?|the)\s[^,]{3,160}|[a-z][^,]{3,100}|"
                    r"[A-Z][\w\-]*['’]s\s+[a-z][^,]{2,100}|"
                    # "Hernan Dario Gomez, Panama coach,": a capitalised place or body, then the job
                    r"(?:[A-Z][\w.&\-]*\s+){1,3}[a-z][a-z\-]+(?:\s[^,]{1,90})?),$", pre)
    if app:
        pre, role = app.group("head"), app.group("app")
        if re.match(r"(?:who|which|whose|where|when|whom)\b", role):
            role = None
        else:
            # "a nutrition researcher at X who was not involved": the role stops at the clause
            role = re.split(r"\s+(?:who|which|whose|that)\s", role)[0]
        pre = re.sub(r",\s*\d{1,3}$", "", pre)      # "Tom Pritchard, 45, landlord of the Plough Inn,"
        # "Tobias Lindqvist, chief executive of Norvane, a Stockholm company ...,": the first
        # appositive is the person's role, the second describes the company
        inner = re.search(r"^(?P<head>.*?\S),\s*(?P<app>(?:an?|the)\s[^,]{3,100}|[a-z][^,]{3,80})$", pre)
        if inner and re.search(r"[A-Z][\w’'\-]+\s+[A-Z][\w’'\-]+$", inner.group("head")):
            pre, role = inner.group("head"), inner.group("app")
    elif pre.endswith(","):
        return None
    m = SUBJECT_AT_END.search(pre)
    if not m:
        return None
    np = m.group("np")
    # a run swallowed a sentence-initial word ("Today Smith"): drop leading intro words
    np = re.sub(r"^(?:Today|However|Meanwhile|But|And|Still|Yet|Earlier|Later|Now|Then)\s+", "", np)
    if np.lower() in NOT_SPEAKERS - {"i", "we"} and np.lower() != "it":
        return None
    if pre[:m.start()].rstrip().endswith(("'s", "’s")):
        return None
    before = pre[:m.start()].rstrip()
    if re.search(r"\b[Tt]he$", before) and np.split()[-1].lower() in GROUP_NOUNS | DOCUMENT_NOUNS:
        return "the " + np, role          # "..., the documents show."
    # "the claim that ...", "its claim": a determiner or preposition before means a noun, not a subject
    if re.search(r"\b(?:its|his|her|their|our|the|a|an|of|to|by|in|for)$", before) and not np[0].isupper():
        return None
    return np, role


def _main_subject(body: str) -> str | None:
    rest = body
    while True:
        m = INTRO.match(rest)
        if not m:
            break
        rest = rest[m.end():]
    titled = TITLED_NAME_AT_START.match(rest)
    if titled:
        return titled.group("np")
    run_in = ROLE_BEFORE_NAME_AT_START.match(rest)
    if run_in and is_first_name(run_in.group("np").split()[0]):
        return run_in.group("np")        # "Facebook co-founder Mark Zuckerberg tweeted ..."
    m = SUBJECT_AT_START.match(rest)
    return m.group("np") if m else None


# "Privacy advocate Max Schrems ...": a job in lowercase between the opening word and the name
TITLED_NAME_AT_START = re.compile(
    r"^[A-Z][\w\-]*\s+(?:[a-z][\w\-]*\s+){0,2}(?:" + "|".join(sorted(w for w in TITLE_WORDS if w.isalpha()))
    + r")\s+(?P<np>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)+)")
# "Facebook co-founder Mark Zuckerberg": a body, a lowercase job, then a name with a first name
ROLE_BEFORE_NAME_AT_START = re.compile(
    r"^(?:[A-Z][\w.&\-]*\s+){1,3}(?:[a-z][\w\-]*\s+){1,3}(?P<np>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)+)")
CO_SPEAKER = re.compile(r"(?P<np>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)+)(?:,\s*(?P<role>[^,]{3,80}),)?\s+and$")


def _role_after(body: str, i: int, after: re.Match) -> str:
    """'said Andrea Jelinek, chair of the European Data Protection Board.': the role behind the name,
    in the ', role,' form _resolve reads."""
    rest = body[i:].lstrip()[after.end():]
    m = re.match(r",\s*((?:the |a |an )?[a-z][^,.;]{2,80}?|(?:[A-Z][\w\-]*\s+){0,3}(?:"
                 + "|".join(sorted(w for w in TITLE_WORDS if w.isalpha() and len(w) > 3))
                 + r")\b[^,.;]{0,60}?)(?=[,.;]|$)", rest)
    if not m or re.match(r"(?:who|which|whose|where|when|and|but|adding|saying)\b", m.group(1)):
        return ""
    return f", {m.group(1)},"


def _nothing_said_after(body: str, i: int) -> bool:
    rest = body[i:]
    lead = AFTER_ADVERBS.match(rest)
    tail = rest[lead.end() if lead else 0:]
    if re.match(r"\s*[,:]?\s*[\"“‘]", tail):
        return False                 # 'said, "I think ...': the quotation follows
    if NOTHING_SAID.match(tail):
        return True
    # "... said in a statement on its website.": only phrases of place and time to the end; read on a
    # bounded tail, since nested repeats on an unbounded one backtrack without end on crafted input
    return len(tail) <= 160 and PLACE_TIME_TO_END.match(tail) is not None


NOTHING_SAID = re.compile(r"\s*(?:$|[,.;]|(?:on|in|at|last|this)\s+\w+\s*(?:$|[,.;])|as\b|when\b|after\b|"
                          r"before\b|while\b|because\b)")
PLACE_TIME_TO_END = re.compile(r"\s*(?:(?:in|on|to|at|with|from|during|for)\s+(?:[\w'’\-]+\s+){0,4}"
                               r"[\w'’\-]+\s*)+[.,;]?\s*$")


def _content_after(body: str, i: int, verb: str, sq) -> tuple[int, int] | None:
    rest = body[i:]
    lead = AFTER_ADVERBS.match(rest)
    j = i + (lead.end() if lead else 0)
    tail = body[j:]
    stripped = tail.lstrip(" ,:")
    k = j + len(tail) - len(stripped)
    for a, b in sq:
        if a == k or (a > j and body[j:a].strip(" ,:") == ""):
            return a, b
    colon = re.match(r"[^:\"“.;]{0,60}?:\s*(?=[\"“])", tail)
    if colon:                        # 'tweeted using his @POTUS account: "Cool clock, Ahmed.'
        for a, b in sq:
            if a == j + colon.end():
                return a, b
    m = re.match(r"\s*that\b", tail)
    if m:
        start = j + m.end()
        lead = THAT_INTRO.match(body[start:])
        if lead:                     # 'said that, as the parents came from India, they ...'
            return start, _clause_end(body, start + lead.end())
        return start, _clause_end(body, start)
    if tail.lstrip().startswith(":"):
        start = j + tail.index(":") + 1
        return start, len(body)
    if verb in GERUND_VERBS and re.match(r"\s+[a-z]+ing\b", tail):
        start = j + len(tail) - len(tail.lstrip())
        return start, _clause_end(body, start)       # "reported picking up faint signals"
    if verb in PROMISE_VERBS and re.match(r"\s+to\s+\w", tail):
        start = j + len(tail) - len(tail.lstrip())
        return start, _clause_end(body, start)       # "pledged to double spending"
    if verb in {"attributes", "attributed", "attribute"}:
        m = re.search(r"\bto\s+", tail)
        if m:
            return j + m.end(), _clause_end(body, j + m.end())
    if verb in OBJECT_VERBS and re.match(r"\s+\w", tail) and not re.match(r"\s+(?:to|by|with|on|in|for)\b", tail):
        return _object_content(body, j, verb)
    if re.match(r"\s+(?:nothing|little|no more|much)\b", tail):
        return None     # "said nothing": no statement to attribute
    if verb in CLAUSE_VERBS and re.match(r"\s+(?!(?:to|in|on|at|by|with|for|from|as|when|after|before|"
                                         r"while|because|about|of|so|nothing|little)\b)[\w\"'\u201c\u2018]", tail) \
            and not re.match(r"\s+(?:the|a|an)\s+\w+[.,]?$", tail):
        if verb in {"told", "tells"}:
            m = re.match(r"\s+(?:[\w'’\-.]+\s+){1,8}?that\s+", tail) or \
                re.match(r"\s+(?:[\w'’\-.]+\s+){1,3}?(?=to\s)", tail) or re.match(r"\s+(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|reporters|journalists|the \w+|an? \w+)\s+(?:that\s+)?", tail)
            if not m:
                return None
            return j + m.end(), _clause_end(body, j + m.end())
        return j, _clause_end(body, j)
    return None


THAT_INTRO = re.compile(r"\s*,\s*(?:as|while|when|if|because|since|although|though|after|before|unless|once)\b"
                        r"[^,]{1,160},")


def _object_content(body: str, start: int, verb: str) -> tuple[int, int]:
    rest = body[start:]
    m = re.search(r",|;|\s+but\s|\s+while\s|\s+and later\s|\s+as\s+(?:a|an)\s|$", rest)
    end = start + (m.start() if m else len(rest))
    return start, end


def _clause_end(body: str, start: int) -> int:
    m = re.search(r",\s+(?:according to|but|while|as|which)\b|;|\s+but\s", body[start:])
    end = start + m.start() if m else len(body)
    # ", and some train companies have told ...": a second speaker starts a clause of its own
    for a in re.finditer(r",\s+and\s+", body[start:end]):
        if VERB_RE.search(" ".join(body[start + a.end():end].split()[:7])):
            return start + a.start()
    return end


def _continue_quotes(text: str, sentences: list[Sentence], quotes, found: list[Attribution]) -> list[Attribution]:
    """A quote running over several sentences, or resumed after 'she said.', keeps its speaker."""
    by_id = {s.id: s for s in sentences}
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.paragraph, []).append(s)
    have = {a.sentence for a in found}
    extra: list[Attribution] = []
    for a in _growing(found, extra):
        para = by_id[a.sentence].paragraph
        for q0, q1 in (quotes.get(para, ()) if a.mode == "direct" else ()):
            if not (q0 <= a.start < q1 or a.start <= q0 < a.end):
                continue
            for s in by_para[para]:
                if s.id != a.sentence and s.start < q1 and s.end > q0 and s.id not in have:
                    qa, qb = max(q0, s.start), min(q1, s.end)
                    extra.append(Attribution(a.speaker, a.role, text[qa:qb], "direct", s.id, a.cue, a.kind, qa, qb,
                                             a.resolved))
                    have.add(s.id)
        # the next sentence of the same paragraph opening with a quote of its own, after a quote or
        # a paraphrase ('Wilkins also said Warhol was a businessperson. "As a way to ...')
        nxt = by_id.get(a.sentence + 1)
        src = by_id.get(a.sentence)
        if nxt and src and nxt.paragraph == src.paragraph and nxt.id not in have and nxt.kind == "text":
            qs = _quotes_in(quotes.get(nxt.paragraph, ()), nxt.start, nxt.end)
            if qs and qs[0][0] == nxt.start:
                qa, qb = qs[0]
                extra.append(Attribution(a.speaker, a.role, text[qa:qb], "direct", nxt.id, a.cue, a.kind, qa, qb,
                                         a.resolved))
                have.add(nxt.id)
    return _continue_paragraphs(text, sentences, quotes, found + extra)


def _continue_paragraphs(text: str, sentences: list[Sentence], quotes, found: list[Attribution]) -> list[Attribution]:
    """Newspaper style: a paragraph that opens with a quotation and names no speaker continues the
    speaker of the paragraph before, when that paragraph's last sentence was theirs."""
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        if s.kind == "text":
            by_para.setdefault(s.paragraph, []).append(s)
    by_sentence: dict[int, list[Attribution]] = {}
    for a in found:
        by_sentence.setdefault(a.sentence, []).append(a)
    extra: list[Attribution] = []
    order = sorted(by_para)
    for prev_p, p in zip(order, order[1:]):
        group = by_para[p]
        if any(s.id in by_sentence for s in group):
            continue
        first = group[0]
        qs = [q for q in quotes.get(p, ()) if q[0] < group[-1].end]
        if not qs or qs[0][0] != first.start:
            continue
        last = by_para[prev_p][-1]
        speakers = {(a.speaker, a.kind) for a in by_sentence.get(last.id, ()) if a.resolved != "guess"}
        if len(speakers) != 1 or next(iter(speakers))[1] != "person":
            continue
        a = by_sentence[last.id][0]
        q0, q1 = qs[0]
        for s in group:
            if s.start < q1 and s.end > q0:
                qa, qb = max(q0, s.start), min(q1, s.end)
                b = Attribution(a.speaker, a.role, text[qa:qb], "direct", s.id, a.cue, a.kind, qa, qb, a.resolved)
                extra.append(b)
                by_sentence.setdefault(s.id, []).append(b)
    return found + extra


def _growing(first: list, more: list):
    """Iterate over `first`, then over whatever is appended to `more` meanwhile."""
    yield from first
    i = 0
    while i < len(more):
        yield more[i]
        i += 1
