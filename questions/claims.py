"""How the article presents each point: confirmed, reported, unknown, opinion, denied or alleged.

The cue words follow what a student is taught (docs/CONTRACT.md): the article's own voice is
confirmed unless a hedge, a source, a denial, an accusation or an admission of ignorance says
otherwise. A sentence whose clauses differ carries one claim per status.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import ACCUSE, ADMIT, DENY, OPINION, forms
from .model import Attribution, Claim, Sentence

UNKNOWN = re.compile(
    r"\b(?:(?:is|are|was|were|remains?|remained|still)\s+(?:still\s+)?(?:unclear|unknown|uncertain|"
    r"unverified|unconfirmed|not known|not clear)|it is not clear|it was not clear|it is unclear|"
    r"it remains to be seen|remains to be seen|could not (?:be )?(?:independently )?(?:verif|confirm)\w*|"
    r"cannot (?:be )?(?:independently )?(?:verif|confirm)\w*|has not been (?:independently )?"
    r"(?:verified|confirmed)|have not been (?:independently )?(?:verified|confirmed)|"
    r"not yet known|unclear (?:whether|how|why|when|if|what|who)|"
    r"no one knows|nobody knows|unknown|(?:has|have|had) never been (?:disclosed|made public|confirmed)|"
    r"(?:has|have|had) not been (?:disclosed|made public)|was not disclosed|were not disclosed|undisclosed|"
    r"too early to (?:say|tell|know)|(?:did|does|do) not (?:yet )?know (?:whether|when|how|why|what|who|if)|"
    r"(?:didn't|doesn't|don't) know (?:whether|when|how|why|what|who|if)|"
    r"(?:has|have|had) not (?:yet )?(?:identified|named|explained|revealed|said (?:whether|when|how|why|what|who))|"
    r"did not say (?:exactly )?(?:whether|when|how|why|what|who)|(?:has|have|had) not (?:yet )?(?:been )?(?:independently )?"
    r"(?:confirmed|verified|established|determined)|(?:did|does|do|would|could) not (?:independently )?"
    r"(?:confirm|verify)|declined to (?:confirm|verify)|not (?:been )?independently (?:confirmed|verified))\b", re.I)
DENIED = re.compile(r"\b(?:denied|denies|deny|denying|denial|disputed|disputes|contested|"
                    r"pleaded not guilty|pleads not guilty|plead not guilty|pled not guilty|rejected (?:the |these |those )?"
                    r"(?:claims?|reports?|allegations?|accusations?)|dismissed (?:the |these )?"
                    r"(?:claims?|reports?|allegations?)|refuted|refutes|(?:allegation|accusation|claim|"
                    r"charge)s?\s+(?:that\s+)?[\w’' ]{0,40}?(?:rejected|denied|dismissed))\b(?!-)", re.I)
ALLEGED = re.compile(r"\b(?:allegedly|alleges?|alleging|accused of|accuses|accusing|accusations?|"

                     r"allegations?|is suspected of|are suspected of|were suspected of|"
                     r"was suspected of|purported(?:ly)?)\b", re.I)
ALLEGED_ADJ = re.compile(r"\balleged\s+(?=[a-z])", re.I)
REPORTED = re.compile(r"\b(?:reportedly|is said to|are said to|was said to|were said to|"
                      r"it is understood|is understood to|are understood to|it is believed|it is thought|"
                      r"according to|reports? (?:say|said|suggest)|it was reported|it is reported|"
                      r"purportedly|sources said|officials said)\b", re.I)
HEDGE = re.compile(r"\b(?:may|might|could|would|likely|unlikely|possibly|perhaps|probably|potentially|"
                   r"appears? to|appeared to|seems? to|seemed to|should|expected to|suggests?|suggested|"
                   r"believes?|believed|thinks?|arguably|predicts?|forecasts?|speculat\w+|"
                   r"it is possible|in conclusion|complex|significant blow|silver lining|"
                   r"clear sign)\b")
# "so the city could lobby the state": a purpose, not a hedge
PURPOSE = re.compile(r"\bso (?:that )?(?:\w+ ){0,3}(?:could|would|can|might|may)\b")
# The verbs of each kind of statement, every inflection generated from the lexicon's base forms.
OPINION_VERBS = forms(OPINION)
ADMIT_VERBS = forms(ADMIT)
DENY_VERBS = forms(DENY)
ACCUSE_VERBS = forms(ACCUSE)
# --- cues that make a second status defensible (read by defensible_statuses and the gate) ---
NEGATION = re.compile(r"\b(?:not|never|no|n't|nothing|none|neither|nor)\b|n’t\b", re.I)
# accusations of crime in the article's own voice: "are undergoing trial for", "charged with"
LEGAL = re.compile(r"\b(?:(?:on|undergoing|stand|standing|face|faces|facing|went on) trial|"
                    r"charged with|(?:was|were|been|is|are|be)\s+(?:\w+\s+)?charged\b|indicted|prosecuted|prosecution|suspected of|convicted|"
                    r"manslaughter|murder|fraud charges?)\b", re.I)
DISPUTE = re.compile(r"\b(?:dispute|disputes|disputed)\b(?!-)", re.I)
BLAME = re.compile(r"\b(?:blam(?:e|es|ed|ing)|accus(?:e|es|ed|ing))\b", re.I)
ADMIT = re.compile(r"\b(?:admit(?:s|ted|ting)?|acknowledg(?:e|es|ed|ing)|conced(?:e|es|ed|ing)|confess\w*)\b", re.I)
# the article's own evaluation beside a plain fact: the sentence is also, in part, opinion
EVALUATIVE = re.compile(r"\b(?:one of the (?:most|best|largest|biggest|greatest|worst)|most (?:popular|important|"
                         r"famous|successful|significant|influential)|tremendous|fantastic|amazing|remarkable|"
                         r"impressive|stunning|excellent|wonderful|terrible|spectacular|historic|controversial|"
                         r"brilliant|outstanding|disappointing|unfortunate|famous for)\b", re.I)
ESTIMATE = re.compile(r"\bestimat(?:e|es|ed|ing)\b", re.I)
QUOTE = re.compile(r"[\"“”]")
# a cue inside a coordinate or relative clause: the rest of the sentence is the article's own
# ("..., and the navy reportedly saved 200 more", "which, according to AFP, ..."); a trailing
# ", according to Reuters." governs the whole sentence and is no partial cue
PARTIAL_CUE = re.compile(r"(?:\bwhich|\bwho|\band|\bbut|\bwhile|\bafter|\bbecause|\bas)[\s,]+(?:\w+\s+){0,3}?"
                          r"(?:reportedly|according to|allegedly|is said to|are said to|was said to)\b", re.I)
# Whose statements are analysis: a researcher reporting results or an author is not (yet) opinion
ANALYST_ROLE = re.compile(r"\b(?:analyst|expert|commentator|economist|columnist|critic|strategist|"
                          r"pundit)s?\b", re.I)
# The prosecution's account of a defendant is an accusation until proven
QUOTED_FACT = re.compile(r"\d|\b(?:was|were) told\b|\b(?:have|has|had) been\b|\b(?:yesterday|last (?:week|month|year))\b")
# Groups whose statements are judgements by definition ("critics say the plan was rushed")
CRITICS = re.compile(r"\b(?:critics|opponents|supporters|sceptics|skeptics|detractors|defenders)\b", re.I)
PREDICTION = re.compile(r"\b(?:could|may|might|likely|unlikely|possibly|probably)\b")
ACCUSER = re.compile(r"\b(?:prosecutors?|the prosecution|plaintiffs?|the lawsuit|the indictment|"
                     r"the complaint|the charges?)\b", re.I)
JUDGEMENT = re.compile(r"\b(?:can do little|can't|cannot|could|would|might|may|will|won't|should|"
                       r"must|likely|unlikely|I think|I believe|we believe|we expect|I expect|we hope|"
                       r"to be blunt|clearly|"
                       r"obviously|probably|perhaps|best|worst|too|very|never|always)\b", re.I)


def classify_claims(text: str, sentences: list[Sentence], attributions: list[Attribution]) -> list[Claim]:
    """One claim per body sentence, two where a clause has a status of its own."""
    by_sentence: dict[int, list[Attribution]] = {}
    for a in attributions:
        by_sentence.setdefault(a.sentence, []).append(a)
    claims: list[Claim] = []
    for s in sentences:
        if s.kind not in ("text", "title", "caption"):
            continue            # a headline and a caption make claims too; no question is asked of them
        main = _claims_for(s, by_sentence.get(s.id, []))
        claims += main + _also_carried(s, by_sentence.get(s.id, []), main)
    return claims


def _also_carried(s: Sentence, atts: list[Attribution], main: list[Claim]) -> list[Claim]:
    """The other statuses a careful reader could defend for the sentence, after its main ones:
    a judgement quoted from a source is reported and opinion, a report of a party's own act is also
    confirmed, an evaluation beside a fact makes the sentence partly opinion. Status questions never
    offer one of these as a wrong answer."""
    strong, weak = defensible_statuses(s.text, atts)
    also = strong | weak - {"evaluative"}
    if evaluative(s.text):
        also.add("opinion")
    have = {c.status for c in main}
    source = atts[0].speaker if atts else None
    return [Claim(s.id, status, None, source if status in ("reported", "opinion") else None, also=True)
            for status in sorted(also - have, key=lambda st: _PRIORITY[st])]


def _claims_for(s: Sentence, atts: list[Attribution]) -> list[Claim]:
    body = s.text
    out: list[Claim] = []

    def add(status, cue, source, m=None):
        if any(c.status == status for c in out):
            return
        start, end = (s.start + m.start(), s.start + m.end()) if m is not None else (-1, -1)
        out.append(Claim(s.id, status, cue, source, start, end))

    m = UNKNOWN.search(body)
    late_unknown = None
    in_quote = m is not None and any(a.start <= s.start + m.start() < a.end for a in atts)
    if m and atts and (m.start() >= len(main_clause(body)) or in_quote):
        # "alleged ..., though he did not say how he knew", or "It said there was no evidence":
        # the attribution leads; what is unknown is the source's word, not the article's
        late_unknown = m
    elif m:
        add("unknown", m.group(0), None, m)
    m = _denial(body)
    if m:
        denier = next((a for a in atts if (a.cue or "").lower() in DENY_VERBS), None)
        add("denied", m.group(0), denier.speaker if denier else _subject_of(body, m.start()), m)
    m = ALLEGED.search(body)
    if m:
        add("alleged", m.group(0), None, m)
    for a in atts:
        cue = (a.cue or "").lower()
        if cue in ADMIT_VERBS:
            add("confirmed", a.cue, a.speaker)
        elif cue in ACCUSE_VERBS or ACCUSER.search(a.speaker):
            add("alleged", a.cue, a.speaker)
        elif cue in OPINION_VERBS and a.kind in ("person", "group", "organisation") or _is_judgement(a):
            add("opinion", a.cue, a.speaker)
        elif cue in DENY_VERBS:
            continue
        else:
            add("reported", a.cue, a.speaker)
    m = REPORTED.search(body)
    if m and not any(c.status == "reported" for c in out):
        add("reported", m.group(0), None, m)
    if not atts:
        m = HEDGE.search(main_clause(PURPOSE.sub(" ", body)))
        if m and not out:
            add("opinion", m.group(0), "the article", m)
    if not out:
        add("confirmed", None, None)
    out = _order(out)
    if late_unknown is not None:
        add("unknown", late_unknown.group(0), None, late_unknown)
    m = ALLEGED_ADJ.search(body)
    if m and not any(c.status == "alleged" for c in out):
        # "strikes on alleged drug-trafficking vessels": the strikes are the sentence's point, the
        # label a clause of its own, so it comes second
        add("alleged", "alleged", None, m)
    return out


def main_clause(body: str) -> str:
    """The sentence up to its first relative or conditional clause: 'goods that could face
    countermeasures' hedges the goods' fate, not the fact that a list was published."""
    m = re.search(r"(?:,\s*|\s)(?:that|which|who|whose|if|unless|although|though|because)\s", body[20:])
    return body[:20 + m.start()] if m else body


def _denial(body: str) -> re.Match | None:
    """A denial, not "the disputed border" or "their contested claim" (adjectives)."""
    for m in DENIED.finditer(body):
        if re.match(r"(?:disputed|contested)$", m.group(0), re.I) and \
                re.search(r"\b(?:the|a|an|their|its|his|her|our|two|three|hotly|long)\s+$", body[:m.start()], re.I):
            continue
        return m
    return None


def _is_judgement(a: Attribution) -> bool:
    """An analyst's quote, or any quote that predicts or judges, is opinion rather than report."""
    if a.kind not in ("person", "group"):
        return False      # outlets, documents and organisations report; they are not quoted judging
    if a.role and ANALYST_ROLE.search(a.role) or a.kind == "group" and CRITICS.search(a.speaker):
        return True
    if PREDICTION.search(a.content):
        return True        # "said the benefit could shrink": a forecast, whoever makes it
    if a.mode != "direct":
        return False
    # A quotation is the speaker's own voice: in news it mostly carries a view ("It feels like the
    # decision was made before we walked in"); a quoted fact carries a number or a past event.
    words = a.content.strip(" \"'\u201c\u201d\u2018\u2019").split()
    return bool(JUDGEMENT.search(a.content)) or (len(words) >= 5 and not QUOTED_FACT.search(a.content))


