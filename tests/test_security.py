"""Issue 8, the security review: each finding has tests here that failed on the code it was found in.

1. invalid text (lone surrogates, NUL, controls, non-characters) at every text input; 2. log-in
throttling and equal answers for unknown and known usernames; 3. open redirects; 4. who may be a
teacher (first account = admin, closed registration, invites, password policy, change and reset,
the create-teacher command); 5. server-side sessions; 6. security headers; 7. the 500s found.
"""
from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PASSWORD, join, make_article, make_assignment, make_teacher, right_response
from quiz import accounts, create_app, security, storage
from quiz.db import connect

ROOT = Path(__file__).resolve().parent.parent
NEW_PASSWORD = "plum orchard lantern"


def open_question(assignment):
    return next(q for q in assignment["questions"] if q["kind"] == "open")


def post_raw_form(client, url, pairs):
    """A urlencoded form whose text may hold lone surrogates (encoded as the bytes a careless client
    would send); werkzeug's test client refuses to encode those itself."""
    body = urlencode(pairs, encoding="utf-8", errors="surrogatepass")
    return client.post(url, data=body, content_type="application/x-www-form-urlencoded")


# =================================================================== 1. invalid text at the boundary

def test_lone_surrogate_in_an_autosave_is_replaced_and_grading_and_exports_work(app, db, auth, assignment):
    student = app.test_client()
    token = join(student, assignment["join_code"], "Sur Rogate")
    q = open_question(assignment)
    r = student.post(f"/attempt/{token}/answers", data='{"answers": {"%d": "bad \\ud800 text"}}' % q["id"],
                     content_type="application/json")
    assert r.status_code == 200
    stored = json.loads(db.execute("SELECT response_json FROM answers WHERE assigned_question_id = ?",
                                   [q["id"]]).fetchone()[0])
    assert stored == "bad \ufffd text"
    assert student.post(f"/attempt/{token}/submit").status_code == 302
    assert student.get(f"/attempt/{token}/feedback").status_code == 200
    auth.login()
    assert auth.client.get(f"/assignments/{assignment['id']}/grading").status_code == 200
    r = auth.client.get(f"/assignments/{assignment['id']}/responses.csv")
    assert r.status_code == 200 and "bad \ufffd text" in r.data.decode("utf-8-sig")


def test_text_stored_before_the_fix_still_renders_and_exports(app, db, auth, assignment):
    """A response saved with a lone surrogate by the old code: no page or export may fail on it."""
    student = app.test_client()
    token = join(student, assignment["join_code"], "Old Data")
    q = open_question(assignment)
    student.post(f"/attempt/{token}/answers", json={"answers": {str(q["id"]): "placeholder"}})
    student.post(f"/attempt/{token}/submit")
    db.execute("UPDATE answers SET response_json = ? WHERE assigned_question_id = ?", ['"old \\ud800 \\u0000"', q["id"]])
    db.conn.commit()
    auth.login()
    for url in (f"/assignments/{assignment['id']}/grading", f"/assignments/{assignment['id']}/results",
                f"/assignments/{assignment['id']}/responses.csv", f"/assignments/{assignment['id']}/scores.csv"):
        r = auth.client.get(url)
        assert r.status_code == 200, url
        r.data.decode("utf-8")                      # valid UTF-8
        assert b"\x00" not in r.data
    assert student.get(f"/attempt/{token}/feedback").status_code == 200


def test_nul_and_control_characters_are_removed_from_form_fields(app, db, assignment):
    student = app.test_client()
    r = post_raw_form(student, f"/join/{assignment['join_code']}", [("name", "Ann\x00 \x07Lee\ufffe")])
    assert r.status_code == 302
    assert db.execute("SELECT student_name FROM attempts").fetchone()[0] == "Ann Lee"


