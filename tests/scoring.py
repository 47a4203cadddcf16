"""Score the engine's output against hand-made gold annotations.

The same rules the outside evaluation uses (docs/CONTRACT.md), written here so that `make test`
holds the engine to them on a clone that has nothing beside it. The gold only checks: nothing in
the engine reads it.
"""
from __future__ import annotations

import re

STATUSES = {"confirmed", "reported", "unknown", "opinion", "denied", "alleged"}
CHOICE_TYPES = {"who_said", "said_what", "when", "status", "source", "speaker_role"}
PRONOUNS = {"she", "he", "they", "it", "i", "his", "her", "their"}


def norm(s: str | None) -> str:
    s = re.sub(r"[\u2018\u2019\u201c\u201d'\"]", "", (s or "").lower())
    return " ".join(re.sub(r"[^a-z0-9$%]+", " ", s).split())


def same_sentence(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b or (len(a) > 20 and a in b) or (len(b) > 20 and b in a):
        return True
    ta, tb = set(a.split()), set(b.split())
    return len(ta & tb) / max(1, len(ta | tb)) >= 0.8


def speaker_matches(pred: str, gold: dict) -> bool:
    p = re.sub(r"^the ", "", norm(pred))
    names = [gold["speaker"], re.sub(r"\s*\(.*?\)", "", gold["speaker"])] + list(gold.get("aliases") or [])
    for n in names:
        n = re.sub(r"^the ", "", norm(n))
        if n and n not in PRONOUNS and (p == n or (p and n.endswith(" " + p))):
            return True
    g, pw = norm(gold["speaker"]).split(), p.split()
    return len(g) >= 2 and bool(pw) and pw[-1] == g[-1] and len(pw[-1]) > 3


def date_matches(pred: str, gold: str) -> bool:
    return norm(pred).replace(" ", "-") == norm(gold).replace(" ", "-")


def f1(matched_pred: int, n_pred: int, matched_gold: int, n_gold: int) -> float:
    p = matched_pred / n_pred if n_pred else 0.0
    r = matched_gold / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def match(preds: list, golds: list, ok) -> tuple[set, set]:
    used_p, used_g = set(), set()
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi not in used_p and ok(p, g):
                used_p.add(pi)
                used_g.add(gi)
                break
    return used_p, used_g


def _evidence_about(q: dict, gold_sentence: str) -> bool:
    ev = (q.get("evidence") or {}).get("text", "")
    return same_sentence(ev, gold_sentence) or gold_sentence in ev


def score(gold: dict, article: str, out: dict) -> tuple[dict, list[str]]:
    """Metrics (name -> value) and a list of misses explaining every lost point."""
    m: dict = {}
    misses: list[str] = []
    sents = {s["id"]: s for s in out.get("sentences", [])}

    def text_of(item):
        s = sents.get(item.get("sentence"))
        return s["text"] if s else ""

    source = out.get("text") or article
    body = norm(article[gold.get("body_start", 0):gold.get("body_end", len(article))])

    preds, golds = out.get("attributions", []), gold["attributions"]
    up, ug = match(preds, golds, lambda p, g: same_sentence(text_of(p), g["sentence"])
                   and speaker_matches(p.get("speaker", ""), g))
    m["attribution_f1"] = f1(len(up), len(preds), len(ug), len(golds))
    misses += [f"attribution missed: {g['speaker']} in {g['sentence'][:70]}" for i, g in enumerate(golds) if i not in ug]
    misses += [f"attribution extra: {p.get('speaker')} in {text_of(p)[:70]}" for i, p in enumerate(preds) if i not in up]

    preds, golds = out.get("dates", []), gold["dates"]
    up, ug = match(preds, golds, lambda p, g: same_sentence(text_of(p), g["sentence"])
                   and date_matches(p.get("normalized", ""), g["normalized"]))
    m["date_f1"] = f1(len(up), len(preds), len(ug), len(golds))
    misses += [f"date missed: {g['expression']} in {g['sentence'][:70]}" for i, g in enumerate(golds) if i not in ug]
    misses += [f"date extra: {p.get('expression')} in {text_of(p)[:70]}" for i, p in enumerate(preds) if i not in up]

    right = 0
    for g in gold["claims"]:
        got = [p.get("status") for p in out.get("claims", []) if same_sentence(text_of(p), g["sentence"])]
        right += g["status"] in got
        if g["status"] not in got:
            misses.append(f"claim: want {g['status']}, got {got} for {g['sentence'][:70]}")
    m["claim_status_accuracy"] = right / len(gold["claims"]) if gold["claims"] else 0.0
    m["claim_bad_status_values"] = sum(p.get("status") not in STATUSES for p in out.get("claims", []))

    qs = out.get("questions", [])
    m["questions"] = len(qs)
    m["question_types"] = len({q.get("type") for q in qs})
    malformed = furniture = checkable = correct = 0
    for q in qs:
        etext = (q.get("evidence") or {}).get("text") or ""
        problems = []
        if not etext or etext not in source:
            problems.append("evidence not verbatim")
        elif norm(etext) not in body:
            furniture += 1
            problems.append("furniture")
        choices = q.get("choices") or []
        if q.get("type") in CHOICE_TYPES:
            if len(choices) < 2 or len(set(map(norm, choices))) != len(choices):
                problems.append("choices missing or repeated")
            a = q.get("answer")
            if not isinstance(a, int) or not 0 <= a < len(choices):
                problems.append("answer out of range")
        if not (q.get("prompt") or "").strip():
            problems.append("empty prompt")
        if problems:
            malformed += any(p != "furniture" for p in problems)
            misses.append(f"question {q.get('id')}: {problems}")
            continue
        t, key, verdict = q.get("type"), str(q.get("key")), None
        if t in ("who_said", "source"):
            gs = [g for g in gold["attributions"] if _evidence_about(q, g["sentence"])]
            verdict = any(speaker_matches(key, g) for g in gs) if gs else None
        elif t == "when":
            gs = [g for g in gold["dates"] if _evidence_about(q, g["sentence"])]
            verdict = any(date_matches(key, g["normalized"]) for g in gs) if gs else None
        elif t == "status":
            gs = [g for g in gold["claims"] if _evidence_about(q, g["sentence"])]
            verdict = key in {g["status"] for g in gs} if gs else None
        if verdict is not None:
            checkable += 1
            correct += verdict
            if not verdict:
                misses.append(f"question {q.get('id')}: key {key} disagrees with gold")
    m["questions_malformed"] = malformed
    m["questions_from_furniture"] = furniture
    m["question_key_accuracy"] = correct / checkable if checkable else 0.0

    def covered(items, types):
        hit = sum(any(q.get("type") in types and _evidence_about(q, g["sentence"]) for q in qs) for g in items)
        return hit / len(items) if items else 0.0
    m["coverage_attributions"] = covered(gold["attributions"], {"who_said", "said_what", "source", "speaker_role"})
    m["coverage_dates"] = covered([g for g in gold["dates"] if g["normalized"] != gold.get("published")], {"when", "timeline"})
    m["coverage_claims"] = covered([g for g in gold["claims"] if g["status"] != "confirmed"], {"status"})
    return m, misses
