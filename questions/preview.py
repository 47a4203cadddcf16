"""A plain-text preview of the drafted questions, for a teacher reading them in a terminal."""
from __future__ import annotations

from .gate import Dropped
from .model import Analysis, Question


def render_text(analysis: Analysis, questions: list[Question], dropped: list[Dropped] | None = None) -> str:
    lines = [analysis.title, f"Published: {analysis.published or 'not stated'}",
             f"{len(questions)} draft questions", ""]
    for n, q in enumerate(questions, 1):
        lines.append(f"{n}. [{q.type} | {q.skill} | {q.difficulty}] {q.prompt}")
        if q.type == "timeline" and isinstance(q.answer, list):
            lines += [f"   {chr(65 + i)}. {c}" for i, c in enumerate(q.choices)]
            lines.append("   Order: " + " -> ".join(chr(65 + i) for i in q.answer))
        else:
            for i, c in enumerate(q.choices):
                mark = "*" if i == q.answer else " "
                lines.append(f"  {mark}{chr(65 + i)}. {c}")
        lines.append(f"   Evidence: \"{q.evidence.text}\"")
        lines.append(f"   Explanation: {q.explanation}")
        lines.append("")
    if dropped is not None:
        lines.append(f"Dropped by the gate: {len(dropped)}")
        for d in dropped:
            lines.append(f"  - {d.question.id} ({d.question.type}): {d.reason}")
            lines.append(f"    {d.question.prompt[:160]}")
        lines.append("")
    return "\n".join(lines)
