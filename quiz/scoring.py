"""Pure scoring: no Flask, no database. Questions and answers come in as plain dicts.

A question has `kind` (mc | tf | order | short | open), `choices`, `answer`, `key` and `points`.
Responses, as stored and as the answer-save endpoint takes them:
- mc, tf: the index of the chosen choice in `choices` (not its shuffled display position);
- order: a list, one entry per choice, of the position (1..n) the student gave it, or None;
- short, open: the text.
"""
from __future__ import annotations

import random
import re

MAX_TEXT = 5000


def clean_response(question: dict, raw):
    """The canonical response for `raw`, or None when it is empty or not a valid response."""
    kind, n = question["kind"], len(question.get("choices") or [])
    if raw is None:
        return None
    if kind in ("mc", "tf"):
        try:
            value = int(raw)
        except (TypeError, ValueError):
            return None
        return value if 0 <= value < n and not isinstance(raw, bool) else None
    if kind == "order":
        if not isinstance(raw, (list, tuple)) or len(raw) != n:
            return None
        out = []
        for p in raw:
            try:
                p = int(p) if p not in (None, "") else None
            except (TypeError, ValueError):
                p = None
            out.append(p if p is not None and 1 <= p <= n else None)
        return out if any(p is not None for p in out) else None
    if kind in ("short", "open"):
        if not isinstance(raw, str):
            return None
        text = raw.strip()[:MAX_TEXT]
        return text or None
    return None


def normalize_text(text: str) -> str:
    text = " ".join(text.split()).casefold()
    return re.sub(r"^[\W_]+|[\W_]+$", "", text)


def accepted_answers(question: dict) -> list[str]:
    return [a for a in (normalize_text(k) for k in question.get("key", "").split("|")) if a]


def is_correct(question: dict, response) -> bool | None:
    """True/False, or None when a person must judge (an answered open response)."""
    kind = question["kind"]
    if response is None:
        return False
    if kind in ("mc", "tf"):
        return response == question["answer"]
    if kind == "order":
        order = question["answer"]
        return all(response[idx] == rank for rank, idx in enumerate(order, 1))
    if kind == "short":
        return normalize_text(response) in accepted_answers(question)
    return None


def score_question(question: dict, response) -> tuple[bool | None, float | None]:
    correct = is_correct(question, response)
    if correct is None:
        return None, None
    return correct, float(question["points"]) if correct else 0.0


def score_attempt(questions: list[dict], responses: dict) -> dict:
    """{'scored': {qid: (correct, points)}, 'score', 'max_score', 'pending'} for one attempt."""
    scored = {q["id"]: score_question(q, responses.get(q["id"])) for q in questions}
    return {
        "scored": scored,
        "score": sum(p for _, p in scored.values() if p is not None),
        "max_score": float(sum(q["points"] for q in questions)),
        "pending": sum(1 for c, _ in scored.values() if c is None),
    }


def choice_orders(questions: list[dict], shuffle: bool, seed: int | str) -> dict[str, list[int]]:
    """Display order of each question's choices for one attempt (keys are str ids, for JSON).

    Ordering questions are always shuffled (shown in the right order they would give the answer
    away); true/false keeps its order; other choices are shuffled when the quiz says so.
    """
    rng = random.Random(str(seed))
    out = {}
    for q in questions:
        idx = list(range(len(q.get("choices") or [])))
        if q["kind"] == "order" or (shuffle and q["kind"] == "mc"):
            rng.shuffle(idx)
            if q["kind"] == "order" and len(idx) > 1 and idx == list(q["answer"] or []):
                idx = idx[1:] + idx[:1]
        out[str(q["id"])] = idx
    return out


def parse_form(questions: list[dict], form) -> dict[int, object]:
    """Responses from a posted form (field q<id>, and q<id>_<choice> for ordering questions)."""
    out: dict[int, object] = {}
    for q in questions:
        name = f"q{q['id']}"
        if q["kind"] == "order":
            raw = [form.get(f"{name}_{i}") for i in range(len(q["choices"]))]
            if any(raw):
                out[q["id"]] = clean_response(q, raw)
        elif name in form:
            out[q["id"]] = clean_response(q, form.get(name))
    return out


def parse_json(questions: list[dict], answers: dict) -> dict[int, object]:
    """Responses from the answer-save endpoint's {"answers": {"<id>": response}}; unknown ids ignored."""
    by_id = {str(q["id"]): q for q in questions}
    return {by_id[k]["id"]: clean_response(by_id[k], v) for k, v in answers.items() if k in by_id}


def question_stats(questions: list[dict], answers: list[dict]) -> dict[int, dict]:
    """Per question: how many answered, share correct, and how often each choice was picked."""
    stats = {q["id"]: {"n": 0, "correct": 0, "picks": [0] * len(q.get("choices") or [])}
             for q in questions}
    kinds = {q["id"]: q["kind"] for q in questions}
    for a in answers:
        s = stats.get(a["assigned_question_id"])
        if s is None or a.get("is_correct") is None:
            continue
        s["n"] += 1
        s["correct"] += int(bool(a["is_correct"]))
        r = a.get("response")
        if kinds[a["assigned_question_id"]] in ("mc", "tf") and isinstance(r, int) and 0 <= r < len(s["picks"]):
            s["picks"][r] += 1
    for s in stats.values():
        s["share"] = s["correct"] / s["n"] if s["n"] else None
    return stats


def skill_stats(questions: list[dict], answers: list[dict]) -> dict[str, dict]:
    skills = {q["id"]: q["skill"] for q in questions}
    out: dict[str, dict] = {}
    for a in answers:
        skill = skills.get(a["assigned_question_id"])
        if skill is None or a.get("is_correct") is None:
            continue
        s = out.setdefault(skill, {"n": 0, "correct": 0})
        s["n"] += 1
        s["correct"] += int(bool(a["is_correct"]))
    for s in out.values():
        s["share"] = s["correct"] / s["n"] if s["n"] else None
    return out


def percent(score, max_score) -> float | None:
    if score is None or not max_score:
        return None
    return round(100.0 * score / max_score, 1)
