"""The project's own scorer: engine output against hand-made gold annotations.

The same rules and metric names as the outside evaluation (docs/CONTRACT.md), written here so that
the project can hold the engine to them with nothing beside it. Nothing in the engine reads gold:
this module only checks. Pure functions over plain dicts, no I/O.
"""
from __future__ import annotations

import re

STATUSES = {"confirmed", "reported", "unknown", "opinion", "denied", "alleged"}
CHOICE_TYPES = {"who_said", "said_what", "when", "status", "source", "speaker_role"}
PRONOUNS = {"she", "he", "they", "it", "i", "his", "her", "their"}
FURNITURE = "evidence lies in page furniture"


def norm(s: str | None) -> str:
    """Lower case, quotes dropped, punctuation to spaces: what 'the same text' means here."""
    s = re.sub(r"[\u2018\u2019\u201c\u201d'\"]", "", (s or "").lower())
    return " ".join(re.sub(r"[^a-z0-9$%]+", " ", s).split())


def same_sentence(a: str, b: str) -> bool:
    """True when two sentence strings are the same sentence, allowing for split differences."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b or (len(a) > 20 and a in b) or (len(b) > 20 and b in a):
        return True
    ta, tb = set(a.split()), set(b.split())
    return len(ta & tb) / max(1, len(ta | tb)) >= 0.8


def speaker_matches(pred: str, gold: dict) -> bool:
    """The predicted name is the gold speaker, an alias, a tail of it, or a long enough surname."""
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


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; nothing to find and nothing found is perfect, not zero."""
    if not n_pred and not n_gold:
        return 1.0, 1.0, 1.0
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match_items(preds: list, golds: list, ok) -> tuple[set, set]:
    """Greedy one-to-one matching; returns (matched pred indices, matched gold indices)."""
    used_p: set = set()
    used_g: set = set()
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi not in used_p and ok(p, g):
                used_p.add(pi)
                used_g.add(gi)
                break
    return used_p, used_g


def about(evidence: str, gold_sentence: str) -> bool:
    """The evidence is (or contains) the gold sentence, so the gold can judge the question."""
    return same_sentence(evidence, gold_sentence) or gold_sentence in evidence


def form_problems(q: dict, source: str, body: str) -> list[str]:
    """What is wrong with a question's form, whatever the gold says."""
    etext = (q.get("evidence") or {}).get("text") or ""
    problems = []
    if not etext or etext not in source:
        problems.append("evidence is not verbatim article text")
    elif norm(etext) not in body:
        problems.append(FURNITURE)
    choices = q.get("choices") or []
    if q.get("type") in CHOICE_TYPES:
        if len(choices) < 2 or len(set(map(norm, choices))) != len(choices):
            problems.append("choices missing or repeated")
        a = q.get("answer")
        if not isinstance(a, int) or not 0 <= a < len(choices):
            problems.append("answer is not an index into choices")
    if not (q.get("prompt") or "").strip():
        problems.append("empty prompt")
    return problems


def key_verdict(q: dict, gold: dict) -> bool | None:
    """True/False when the gold covers the evidence sentence, else None (not checkable).

    A key is wrong when another offered choice is also right: a student who picks it is not wrong.
    """
    etext = (q.get("evidence") or {}).get("text") or ""
    t, key = q.get("type"), str(q.get("key"))
    others = [str(c) for i, c in enumerate(q.get("choices") or []) if i != q.get("answer")]
    if t in ("who_said", "source"):
        gs = [g for g in gold["attributions"] if about(etext, g["sentence"])]
        if not gs:
            return None
        # right, and no other choice also right (the same person under another name, a second speaker)
        return (any(speaker_matches(key, g) for g in gs)
                and not any(speaker_matches(c, g) for c in others for g in gs))
    if t == "when":
        gs = [g for g in gold["dates"] if about(etext, g["sentence"])]
        return any(date_matches(key, g["normalized"]) for g in gs) if gs else None
    if t == "status":
        statuses = {g["status"] for g in gold["claims"] if about(etext, g["sentence"])}
        if not statuses:
            return None
        # a status the same sentence also carries, offered as a wrong choice, is a second right answer
        return key in statuses and not any(c.split(":")[0].strip().lower() in statuses for c in others)
    return None