def _subject_of(body: str, i: int) -> str | None:
    m = re.search(r"(?:with\s+)?([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*)\s+(?:\w+\s+){0,3}$", body[:i])
    return m.group(1) if m else None


_PRIORITY = {"denied": 0, "unknown": 1, "reported": 2, "opinion": 3, "alleged": 4, "confirmed": 5}


def _order(claims: list[Claim]) -> list[Claim]:
    """The sentence's main status first: what a status question about the whole sentence asks."""
    return sorted(claims, key=lambda c: (_PRIORITY[c.status], c.start))


def defensible_statuses(text: str, attributed: list[Attribution]) -> tuple[set[str], set[str]]:
    """(strong, weak): statuses a reader could defend for the sentence, read afresh from its cues.

    Strong cues name one status outright (allegedly, denied, unclear, reportedly); weak ones make a
    status arguable (a partial cue leaves the rest in the article's own voice, a negated report
    reads as a denial, an admission about oneself as confirmed, an estimate as report or opinion).
    """
    strong, weak = (set(x) for x in _text_cues(text))
    if attributed:
        weak.add("reported")
        if any(NEGATION.search(a.content or "") for a in attributed):
            weak.add("denied")
        if any(a.mode == "direct" for a in attributed) or QUOTE.search(text):
            weak.add("opinion")
    elif QUOTE.search(text):
        weak.update({"reported", "opinion"})     # someone's words whose speaker was not found
    return strong, weak


