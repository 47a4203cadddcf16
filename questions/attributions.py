"""Who said what: direct quotes, paraphrase and "according to", with speakers named in full.

Each construction news uses has its own small finder; they all yield candidates that are then
resolved (surnames and pronouns to full names) and merged, one speaker per sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Attribution, Sentence
from .names import (DOCUMENT_NOUNS, GROUP_NOUNS, NAME_RUN, TITLE_WORDS, Person, build_people, canonical, gender_of,
                    split_title)
from .quotes import find_quotes

_VERBS = (
    "said says say stated states state told tells tell wrote writes write noted notes note added adds "
    "warned warns warn argued argues argue believes believe believed suggested suggests suggest "
    "denied denies deny acknowledged acknowledges acknowledge admitted admits admit reported reports "
    "report mentioned mentions claimed claims claim insisted insists insist explained explains "
    "announced announces confirmed confirms cited cites cite asserted asserts contended contends "
    "maintained maintains predicted predicts estimated estimates recalled emphasized emphasised "
    "stressed stresses observed concluded thinks think thought declared declares revealed disclosed "
    "conceded concedes countered responded replied urged urges vowed vows promised hinted attributes "
    "attributed attribute testified tweeted posted alleged alleges accused accuses expects expect "
    "expected fears fear feared hopes hoped doubts doubted questioned rejected rejects argued "
    "called calls described describes labeled labelled labels estimate predict contend maintain "
    "observe conclude stress emphasize emphasise assert agree agreed agrees doubt question reject "
    "explain announce confirm caution cautions cautioned concede acknowledge admit recall "
    "found finds find showed shows show disputed disputes dispute contested contests pledged pledges "
    "pledge"
).split()
VERB_RE = re.compile(r"\b(" + "|".join(sorted(set(_VERBS), key=len, reverse=True)) +
                     r"|pointed out|points out)\b(?!\s+tanks?\b|-)")
PARTICIPLES = ("stating saying noting adding warning arguing suggesting claiming insisting explaining "
               "writing telling labeling labelling calling describing denying acknowledging declaring "
               "accusing urging predicting asserting").split()
PART_RE = re.compile(r"\b(" + "|".join(PARTICIPLES) + r")\b")
# Verbs that also take a plain noun phrase as what was said ("denied the reports").
OBJECT_VERBS = {"disputed", "disputes", "dispute", "contested", "contests", "denied", "denies", "deny", "acknowledged", "acknowledges", "acknowledge", "cited",
                "cites", "cite", "suggested", "suggests", "suggest", "confirmed", "confirms",
                "admitted", "admits", "rejected", "rejects", "announced", "announces", "predicted",
                "predicts", "attributes", "attributed", "attribute", "denying", "suggesting",
                "acknowledging", "urged", "urges", "questioned", "alleged", "alleges", "accused",
                "accuses", "labeling", "labelling", "labeled", "labelled", "called", "calls",
                "describing", "described", "describes", "accusing", "urging", "predicting"}
GERUND_VERBS = {"reported", "reports", "described", "describes", "recalled", "admitted", "admits",
                "denied", "denies", "acknowledged", "acknowledges", "suggested", "suggests"}
PROMISE_VERBS = {"pledged", "pledges", "pledge", "promised", "promises", "vowed", "vows", "urged",
                 "urges", "threatened", "threatens"}
# Verbs that may introduce a clause without "that" ("analysts warn if ...", "he said he would").
CLAUSE_VERBS = {"found", "finds", "showed", "shows", "said", "says", "say", "believes", "believe", "believed", "thinks", "think",
                "thought", "warned", "warns", "warn", "argued", "argues", "argue", "suggested",
                "suggests", "suggest", "added", "adds", "noted", "notes", "told", "tells", "claimed",
                "claims", "insisted", "insists", "fears", "fear", "feared", "expects", "expect",
                "expected", "hopes", "hoped", "stated", "states"}
ADVERBS = re.compile(r"(?:\s+(?:also|later|previously|has|have|had|would|will|did|does|do|recently|"
                     r"repeatedly|publicly|privately|then|further|once|even|now|again|earlier|"
                     r"separately|reportedly|had previously|has long|long|still|firmly|strongly|"
                     r"clearly|openly|flatly|quickly|immediately|however|too|often|has since))+$", re.I)
AFTER_ADVERBS = re.compile(r"^(?:\s*,?\s*(?:also|later|previously|repeatedly|publicly|privately|"
                           r"separately|on \w+day|on social media|recently|firmly|flatly|strongly|"
                           r"earlier|last (?:week|month|year)|to (?:reporters|journalists|lawmakers)|"
                           r"(?:in|on|since|during|by) (?:early |late |mid-)?(?:January|February|March|April|May|"
                           r"June|July|August|September|October|November|December)(?: \d{1,2})?(?:,? \d{4})?|"
                           r"in \d{4}|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                           r"(?:in|on|during|at|to|with|from) (?:a|an|the|his|her|their|its) "
                           r"(?:[\w\-'’]+ ){0,3}?[\w\-'’]+(?= that\b)|"
                           r"(?:in|on|during|at) (?:a|an|the|his|her|their|its) (?:[\w\-]+ ){0,3}"
                           r"(?:interview|essay|statement|letter|post|article|report|op-ed|speech|memo|"
                           r"book|column|tweet|video|email|paper|study|briefing|conference|testimony|"
                           r"hearing|podcast|broadcast|blog|filing|message|meeting|call|session))\b,?)*", re.I)
INTRO = re.compile(r"^(?:In|On|At|During|After|Before|Since|While|Although|Though|Despite|When|As|"
                   r"Following|Speaking|Asked|Earlier|Later|Today|Yesterday|Last|However|Meanwhile|"
                   r"But|And|Still|Yet|Instead|Separately|Similarly|Moreover)\b[^,]*,\s*")
SUBORDINATE = re.compile(r"^(?:While|Although|Though|As|Because|Since|If|When|Whereas|Even though|"
                         r"Despite|After|Before)\b[^,]*,\s*")
_CAP = r"(?:[A-Z][a-z]{0,2}\.(?=\s+[A-Z])|[A-ZÀ-ÖØ-ÞŁŚŹŻŽČŠŘĆ][\w’'\-]*)"
_RUN = rf"(?:(?:The|the)\s+)?{_CAP}(?:[ \t]+(?:(?:de|da|del|van|von|bin|al|la|le|of|for|the|and|&)\s+)*(?:al-)?{_CAP})*"
_GROUP = (r"(?:(?:[A-Z][\w.]*|some|many|most|other|several|senior|two|three|four|five|independent|"
          r"western|local|military|government|security|intelligence|health|defen[cs]e|foreign|"
          r"administration|company|police|white house|"
          # any other lowercase modifier ("state officials"), but not a conjunction or article
          r"(?!(?:but|and|or|nor|that|which|who|as|while|the|a|an|of|to|in|on|with|by|for|if|when|"
          r"where|whom|whose|what|how|why|after|before|since|until|than|then|also|only|even|just|"
          r"not|now|from|into|over|under|about|at|said|says|say|told|there|here|its|their|his|her|"
          r"because|although|though|so|yet|some)\b)[a-z][a-z\-]{2,})\s+)*(?i:" + "|".join(sorted(GROUP_NOUNS)) + r")")
_ORG_NP = (r"(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[a-z]+\s+){0,3}(?:company|ministry|government|department|agency|police|army|military|council|"
           r"board|firm|group|campaign|committee|court|school|university|hospital|union|party|"
           r"administration|embassy|office|club|team|league|bank|regulator|prosecutors?|"
           r"authorities|authority|commission|charity|airline|manufacturer|retailer|developer|operator|"
           r"owner|landlord|insurer|utility|hospital trust|school board|opposition|treasury|"
           r"ministry|cabinet|presidency|palace|kremlin|pentagon|white house|state department)")
# "the governor's office said", "Putin's spokesman said"
_POSSESSIVE_NP = (r"(?:[Tt]he\s+(?:[a-z]+\s+){0,2}[a-z]+|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)['’]s\s+(?:[a-z]+\s+)?(?:office|spokesman|"
                  r"spokeswoman|spokesperson|ministry|government|lawyers?|attorneys?|campaign|team|family|"
                  r"aides?|press secretary|representatives?|administration|department)")
_ROLE_NP = (r"[Tt]he (?:judge|mayor|governor|senator|minister|president|prime minister|secretary|"
            r"chief executive|ceo|chair|chairman|chairwoman|director|commissioner|ambassador|sheriff|"
            r"coach|manager|head teacher|headteacher|principal|professor|scientist|researcher|"
            r"councilman|councilwoman|lawyer|attorney)")
_UNNAMED = _ROLE_NP + r"|" + _POSSESSIVE_NP + r"|" + _ORG_NP + r"|" + (r"(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Ss]everal)\s+"
            r"(?:[A-Z][\w\-]*(?:\s+(?:for|of|and|on)\s+[A-Z][\w\-]*|\s+[A-Z][\w\-]*)*\s+|\w+\s+)?(?:spokesman|spokeswoman|spokesperson|official|source|statement|"
            r"report|analyst|expert|diplomat|study|survey|memo|letter|filing|aide|person|people|"
            r"review|poll|analysis|investigation|inquiry|audit|paper|researchers|observer|witness|"
            r"resident|voter|worker|employee|lawyer|doctor|teacher|member|official|executive|"
            r"investigator|prosecutor|adviser|advisor|insider|source|diplomat|"
            r"officials|sources)s?"
            r"(?:\s+(?:for|from|at|with|of|in|by|familiar with|close to|briefed on)\s+(?:the\s+)?"
            r"(?:\d{1,3}(?:,\d{3})+|[\w’'\- ])+?)?")
_GROUP_AT = _GROUP + r"(?:\s+who\s+[a-z][\w\- ]{2,60}?|\s+(?:at|from|with|for|of|in|familiar with|close to|briefed on)\s+(?:the\s+)?[\w\-]+(?:\s+[\w\-]+){0,3}?)?"
# "the newspaper", "the agency": an outlet named earlier, to be resolved like a pronoun
DOCUMENT_ANAPHORA = re.compile(r"^the (?:documents?|reports?|study|studies|data|figures|survey|records|"
                               r"filings?|memo|statement|analysis|review|research)$", re.I)
OUTLET_ANAPHORA = re.compile(r"^the (?:newspaper|paper|outlet|news agency|broadcaster|network|"
                             r"tracker|website|site|magazine|daily|channel|publication)$", re.I)
SUBJECT_AT_END = re.compile(rf"(?:^|(?<=[\s(]))(?P<np>{_UNNAMED}|{_GROUP_AT}|{_RUN}|[Tt]he (?:newspaper|paper|outlet|agency|news agency|broadcaster|network|tracker|website|site|magazine|daily|channel|publication)|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e)$")
SUBJECT_AT_START = re.compile(rf"^(?P<np>{_UNNAMED}|{_GROUP}|{_RUN}|He|She|They|It|I|We)\b")
# 'quote,' said union leader Grace Okafor: a lowercase role before the name
INVERTED_ROLE = re.compile(rf"^(?:(?:the|a|an)\s+)?(?:[a-z\-]+\s+){{1,3}}(?P<np>{_CAP}(?:\s+{_CAP}){{1,3}})")
PASSIVE_BY = re.compile(rf"\b(?:is|was|were|are|has been|have been|had been)\s+(?:\w+ly\s+)?"
                        rf"(?P<verb>accused|criticised|criticized|blamed|described|called|labelled|labeled)"
                        rf"\s+(?P<what>[^.;]{{3,160}}?)\s+by\s+(?P<np>{_RUN}|{_GROUP})(?=[,.;]|\s*$)")
WITH_X = re.compile(rf"\bwith\s+(?P<np>{_GROUP}|{_RUN})\s+(?P<verb>{'|'.join(PARTICIPLES)})\b")
_NOT_ROLE = r"(?:\d{1,3}|(?:who|which|whose|where)\b[^,]{2,120}|[a-z]+ing\b[^,]{2,80})"
NOT_ROLE_APPOSITIVE = re.compile(rf"^(?P<head>.*?\S),\s*{_NOT_ROLE},$")
NOT_ROLE_TAIL = re.compile(rf",\s*{_NOT_ROLE}$")
# "according to figures published by NHS England": the source is who published them
SOURCE_OF = re.compile(r"^(?:the\s+|new\s+|official\s+|latest\s+)*(?:figures|data|a report|reports|a study|"
                       r"a survey|documents|records|a statement|estimates|a poll|polls|research|an analysis|"
                       r"a review|statistics)\s+(?:\w+\s+)?(?:by|from|in|of)\s+(?P<np>.+)$", re.I)
TIME_TAIL = re.compile(r"\s+(?:on|last|this|in|earlier)\s+\w+(?:\s+\w+)?$")
ACCORDING = re.compile(rf"\b[Aa]ccording to\s+(?P<np>{_UNNAMED}|{_GROUP}|{_RUN}|[\w’'\- ]+?)(?=[,.;:]|\s*$)")
PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None, "i": None, "we": None}
NOT_SPEAKERS = {"it", "this", "that", "there", "which", "who", "what", "its", "their", "his", "her",
                "these", "those", "i", "we", "you", "the", "a", "an", "some", "many", "most", "all",
                "both", "each", "such", "other", "another"}


@dataclass
class _Candidate:
    mention: str            # subject as written
    verb: str
    content: str
    start: int              # content offsets into the full text
    end: int
    direct: bool


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
                resolved = _they(c, s, found)
            else:
                one = _resolve(c, s, people, recent, found, before[-2:], text[max(0, s.start - 20000):s.start])
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


def _candidates(text: str, s: Sentence, quotes) -> list[_Candidate]:
    out: list[_Candidate] = []
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
        out.append(_Candidate(mention, verb, body[c0:c1], s.start + c0, s.start + c1, direct))
        taken.append((min(pos, c0), max(pos, c1)))

    for m in ACCORDING.finditer(body):
        if inside(m.start()):
            continue
        if m.start() < 3 or body[:m.start()].rstrip().endswith(("," , ";")) and m.start() > 10:
            pre = body[:m.start()].rstrip(" ,;")
            pre = SUBORDINATE.sub("", pre) if SUBORDINATE.match(pre) and "," in pre else pre
            c0 = len(body[:m.start()].rstrip(" ,;")) - len(pre)
            if m.start() < 3:
                c0, c1 = m.end(), len(body)
            else:
                c1 = len(body[:m.start()].rstrip(" ,;"))
            add(_according_source(m.group("np")), "according to", c0, c1, m.start())
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
                    and len(pre.split()) >= 4:
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
                    r"[A-Z][\w\-]*['’]s\s+[a-z][^,]{2,100}),$", pre)
    if app:
        pre, role = app.group("head"), app.group("app")
        if re.match(r"(?:who|which|whose|where|when|whom)\b", role):
            role = None
        else:
            # "a nutrition researcher at X who was not involved": the role stops at the clause
            role = re.split(r"\s+(?:who|which|whose|that)\s", role)[0]
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
    m = SUBJECT_AT_START.match(rest)
    return m.group("np") if m else None


# "Privacy advocate Max Schrems ...": a job in lowercase between the opening word and the name
TITLED_NAME_AT_START = re.compile(
    r"^[A-Z][\w\-]*\s+(?:[a-z][\w\-]*\s+){0,2}(?:" + "|".join(sorted(w for w in TITLE_WORDS if w.isalpha()))
    + r")\s+(?P<np>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)+)")
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
    return bool(re.match(r"\s*(?:$|[,.;]|(?:on|in|at|last|this)\s+\w+\s*(?:$|[,.;])|as\b|when\b|after\b|"
                         r"before\b|while\b|because\b|(?:(?:in|on|to|at|with|from|during|for)\s+"
                         r"(?:[\w'’\-]+\s*){1,5})+[.,;]?\s*$)", tail))


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
    m = re.match(r"\s*that\b", tail)
    if m:
        start = j + m.end()
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


def _they(c: _Candidate, s: Sentence, found: list[Attribution]) -> list[Attribution]:
    """'They argued ...' after two named speakers of one sentence, or after a group that spoke:
    all of them, so that no question offers one of them as a wrong answer."""
    last = [a for a in found[-10:] if 0 < s.id - a.sentence <= 1]
    if not last:
        return []
    people = [a for a in last if a.kind == "person" and a.sentence == last[-1].sentence]
    speakers = people if len(people) >= 2 else [a for a in last[-1:] if a.kind in ("group", "organisation")]
    mode = "direct" if c.direct else "indirect"
    return [Attribution(a.speaker, a.role, c.content, mode, s.id, c.verb, a.kind, c.start, c.end, "pronoun")
            for a in speakers]


def _resolve(c: _Candidate, s: Sentence, people: dict[str, Person], recent: list[Attribution],
             found_so_far: list[Attribution], sentences_before: list[Sentence],
             earlier_text: str = "") -> Attribution | None:
    mention = re.sub(r"(?<=[a-z0-9]{3})\.$", "", c.mention.strip())
    role_note = None
    if ", " in mention and mention.endswith(","):
        mention, role_note = mention[:-1].split(", ", 1)
    low = mention.lower()
    if DOCUMENT_ANAPHORA.match(mention):
        # "the documents show", after "according to court documents": the same documents
        head = mention.lower().split()[-1]
        doc = next((a for a in reversed(found_so_far[-20:]) if a.kind == "document"
                    and a.speaker.lower().split()[-1] == head), None)
        if doc is not None:
            return Attribution(speaker=doc.speaker, role=doc.role, content=c.content,
                               mode="direct" if c.direct else "indirect", sentence=s.id, cue=c.verb,
                               kind="document", start=c.start, end=c.end)
    if OUTLET_ANAPHORA.match(mention):
        outlet = next((a for a in reversed(found_so_far) if a.kind == "outlet"), None)
        if outlet is None:
            return None
        return Attribution(speaker=outlet.speaker, role=outlet.role, content=c.content,
                           mode="direct" if c.direct else "indirect", sentence=s.id, cue=c.verb,
                           kind="outlet", start=c.start, end=c.end)
    if low in PRONOUNS:
        want = PRONOUNS[low]
        if low in {"i", "we", "it"}:
            return None
        if low == "they":
            return None
        pool = [a for a in reversed(recent) if s.id - a.sentence <= 4]
        person = next((a for a in pool if _gender(a, people) in (want, None)), None)
        mentioned = _mentioned_before(s, people, want, sentences_before)
        if mentioned and (person is None or mentioned[1] > person.sentence):
            speaker, role, kind = mentioned[0].name, mentioned[0].role, "person"
            sure = mentioned[0].gender == want
        elif person is not None:
            speaker, role, kind = person.speaker, person.role, "person"
            sure = _gender(person, people) == want
        else:
            return None
        how = "pronoun" if sure else "guess"
    elif ROLE_ANAPHORA.match(mention) and _by_role(mention, people, sentences_before):
        # "the judge rejected ...": the person the article introduced with that title
        p = _by_role(mention, people, sentences_before)
        speaker, role, kind, how = p.name, p.role, "person", "anaphora"
    elif ORG_ANAPHORA.match(mention) and _recent_org(mention, found_so_far, s):
        org = _recent_org(mention, found_so_far, s)
        speaker, role, kind, how = org.speaker, org.role, org.kind, "anaphora"
    elif _same_head(mention, found_so_far, s):
        # "the spokesperson said", after "A Department for Education spokesperson said"
        same = _same_head(mention, found_so_far, s)
        speaker, role, kind, how = same.speaker, same.role, same.kind, "anaphora"
    else:
        by = DOCUMENT_BY.match(mention)
        if by:
            # "a survey of members published by the union last month": the union speaks
            mention = TIME_TAIL.sub("", by.group("by")).strip()
            org = _named_org(mention, earlier_text + " " + s.text)
            if org:
                mention = org
        speaker, role, kind = canonical(mention, people)
        how = "named" if speaker.split()[-1] in s.text or kind != "person" else "surname"
        if role_note and re.match(r"(?:of|from|at|with|in)\b", role_note) and role:
            role_note = None        # "Ken Abe, of the University of the West": the title says more
        role = role_note or role or (_role_before(s.text, mention) if kind == "person" else None)
        if kind == "person" and speaker in people and role_note and people[speaker].role is None:
            people[speaker].role = role_note
    if not speaker or speaker.lower() in NOT_SPEAKERS:
        return None
    mode = "direct" if c.direct else "indirect"
    return Attribution(speaker=speaker, role=role, content=c.content, mode=mode, sentence=s.id,
                       cue=c.verb, kind=kind, start=c.start, end=c.end, resolved=how)


ROLE_ANAPHORA = re.compile(r"^[Tt]he (?:judge|mayor|governor|senator|minister|president|prime minister|"
                           r"secretary|spokesman|spokeswoman|spokesperson|chief executive|ceo|chair|"
                           r"chairman|chairwoman|director|commissioner|ambassador|prosecutor|sheriff|"
                           r"coach|manager|head teacher|headteacher|principal|professor|scientist|"
                           r"researcher|analyst|economist|councilman|councilwoman|lawyer|attorney)$")
ORG_ANAPHORA = re.compile(r"^[Tt]he (?:agency|company|firm|ministry|department|union|council|commission|"
                          r"board|group|organisation|organization|government|administration|"
                          r"authority|office|committee|institute|university|party|bank|charity)$")


DOCUMENT_BY = re.compile(r"^(?:an?|the|new|latest)?\s*(?:[\w\-]+\s+){0,2}(?:survey|report|study|poll|review|"
                         r"analysis|letter|statement|audit)\b.*?\b(?:published|released|conducted|"
                         r"commissioned|carried out|issued|written|signed)\s+by\s+(?P<by>.+)$", re.I)


def _named_org(mention: str, text: str) -> str | None:
    """'the union' -> 'National Union of School Staff' when the text named one earlier."""
    m = re.match(r"^[Tt]he\s+([a-z]+)$", mention)
    if not m:
        return None
    head = m.group(1).capitalize()
    names = re.findall(rf"\b(?:[A-Z][\w&\-]*\s+)*{head}(?:\s+(?:of|for|and)\s+(?:[A-Z][\w&\-]*\s*)+)?", text)
    names = [n.strip() for n in names if len(n.split()) > 1]
    return names[-1] if names else None


def _same_head(mention: str, found: list[Attribution], s: Sentence) -> Attribution | None:
    m = re.match(r"^[Tt]he\s+([a-z]+)$", mention)
    if not m:
        return None
    for a in reversed(found[-10:]):
        if s.id - a.sentence > 5:
            break
        if a.speaker.lower().split()[-1] == m.group(1) and a.speaker.lower() != mention.lower():
            return a
    return None


def _by_role(mention: str, people: dict[str, Person], before: list[Sentence]) -> Person | None:
    """The one person whose title holds the word ("the judge" -> Judge Ellen Park)."""
    word = mention.split(" ", 1)[1].lower()
    found = {p.name: p for p in people.values() if p.role and word in p.role.lower()}
    return next(iter(found.values())) if len(found) == 1 else None


def _recent_org(mention: str, found: list[Attribution], s: Sentence) -> Attribution | None:
    """'the agency said', just after NASA spoke: the organisation that spoke last, nearby."""
    for a in reversed(found[-10:]):
        if s.id - a.sentence > 4:
            break
        if a.kind in ("organisation", "outlet") and a.speaker.lower() != mention.lower():
            return a
    return None


ROLE_BEFORE = re.compile(r"((?:[A-Za-z][\w\-]*\s+){0,2}(?:" + "|".join(sorted(
    w for w in __import__("questions.names", fromlist=["TITLE_WORDS"]).TITLE_WORDS
    if w.isalpha() and len(w) > 3)) + r"))\s+$")


def _role_before(sentence: str, mention: str) -> str | None:
    """'Shipping analyst Priya Raman', 'union leader Grace Okafor': a lowercase title before a name."""
    at = sentence.find(mention)
    m = ROLE_BEFORE.search(sentence[:at]) if at > 0 else None
    if not m:
        return None
    role = m.group(1).strip()
    words = role.split()
    while words and words[0].lower() in {"said", "says", "told", "and", "but", "with", "by", "according", "to"}:
        words = words[1:]
    return " ".join(words) or None


def _mentioned_before(s: Sentence, people: dict[str, Person], want: str | None,
                      sentences_before: list[Sentence]) -> tuple[Person, int] | None:
    """The person a he/she most likely means: the last one named in the two sentences before."""
    for prev in reversed(sentences_before[-2:]):
        if prev.paragraph != s.paragraph and prev is not sentences_before[-1]:
            break
        hits = []
        for m in NAME_RUN.finditer(prev.text):
            for token_run in (m.group(), m.group().split()[-1]):
                person = people.get(split_title(token_run)[1])
                if person and (person.gender in (want, None) or want is None):
                    hits.append((m.start(), person))
                    break
        if hits:
            # the subject: the first named in the sentence
            return min(hits, key=lambda h: h[0])[1], prev.id
    return None


def _gender(a: Attribution, people: dict[str, Person]) -> str | None:
    p = people.get(a.speaker)
    if p and p.gender:
        return p.gender
    return gender_of(a.speaker.split()[0], a.role or "")


def _continue_quotes(text: str, sentences: list[Sentence], quotes, found: list[Attribution]) -> list[Attribution]:
    """A quote running over several sentences, or resumed after 'she said.', keeps its speaker."""
    by_id = {s.id: s for s in sentences}
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.paragraph, []).append(s)
    have = {a.sentence for a in found}
    extra: list[Attribution] = []
    for a in _growing(found, extra):
        if a.mode != "direct":
            continue
        para = by_id[a.sentence].paragraph
        for q0, q1 in quotes.get(para, ()):
            if not (q0 <= a.start < q1 or a.start <= q0 < a.end):
                continue
            for s in by_para[para]:
                if s.id != a.sentence and s.start < q1 and s.end > q0 and s.id not in have:
                    qa, qb = max(q0, s.start), min(q1, s.end)
                    extra.append(Attribution(a.speaker, a.role, text[qa:qb], "direct", s.id, a.cue, a.kind, qa, qb,
                                             a.resolved))
                    have.add(s.id)
        # the next sentence of the same paragraph opening with a quote of its own
        nxt = by_id.get(a.sentence + 1)
        src = by_id.get(a.sentence)
        if nxt and src and nxt.paragraph == src.paragraph and nxt.id not in have and nxt.kind == "text":
            qs = _quotes_in(quotes.get(nxt.paragraph, ()), nxt.start, nxt.end)
            if qs and qs[0][0] == nxt.start:
                qa, qb = qs[0]
                extra.append(Attribution(a.speaker, a.role, text[qa:qb], "direct", nxt.id, a.cue, a.kind, qa, qb,
                                         a.resolved))
                have.add(nxt.id)
    return found + extra


def _growing(first: list, more: list):
    """Iterate over `first`, then over whatever is appended to `more` meanwhile."""
    yield from first
    i = 0
    while i < len(more):
        yield more[i]
        i += 1