def score(gold: dict, article: str, out: dict) -> tuple[dict, list[str]]:
    """Metrics (name -> value, the outside scorer's names) and a list of misses explaining lost points.

    `article` is the text the gold indexes; `out` is the engine's JSON object (docs/CONTRACT.md).
    """
    m: dict = {}
    misses: list[str] = []
    sents = {s["id"]: s for s in out.get("sentences", [])}

    def text_of(item: dict) -> str:
        s = sents.get(item.get("sentence"))
        return s["text"] if s else ""

    # the text the engine's offsets refer to: its own "text" (HTML input) or the article file
    source = out.get("text") or article
    body = norm(article[gold.get("body_start", 0):gold.get("body_end", len(article))])

    preds, golds = out.get("attributions", []), gold["attributions"]
    up, ug = match_items(preds, golds, lambda p, g: same_sentence(text_of(p), g["sentence"])
                         and speaker_matches(p.get("speaker", ""), g))
    m["attribution_precision"], m["attribution_recall"], m["attribution_f1"] = prf(len(up), len(preds), len(ug), len(golds))
    misses += [f"attribution missed: {g['speaker']!r} in {g['sentence'][:90]!r}" for i, g in enumerate(golds) if i not in ug]
    misses += [f"attribution extra: {p.get('speaker')!r} in {text_of(p)[:90]!r}" for i, p in enumerate(preds) if i not in up]

    preds, golds = out.get("dates", []), gold["dates"]
    up, ug = match_items(preds, golds, lambda p, g: same_sentence(text_of(p), g["sentence"])
                         and date_matches(p.get("normalized", ""), g["normalized"]))
    m["date_precision"], m["date_recall"], m["date_f1"] = prf(len(up), len(preds), len(ug), len(golds))
    misses += [f"date missed: {g['expression']!r}={g['normalized']} in {g['sentence'][:80]!r}"
               for i, g in enumerate(golds) if i not in ug]
    misses += [f"date extra: {p.get('expression')!r}={p.get('normalized')} in {text_of(p)[:80]!r}"
               for i, p in enumerate(preds) if i not in up]

    # claims: status accuracy over gold claims (a gold sentence may carry two statuses; either counts)
    preds = out.get("claims", [])
    right = 0
    for g in gold["claims"]:
        got = [p.get("status") for p in preds if same_sentence(text_of(p), g["sentence"])]
        right += g["status"] in got
        if g["status"] not in got:
            misses.append(f"claim status: want {g['status']}, got {got or 'nothing'} for {g['sentence'][:80]!r}")
    m["claim_status_accuracy"] = right / len(gold["claims"]) if gold["claims"] else 0.0
    m["claim_bad_status_values"] = sum(p.get("status") not in STATUSES for p in preds)

    qs = out.get("questions", [])
    m["questions"] = len(qs)
    m["question_types"] = len({q.get("type") for q in qs})
    malformed = furniture = checkable = correct = 0
    for q in qs:
        problems = form_problems(q, source, body)
        if problems:
            # furniture is counted on its own; malformed counts every other defect of form
            furniture += FURNITURE in problems
            malformed += any(p != FURNITURE for p in problems)
            misses.append(f"question {q.get('id')} ({q.get('type')}): {'; '.join(problems)}")
            continue
        verdict = key_verdict(q, gold)
        if verdict is None:
            continue
        checkable += 1
        correct += verdict
        if not verdict:
            etext = (q.get("evidence") or {}).get("text") or ""
            misses.append(f"question {q.get('id')} ({q.get('type')}): key {q.get('key')!r} is wrong, or another "
                          f"choice is also right, by the gold for {etext[:80]!r}")
    m["questions_malformed"] = malformed
    m["questions_from_furniture"] = furniture
    m["questions_checkable"] = checkable
    m["question_key_accuracy"] = correct / checkable if checkable else 0.0

    def covered(items: list, types: set) -> float:
        hit = sum(any(q.get("type") in types and about((q.get("evidence") or {}).get("text", ""), g["sentence"])
                      for q in qs) for g in items)
        return hit / len(items) if items else 0.0
    m["coverage_attributions"] = covered(gold["attributions"], {"who_said", "said_what", "source", "speaker_role"})
    m["coverage_dates"] = covered([g for g in gold["dates"] if g["normalized"] != gold.get("published")], {"when", "timeline"})
    m["coverage_claims"] = covered([g for g in gold["claims"] if g["status"] != "confirmed"], {"status"})
    return m, misses


def body_chars(out: dict) -> set[int]:
    """The characters the engine takes for the body: [body_start, body_end) less its furniture spans."""
    mine = set(range(out["body_start"], out["body_end"]))
    for f in out.get("furniture", []):
        if isinstance(f, dict) and "start" in f and "end" in f:
            mine -= set(range(f["start"], f["end"]))
    return mine


def score_page(gold: dict, out: dict) -> tuple[dict, list[str]]:
    """Body finding on a pasted page: character P/R/F1 against the gold span, and questions outside it.

    `gold` is a page's body.json ({"body_start", "body_end"}), indexing the pasted text the engine read.
    """
    gs, ge = gold["body_start"], gold["body_end"]
    mine, goldset = body_chars(out), set(range(gs, ge))
    tp = len(mine & goldset)
    p = tp / len(mine) if mine else 0.0
    r = tp / len(goldset) if goldset else 0.0
    qs = out.get("questions", [])
    outside = [q for q in qs if not gs <= (q.get("evidence") or {}).get("start", -1) < ge]
    misses = [f"question {q.get('id')} ({q.get('type')}): evidence at {(q.get('evidence') or {}).get('start')} "
              f"lies outside the gold body [{gs}, {ge})" for q in outside]
    m = {"body_precision": p, "body_recall": r, "body_f1": 2 * p * r / (p + r) if p + r else 0.0,
         "page_questions": len(qs), "questions_outside_body": len(outside)}
    return m, misses


def score_html_page(gold: dict, pasted: str, out: dict) -> tuple[dict, list[str]]:
    """A page read from its HTML: offsets index the extracted text, not the paste, so no body P/R/F1.

    What stays comparable is the questions: how many, and how many quote text that is not in the
    gold body of the paste (score()'s furniture rule).
    """
    body = norm(pasted[gold["body_start"]:gold["body_end"]])
    qs = out.get("questions", [])
    outside = [q for q in qs if norm((q.get("evidence") or {}).get("text") or "") not in body]
    misses = [f"question {q.get('id')} ({q.get('type')}): evidence text is not in the gold body" for q in outside]
    return {"html_questions": len(qs), "html_questions_outside_body": len(outside)}, misses
