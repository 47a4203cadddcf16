"""The grammar of reported speech in news copy: reporting verbs, the shapes a speaker's name
takes, and the adverbials between a verb and what was said. Shared by extraction and resolution."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import CONTINUING, PROMISE, REPORTING, TAKES_CLAUSE, TAKES_GERUND, TAKES_OBJECT, forms
from .names import GROUP_NOUNS

# The verb lists are the lexicon's (lexicon.py), every inflection generated from a base form.
_VERBS = sorted(f for f in forms(REPORTING) if not f.endswith("ing"))
VERB_RE = re.compile(r"\b(" + "|".join(sorted(set(_VERBS), key=len, reverse=True)) +
                     r")\b(?!\s+tanks?\b|-)")
PARTICIPLES = sorted(f for f in forms(CONTINUING) if f.endswith("ing"))
PART_RE = re.compile(r"\b(" + "|".join(PARTICIPLES) + r")\b")
# Verbs that also take a plain noun phrase as what was said ("denied the reports").
OBJECT_VERBS = forms(TAKES_OBJECT)
GERUND_VERBS = forms(TAKES_GERUND)
PROMISE_VERBS = forms(PROMISE)
# Verbs that may introduce a clause without "that" ("analysts warn if ...", "he said he would").
CLAUSE_VERBS = forms(TAKES_CLAUSE)
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
_CAP = r"(?:(?:[A-Z]\.){2,3}(?=\s+[A-Z])|[A-Z][a-z]{0,2}\.(?=\s+[A-Z])|[A-ZÀ-ÖØ-ÞŁŚŹŻŽČŠŘĆ][\w’'\-]*)"
_RUN = rf"(?:(?:The|the)\s+)?{_CAP}(?:[ \t]+(?:(?:de|da|del|van|von|bin|al|la|le|of|for|the|and|&)\s+)*(?:al-)?{_CAP})*"
_GROUP = (r"(?:(?:[A-Z][\w.]*|some|many|most|other|several|senior|two|three|four|five|independent|"
          r"western|local|military|government|security|intelligence|health|defen[cs]e|foreign|"
          r"administration|company|police|white house|"
          # any other lowercase modifier ("state officials"), but not a conjunction or article
          r"(?!(?:but|and|or|nor|that|which|who|as|while|the|a|an|of|to|in|on|with|by|for|if|when|"
          r"where|whom|whose|what|how|why|after|before|since|until|than|then|also|only|even|just|"
          r"not|now|from|into|over|under|about|at|said|says|say|told|there|here|its|their|his|her|"
          r"because|although|though|so|yet|some)\b)[a-z][a-z\-]{2,})\s+)*(?i:" + "|".join(sorted(GROUP_NOUNS)) + r")")
_ORG_NP = (r"(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[A-Za-z\-]+\s+){0,3}(?:company|ministry|government|department|agency|police|army|military|council|"
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
            r"councilman|councilwoman|lawyer|attorney|chief|police chief|fire chief|commander|"
            r"inspector|superintendent|detective)")
_UNNAMED = _ROLE_NP + r"|" + _POSSESSIVE_NP + r"|" + _ORG_NP + r"|" + (r"(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Ss]everal)\s+"
            r"(?:[A-Z][\w\-]*(?:\s+(?:for|of|and|on)\s+[A-Z][\w\-]*|\s+[A-Z][\w\-]*)*\s+|(?:\w+\s+){1,2})?(?:spokesman|spokeswoman|spokesperson|official|source|statement|"
            r"report|analyst|expert|diplomat|study|survey|memo|letter|filing|aide|person|people|"
            r"review|poll|analysis|investigation|inquiry|audit|paper|researchers|observer|witness|result|finding|"
            r"resident|voter|worker|employee|lawyer|doctor|teacher|member|official|executive|"
            r"investigator|prosecutor|adviser|advisor|insider|source|diplomat|poster|blogger|commenter|"
            r"officials|sources)s?"
            r"(?:\s+(?:for|from|at|with|of|in|by|familiar with|close to|briefed on)\s+(?:the\s+)?"
            r"(?:\d{1,3}(?:,\d{3})+|[\w’'\- ])+?)?(?:\s+who\s+[a-z][\w\- ]{2,70}?)?")
_GROUP_AT = _GROUP + r"(?:\s+who\s+[a-z][\w\- ]{2,60}?|\s+(?:at|from|with|for|of|in|familiar with|close to|briefed on)\s+(?:the\s+)?[\w\-]+(?:\s+[\w\-]+){0,3}?)?"
# "the newspaper", "the agency": an outlet named earlier, to be resolved like a pronoun
DOCUMENT_ANAPHORA = re.compile(r"^the (?:documents?|reports?|study|studies|data|figures|survey|records|"
                               r"filings?|memo|statement|analysis|review|research)$", re.I)
OUTLET_ANAPHORA = re.compile(r"^the (?:newspaper|paper|outlet|news agency|broadcaster|network|"
                             r"tracker|website|site|magazine|daily|channel|publication)$", re.I)
# "Greek court has ruled": a body named by its nationality or place and a lowercase head, no article
_BARE_BODY = (r"(?:[A-Z][\w\-]*\s+){1,3}(?:court|government|ministry|parliament|police|council|army|"
              r"military|senate|cabinet|regulator|prosecutors?)")
SUBJECT_AT_END = re.compile(rf"(?:^|(?<=[\s(]))(?P<np>{_BARE_BODY}|{_UNNAMED}|{_GROUP_AT}|{_RUN}|[Tt]he (?:newspaper|paper|outlet|agency|news agency|broadcaster|network|tracker|website|site|magazine|daily|channel|publication)|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|I|[Ww]e)$")
SUBJECT_AT_START = re.compile(rf"^(?P<np>{_UNNAMED}|{_GROUP}|{_RUN}|He|She|They|It|I|We)\b")
# 'quote,' said union leader Grace Okafor: a lowercase role before the name
INVERTED_ROLE = re.compile(rf"^(?:(?:the|a|an)\s+)?(?:[a-z\-]+\s+){{1,3}}(?P<np>{_CAP}(?:\s+{_CAP}){{1,3}})")
PASSIVE_BY = re.compile(rf"\b(?:is|was|were|are|has been|have been|had been)\s+(?:\w+ly\s+)?"
                        rf"(?P<verb>accused|criticised|criticized|blamed|described|called|labelled|labeled)"
                        rf"\s+(?P<what>[^.;]{{3,160}}?)\s+by\s+(?P<np>{_RUN}|{_GROUP})(?=[,.;]|\s*$)")
WITH_X = re.compile(rf"\bwith\s+(?P<np>{_GROUP}|{_RUN})\s+(?P<verb>{'|'.join(PARTICIPLES)})\b")
_NOT_ROLE = (r"(?:\d{1,3}|(?:who|which|whose|where)\b(?:\d{1,3}(?:,\d{3})+|[^,]){2,120}|[a-z]+ing\b[^,]{2,80}|"
             r"of\s+[A-Z][^,]{1,40}(?:,\s*[A-Z][^,]{1,30})?)")     # "of Tulsa, Oklahoma"
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
                "both", "each", "such", "other", "another", "one", "two", "three", "none", "nobody",
                "someone", "everyone", "anyone"}


@dataclass
class Candidate:
    mention: str            # subject as written
    verb: str
    content: str
    start: int              # content offsets into the full text
    end: int
    direct: bool


