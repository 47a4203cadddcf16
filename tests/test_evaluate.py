"""`python -m questions.evaluate` on a tiny corpus written here, and the scorer's key rule.

The texts below are invented for these tests. Tests that need exact figures replace the engine by a
hand-made output (monkeypatched `engine_output`), so they check the evaluation, not the engine.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from questions import ArticleError
from questions import evaluate
from questions.scoring import score

ROOT = Path(__file__).parent.parent

ARTICLE = """PORTVALE, March 4, 2024 - The city council approved a plan on Monday to repair the Harbour Bridge, \
which has been closed to lorries since last autumn.

"The bridge is safe for cars, but it will not carry heavy traffic again until the work is done," said Mayor Elena Brooks.

Engineers found cracks in two steel supports in October 2023, according to a report published by the council.

Brooks said the repairs would cost about 12 million pounds and should be finished by June 2025.

Local shop owners believe the closure has cost them customers. It is unclear whether the national \
government will help pay for the work.

The transport union accused the council of ignoring warnings about the supports for years, a charge \
the council denies.
"""
QUOTE = ('"The bridge is safe for cars, but it will not carry heavy traffic again until the work is done," '
         'said Mayor Elena Brooks.')
REPORT = "Engineers found cracks in two steel supports in October 2023, according to a report published by the council."
COST = "Brooks said the repairs would cost about 12 million pounds and should be finished by June 2025."
ACCUSED = ("The transport union accused the council of ignoring warnings about the supports for years, "
           "a charge the council denies.")
GOLD = {
    "article": "01-harbour-bridge", "published": "2024-03-04",
    "attributions": [
        {"speaker": "Elena Brooks", "aliases": ["Mayor Elena Brooks", "the mayor"], "sentence": QUOTE},
        {"speaker": "the council", "aliases": ["the city council"], "sentence": REPORT},
        {"speaker": "Elena Brooks", "aliases": ["Brooks"], "sentence": COST},
        {"speaker": "the transport union", "aliases": [], "sentence": ACCUSED},
    ],
    "dates": [
        {"expression": "October 2023", "normalized": "2023-10", "sentence": REPORT},
        {"expression": "June 2025", "normalized": "2025-06", "sentence": COST},
    ],
    "claims": [
        {"sentence": REPORT, "status": "reported"},
        {"sentence": COST, "status": "reported"},
        {"sentence": "Local shop owners believe the closure has cost them customers.", "status": "opinion"},
        {"sentence": ACCUSED, "status": "alleged"},
        {"sentence": ACCUSED, "status": "denied"},
    ],
}

MENU = "Home\nNews\nSport\nWeather\nSign in\nSubscribe\n\nPortvale Gazette\n\nCanal path to reopen after floods\n\n"
BODY = """The canal towpath between Mill Lane and the old brewery will reopen next week, three months after \
floods washed away part of its surface. Workers have laid new gravel along a stretch of about 400 metres \
and rebuilt a footbridge near the lock. "People have been very patient with us," said Rita Osei, who \
manages the waterways trust. The trust said the repairs cost less than expected because volunteers \
cleared most of the mud themselves. Cyclists will have to dismount on the footbridge, and dogs must be \
kept on a lead near the lock while the banks settle. The council has not said whether it will pay for \
new lighting along the path."""
FOOTER = "\n\nRelated stories\nBridge repairs approved\nSchool fete raises record sum\n\n(c) 2024 Portvale Gazette\nPrivacy policy\nCookies\n"
PAGE_HTML = ("<html><head><title>Canal path to reopen</title></head><body><nav><a href='/'>Home</a> "
             "<a href='/news'>News</a></nav><article><h1>Canal path to reopen after floods</h1>"
             + "".join(f"<p>{p}</p>" for p in BODY.split(". ")) + "</article><footer>Privacy policy</footer></body></html>")

# The outside scorer's metric names: the project's scorer must keep them.
SCORE_KEYS = {"attribution_precision", "attribution_recall", "attribution_f1", "date_precision", "date_recall",
              "date_f1", "claim_status_accuracy", "claim_bad_status_values", "questions", "question_types",
              "questions_malformed", "questions_from_furniture", "questions_checkable", "question_key_accuracy",
              "coverage_attributions", "coverage_dates", "coverage_claims"}


@pytest.fixture
def corpus(tmp_path):
    """A folder of one annotated article and a folder of one pasted page (with its HTML)."""
    news, pages = tmp_path / "news", tmp_path / "pages"
    (news / "gold").mkdir(parents=True)
    pages.mkdir()
    (news / "01-harbour-bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (news / "gold" / "01-harbour-bridge.json").write_text(json.dumps(GOLD), encoding="utf-8")
    pasted = MENU + BODY + FOOTER
    (pages / "02-canal-path.pasted.txt").write_text(pasted, encoding="utf-8")
    (pages / "02-canal-path.body.json").write_text(
        json.dumps({"body_start": len(MENU), "body_end": len(MENU) + len(BODY)}), encoding="utf-8")
    (pages / "02-canal-path.html").write_text(PAGE_HTML, encoding="utf-8")
    return news, pages


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "questions.evaluate", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_cli_prints_a_row_each_the_means_and_the_totals(corpus):
    news, pages = corpus
    r = run(news, pages)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    head = next(line for line in lines if line.startswith("articles"))
    assert head.split()[1:] == ["attr", "F1", "date", "F1", "status", "key", "acc", "checkable", "questions",
                                "malformed", "furniture"]
    assert any(line.startswith("01-harbour-bridge ") for line in lines)
    page_head = next(line for line in lines if line.startswith("pasted pages"))
    assert page_head.split()[2:] == ["body", "P", "body", "R", "body", "F1", "questions", "outside", "body"]
    assert any(line.startswith("02-canal-path ") for line in lines)
    assert sum(line.startswith("mean over 1 ") for line in lines) == 2
    assert sum(line.startswith("total ") for line in lines) == 2
    assert any(line.startswith("answer keys right: ") and "checkable questions" in line for line in lines)
    assert ".html" not in r.stdout  # HTML copies only with --html


def test_cli_json_has_every_metric_under_the_outside_scorers_names(corpus):
    news, pages = corpus
    r = run(news, pages, "--json", "--html")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    rows = {row["name"]: row for row in data["rows"]}
    assert set(rows) == {"01-harbour-bridge", "02-canal-path", "02-canal-path.html"}
    assert set(rows["01-harbour-bridge"]["metrics"]) == SCORE_KEYS
    assert set(rows["02-canal-path"]["metrics"]) == set(evaluate.PAGE_KEYS)
    assert rows["02-canal-path.html"]["metrics"]["html_questions"] >= 0
    assert all(row["error"] is None for row in data["rows"])
    assert data["means"]["question_key_accuracy"] == rows["01-harbour-bridge"]["metrics"]["question_key_accuracy"]
    assert data["totals"]["questions"] == rows["01-harbour-bridge"]["metrics"]["questions"]
    assert data["failed"] == []


def test_cli_a_failing_floor_exits_1_and_says_which(corpus):
    news, pages = corpus
    ok = run(news, pages, "--min", "question_key_accuracy=0", "--min-each", "body_f1=0")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    r = run(news, pages, "--min", "question_key_accuracy=1.01", "--min", "body_f1=0")
    assert r.returncode == 1
    assert "FAIL mean question_key_accuracy" in r.stdout and "body_f1" not in r.stdout.split("FAIL", 1)[1]
    r = run(news, pages, "--min-each", "attribution_f1=1.01")
    assert r.returncode == 1
    assert "FAIL 01-harbour-bridge: attribution_f1" in r.stdout


def test_cli_a_folder_with_nothing_to_score_exits_2(tmp_path, corpus):
    news, _ = corpus
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("no gold here", encoding="utf-8")
    for args in ([empty], [news, empty], [tmp_path / "missing"]):
        r = run(*args)
        assert r.returncode == 2, args
        assert "nothing to score" in r.stderr


def test_cli_refuses_an_unknown_metric(corpus):
    news, _ = corpus
    r = run(news, "--min", "key_acuracy=0.9")
    assert r.returncode == 2 and "unknown metric" in r.stderr


# ---- exact figures, with a hand-made engine output ----

def sentence_out(text: str, sentences: list[str]) -> list[dict]:
    out = []
    for i, s in enumerate(sentences):
        start = text.index(s)
        out.append({"id": i, "start": start, "end": start + len(s), "paragraph": i, "text": s})
    return out


def who_said(text: str, sentence: str, choices: list[str], answer: int = 0) -> dict:
    start = text.index(sentence)
    return {"id": "q-who-0", "type": "who_said", "skill": "attribution", "prompt": "Who said this?",
            "choices": choices, "answer": answer, "key": choices[answer], "explanation": "",
            "evidence": {"start": start, "end": start + len(sentence), "text": sentence}}


def status_q(text: str, sentence: str, choices: list[str], answer: int = 0) -> dict:
    q = who_said(text, sentence, choices, answer)
    q.update(id="q-status-0", type="status", key=choices[answer].split(":")[0].lower())
    return q


def engine_out(questions: list[dict]) -> dict:
    return {"title": "t", "published": "2024-03-04", "body_start": 0, "body_end": len(ARTICLE),
            "sentences": sentence_out(ARTICLE, [QUOTE, REPORT, COST, ACCUSED]),
            "attributions": [], "dates": [], "claims": [], "furniture": [], "questions": questions}


def key_accuracy(q: dict) -> float:
    m, _ = score(GOLD, ARTICLE, engine_out([q]))
    assert m["questions_checkable"] == 1
    return m["question_key_accuracy"]


def test_a_distractor_that_is_also_right_makes_the_key_wrong():
    assert key_accuracy(who_said(ARTICLE, QUOTE, ["Elena Brooks", "Rita Osei", "Tom Reed"])) == 1.0
    # the same person under another name (an alias in the gold)
    assert key_accuracy(who_said(ARTICLE, QUOTE, ["Elena Brooks", "The mayor", "Tom Reed"])) == 0.0
    # the key alone is wrong too
    assert key_accuracy(who_said(ARTICLE, QUOTE, ["Tom Reed", "Rita Osei"])) == 0.0


def test_a_second_speaker_of_the_sentence_offered_as_a_distractor_makes_the_key_wrong():
    gold = dict(GOLD, attributions=GOLD["attributions"] + [{"speaker": "Tom Reed", "sentence": QUOTE}])
    m, misses = score(gold, ARTICLE, engine_out([who_said(ARTICLE, QUOTE, ["Elena Brooks", "Tom Reed"])]))
    assert m["question_key_accuracy"] == 0.0
    assert any("another choice is also right" in line for line in misses)


def test_a_status_the_sentence_also_carries_offered_as_a_distractor_makes_the_key_wrong():
    right = ["Alleged: an accusation not proven", "Opinion: a judgement", "Confirmed: stated as fact"]
    assert key_accuracy(status_q(ARTICLE, ACCUSED, right)) == 1.0
    both = ["Alleged: an accusation not proven", "Denied: someone denies it", "Opinion: a judgement"]
    assert key_accuracy(status_q(ARTICLE, ACCUSED, both)) == 0.0


def fake_engine(monkeypatch, outputs: dict):
    """Replace the engine: file name -> output dict (or an exception to raise)."""
    def engine_output(path: Path) -> dict:
        out = outputs[path.name]
        if isinstance(out, Exception):
            raise out
        return out
    monkeypatch.setattr(evaluate, "engine_output", engine_output)


def test_page_body_is_scored_by_character_less_the_furniture(tmp_path, monkeypatch, capsys):
    (tmp_path / "p.pasted.txt").write_text("x" * 100, encoding="utf-8")
    (tmp_path / "p.body.json").write_text(json.dumps({"body_start": 20, "body_end": 80}), encoding="utf-8")
    inside = [{"id": f"q-{s}", "evidence": {"start": s, "end": s + 1, "text": "x"}} for s in (20, 30, 79)]
    outside = [{"id": "q-80", "evidence": {"start": 80, "end": 81, "text": "x"}}, {"id": "q-none"}]
    fake_engine(monkeypatch, {"p.pasted.txt": {"body_start": 10, "body_end": 90,
                                               "furniture": [{"start": 40, "end": 50, "kind": "menu"}],
                                               "questions": inside + outside}})
    assert evaluate.main([str(tmp_path), "--json"]) == 0
    m = json.loads(capsys.readouterr().out)["rows"][0]["metrics"]
    # engine body: [10, 90) less [40, 50) = 70 chars, 50 of them in the gold [20, 80)
    assert m["body_precision"] == pytest.approx(50 / 70)
    assert m["body_recall"] == pytest.approx(50 / 60)
    assert m["body_f1"] == pytest.approx(2 * (50 / 70) * (50 / 60) / (50 / 70 + 50 / 60))
    # evidence starting in [20, 80) is inside; at 80, or with no evidence at all, it is outside
    assert (m["page_questions"], m["questions_outside_body"]) == (5, 2)


def two_articles(tmp_path, monkeypatch):
    """Article a has a right key, article b a key whose distractor is also right."""
    (tmp_path / "gold").mkdir()
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
        (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(dict(GOLD, article=name)), encoding="utf-8")
    fake_engine(monkeypatch, {
        "a.txt": engine_out([who_said(ARTICLE, QUOTE, ["Elena Brooks", "Tom Reed"])]),
        "b.txt": engine_out([who_said(ARTICLE, QUOTE, ["Elena Brooks", "The mayor"])])})


def test_floors_on_the_mean_and_on_every_article(tmp_path, monkeypatch, capsys):
    two_articles(tmp_path, monkeypatch)
    assert evaluate.main([str(tmp_path), "--min", "question_key_accuracy=0.5"]) == 0
    out = capsys.readouterr().out
    assert "answer keys right: 1 of 2 checkable questions" in out
    assert evaluate.main([str(tmp_path), "--min-each", "question_key_accuracy=0.9"]) == 1
    fails = [line for line in capsys.readouterr().out.splitlines() if line.startswith("FAIL")]
    assert fails == ["FAIL b: question_key_accuracy 0.000, floor question_key_accuracy=0.9"]
    assert evaluate.main([str(tmp_path), "--min", "questions_malformed<=0"]) == 0


def test_show_misses_prints_what_the_scorer_says(tmp_path, monkeypatch, capsys):
    two_articles(tmp_path, monkeypatch)
    evaluate.main([str(tmp_path)])
    assert "is also right" not in capsys.readouterr().out
    evaluate.main([str(tmp_path), "--show-misses"])
    out = capsys.readouterr().out
    b_misses = out.split("\nb ", 1)[1]
    assert "question q-who-0 (who_said): key 'Elena Brooks' is wrong, or another choice is also right" in b_misses
    assert "attribution missed: 'Elena Brooks'" in b_misses


def test_an_engine_error_scores_zero_and_fails_every_floor(tmp_path, monkeypatch, capsys):
    two_articles(tmp_path, monkeypatch)
    fake_engine(monkeypatch, {"a.txt": ArticleError("too short"),
                              "b.txt": engine_out([who_said(ARTICLE, QUOTE, ["Elena Brooks", "Tom Reed"])])})
    assert evaluate.main([str(tmp_path), "--min-each", "questions=0"]) == 1
    out = capsys.readouterr().out
    assert "ENGINE ERROR ArticleError: too short" in out
    assert "FAIL a: engine error" in out
    assert "answer keys right: 1 of 1 checkable questions" in out
