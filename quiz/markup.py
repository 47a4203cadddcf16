"""Article text cut into paragraphs and segments for the templates (which escape every piece).

No HTML is built here: a segment is plain text plus the classes, anchors and labels the template
puts around it, so article text can never inject markup.
"""
from __future__ import annotations

import re

PARAGRAPH = re.compile(r"\S(?:.|\n(?!\s*\n))*")


def paragraph_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in PARAGRAPH.finditer(text[start:end])]


def render(text: str, start: int, end: int, marks: list[dict] = (), badges: list[dict] = ()) -> list[list[dict]]:
    """Paragraphs of segments. marks: {start, end, cls, id?, label?}; badges: {pos, label, cls}.

    A segment is {text, classes, anchors, labels, badges, open, close}: `anchors` and `labels` belong
    before the text (a mark's first segment), `badges` after it. A mark with a "sentence" key (its
    id) is no class: it cuts the text at the sentence's bounds, and the segment where the sentence
    starts in a paragraph has `open` = its id, the one where it ends there `close` = True, so the
    template can wrap each sentence's own words in one element (labels go outside it).
    """
    out = []
    sentence_marks = [m for m in marks if "sentence" in m]
    marks = [m for m in marks if "sentence" not in m]
    for p0, p1 in paragraph_bounds(text, start, end):
        pm = [m for m in marks if m["start"] < p1 and m["end"] > p0]
        ps = [m for m in sentence_marks if m["start"] < p1 and m["end"] > p0]
        pb = [b for b in badges if p0 < b["pos"] <= p1]
        cuts = {p0, p1}
        cuts.update(max(p0, min(p1, m[k])) for m in pm + ps for k in ("start", "end"))
        cuts.update(b["pos"] for b in pb)
        cuts = sorted(cuts)
        segs = []
        for a, b in zip(cuts, cuts[1:]):
            active = [m for m in pm if m["start"] <= a and m["end"] >= b]
            segs.append({
                "text": text[a:b],
                "classes": " ".join(dict.fromkeys(m["cls"] for m in active)),
                "anchors": [m["id"] for m in active if m.get("id") and max(m["start"], p0) == a],
                "labels": [m["label"] for m in active if m.get("label") and max(m["start"], p0) == a],
                "badges": [x for x in pb if x["pos"] == b],
                "open": next((m["sentence"] for m in ps if max(m["start"], p0) == a), None),
                "close": any(min(m["end"], p1) == b for m in ps),
            })
        out.append(segs)
    return out


def article_marks(article: dict) -> tuple[list[dict], list[dict]]:
    """Marks and badges for the teacher's article page: sentences, dates, speakers, claim statuses,
    furniture. Every label of a sentence (its speaker, status and dates) is a badge after its end, so
    no label ever interrupts a sentence."""
    an = article["analysis"]
    sentences = {s["id"]: s for s in an.get("sentences", [])}
    marks, badges, date_badges = [], [], []
    for s in an.get("sentences", []):
        if s.get("end", -1) > s.get("start", -1) >= 0:
            marks.append({"start": s["start"], "end": s["end"], "sentence": s["id"]})
    for d in an.get("dates", []):
        if d.get("start", -1) >= 0 and d.get("end", -1) > d["start"]:
            label = f"date {d.get('normalized') or ''}".strip()
            s = sentences.get(d.get("sentence"))
            if s and s["start"] <= d["start"] and d["end"] <= s["end"]:    # its label after the sentence
                marks.append({"start": d["start"], "end": d["end"], "cls": "date"})
                date_badges.append({"pos": s["end"], "cls": "date", "label": label})
            else:
                marks.append({"start": d["start"], "end": d["end"], "cls": "date", "label": label})
    for a in an.get("attributions", []):
        s = sentences.get(a.get("sentence"))
        if a.get("start", -1) >= 0 and a.get("end", -1) > a["start"]:
            marks.append({"start": a["start"], "end": a["end"], "cls": "said"})
        if s:
            badges.append({"pos": s["end"], "cls": "speaker",
                           "label": f"{a['mode']} · {a['speaker']}" if a.get("mode") else a["speaker"]})
    for c in an.get("claims", []):
        s = sentences.get(c.get("sentence"))
        if s:
            label = ("also " if c.get("also") else "") + c["status"] + (f" · {c['source']}" if c.get("source") else "")
            badges.append({"pos": s["end"], "cls": f"status status-{c['status']}", "label": label})
    badges.extend(date_badges)
    for f in an.get("furniture", []):
        marks.append({"start": f["start"], "end": f["end"], "cls": "furniture",
                      "label": f"not article: {f.get('kind', 'furniture')}"})
    return marks, badges


def outside_body(article: dict) -> list[tuple[str, str]]:
    """Text before and after the body (site furniture), shown apart."""
    an, text = article["analysis"], article["text"]
    parts = []
    before = text[:an.get("body_start", 0)].strip()
    after = text[an.get("body_end", len(text)):].strip()
    if before:
        parts.append(("Before the article", before))
    if after:
        parts.append(("After the article", after))
    return parts


def evidence_marks(questions: list[dict], numbers: dict[int, int]) -> list[dict]:
    marks = []
    for q in questions:
        if q.get("evidence_start") is not None and q.get("evidence_end") and q["evidence_end"] > q["evidence_start"]:
            marks.append({"start": q["evidence_start"], "end": q["evidence_end"], "cls": "evidence",
                          "id": f"ev-{q['id']}", "label": f"Q{numbers[q['id']]} evidence"})
    return marks


def body_range(article: dict, marks: list[dict] = ()) -> tuple[int, int]:
    an = article["analysis"]
    start, end = an.get("body_start", 0), an.get("body_end", len(article["text"]))
    for m in marks:
        start, end = min(start, m["start"]), max(end, m["end"])
    return start, end
