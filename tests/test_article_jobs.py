"""Article import as a background job (quiz/jobs.py, issue 8 findings 1 and 3): the job records its
stages and stores the drafts; a hard time limit; a cap on one teacher's running imports; the status
route is the teacher's own; all drafts written in one short transaction; an over-complex page
refused before any extraction. Real SQLite file, Flask test client, huey in immediate mode."""
from __future__ import annotations

import io
import time

import pytest

import questions
from quiz import jobs, storage
from quiz.db import connect
from conftest import PASSWORD, make_teacher, sample_text


@pytest.fixture
def logged_in(auth, teacher):
    auth.login()
    return teacher


def article_id_of(response) -> int:
    assert response.status_code == 302, response.data[:2000]
    return int(response.location.rsplit("/", 1)[1])


def test_huey_runs_jobs_inline_in_tests(app):
    assert jobs.huey.immediate


def test_the_job_records_its_stages_and_stores_the_questions(client, db, logged_in, monkeypatch):
    seen = []
    real = storage.set_article_stage

    def spy(conn, article_id, stage):
        real(conn, article_id, stage)
        seen.append((stage, storage.article_status(conn, logged_in, article_id)["stage"]))
    monkeypatch.setattr(storage, "set_article_stage", spy)

    article_id = article_id_of(client.post("/articles/new", data={"text": sample_text()}))
    assert [s for s, _ in seen] == ["reading", "analysing", "drafting", "saving"]
    assert all(stage == stored for stage, stored in seen)          # each stage is in the database
    status = client.get(f"/articles/{article_id}/status").get_json()
    drafts = storage.list_questions(db, logged_in, article_id, status="draft")
    assert status["state"] == "ready" and drafts and status["drafted"] == len(drafts)
    assert status["message"] == f"{len(drafts)} questions drafted."
    article = storage.get_article(db, logged_in, article_id)
    assert article["analysis"]["sentences"] and "questions" not in article["analysis"]
    page = client.get(f"/articles/{article_id}").data.decode()
    assert "Question bank" in page and "Drafting questions" not in page


def test_a_drafting_article_shows_the_progress_page(client, db, logged_in):
    article_id = storage.create_drafting_article(db, logged_in, sample_text(), "text", {}, 2, "")
    storage.set_article_stage(db, article_id, "analysing")
    page = client.get(f"/articles/{article_id}").data.decode()
    assert jobs.STAGES["analysing"] in page and "progress.js" in page and "Refresh" in page
    assert "<script>" not in page                                   # the CSP: no inline script
    status = client.get(f"/articles/{article_id}/status").get_json()
    assert status["state"] == "drafting" and status["message"] == jobs.STAGES["analysing"]
    assert status["url"] == f"/articles/{article_id}"
    assert article_id not in [a["id"] for a in storage.list_articles(db, logged_in)]
    assert "being read" in client.get("/articles/new").data.decode()
    assert jobs.run_import(db.conn.execute("PRAGMA database_list").fetchone()[2], article_id) == "ready"
    assert client.get(f"/articles/{article_id}/status").get_json()["state"] == "ready"


def test_past_the_time_limit_the_article_is_marked_failed(app, client, db, logged_in, monkeypatch):
    def slow(*a, **k):
        time.sleep(30)
    monkeypatch.setattr(questions, "analyze", slow)
    app.config["IMPORT_TIME_LIMIT"] = 0.5
    start = time.monotonic()
    article_id = article_id_of(client.post("/articles/new", data={"text": sample_text()}))
    assert time.monotonic() - start < 5                             # killed, not waited for
    status = client.get(f"/articles/{article_id}/status").get_json()
    assert status["state"] == "failed"
    assert status["message"] == jobs.TIME_LIMIT_MESSAGE == \
        "This article took too long to read; try a shorter part of it."
    page = client.get(f"/articles/{article_id}").data.decode()
    assert "took too long to read" in page and "progress.js" not in page
    assert storage.list_questions(db, logged_in, article_id) == []
    assert "could not be drafted" in client.get("/articles/new").data.decode()


def test_an_engine_refusal_inside_the_job_is_the_failure_message(client, logged_in, monkeypatch):
    def refuse(*a, **k):
        raise questions.ArticleError("No sentences the engine can read.")
    monkeypatch.setattr(questions, "analyze", refuse)
    article_id = article_id_of(client.post("/articles/new", data={"text": sample_text()}))
    status = client.get(f"/articles/{article_id}/status").get_json()
    assert (status["state"], status["message"]) == ("failed", "No sentences the engine can read.")


def test_a_third_running_import_is_refused_with_a_message(app, client, db, logged_in, monkeypatch):
    monkeypatch.setattr(jobs, "draft_article", lambda *a, **k: None)     # the consumer is busy
    ids = [article_id_of(client.post("/articles/new", data={"text": sample_text()})) for _ in range(2)]
    assert [storage.article_status(db, logged_in, i)["state"] for i in ids] == ["drafting", "drafting"]
    r = client.post("/articles/new", data={"text": sample_text()})
    assert r.status_code == 422
    assert "You already have 2 articles being read" in r.data.decode()
    assert len(list(db.query("SELECT id FROM articles WHERE teacher_id = ?", [logged_in]))) == 2
    # another teacher is not held up by this one's imports
    other = make_teacher(db, "other")
    storage.create_drafting_article(db, other, sample_text(), "text", {}, 2, "")
    # once one of the two is done, a new import is accepted
    storage.fail_article(db, ids[0], "done")
    assert client.post("/articles/new", data={"text": sample_text()}).status_code == 302


