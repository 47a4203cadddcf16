"""The article page's markup (quiz/markup.py): each sentence's words in one piece, every label after
its sentence, never inside it (issue 10: copying a sentence from the article page gives exactly its
words)."""
from __future__ import annotations

from quiz import markup

TEXT = "Rubio said on 3 May 2025 that Maduro was a fugitive. Russia stood firm.\n\nA second paragraph."


def analysis():
    s1 = TEXT.index("Russia")
    return {"body_start": 0, "body_end": len(TEXT),
            "sentences": [{"id": 0, "start": 0, "end": s1 - 1}, {"id": 1, "start": s1, "end": TEXT.index("\n")},
                          {"id": 2, "start": TEXT.index("A second"), "end": len(TEXT)}],
            "dates": [{"normalized": "2025-05-03", "sentence": 0, "start": TEXT.index("3 May"),
                       "end": TEXT.index("3 May") + len("3 May 2025")}],
            "attributions": [{"speaker": "Marco Rubio", "mode": "indirect", "sentence": 0,
                              "start": TEXT.index("Maduro"), "end": s1 - 1}],
            "claims": [{"sentence": 1, "status": "reported", "source": None}],
            "furniture": []}


def sentences(paras):
    """The text of each sentence element the template builds, and the labels after it."""
    out, current = [], None
    for segs in paras:
        for seg in segs:
            if seg["open"] is not None:
                current = {"id": seg["open"], "text": "", "labels_inside": list(seg["labels"]), "after": []}
            if current is not None:
                current["text"] += seg["text"]
                if seg["open"] is None:
                    current["labels_inside"] += seg["labels"]
            if seg["close"] and current is not None:
                current["after"] = [b["label"] for b in seg["badges"]]
                out.append(current)
                current = None
            elif current is not None:
                assert not seg["badges"], "a badge inside a sentence"
    return out


def test_each_sentence_is_exactly_its_words_with_its_labels_after_it():
    an = analysis()
    marks, badges = markup.article_marks({"analysis": an, "text": TEXT})
    paras = markup.render(TEXT, 0, len(TEXT), marks, badges)
    found = sentences(paras)
    assert [s["text"] for s in found] == [TEXT[s["start"]:s["end"]] for s in an["sentences"]]
    assert all(s["labels_inside"] == [] for s in found), "no label inside a sentence"
    assert found[0]["after"] == ["indirect · Marco Rubio", "date 2025-05-03"]
    assert found[1]["after"] == ["reported"]
    # the date and what was said are still marked (styled on demand), without words of their own
    classes = {seg["text"]: seg["classes"] for segs in paras for seg in segs}
    assert classes["3 May 2025"] == "date"
    assert "said" in classes["Maduro was a fugitive."]


def test_without_sentences_the_student_pages_render_as_before():
    marks = [{"start": 0, "end": 5, "cls": "evidence", "id": "ev-1", "label": "Q1 evidence"}]
    paras = markup.render(TEXT, 0, len(TEXT), marks)
    assert len(paras) == 2
    first = paras[0][0]
    assert first["text"] == "Rubio" and first["anchors"] == ["ev-1"] and first["labels"] == ["Q1 evidence"]
    assert all(seg["open"] is None and not seg["close"] for segs in paras for seg in segs)
    assert "".join(seg["text"] for seg in paras[0]) == TEXT.split("\n\n")[0]


def test_a_sentence_across_paragraphs_is_closed_and_reopened():
    an = {**analysis(), "sentences": [{"id": 0, "start": 0, "end": len(TEXT)}], "dates": [], "attributions": [],
          "claims": []}
    marks, badges = markup.article_marks({"analysis": an, "text": TEXT})
    paras = markup.render(TEXT, 0, len(TEXT), marks, badges)
    for segs in paras:
        assert segs[0]["open"] == 0 and segs[-1]["close"]