@lru_cache(maxsize=4096)
def _text_cues(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The part of defensible_statuses the words alone decide: read once per sentence, though the
    claims stage and the gate both ask."""
    strong: set[str] = set()
    weak: set[str] = set()
    if ALLEGED.search(text) or LEGAL.search(text) or BLAME.search(text):
        strong.add("alleged")
    if DENIED.search(no_hyphen_words(text)) or DISPUTE.search(text):
        strong.add("denied")
    if UNKNOWN.search(text):
        strong.add("unknown")
    if REPORTED.search(text):
        strong.add("reported")
    if PARTIAL_CUE.search(text):
        weak.add("confirmed")
    if ADMIT.search(text):
        weak.update({"confirmed", "reported"})
    if ESTIMATE.search(text):
        weak.update({"reported", "opinion"})
    if HEDGE.search(text):
        weak.add("opinion")
    if EVALUATIVE.search(text):
        weak.add("evaluative")
    return frozenset(strong), frozenset(weak)


def evaluative(text: str) -> bool:
    """The article's own evaluation ('one of the most popular', 'tremendous'), read once per sentence."""
    return "evaluative" in _text_cues(text)[1]


def no_hyphen_words(text: str) -> str:
    """'denial-of-service' is no denial: hyphenated compounds are read as one word."""
    return re.sub(r"\b\w+(?:-\w+)+\b", " ", text)
