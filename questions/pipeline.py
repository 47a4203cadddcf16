"""The engine as a pipeline of named stages: read, clean, split, extract, build.

Each stage takes and returns plain data (see model.py); a stage that fails raises ArticleError
with a message meant for the teacher, or an EngineError naming the stage.
"""
from __future__ import annotations

import dataclasses

from .model import Analysis, Question
from .read import check_article, read_article  # noqa: F401  (read_article is public API)
from .clean import clean
from .split import split, without_furniture
from .attributions import extract_attributions
from .dates import extract_dates
from .claims import classify_claims
from .builders import build_questions
from .entities import merge_speakers
from .gate import Dropped, gate


def analyze(text: str, *, source_format: str = "text") -> Analysis:
    """Run every stage up to extraction on already-decoded text."""
    check_article(text)
    cleaned = clean(text)
    sentences = without_furniture(split(text, cleaned.body_start, cleaned.body_end), cleaned.furniture)
    attributions = merge_speakers(extract_attributions(text, sentences), text)
    dates = extract_dates(text, sentences, cleaned.published)
    claims = classify_claims(text, sentences, attributions)
    return Analysis(text=text, title=cleaned.title, published=cleaned.published,
                    body_start=cleaned.body_start, body_end=cleaned.body_end,
                    sentences=sentences, attributions=attributions, dates=dates, claims=claims,
                    furniture=cleaned.furniture, source_format=source_format)


def generate(analysis: Analysis) -> list[Question]:
    """Draft the questions a careful teacher would ask, each tied to verbatim evidence; only those
    that pass the gate (gate.py) are returned."""
    return generate_with_reasons(analysis)[0]


def generate_with_reasons(analysis: Analysis) -> tuple[list[Question], list[Dropped]]:
    """The questions that pass the gate, and those it dropped with the reason."""
    return gate(analysis, build_questions(analysis))


def to_dict(analysis: Analysis, questions: list[Question] | None = None) -> dict:
    """The JSON contract (docs/CONTRACT.md): what the CLI prints and the web app stores."""
    out = {
        "title": analysis.title,
        "published": analysis.published,
        "body_start": analysis.body_start,
        "body_end": analysis.body_end,
        "sentences": [dataclasses.asdict(s) for s in analysis.sentences],
        "attributions": [dataclasses.asdict(a) for a in analysis.attributions],
        "dates": [dataclasses.asdict(d) for d in analysis.dates],
        "claims": [dataclasses.asdict(c) for c in analysis.claims],
        "furniture": [dataclasses.asdict(f) for f in analysis.furniture],
        "questions": [dataclasses.asdict(q) for q in (questions or [])],
    }
    if analysis.source_format == "html":
        out["text"] = analysis.text
    return out


def clear_caches() -> None:
    """Forget what was read from earlier articles (sentence cues, name tokens), so that a benchmark
    times a first reading, not a repeat."""
    from .claims import _text_cues
    from .entities import _tokens
    _text_cues.cache_clear()
    _tokens.cache_clear()
