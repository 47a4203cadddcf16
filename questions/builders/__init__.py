"""Build questions from an analysis: one module per skill, run in a fixed order."""
from __future__ import annotations

from ..model import Analysis, Question
from .attribution import attribution_questions
from .chronology import chronology_questions
from .discussion import discussion_questions
from .status import status_questions

BUILDERS = (attribution_questions, chronology_questions, status_questions, discussion_questions)


def build_questions(analysis: Analysis) -> list[Question]:
    """Every builder's questions; ids are unique and evidence always verbatim."""
    questions: list[Question] = []
    seen: set[str] = set()
    for builder in BUILDERS:
        for q in builder(analysis):
            assert analysis.text[q.evidence.start:q.evidence.end] == q.evidence.text, q.id
            if q.id in seen:
                q.id = f"{q.id}-{len(seen)}"
            seen.add(q.id)
            questions.append(q)
    return questions