def test_right_to_left_marks_and_real_characters_are_kept(app, db, assignment):
    text = "\u202eדנה\u200f 𝕏 Zoë\tend"
    student = app.test_client()
    token = join(student, assignment["join_code"], "Dana")
    q = open_question(assignment)
    assert student.post(f"/attempt/{token}/answers", json={"answers": {str(q["id"]): text}}).status_code == 200
    stored = db.execute("SELECT response_json FROM answers WHERE assigned_question_id = ?", [q["id"]]).fetchone()[0]
    assert json.loads(stored) == text


@pytest.mark.parametrize("text, cleaned", [
    ("plain", "plain"), ("a\x00b", "ab"), ("tab\tline\r\nbreak", "tab\tline\r\nbreak"), ("\ud800x\udfff", "\ufffdx\ufffd"),
    ("\x1b[31m", "[31m"), ("\ufdd0\uffff\U0010fffe", ""), ("\u202e\u200f\ufeff", "\u202e\u200f\ufeff"),
])
def test_clean_text(text, cleaned):
    assert security.clean_text(text) == cleaned


# Any Unicode, surrogates included, and the characters that broke or could break things.
NASTY = ["\ud800", "\udfff", "a\ud83d", "\x00", "\x00" * 50, "\u202e", "\u200f", "\ufeff", "\ufffe", "\U0010ffff",
         "\x1b[2J", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "\r\n", "x" * 3000]
unsafe_text = st.one_of(
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), min_size=1, max_size=40),
    st.sampled_from(NASTY),
    st.tuples(st.text(max_size=10), st.sampled_from(NASTY), st.text(max_size=10)).map("".join),
)
TEXT_FUZZ = settings(max_examples=30, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                            HealthCheck.data_too_large])


class TextWorld:
    """An app, a teacher with an article, a quiz and an assignment; a logged-in teacher client."""

    def __init__(self, path: str):
        self.app = create_app({"TESTING": True, "DATABASE": path, "SECRET_KEY": "text", "WTF_CSRF_ENABLED": False,
                               "JOIN_MAX_FAILURES": 100_000, "LOGIN_MAX_FAILURES": 100_000,
                               "LOGIN_FREE_FAILURES": 100_000})
        self.db = connect(path)
        self.tid = make_teacher(self.db)
        self.article = make_article(self.db, self.tid)
        self.assignment = make_assignment(self.db, self.tid, self.article)
        self.questions = storage.list_questions(self.db, self.tid, self.article)
        self.teacher = self.app.test_client()
        assert self.teacher.post("/auth/login", data={"username": "teacher", "password": PASSWORD}).status_code == 302
        self.n = 0


@pytest.fixture(scope="module")
def text_world(tmp_path_factory):
    w = TextWorld(str(tmp_path_factory.mktemp("text") / "text.db"))
    yield w
    w.db.close()


def assert_no_unsafe_text_stored(db):
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for row in db.execute(f"SELECT * FROM [{table}]").fetchall():
            for value in row:
                if isinstance(value, str):
                    assert security.is_clean(value), (table, value[:80])
                    if value[:1] in '"[{':
                        try:
                            decoded = json.loads(value)
                        except ValueError:
                            continue
                        assert security.is_clean(json.dumps(decoded, ensure_ascii=False)), (table, value[:80])


def assert_page_ok(client, url):
    r = client.get(url)
    assert r.status_code < 500, (url, r.status_code)
    r.data.decode("utf-8")      # every page and export is valid UTF-8
    return r


