"""Plain data passed between the engine's stages and handed to the web app.

Every offset is into `Analysis.text`, the article exactly as read (after decoding, before any
cleaning), so `text[start:end]` is always verbatim article text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("confirmed", "reported", "unknown", "opinion", "denied", "alleged")
SKILLS = ("attribution", "chronology", "sourcing", "evidence status", "discussion")


class ArticleError(ValueError):
    """The input cannot be read as an English news article; the message is for the teacher."""


@dataclass
class Span:
    """A piece of the text that is not article body (menus, ratings, author bios, ...)."""
    start: int
    end: int
    kind: str           # "title" | "heading" | "menu" | "rating" | "author" | "meta" | "related" | "furniture"
                        # | "caption" | "credit" | "quote" (a pull quote) | "chart" (chart labels)
    text: str


@dataclass
class Cleaned:
    """What the clean stage learns about the page around the body."""
    title: str
    published: str | None            # "2025" | "2025-11" | "2025-11-27" or None
    body_start: int
    body_end: int
    furniture: list[Span] = field(default_factory=list)


@dataclass
class Sentence:
    id: int
    start: int
    end: int
    paragraph: int
    text: str
    kind: str = "text"           # "text" | "title" | "heading" | "dateline": only "text" yields questions


@dataclass
class Attribution:
    speaker: str                 # canonical full name ("Mark Galeotti", "The Washington Post", "analysts")
    role: str | None             # "a Russia analyst and author", "Secretary of State", or None
    content: str                 # what was said: the quote (with its marks) or the paraphrase
    mode: str                    # "direct" | "indirect"
    sentence: int                # Sentence.id
    cue: str = ""                # the reporting verb or phrase as written ("stated", "according to")
    kind: str = "person"         # "person" | "outlet" | "organisation" | "group" (unnamed: analysts)
    start: int = -1              # offsets of `content` in the text, -1 when not one span
    end: int = -1
    resolved: str = "named"      # how the speaker was found: "named" | "surname" | "pronoun" |
                                 # "anaphora" ("the judge") | "guess" (a pronoun whose gender nothing
                                 # confirms): no question is asked about a guess


@dataclass
class DateMention:
    expression: str              # as written: "late October", "the 1990s"
    normalized: str              # "YYYY" | "YYYY-MM" | "YYYY-MM-DD" | "1990s"
    event: str                   # what happened then, in the article's words
    sentence: int
    start: int
    end: int
    granularity: str = "year"    # "decade" | "year" | "month" | "day"


@dataclass
class Claim:
    sentence: int
    status: str                  # one of STATUSES
    cue: str | None              # the word that decides the status ("reportedly", "denied"), None for plain fact
    source: str | None           # who the claim rests on, None for the article's own voice
    start: int = -1              # the clause the status applies to, when narrower than the sentence
    end: int = -1
    also: bool = False           # a second status a careful reader could defend, after the main one


@dataclass
class Analysis:
    text: str                    # the article as read; every offset refers to it
    title: str
    published: str | None
    body_start: int
    body_end: int
    sentences: list[Sentence] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    furniture: list[Span] = field(default_factory=list)
    source_format: str = "text"  # "text" | "html" (then `text` is the extracted text)


@dataclass
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class Question:
    id: str                      # stable: "q-who-12" (type and sentence id)
    type: str                    # who_said | said_what | speaker_role | source | when | timeline | status | discussion
    skill: str                   # one of SKILLS
    difficulty: str              # easy | medium | hard
    prompt: str
    choices: list[str]           # empty for discussion
    answer: int | list[int] | None   # index into choices; the order (list) for timeline; None for discussion
    key: str                     # canonical value: speaker, normalized date, status, or the ordered keys
    explanation: str
    evidence: Evidence
    paragraph: int = 0
