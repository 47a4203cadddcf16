"""CSV exports that open cleanly in Excel and Google Sheets.

UTF-8 with a byte-order mark (Excel otherwise guesses a legacy code page), CRLF rows, fields
quoted when needed, and text cells that a spreadsheet would run as a formula (= + - @, tab, CR)
prefixed with an apostrophe (OWASP "CSV injection"). Text that cannot be encoded (a lone surrogate
stored before input was cleaned at the boundary) is replaced: never a failed export.
"""
from __future__ import annotations

import csv
import io

from .scoring import percent, verdict
from .security import clean_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    # text stored before input was cleaned at the boundary (a lone surrogate, NUL) is cleaned here
    return clean_text(buf.getvalue()).encode("utf-8-sig")


def _num(x):
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(float(x), 2)


def response_text(question: dict, response) -> str:
    if response is None:
        return ""
    kind, choices = question["kind"], question.get("choices") or []
    if kind in ("mc", "tf") and isinstance(response, int) and 0 <= response < len(choices):
        return choices[response]
    if kind == "order" and isinstance(response, list):
        ranked = sorted((p, choices[i]) for i, p in enumerate(response) if p is not None)
        return " > ".join(c for _, c in ranked)
    return str(response) if not isinstance(response, str) else response


def scores_csv(questions: list[dict], attempts: list[dict], answers: list[dict]) -> bytes:
    """One row a student (their counted attempt): name, id, score, max, percent, submitted, per question."""
    by_attempt: dict[int, dict[int, dict]] = {}
    for a in answers:
        by_attempt.setdefault(a["attempt_id"], {})[a["assigned_question_id"]] = a
    header = ["name", "student id", "score", "max", "percent", "submitted at"]
    header += [f"Q{q['position']} ({_num(q['points'])} pt)" for q in questions]
    rows = []
    for t in attempts:
        mine = by_attempt.get(t["id"], {})
        row = [t["student_name"], t["student_ref"], _num(t["score"]), _num(t["max_score"]),
               percent(t["score"], t["max_score"]), t["submitted_at"] or ""]
        row += [_num(mine[q["id"]]["points_awarded"]) if q["id"] in mine else None for q in questions]
        rows.append(row)
    return to_csv(header, rows)


def responses_csv(questions: list[dict], answers: list[dict]) -> bytes:
    """One row an answer."""
    qs = {q["id"]: q for q in questions}
    header = ["name", "student id", "attempt", "submitted at", "question", "skill", "prompt",
              "response", "correct", "points", "max points", "comment"]
    rows = []
    for a in answers:
        q = qs.get(a["assigned_question_id"])
        if q is None:
            continue
        correct = {"right": "yes", "partial": "partial", "wrong": "no", "pending": ""}[
            verdict(a["is_correct"], a["points_awarded"], q["points"])]
        rows.append([a["student_name"], a["student_ref"], a["number"], a["submitted_at"] or "",
                     q["position"], q["skill"], q["prompt"], response_text(q, a["response"]),
                     correct, _num(a["points_awarded"]), _num(q["points"]), a["comment"]])
    rows.sort(key=lambda r: (str(r[0]).casefold(), r[2], r[4]))
    return to_csv(header, rows)


__all__ = ["neutralise", "to_csv", "scores_csv", "responses_csv", "response_text"]