@TEXT_FUZZ
@given(s=unsafe_text)
def test_unsafe_text_at_every_input_never_breaks_a_page_or_an_export(text_world, s):
    w = text_world
    w.n += 1
    plain = f"Plain Name {w.n}"
    t = w.teacher
    qs = w.questions
    # ---- teacher inputs
    post_raw_form(t, f"/questions/{qs[4]['id']}/edit", [("kind", "open"), ("skill", "discussion"), ("prompt", s),
                                                         ("explanation", s), ("evidence", s), ("key", s)])
    post_raw_form(t, f"/articles/{w.article}/questions/new", [("kind", "short"), ("skill", "sourcing"), ("prompt", s),
                                                              ("explanation", s), ("key", s), ("choices", s)])
    post_raw_form(t, f"/articles/{w.article}/questions/new", [("kind", "mc"), ("skill", "sourcing"), ("prompt", "P"),
                                                              ("explanation", "E"), ("key", s), ("choices", f"{s}\nOther")])
    post_raw_form(t, f"/quizzes/{w.assignment['quiz_id']}", [
        ("title", s), ("feedback_timing", "immediate"), ("attempts_allowed", "1"),
        *[(f"include_{q['id']}", "y") for q in qs], *[(f"points_{q['id']}", "1") for q in qs]])
    r = post_raw_form(t, f"/quizzes/{w.assignment['quiz_id']}/assign",
                      [("class_name", s), ("opens_at", "2000-01-01T00:00"), ("roster", f"{s}, {s}\n{plain}, 7")])
    assignment_id = int(r.location.rsplit("/", 1)[1]) if r.status_code == 302 else w.assignment["id"]
    assignment = storage.get_assignment(w.db, w.tid, assignment_id)
    post_raw_form(t, "/auth/login", [("username", s), ("password", s)])
    post_raw_form(t, "/auth/password", [("current", s), ("password", s), ("confirm", s)])
    # ---- student inputs
    other = w.app.test_client()
    post_raw_form(other, "/", [("code", s)])
    post_raw_form(other, f"/join/{assignment['join_code']}", [("name", s), ("resume_code", s)])
    student = w.app.test_client()
    r = post_raw_form(student, f"/join/{assignment['join_code']}", [("name", plain)])
    assert r.status_code == 302, r.data[:2000]
    token = r.location.rsplit("/", 1)[1]
    questions = storage.assigned_questions(w.db, assignment_id)
    text_qs = [q for q in questions if q["kind"] in ("short", "open")]
    post_raw_form(student, f"/attempt/{token}", [(f"q{q['id']}", s) for q in text_qs] + [("action", "save")])
    body = json.dumps({"answers": {**{str(q["id"]): s for q in text_qs}, s: s}})       # \ud800 as JSON escapes
    r = student.post(f"/attempt/{token}/answers", data=body, content_type="application/json")
    assert r.status_code == 200, r.data
    student.post(f"/attempt/{token}/submit")
    answer = w.db.execute("SELECT w.id FROM answers w JOIN attempts t ON t.id = w.attempt_id WHERE t.token = ?"
                          " ORDER BY w.id DESC LIMIT 1", [token]).fetchone()[0]
    post_raw_form(t, f"/answers/{answer}/grade", [(f"a{answer}-points", "0"), (f"a{answer}-comment", s)])
    # ---- nothing unsafe was stored, and every page and export still works
    assert_no_unsafe_text_stored(w.db)
    for url in ("/teacher", f"/articles/{w.article}", f"/articles/{w.article}/questions",
                f"/questions/{qs[4]['id']}/edit", f"/quizzes/{w.assignment['quiz_id']}",
                f"/assignments/{assignment_id}", f"/assignments/{assignment_id}/results",
                f"/assignments/{assignment_id}/grading", f"/assignments/{assignment_id}/scores.csv",
                f"/assignments/{assignment_id}/responses.csv", "/auth/teachers"):
        assert_page_ok(t, url)
    for url in (f"/attempt/{token}/feedback", f"/join/{assignment['join_code']}", "/"):
        assert_page_ok(student, url)
        assert_page_ok(other, url)


# =================================================================== 2. log-in throttling, equal answers

class Clock:
    def __init__(self, now=1_000_000.0):
        self.now = now

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(security.time, "time", c.time)
    return c


def login_from(app, ip, username="teacher", password=PASSWORD, client=None):
    client = client or app.test_client()
    return client.post("/auth/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": ip})


