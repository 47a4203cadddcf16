"""Pure scoring: no Flask, no database. Questions and answers come in as plain dicts.

A question has `kind` (mc | tf | order | short | open), `choices`, `answer`, `key` and `points`.
Responses, as stored and as the answer-save endpoint takes them:
- mc, tf: the index of the chosen choice in `choices` (not its shuffled display position);
- order: a list, one entry per choice, of the position (1..n) the student gave it, or None;
- short, open: the text.

The quiz page never shows a choice's stored index (for a timeline the teacher wrote in order, the
index is the answer): each choice goes by an opaque id (`choice_ids`), and the page and the
answer-save endpoint speak that "wire" form (`from_wire`, `to_wire`). Which attempt counts, when
feedback is due, and whose save wins when two tabs disagree are decided here too.
"""
from __future__ import annotations

import hashlib
import hmac
import json
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


# ------------------------------------------------------------------ attempts and feedback

FEEDBACK_TIMINGS = ("immediate", "after_last", "after_close")
COUNTED_RULES = ("first", "best", "last")


def feedback_due(timing: str, state: str, attempts: list[dict], attempts_allowed: int) -> bool:
    """Whether a student whose attempts are `attempts` (in order) may see the key now.

    immediate: after each submitted attempt; after_last: once no attempt is left (the last allowed
    one is submitted) or the assignment is closed; after_close (and anything unknown): when the
    assignment is closed. The feedback page asks only for a submitted attempt."""
    if state == "closed":
        return True
    if timing == "immediate":
        return True
    if timing == "after_last":
        return (len(attempts) >= attempts_allowed and bool(attempts) and bool(attempts[-1]["submitted_at"]))
    return False


def counted_attempt(attempts: list[dict], rule: str) -> dict | None:
    """The attempt that counts for one student (attempts in any order): among the submitted ones the
    first, the best (highest score; the earlier on a tie) or the last; with none submitted, the
    latest started (shown as in progress)."""
    if not attempts:
        return None
    ordered = sorted(attempts, key=lambda a: a["number"])
    done = [a for a in ordered if a["submitted_at"]]
    if not done:
        return ordered[-1]
    if rule == "best":
        return max(done, key=lambda a: (a["score"] or 0.0, -a["number"]))
    if rule == "last":
        return done[-1]
    return done[0]


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


# ------------------------------------------------------------------ choices by opaque ids

def choice_ids(secret: str, assignment_id: int, question: dict) -> list[str]:
    """One id per choice, in stored order: "c" and 12 hex digits of an HMAC (the app's secret) of
    the assignment, the question and the choice's index. The page shows only these; without the
    secret they say nothing about the stored order."""
    key = (secret or "").encode()
    return ["c" + hmac.new(key, f"sourced-choice|{assignment_id}|{question['id']}|{i}".encode(),
                           hashlib.sha256).hexdigest()[:12]
            for i in range(len(question.get("choices") or []))]


def from_wire(question: dict, raw, ids: list[str] | None):
    """A response as the page sends it (a choice id; for a timeline {choice id: position}) in the
    stored shape, before clean_response. The stored shape itself (an index; a list of positions in
    stored order) is still taken, for API clients."""
    if not ids:
        return raw
    if question["kind"] in ("mc", "tf") and isinstance(raw, str) and raw in ids:
        return ids.index(raw)
    if question["kind"] == "order" and isinstance(raw, dict):
        return [raw.get(cid) for cid in ids]
    return raw


def to_wire(question: dict, response, ids: list[str]):
    """A stored response in the page's form (the inverse of from_wire)."""
    if response is None:
        return None
    if question["kind"] in ("mc", "tf") and isinstance(response, int) and 0 <= response < len(ids):
        return ids[response]
    if question["kind"] == "order" and isinstance(response, list) and len(response) == len(ids):
        return {cid: p for cid, p in zip(ids, response)}
    return response


def parse_form(questions: list[dict], form, ids: dict[int, list[str]] | None = None) -> dict[int, object]:
    """Responses from a posted form: q<id> (a choice id, or the text), and q<id>_<choice id> for a
    timeline; the stored shape's names (q<id> = index, q<id>_<index>) are taken too. Only the
    questions the form carries are in the result."""
    ids = ids or {}
    out: dict[int, object] = {}
    for q in questions:
        name, qids = f"q{q['id']}", ids.get(q["id"]) or []
        if q["kind"] == "order":
            n = len(q["choices"])
            if qids and any(f"{name}_{cid}" in form for cid in qids):
                raw = [form.get(f"{name}_{cid}") for cid in qids]
            elif any(f"{name}_{i}" in form for i in range(n)):
                raw = [form.get(f"{name}_{i}") for i in range(n)]
            else:
                continue
            out[q["id"]] = clean_response(q, raw)
        elif name in form:
            out[q["id"]] = clean_response(q, from_wire(q, form.get(name), qids))
    return out