def test_stale_drafting_imports_do_not_count_against_the_cap(db, teacher):
    for _ in range(2):
        storage.create_drafting_article(db, teacher, sample_text(), "text", {}, 2, "")
    with pytest.raises(storage.ConflictError):
        storage.create_drafting_article(db, teacher, sample_text(), "text", {}, 2, "")
    storage.create_drafting_article(db, teacher, sample_text(), "text", {}, 2, "9999-01-01")


def test_the_status_route_is_the_teachers_own(client, auth, db, logged_in):
    article_id = article_id_of(client.post("/articles/new", data={"text": sample_text()}))
    assert client.get(f"/articles/{article_id}/status").status_code == 200
    make_teacher(db, "other")
    auth.logout()
    auth.login("other")
    assert client.get(f"/articles/{article_id}/status").status_code == 404
    assert client.get(f"/articles/{article_id}").status_code == 404
    assert client.get("/articles/999999/status").status_code == 404
    auth.logout()
    assert client.get(f"/articles/{article_id}/status").status_code == 302       # to the login


def test_the_drafts_are_written_in_one_transaction(app, client, db, logged_in, monkeypatch):
    statements: list[str] = []

    def traced(path):
        conn = connect(path)
        conn.conn.set_trace_callback(statements.append)
        return conn
    monkeypatch.setattr(jobs, "connect", traced)
    article_id = article_id_of(client.post("/articles/new", data={"text": sample_text()}))
    n = len(storage.list_questions(db, logged_in, article_id))
    assert n > 5
    plain = [s.replace('"', "").replace("[", "").replace("]", "").strip().upper() for s in statements]
    inserts = [i for i, s in enumerate(plain) if s.startswith("INSERT INTO QUESTIONS")]
    assert inserts, statements[-20:]
    begins = [i for i, s in enumerate(statements) if s.strip().upper().startswith("BEGIN")]
    commits = [i for i, s in enumerate(statements) if s.strip().upper() == "COMMIT"]
    start = max(b for b in begins if b < inserts[0])
    end = min(c for c in commits if c > start)
    assert all(start < i < end for i in inserts)                   # one transaction holds them all
    assert len(inserts) < n / 10                                   # batched, not one a draft
    inside = statements[start:end]
    assert any("UPDATE articles SET title" in s for s in inside)   # the article turns ready with them
    assert not any("FROM articles" in s for s in inside)           # no re-reading the analysis a draft


def test_the_seed_path_writes_drafts_in_one_insert(db, teacher):
    statements: list[str] = []
    text = sample_text()
    article_id = storage.create_article(db, teacher, {"title": "T"}, text)
    db.conn.set_trace_callback(statements.append)
    rows = [{"id": f"q{i}", "type": "tf", "prompt": f"P{i}", "choices": ["True", "False"], "answer": 0,
             "evidence": {"start": 0, "end": 5, "text": text[:5]}} for i in range(1200)]
    assert storage.add_engine_questions(db, teacher, article_id, rows) == 1200
    db.conn.set_trace_callback(None)
    assert sum(s.strip().upper().startswith("BEGIN") for s in statements) == 1
    assert sum("analysis_json" in s for s in statements) == 0
    assert len(storage.list_questions(db, teacher, article_id)) == 1200


def big_page(n_links: int = 60_000) -> bytes:
    words = sample_text().split()
    links = "".join(f'<li><a href="/x{i}">{words[i % len(words)]}</a></li>' for i in range(n_links))
    return (f"<!doctype html><html><body><article><p>{' '.join(words[:400])}</p></article>"
            f"<nav><ul>{links}</ul></nav></body></html>").encode()[:2_000_000]


def test_an_over_complex_page_is_refused_before_any_extraction(client, logged_in, monkeypatch):
    def extract(*a, **k):
        raise AssertionError("extraction ran")
    monkeypatch.setattr("questions.read._extract_html", extract)
    page = big_page()
    assert len(page) > 1_500_000
    start = time.monotonic()
    r = client.post("/articles/new", data={"upload": (io.BytesIO(page), "big.html")},
                    content_type="multipart/form-data")
    assert time.monotonic() - start < 2
    assert r.status_code == 422 and "This page is too large to read" in r.data.decode()
    # pasted with the clipboard's HTML: the pasted text is used instead
    r = client.post("/articles/new", data={"text": sample_text(), "html": big_page(30_000).decode()})
    assert r.status_code == 302


def test_a_page_with_far_too_much_text_is_refused_before_extraction(monkeypatch):
    from quiz import webpage
    monkeypatch.setattr("questions.read._extract_html", lambda *a: (_ for _ in ()).throw(AssertionError()))
    para = "<p>" + " ".join(sample_text().split()[:200]) + "</p>"
    page = ("<html><body>" + para * (500_000 // len(para) + 1) + "</body></html>").encode()
    with pytest.raises(questions.ArticleError, match="too much text"):
        webpage.from_upload(page, "long.html")