def test_an_address_with_many_failures_is_refused_even_the_right_password(app, teacher, clock):
    app.config["LOGIN_MAX_FAILURES"] = 8
    for n in range(8):
        assert login_from(app, "10.0.0.9", f"guess{n}", "wrong password").status_code == 422
    r = login_from(app, "10.0.0.9")
    assert r.status_code == 429 and b"from this network" in r.data
    assert 0 < int(r.headers["Retry-After"]) <= 900
    assert login_from(app, "10.0.0.10").status_code == 302          # another address is not held back
    clock.now += 901
    assert login_from(app, "10.0.0.9").status_code == 302           # the window passed


def test_an_account_with_many_failures_is_slowed_with_a_growing_delay(app, teacher, clock):
    for n in range(5):                                                # five free failures, from anywhere
        assert login_from(app, f"10.1.0.{n}", password="wrong password").status_code == 422
    r = login_from(app, "10.2.0.1")                                   # even the right one waits 1 s
    assert r.status_code == 429 and b"for this username" in r.data
    clock.now += 1
    assert login_from(app, "10.2.0.2", password="wrong password").status_code == 422   # 6th failure
    clock.now += 1
    assert login_from(app, "10.2.0.3").status_code == 429             # now 2 s after the last one
    clock.now += 1
    assert login_from(app, "10.2.0.4").status_code == 302
    failures, n = 0, 0
    while failures < 5:                                               # each further failure doubles it
        n += 1
        r = login_from(app, f"10.3.0.{n}", password="wrong password")
        if r.status_code == 429:
            clock.now += int(r.headers["Retry-After"])
        else:
            failures += 1
    r = login_from(app, "10.4.0.1")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) == 64


def test_the_delay_for_an_account_stops_growing_at_five_minutes(app, db, clock):
    for n in range(40):
        security.record_login_failure(db, "teacher", f"10.0.{n}.1", now=clock.now)
    with app.app_context():
        assert security.login_wait(db, "teacher", "10.9.0.1", False, now=clock.now + 1) == (299, "account")
        assert security.login_wait(db, "teacher", "10.9.0.1", True, now=clock.now + 1) == (0, "")


def test_the_teachers_own_browser_still_logs_in_during_an_attack(app, teacher, clock):
    mine = app.test_client()
    assert login_from(app, "10.9.9.9", client=mine).status_code == 302     # the device cookie is set
    mine.post("/auth/logout")
    app.config["LOGIN_MAX_FAILURES"] = 10
    for n in range(40):                                                     # from many addresses, and mine
        login_from(app, "10.9.9.9" if n % 2 else f"10.5.0.{n}", password="wrong password")
    assert login_from(app, "10.9.9.9").status_code == 429                   # another browser at my address
    assert login_from(app, "10.9.9.9", client=mine).status_code == 302      # my browser
    mine.post("/auth/logout")
    for n in range(5):                                                      # my browser's own failures count
        login_from(app, "10.9.9.9", password="wrong password", client=mine)
    assert login_from(app, "10.9.9.9", client=mine).status_code == 429


def test_unknown_and_known_usernames_get_the_same_answer_and_the_same_hashing(app, teacher, monkeypatch):
    calls = []
    real = storage.check_password_hash
    monkeypatch.setattr(storage, "check_password_hash", lambda h, p: calls.append(1) or real(h, p))
    known = login_from(app, "10.6.0.1", "teacher", "wrong password")
    assert len(calls) == 1
    unknown = login_from(app, "10.6.0.2", "nobody-here", "wrong password")
    assert len(calls) == 2                                                   # a dummy hash was checked
    strip = lambda r: re.sub(rb'(value|content)="[^"]*"', b"", r.data)
    assert (known.status_code, strip(known)) == (unknown.status_code, strip(unknown))


