"""The engine's language as data: reporting verbs and their classes, by base form.

Adding a verb is one line: write its base form in the class it belongs to, and every inflection the
engine reads ("stress", "stresses", "stressed", "stressing") is generated. A base form that is also a
common noun ("post", "reply", "tweet") is marked with a trailing "!", and only its verb-only forms
("posted", "posting") are generated, so "a blog post said" is no speech. An irregular past is written
after a slash ("say/said"), a past participle after a second one ("write/wrote/written").

speech.py and claims.py build their patterns from these lists; names.py holds the lists of titles,
outlets and groups.
"""
from __future__ import annotations

import re

# Every verb that introduces reported speech or a source's finding.
REPORTING = """
say/said  state  tell/told  write/wrote/written  note  add  warn  argue  believe  suggest  deny
acknowledge  admit/admitted  report  mention  claim  insist  explain  announce  confirm  cite  assert
contend  maintain  predict  estimate  recall  emphasize  emphasise  stress  observe  conclude
think/thought  declare  reveal!  disclose!  concede  counter!  respond!  reply!  urge  vow
promise!  hint!  attribute  testify  tweet!  post!  allege  accuse  expect  fear  hope  doubt
question  reject  call  describe  label/labelled  label/labeled  agree  caution  blame  find/found  show
dispute  contest  pledge  comment  express  reason!  theorize  theorise  propose  ask  rule!
point out
"""
# The classes a reporting verb can belong to (a verb may be in several).
OPINION = """believe think/thought suggest argue contend predict expect fear hope doubt warn estimate
call label/labelled label/labeled"""
ADMIT = "acknowledge admit/admitted concede confirm announce"
DENY = "deny reject dismiss refute dispute contest"
ACCUSE = "accuse allege blame"
REQUEST = "ask urge request appeal propose express call on"
PROMISE = "pledge promise vow urge threaten"
# verbs that take a plain noun phrase as what was said ("denied the reports")
TAKES_OBJECT = """accuse acknowledge admit/admitted allege announce ask attribute blame call cite confirm
contest deny describe dispute express label/labelled label/labeled predict propose question reject suggest
urge"""
# verbs that may introduce a clause without "that" ("he said he would", "analysts warn if ...")
TAKES_CLAUSE = """say/said add argue believe claim comment explain expect fear find/found hope insist note
observe reason! show state suggest tell/told theorize theorise think/thought warn write/wrote/written"""
# verbs whose object may be a gerund ("reported picking up faint signals")
TAKES_GERUND = "report describe recall admit/admitted deny acknowledge suggest"
# participles that continue a sentence's speaker ("..., adding that ...")
CONTINUING = """state say/said note add warn argue suggest claim insist explain write/wrote/written tell/told
label/labelled label/labeled call describe deny acknowledge declare accuse urge predict assert"""

_ES = re.compile(r"(?:s|sh|ch|x|z|o)$")


def forms(spec: str) -> frozenset[str]:
    """Every inflection of every base form in a spec (whitespace-separated; see the module doc)."""
    out: set[str] = set()
    entries = re.findall(r"\S+(?:\s+(?:out|on|up))?", spec)
    for entry in entries:
        out |= _inflect(entry)
    return frozenset(out)


def _inflect(entry: str) -> set[str]:
    noun_too = entry.split()[0].endswith("!")
    entry = entry.replace("!", "")
    head, *particle = entry.split()
    tail = (" " + particle[0]) if particle else ""
    base, *irregular = head.split("/")
    past = irregular[0] if irregular else _past(base)
    participle = irregular[1] if len(irregular) > 1 else past
    ing = _ing(base, past)
    verb_only = {past + tail, participle + tail, ing + tail}
    if noun_too:
        return verb_only
    return verb_only | {base + tail, _third(base) + tail}


def _third(base: str) -> str:
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + ("es" if _ES.search(base) else "s")


def _past(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ied"
    return base + "ed"


def _ing(base: str, past: str) -> str:
    if past.endswith(("tted", "lled")) and not base.endswith(("tt", "ll")):
        return past[:-2] + "ing"          # admitted -> admitting, labelled -> labelling
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    return base + "ing"