def parse_json(questions: list[dict], answers: dict, ids: dict[int, list[str]] | None = None) -> dict[int, object]:
    """Responses from the answer-save endpoint's {"answers": {"<id>": response}}; unknown ids ignored."""
    ids = ids or {}
    by_id = {str(q["id"]): q for q in questions}
    return {by_id[k]["id"]: clean_response(by_id[k], from_wire(by_id[k], v, ids.get(by_id[k]["id"])))
            for k, v in answers.items() if k in by_id}


# ------------------------------------------------------------------ two tabs: whose answer stays

def response_tag(rev: int, response) -> str:
    """What a tab knows of a saved answer: its revision and a digest of its value ("3-1a2b3c4d5e")."""
    digest = hashlib.sha256(json.dumps(response, sort_keys=True).encode()).hexdigest()[:10]
    return f"{int(rev)}-{digest}"


def parse_tag(tag) -> tuple[int, str] | None:
    if not isinstance(tag, str) or not re.fullmatch(r"\d{1,9}-[0-9a-f]{10}", tag):
        return None
    rev, digest = tag.split("-")
    return int(rev), digest


def keeps_newer(current: dict | None, response, base: str | None, edited: int | None,
                from_form: bool = False) -> bool:
    """Whether a save of `response` may replace the stored answer `current` ({response, rev,
    edited_ms} or None when there is none).

    - JSON (the page's script): `base` is the tag of the answer this tab last had from the server.
      Still the stored one: the tab is up to date, its change wins. Another tab or device saved
      since: the edit made later (`edited`, the browser's clock in ms) wins; without it, the stored
      one stays. No `base` (an API client): the save wins, as before.
    - Form (no script, or "Review and submit"): only fields this tab changed are sent here (see
      `changed_in_form`); an explicit Save or Submit of a changed field wins.
    A save that changes nothing always "wins" (it is a no-op), and an unsent field is never touched.
    """
    if current is None or current.get("response") == response:
        return True
    if from_form or base is None:
        return True
    parsed = parse_tag(base)
    if parsed is not None and parsed[0] == current["rev"]:
        return True
    stored_edit = current.get("edited_ms")
    return isinstance(edited, int) and not isinstance(edited, bool) and (stored_edit is None or edited > stored_edit)


def changed_in_form(response, tag: str | None, current: dict | None) -> bool:
    """Whether a stale form's field is a change this tab made (then it is saved) or what the tab
    was shown (then the stored answer stays, even if the tab shows it empty).

    `tag` is the hidden s<id> field: the revision and digest of what the tab last had from the
    server. Without it (an old page), an empty field never erases a saved answer."""
    parsed = parse_tag(tag)
    if parsed is None:
        return response is not None or current is None
    return response_tag(0, response).split("-")[1] != parsed[1]


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


# ------------------------------------------------------------------ partial credit (issue 10)

def verdict(is_correct, points, max_points) -> str:
    """An answer's state: "right" (full points), "partial" (some, not all), "wrong" (none) or
    "pending" (a person has not graded it yet). A teacher's grade below the maximum but above
    zero is partial credit, its own state in the results, the exports and the statistics."""
    if is_correct is None:
        return "pending"
    if is_correct:
        return "right"
    return "partial" if points and max_points and 0 < float(points) < float(max_points) else "wrong"


def add_partial(questions: list[dict], answers: list[dict], qstats: dict[int, dict],
                sstats: dict[str, dict]) -> None:
    """Count partial-credit answers into question_stats and skill_stats results (key "partial");
    "correct" stays the answers with full points."""
    qs = {q["id"]: q for q in questions}
    for s in qstats.values():
        s.setdefault("partial", 0)
    for s in sstats.values():
        s.setdefault("partial", 0)
    for a in answers:
        q = qs.get(a["assigned_question_id"])
        if q is None or verdict(a.get("is_correct"), a.get("points_awarded"), q["points"]) != "partial":
            continue
        if q["id"] in qstats:
            qstats[q["id"]]["partial"] += 1
        if q["skill"] in sstats:
            sstats[q["skill"]]["partial"] += 1