def test_closed_registration_answers_the_same_for_taken_and_free_usernames(client, teacher):
    taken = client.post("/auth/register", data={"username": "teacher", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    free = client.post("/auth/register", data={"username": "newbie", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert taken.status_code == free.status_code == 403 and taken.data == free.data


# =================================================================== 3. open redirect

@pytest.mark.parametrize("target", [
    "/%09/evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example/",
    "/%2F/evil.example", "/%5Cevil.example", "javascript:alert(1)", "/\t/evil.example", "/ /evil", "%2F%2Fevil.example",
    "/%0d%0a/evil.example", "evil.example", "/%E2%80%8B/evil.example", "",
])
def test_login_never_redirects_off_site(client, teacher, target):
    r = client.post("/auth/login?" + urlencode({"next": target}).replace("%25", "%"),
                    data={"username": "teacher", "password": PASSWORD})
    assert r.status_code == 302 and r.location == "/teacher", (target, r.location)


@pytest.mark.parametrize("target", ["/articles/3", "/assignments/4/results?x=1#top", "/teacher"])
def test_login_keeps_a_local_next(client, teacher, target):
    r = client.post("/auth/login?" + urlencode({"next": target}), data={"username": "teacher", "password": PASSWORD})
    assert r.location == target


@pytest.mark.parametrize("target, ok", [("/a/b", True), ("/", True), ("//x", False), ("/%09/x", False),
                                        ("/\\x", False), ("http:/x", False), ("/a\\b", False), (None, False)])
def test_safe_next(target, ok):
    assert security.safe_next(target) == (target if ok else None)


# =================================================================== 4. who may be a teacher

def register(client, username="ann", password=NEW_PASSWORD, confirm=None):
    return client.post("/auth/register", data={"username": username, "password": password,
                                               "confirm": password if confirm is None else confirm})


def test_the_first_account_registers_and_is_the_admin_then_registration_closes(app, client, db):
    assert b"first account" in client.get("/auth/register").data
    assert register(client).status_code == 302
    assert storage.get_teacher_by_username(db, "ann")["is_admin"] == 1
    other = app.test_client()
    r = other.get("/auth/register")
    assert r.status_code == 403 and b"invite" in r.data
    assert register(other, "bob").status_code == 403
    assert db.execute("SELECT COUNT(*) FROM teachers").fetchone()[0] == 1
    assert b"Create an account" not in other.get("/auth/login").data


def test_an_instance_may_open_registration(app, client, db, teacher):
    app.config["OPEN_REGISTRATION"] = True
    assert register(client, "bob").status_code == 302
    assert storage.get_teacher_by_username(db, "bob")["is_admin"] == 0
    assert storage.get_teacher_by_username(db, "teacher")["is_admin"] == 1


@pytest.mark.parametrize("password, message", [
    ("password", b"Use at least 10 characters."),
    ("password123", b"one of the most common passwords"),
    ("qwertyuiop", b"one of the most common passwords"),
    ("longenough", b"too easy to guess"),
    ("annabel-is-here", b"Leave your username out"),
    ("x" * 129, b"Use at most 128 characters."),
])
def test_password_policy(client, password, message):
    r = register(client, "annabel", password)
    assert r.status_code == 422 and message in r.data


def test_create_teacher_command(app, runner, db, teacher):
    out = runner.invoke(args=["create-teacher", "bob", "--generate"])
    assert out.exit_code == 0, out.output
    password = out.output.strip().rsplit(" ", 1)[1]
    assert accounts.password_problem(password, "bob") is None
    assert login_from(app, "10.7.0.1", "bob", password).status_code == 302
    out = runner.invoke(args=["create-teacher", "carol"], input="password\npassword\n" + f"{NEW_PASSWORD}\n" * 2)
    assert out.exit_code == 0 and "Use at least 10 characters" in out.output
    assert login_from(app, "10.7.0.2", "carol", NEW_PASSWORD).status_code == 302
    assert runner.invoke(args=["create-teacher", "bob", "--generate"]).exit_code != 0     # taken
    assert storage.get_teacher_by_username(db, "bob")["is_admin"] == 0
    out = runner.invoke(args=["reset-password", "bob"], input=f"{NEW_PASSWORD}\n" * 2)
    assert out.exit_code == 0 and login_from(app, "10.7.0.3", "bob", NEW_PASSWORD).status_code == 302


def test_the_demo_teacher_is_the_admin(app, runner, db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-1")
    assert "demo / demo-password-1" in runner.invoke(args=["seed"]).output
    assert storage.get_teacher_by_username(db, "demo")["is_admin"] == 1


def new_link(client, url):
    r = client.post(url)
    assert r.status_code == 200, r.data[:300]
    return re.search(r'id="new-link" type="text" readonly value="http://localhost([^"]+)"', r.data.decode()).group(1)


def test_an_admin_invites_a_teacher_once(app, db, auth, teacher):
    auth.login()
    link = new_link(auth.client, "/auth/invites")
    assert b"Invite, made" in auth.client.get("/auth/teachers").data
    new = app.test_client()
    assert new.get(link).status_code == 200
    r = new.post(link, data={"username": "teacher", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert r.status_code == 422 and b"already taken" in r.data                  # the invite stays usable
    r = new.post(link, data={"username": "bob", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert r.status_code == 302 and new.get("/teacher").status_code == 200
    assert storage.get_teacher_by_username(db, "bob")["is_admin"] == 0
    again = app.test_client().post(link, data={"username": "eve", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert again.status_code == 404 and b"does not work" in again.data
    assert db.execute("SELECT COUNT(*) FROM teachers").fetchone()[0] == 2


def test_invites_expire_and_can_be_revoked(app, db, auth, teacher):
    expired = accounts.create_link(db, teacher, "invite", hours=-1)
    assert app.test_client().get(f"/auth/invite/{expired}").status_code == 404
    auth.login()
    link = new_link(auth.client, "/auth/invites")
    invite_id = db.execute("SELECT id FROM invites WHERE used_at IS NULL AND expires_at > ?",
                           [storage.now_iso()]).fetchone()[0]
    assert auth.client.post(f"/auth/invites/{invite_id}/revoke").status_code == 302
    assert app.test_client().get(link).status_code == 404


def test_only_the_admin_manages_accounts(app, db, auth, teacher):
    make_teacher(db, "intruder")
    auth.login("intruder")
    assert auth.client.get("/auth/teachers").status_code == 403
    assert auth.client.post("/auth/invites").status_code == 403
    assert auth.client.post(f"/auth/teachers/{teacher}/reset").status_code == 403
    assert db.execute("SELECT COUNT(*) FROM invites").fetchone()[0] == 0
    assert b"Teachers</a>" not in auth.client.get("/teacher").data


def test_a_teacher_changes_their_password_with_the_current_one(app, auth, teacher):
    auth.login()
    r = auth.client.post("/auth/password", data={"current": "wrong password", "password": NEW_PASSWORD,
                                                 "confirm": NEW_PASSWORD})
    assert r.status_code == 422 and b"not your current password" in r.data
    r = auth.client.post("/auth/password", data={"current": PASSWORD, "password": "password1", "confirm": "password1"})
    assert r.status_code == 422 and b"Use at least 10 characters" in r.data
    r = auth.client.post("/auth/password", data={"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert r.status_code == 302 and auth.client.get("/teacher").status_code == 200     # this browser stays in
    assert login_from(app, "10.8.0.1", password=PASSWORD).status_code == 422
    assert login_from(app, "10.8.0.2", password=NEW_PASSWORD).status_code == 302


def test_an_admin_reset_link_sets_a_new_password_once_and_logs_the_teacher_out(app, db, auth, teacher):
    make_teacher(db, "bob")
    bob = app.test_client()
    assert login_from(app, "10.8.1.1", "bob", client=bob).status_code == 302
    auth.login()
    bob_id = storage.get_teacher_by_username(db, "bob")["id"]
    link = new_link(auth.client, f"/auth/teachers/{bob_id}/reset")
    page = app.test_client().get(link)
    assert page.status_code == 200 and b"new password for bob" in page.data
    r = app.test_client().post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert r.status_code == 302
    assert bob.get("/teacher").status_code == 302                                   # logged out
    assert login_from(app, "10.8.1.2", "bob", NEW_PASSWORD).status_code == 302
    assert app.test_client().post(link, data={"password": "another fine phrase", "confirm": "another fine phrase"}
                                  ).status_code == 404


def test_the_migration_makes_the_oldest_existing_account_the_admin(tmp_path):
    from quiz.db import migrations
    db = connect(str(tmp_path / "old.db"))
    migrations.apply(db, stop_before="0004_teacher_accounts_security")
    for name in ("first", "second"):
        db.execute("INSERT INTO teachers (username, password_hash, created_at) VALUES (?, 'x', '2025-01-01')", [name])
    db.conn.commit()
    migrations.apply(db)
    assert [tuple(r) for r in db.execute("SELECT username, is_admin FROM teachers ORDER BY id")] == \
        [("first", 1), ("second", 0)]
    db.close()


# =================================================================== 5. sessions end on the server

def test_log_out_ends_the_session_for_a_copied_cookie_too(app, auth, teacher):
    auth.login()
    copied = auth.client.get_cookie("session").value
    auth.logout()
    thief = app.test_client()
    thief.set_cookie("session", copied)
    r = thief.get("/teacher")
    assert r.status_code == 302 and "/auth/login" in r.location


def test_a_password_change_logs_out_every_other_browser(app, auth, teacher):
    other = app.test_client()
    assert login_from(app, "10.8.2.1", client=other).status_code == 302
    copied = other.get_cookie("session").value
    auth.login()
    auth.client.post("/auth/password", data={"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert other.get("/teacher").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/teacher").status_code == 302
    assert auth.client.get("/teacher").status_code == 200


def test_a_session_expires_on_the_server(app, auth, teacher):
    auth.login()
    app.config["PERMANENT_SESSION_LIFETIME"] = -1            # older than its lifetime
    assert auth.client.get("/teacher").status_code == 302


# =================================================================== 6. headers

def header_urls(db, teacher, article, assignment, app):
    student = app.test_client()
    token = join(student, assignment["join_code"], "Header Student")
    return student, token, [
        ("s", "/"), ("s", f"/join/{assignment['join_code']}"), ("s", f"/attempt/{token}"),
        ("s", f"/attempt/{token}/submit"), ("t", "/teacher"), ("t", f"/articles/{article}"),
        ("t", f"/articles/{article}/questions"), ("t", f"/assignments/{assignment['id']}"),
        ("t", f"/assignments/{assignment['id']}/results"), ("t", f"/assignments/{assignment['id']}/grading"),
        ("t", f"/assignments/{assignment['id']}/scores.csv"), ("t", f"/assignments/{assignment['id']}/responses.csv"),
        ("t", "/auth/teachers"), ("t", "/auth/password"), ("s", "/auth/login"), ("s", "/no-such-page"),
        ("s", "/healthz"),
    ]


def test_security_headers_on_every_response(app, db, auth, teacher, article, assignment):
    student, token, urls = header_urls(db, teacher, article, assignment, app)
    auth.login()
    responses = [(url, {"s": student, "t": auth.client}[who].get(url)) for who, url in urls]
    responses.append(("autosave", student.post(f"/attempt/{token}/answers", json={"answers": {}})))
    responses.append(("static", student.get("/static/autosave.js")))
    for url, r in responses:
        csp = r.headers.get("Content-Security-Policy", "")
        directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
        assert directives.get("script-src") == "'self'", (url, csp)
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert directives.get("frame-ancestors") == "'none'" and directives.get("object-src") == "'none'"
        assert r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] in ("same-origin", "no-referrer", "strict-origin")
        if url != "static":
            assert r.headers["Cache-Control"] == "no-store", url


def test_templates_have_no_inline_script_style_or_handlers():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\ssrc=)[^>]*>", r"<style", r"\sstyle\s*=", r"\son[a-z]+\s*=", r"javascript:"):
            for m in re.finditer(pattern, text, re.I):
                found.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert found == []


# =================================================================== 7. the 500s found

@pytest.mark.parametrize("value", ["Infinity", "-Infinity", "NaN", "1e999", "[1e999]"])
def test_non_finite_numbers_in_an_autosave_are_a_400(app, db, assignment, value):
    student = app.test_client()
    token = join(student, assignment["join_code"], "Ann")
    qs = assignment["questions"]
    body = '{"answers": {%s}}' % ", ".join(f'"{q["id"]}": {value}' for q in qs)
    r = student.post(f"/attempt/{token}/answers", data=body, content_type="application/json")
    assert r.status_code == 400 and r.get_json()["error"]
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0


@pytest.mark.parametrize("points", ["sNaN", "NaN", "-sNaN", "Infinity", "-Infinity", "1e999999", "abc", ""])
def test_grade_points_that_are_no_number_are_a_422_with_a_message(app, db, auth, assignment, points):
    student = app.test_client()
    token = join(student, assignment["join_code"], "Ann")
    q = open_question(assignment)
    student.post(f"/attempt/{token}/answers", json={"answers": {str(q["id"]): "An answer"}})
    student.post(f"/attempt/{token}/submit")
    answer = db.execute("SELECT id FROM answers WHERE assigned_question_id = ?", [q["id"]]).fetchone()[0]
    auth.login()
    r = auth.client.post(f"/answers/{answer}/grade", data={f"a{answer}-points": points, f"a{answer}-comment": "c"})
    assert r.status_code == 422 and b"Give the points as a number" in r.data
    assert db.execute("SELECT graded_at FROM answers WHERE id = ?", [answer]).fetchone()[0] is None


def test_two_registrations_of_one_name_at_once_give_a_form_error(app, monkeypatch):
    app.config["OPEN_REGISTRATION"] = True
    from quiz import storage as st_mod
    real = st_mod.generate_password_hash
    both_hashing = threading.Barrier(2, timeout=10)

    def slow_hash(password):                     # both requests get past any check before either writes
        try:
            both_hashing.wait()
        except threading.BrokenBarrierError:
            pass
        return real(password)
    monkeypatch.setattr(st_mod, "generate_password_hash", slow_hash)
    results = []

    def go():
        r = app.test_client().post("/auth/register", data={"username": "twin", "password": NEW_PASSWORD,
                                                          "confirm": NEW_PASSWORD})
        results.append((r.status_code, r.data))
    threads = [threading.Thread(target=go) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    codes = sorted(code for code, _ in results)
    assert codes == [302, 422], codes
    assert b"already taken" in next(data for code, data in results if code == 422)


def post_routes(app, ids):
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        url = rule.rule
        for arg in rule.arguments:
            url = re.sub(rf"<(?:\w+:)?{arg}>", str(ids.get(arg, "x")), url)
        yield url


def test_deeply_nested_or_unexpected_json_to_any_post_route_is_a_4xx(app, db, auth, teacher, article, assignment):
    student = app.test_client()
    token = join(student, assignment["join_code"], "Deep")
    answer_q = assignment["questions"][0]
    student.post(f"/attempt/{token}/answers", json={"answers": {str(answer_q["id"]): right_response(answer_q)}})
    answer = db.execute("SELECT id FROM answers").fetchone()[0]
    ids = {"article_id": article, "question_id": storage.list_questions(db, teacher, article)[0]["id"],
           "quiz_id": assignment["quiz_id"], "assignment_id": assignment["id"], "answer_id": answer,
           "token": token, "code": assignment["join_code"], "teacher_id": teacher, "invite_id": 1}
    auth.login()
    checked = 0
    bodies = ["[" * 100_000, '{"a":' * 50_000, "[1]", '{"username": {"a": 1}, "answers": [[["x"]]]}', "NaN"]
    for url in post_routes(app, ids):
        for body in bodies:
            for client in (auth.client, student):
                r = client.post(url, data=body, content_type="application/json")
                assert 400 <= r.status_code < 500, (url, body[:20], r.status_code)
                assert r.data.strip()
                checked += 1
    assert checked >= 20 * len(bodies)
    r = auth.client.post(f"/assignments/{assignment['id']}/close", json={"x": 1})
    assert r.status_code == 415 and b"takes a form" in r.data
