"""Hostile input, property-based (hypothesis): every form and JSON endpoint gets random and huge
strings, Unicode, control characters, NUL, wrong types, missing and repeated fields.

Each request must end in a refusal with a clear message (a 4xx, or the form shown again with its
errors) or a clean success; never a 500, and a refusal stores nothing (no half-record). Uploads:
random bytes, 50 MB, deeply nested HTML, a .txt that is not text: refused quickly, with a message.
SQL metacharacters are stored verbatim.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PASSWORD, join, make_article, make_assignment, make_teacher, sample_text
from quiz import create_app, storage
from quiz.db import connect

TABLES = ("teachers", "articles", "questions", "quizzes", "quiz_items", "assignments", "assigned_questions",
          "roster", "attempts", "answers")
FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
ERROR_MARK = re.compile(rb'class="errors"|role="alert"|class="message"')

# ------------------------------------------------------------------ strategies

HUGE = ["A" * 100_000, "\x00" * 5_000, "\U0001d54f" * 20_000, "<" * 50_000, "'; DROP TABLE answers; --" * 2_000]
hostile_text = st.one_of(
    st.text(max_size=200),                                                  # any Unicode, controls, NUL
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60),
    st.sampled_from(["", " ", "\x00", "\r\n", "\u202e", "\ufeff", "0", "-1", "1e309", "NaN", "true", "null",
                     "[]", "{}", "2000-13-45T99:99", "'; DROP TABLE teachers; --", "<script>alert(1)</script>",
                     "%s%n", "../../etc/passwd"]),
    st.sampled_from(HUGE),
    st.integers().map(str),
)
# A field is missing, present once, or repeated.
field_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))


def form_for(fields):
    return st.dictionaries(st.sampled_from(fields), field_value, max_size=len(fields))


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12)


# ------------------------------------------------------------------ the world under attack

class World:
    """One app (CSRF off so that fuzzing reaches validation), a teacher with an article, questions,
    quiz and assignment, a logged-in teacher client and a student mid-attempt."""

    def __init__(self, path: str):
        self.app = create_app({"TESTING": True, "DATABASE": path, "SECRET_KEY": "hostile",
                               "WTF_CSRF_ENABLED": False, "JOIN_MAX_FAILURES": 10_000,
                               "OPEN_REGISTRATION": True})       # so that registration is fuzzed too
        self.db = connect(path)
        tid = make_teacher(self.db)
        self.article = make_article(self.db, tid)
        self.assignment = make_assignment(self.db, tid, self.article)
        self.questions = storage.list_questions(self.db, tid, self.article)
        self.teacher = self.app.test_client()
        r = self.teacher.post("/auth/login", data={"username": "teacher", "password": PASSWORD})
        assert r.status_code == 302
        self.student = self.app.test_client()
        self.token = join(self.student, self.assignment["join_code"], "Fuzzy")
        self.submitted = make_assignment(self.db, tid, self.article)   # a second one, for grading
        s2 = self.app.test_client()
        t2 = join(s2, self.submitted["join_code"], "Done")
        s2.post(f"/attempt/{t2}/answers", json={"answers": {str(q["id"]): "An answer" for q in self.submitted["questions"]}})
        s2.post(f"/attempt/{t2}/submit")
        self.answer_id = self.db.execute("SELECT id FROM answers ORDER BY id DESC LIMIT 1").fetchone()[0]

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for t in TABLES:
            for row in self.db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall():
                h.update(repr(row).encode())
        return h.hexdigest()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    w = World(str(tmp_path_factory.mktemp("hostile") / "hostile.db"))
    yield w
    w.db.close()


def post_and_check(world: World, client, url: str, data: dict, ok_statuses=(302,)):
    """POST, then: no 5xx; a refusal carries a message and leaves every table as it was."""
    before = world.fingerprint()
    r = client.post(url, data=data)
    assert r.status_code < 500, (url, data, r.status_code)
    if r.status_code in ok_statuses:
        return r
    assert 400 <= r.status_code < 500, (url, data, r.status_code)      # refused: a 4xx, never 200
    assert r.data.strip(), (url, r.status_code)
    if r.status_code == 422:       # the form again, showing what is wrong
        assert ERROR_MARK.search(r.data), (url, "form refused without a message", r.data[:500])
    assert world.fingerprint() == before, (url, data, "a refused request stored something")
    return r


# ------------------------------------------------------------------ teacher forms

@FUZZ
@given(data=form_for(["username", "password", "confirm"]))
def test_register_fuzz(world, data):
    post_and_check(world, world.app.test_client(), "/auth/register", data)


@FUZZ
@given(data=form_for(["username", "password"]))
def test_login_fuzz(world, data):
    post_and_check(world, world.app.test_client(), "/auth/login", data)


@settings(FUZZ, max_examples=15)
@given(data=form_for(["text"]))
def test_article_text_fuzz(world, data):
    post_and_check(world, world.teacher, "/articles/new", data)


@FUZZ
@given(data=form_for(["status"]))
def test_question_status_fuzz(world, data):
    q = world.questions[0]["id"]
    post_and_check(world, world.teacher, f"/questions/{q}/status", data)


QUESTION_FIELDS = ["kind", "skill", "prompt", "choices", "key", "explanation", "evidence"]


@FUZZ
@given(data=form_for(QUESTION_FIELDS))
def test_question_edit_fuzz(world, data):
    q = world.questions[1]["id"]
    post_and_check(world, world.teacher, f"/questions/{q}/edit", data)


@FUZZ
@given(data=form_for(QUESTION_FIELDS))
def test_question_new_fuzz(world, data):
    post_and_check(world, world.teacher, f"/articles/{world.article}/questions/new", data)


def quiz_fields(world):
    fields = ["title", "shuffle_choices", "show_article", "feedback_timing", "attempts_allowed"]
    for q in world.questions[:3]:
        fields += [f"include_{q['id']}", f"position_{q['id']}", f"points_{q['id']}"]
    return fields + ["include_999999", "points_abc"]


@FUZZ
@given(data=st.data())
def test_quiz_new_and_edit_fuzz(world, data):
    form = data.draw(form_for(quiz_fields(world)))
    post_and_check(world, world.teacher, f"/articles/{world.article}/quizzes/new", form)
    post_and_check(world, world.teacher, f"/quizzes/{world.assignment['quiz_id']}", form)


@FUZZ
@given(data=form_for(["class_name", "opens_at", "closes_at", "roster"]))
def test_assign_fuzz(world, data):
    post_and_check(world, world.teacher, f"/quizzes/{world.assignment['quiz_id']}/assign", data)


@FUZZ
@given(data=st.data())
def test_grade_fuzz(world, data):
    a = world.answer_id
    form = data.draw(form_for([f"a{a}-points", f"a{a}-comment", "points", "comment"]))
    post_and_check(world, world.teacher, f"/answers/{a}/grade", form)


# ------------------------------------------------------------------ student forms and JSON

@FUZZ
@given(data=form_for(["code"]))
def test_join_code_fuzz(world, data):
    post_and_check(world, world.app.test_client(), "/", data)


@FUZZ
@given(data=form_for(["name", "resume_code"]), code=st.one_of(st.just(None), hostile_text))
def test_join_name_fuzz(world, data, code):
    code = world.assignment["join_code"] if code is None else code
    client = world.app.test_client()
    path = "/join/" + re.sub(r"[/?#%\x00-\x20\x7f]", "", code)[:200]
    r = client.post(path, data=data)
    assert r.status_code < 500, (path, data)
    if r.status_code == 302 and "/attempt/" in r.location:            # a new attempt: a whole one
        token = r.location.rsplit("/", 1)[1]
        row = world.db.execute("SELECT student_name, name_key, resume_code FROM attempts WHERE token = ?",
                               [token]).fetchone()
        assert row and row[0].strip() and row[1] and len(row[2]) == storage.RESUME_LENGTH


@FUZZ
@given(data=st.data())
def test_quiz_form_fallback_fuzz(world, data):
    qs = world.assignment["questions"]
    fields = [f"q{q['id']}" for q in qs] + [f"q{qs[2]['id']}_{i}" for i in range(4)] + ["action", "q999999"]
    form = data.draw(form_for(fields))
    r = world.student.post(f"/attempt/{world.token}", data=form)
    assert r.status_code < 500
    assert_stored_responses_valid(world)


def assert_stored_responses_valid(world):
    """Whatever was sent, each stored response is a valid one for its question, or null."""
    by_id = {q["id"]: q for q in world.assignment["questions"]}
    attempt = storage.get_attempt_by_token(world.db, world.token)
    for qid, resp in storage.saved_responses(world.db, attempt["id"]).items():
        q = by_id[qid]
        if resp is None:
            continue
        if q["kind"] in ("mc", "tf"):
            assert type(resp) is int and 0 <= resp < len(q["choices"])
        elif q["kind"] == "order":
            assert isinstance(resp, list) and len(resp) == len(q["choices"])
            assert all(p is None or (type(p) is int and 1 <= p <= len(q["choices"])) for p in resp)
        else:
            assert isinstance(resp, str) and 0 < len(resp) <= 5000


@FUZZ
@given(body=st.one_of(
    json_value,
    st.fixed_dictionaries({"answers": json_value}),
    st.fixed_dictionaries({"answers": st.dictionaries(st.one_of(st.sampled_from(["1", "2", "3", "4", "5"]),
                                                                st.text(max_size=10)), json_value)}),
))
def test_autosave_json_fuzz(world, body):
    before = world.fingerprint()
    r = world.student.post(f"/attempt/{world.token}/answers", json=body)
    assert r.status_code in (200, 400), (body, r.status_code)
    payload = r.get_json()
    if r.status_code == 400:
        assert payload["error"]
        assert world.fingerprint() == before
    else:
        assert isinstance(payload["saved"], int)
    assert_stored_responses_valid(world)


@FUZZ
@given(raw=st.one_of(st.binary(max_size=300), st.sampled_from([b"", b"{", b"\x00" * 100, b"[" * 10_000,
                                                                   b'{"answers": ' * 2000, b"\xff\xfe{}"])),
       ctype=st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded", ""]))
def test_autosave_raw_body_fuzz(world, raw, ctype):
    before = world.fingerprint()
    r = world.student.post(f"/attempt/{world.token}/answers", data=raw,
                           headers={"Content-Type": ctype} if ctype else {})
    assert r.status_code == 400, (raw[:50], r.status_code)
    assert r.get_json()["error"]
    assert world.fingerprint() == before


def test_autosave_huge_body_is_refused(world):
    r = world.student.post(f"/attempt/{world.token}/answers", data=b'{"answers": {"1": "' + b"x" * 3_000_000 + b'"}}',
                           headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.get_json()["error"]


def test_csrf_missing_or_forged_is_a_clear_400(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "c.db"), "SECRET_KEY": "c"})
    db = connect(str(tmp_path / "c.db"))
    tid = make_teacher(db)
    a = make_assignment(db, tid, make_article(db, tid))
    c = app.test_client()
    page = c.get(f"/join/{a['join_code']}").data
    token = re.search(rb'name="csrf-token" content="([^"]+)"', page).group(1).decode()
    r = c.post(f"/join/{a['join_code']}", data={"name": "Eve"})
    assert r.status_code == 400 and b"Reload the page" in r.data
    r = c.post(f"/join/{a['join_code']}", data={"name": "Eve", "csrf_token": token + "x"})
    assert r.status_code == 400
    r = c.post(f"/join/{a['join_code']}", data={"name": "Eve", "csrf_token": token})
    assert r.status_code == 302
    attempt = r.location.rsplit("/", 1)[1]
    r = c.post(f"/attempt/{attempt}/answers", json={"answers": {}})
    assert r.status_code == 400 and "Reload" in r.get_json()["error"]
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1
    db.close()


# ------------------------------------------------------------------ uploads

def upload(world, name, data):
    start = time.perf_counter()
    before = world.fingerprint()
    r = world.teacher.post("/articles/new", data={"upload": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")
    elapsed = time.perf_counter() - start
    assert r.status_code in (422, 413), r.status_code
    assert world.fingerprint() == before
    return r, elapsed


def message(r) -> str:
    m = re.search(rb'<ul class="errors"[^>]*><li><span aria-hidden="true">[^<]*</span> ([^<]+)', r.data)
    return m.group(1).decode() if m else ""


@pytest.mark.parametrize("name,data,expect", [
    ("random.txt", os.urandom(200_000), "not text"),
    ("random.html", os.urandom(200_000), "not text"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(20_000), "not text"),
    ("nul.txt", b"A perfectly normal sentence.\x00" * 500, "not text"),
    # refused before extraction: over 25,000 elements (quiz/webpage.py MAX_ELEMENTS)
    ("nested.html", b"<html><body>" + b"<div>" * 150_000 + b"words " * 300 + b"</div>" * 150_000, "too large to read"),
    ("nested-inline.html", b"<p>" + b"<b><i>" * 100_000 + b"Story words here. " * 500, "too large to read"),
    ("article.exe", b"MZ" + os.urandom(1000), ".txt or .html"),
])
def test_bad_uploads_refused_with_a_message(world, name, data, expect):
    r, elapsed = upload(world, name, data)
    assert r.status_code == 422
    assert expect in message(r), message(r) or r.data[:300]
    assert elapsed < 30          # generous: "quickly" means seconds, not a hung worker


def test_50_mb_upload_refused(world):
    r, elapsed = upload(world, "big.txt", b"word " * (10 * 1024 * 1024))
    assert r.status_code == 413
    assert b"2 MB" in r.data
    assert elapsed < 30


# ------------------------------------------------------------------ SQL metacharacters

SQLISH = "Robert'); DROP TABLE attempts;-- \" OR 1=1 -- %_\\ `x` [y] $1 ?"


def test_sql_metacharacters_stored_verbatim(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "s.db"), "SECRET_KEY": "s",
                      "WTF_CSRF_ENABLED": False})
    db = connect(str(tmp_path / "s.db"))
    tid = make_teacher(db)
    article = make_article(db, tid)
    teacher = app.test_client()
    teacher.post("/auth/login", data={"username": "teacher", "password": PASSWORD})
    a = make_assignment(db, tid, article)
    r = teacher.post(f"/quizzes/{a['quiz_id']}", data={
        "title": SQLISH, "feedback_timing": "immediate", "attempts_allowed": "1",
        **{f"include_{q['question_id']}": "y" for q in a["questions"]},
        **{f"position_{q['question_id']}": str(n) for n, q in enumerate(a["questions"], 1)},
        **{f"points_{q['question_id']}": "1" for q in a["questions"]}})
    assert r.status_code == 302, r.data[:500]
    assert db.execute("SELECT title FROM quizzes WHERE id = ?", [a["quiz_id"]]).fetchone()[0] == SQLISH
    r = teacher.post(f"/quizzes/{a['quiz_id']}/assign", data={"class_name": SQLISH, "opens_at": "2000-01-01T00:00",
                                                             "roster": SQLISH.replace(",", ";") + ", 42"})
    assert r.status_code == 302, r.data[:500]
    row = db.execute("SELECT class_name, id FROM assignments ORDER BY id DESC LIMIT 1").fetchone()
    assert row[0] == SQLISH
    student = app.test_client()
    code = db.execute("SELECT join_code FROM assignments WHERE id = ?", [a["id"]]).fetchone()[0]
    token = join(student, code, SQLISH)
    open_q = next(q for q in a["questions"] if q["kind"] == "open")
    r = student.post(f"/attempt/{token}/answers", json={"answers": {str(open_q["id"]): SQLISH}})
    assert r.status_code == 200
    name, = db.execute("SELECT student_name FROM attempts WHERE token = ?", [token]).fetchone()
    assert name == " ".join(SQLISH.split())
    resp, = db.execute("SELECT response_json FROM answers WHERE assigned_question_id = ?", [open_q["id"]]).fetchone()
    assert json.loads(resp) == SQLISH
    for t in TABLES:                                       # and nothing was dropped
        db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()
    db.close()
