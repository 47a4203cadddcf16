"""Isolation: teacher A reaches nothing of teacher B's through any route or id; a student reaches no
other student's attempt, and no answer key before feedback is due.

The teacher routes are taken from the app's URL map, so a route added later is covered too."""
from __future__ import annotations

import hashlib
import re

import pytest

from quiz import storage

from conftest import join, make_article, make_assignment, make_teacher, right_response

TABLES = ("teachers", "articles", "questions", "quizzes", "quiz_items", "assignments", "assigned_questions",
          "roster", "attempts", "answers")
ID_PARAMS = {"article_id", "question_id", "quiz_id", "assignment_id", "answer_id"}


def fingerprint(db) -> str:
    """A hash of every row of every table that holds anyone's work."""
    h = hashlib.sha256()
    for t in TABLES:
        for row in db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall():
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture
def two_teachers(app, db, client):
    a = make_teacher(db, "alice")
    b = make_teacher(db, "bob")
    ids = {}
    for name, tid in (("a", a), ("b", b)):
        article = make_article(db, tid)
        assignment = make_assignment(db, tid, article)
        student = app.test_client()
        token = join(student, assignment["join_code"], f"Student of {name}")
        q = assignment["questions"][0]
        r = student.post(f"/attempt/{token}/answers", json={"answers": {str(q["id"]): right_response(q)}})
        assert r.status_code == 200
        student.post(f"/attempt/{token}/submit")
        answer_id = db.execute("SELECT id FROM answers WHERE attempt_id = (SELECT id FROM attempts WHERE token = ?)"
                               " LIMIT 1", [token]).fetchone()[0]
        ids[name] = {"article_id": article, "question_id": q["question_id"], "quiz_id": assignment["quiz_id"],
                     "assignment_id": assignment["id"], "answer_id": answer_id, "token": token,
                     "student": student, "teacher": tid}
    return ids


FORM = {"status": "approved", "prompt": "Changed by A", "choices": "x\ny", "key": "x", "explanation": "e",
        "skill": "attribution", "kind": "mc", "title": "Changed by A", "class_name": "A's class",
        "opens_at": "2000-01-01T00:00", "roster": "Eve, 1", "feedback_timing": "immediate",
        "attempts_allowed": "3", "shuffle_choices": "y", "show_article": "y"}


def test_teacher_a_gets_404_for_every_id_of_teacher_b(app, db, client, auth, two_teachers):
    b = two_teachers["b"]
    auth.login("alice")
    before = fingerprint(db)
    checked = 0
    for rule in app.url_map.iter_rules():
        params = set(rule.arguments)
        if not params or not params <= ID_PARAMS:
            continue
        url = rule.rule
        for p in params:
            url = re.sub(rf"<int:{p}>", str(b[p]), url)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            data = dict(FORM)
            if p == "answer_id":
                data.update({f"a{b['answer_id']}-points": "0", f"a{b['answer_id']}-comment": "A was here"})
            data.update({f"include_{b['question_id']}": "y", f"points_{b['question_id']}": "5",
                         f"position_{b['question_id']}": "1"})
            r = client.open(url, method=method, data=data if method == "POST" else None)
            assert r.status_code == 404, (method, url, r.status_code)
            assert b"Student of b" not in r.data
            checked += 1
    assert checked >= 17
    assert fingerprint(db) == before, "teacher A changed something of teacher B's"


def test_teacher_a_sees_none_of_b_in_lists_and_exports(app, db, client, auth, two_teachers):
    a, b = two_teachers["a"], two_teachers["b"]
    auth.login("alice")
    r = client.get("/teacher")
    assert r.status_code == 200
    assert f"/assignments/{b['assignment_id']}".encode() not in r.data
    for path in ("results", "scores.csv", "responses.csv", "grading"):
        r = client.get(f"/assignments/{a['assignment_id']}/{path}")
        assert r.status_code == 200
        assert b"Student of b" not in r.data


def test_logged_out_teacher_routes_redirect_to_login(app, client, two_teachers):
    b = two_teachers["b"]
    r = client.get(f"/assignments/{b['assignment_id']}/scores.csv")
    assert r.status_code == 302 and "/auth/login" in r.location


def test_student_cannot_reach_another_students_attempt(app, db, two_teachers):
    a, b = two_teachers["a"], two_teachers["b"]
    before = fingerprint(db)
    other = a["student"]                      # a student of another class entirely
    fresh = app.test_client()                 # and a browser that never joined
    for client in (other, fresh):
        tok = b["token"]
        for method, path in (("GET", f"/attempt/{tok}"), ("POST", f"/attempt/{tok}"),
                             ("GET", f"/attempt/{tok}/feedback"), ("GET", f"/attempt/{tok}/submit"),
                             ("POST", f"/attempt/{tok}/submit"), ("POST", f"/attempt/{tok}/retake")):
            r = client.open(path, method=method, data={"action": "save"} if method == "POST" else None)
            assert r.status_code == 403, (method, path, r.status_code)
            assert b"Student of b" not in r.data
        r = client.post(f"/attempt/{tok}/answers", json={"answers": {}})
        assert r.status_code == 403 and "error" in r.get_json()
    assert fingerprint(db) == before


def test_same_class_student_cannot_read_classmate(app, db, teacher, article):
    assignment = make_assignment(db, teacher, article)
    one, two = app.test_client(), app.test_client()
    t1 = join(one, assignment["join_code"], "Ann")
    t2 = join(two, assignment["join_code"], "Ben")
    assert one.get(f"/attempt/{t2}").status_code == 403
    assert two.get(f"/attempt/{t1}/feedback").status_code == 403
    # the join page does not hand Ann's attempt to Ben under her name without the resume code
    three = app.test_client()
    r = three.post(f"/join/{assignment['join_code']}", data={"name": "  ANN "})
    assert r.status_code == 422 and t1.encode() not in r.data
    r = three.post(f"/join/{assignment['join_code']}", data={"name": "Ann", "resume_code": "WRONG1"})
    assert r.status_code == 422 and t1.encode() not in r.data
    assert three.get(f"/attempt/{t1}").status_code == 403


def _secrets(questions):
    """Strings that give an answer away: explanations, keys of short answers, evidence."""
    out = []
    for q in questions:
        out.append(q["explanation"])
        if q["kind"] == "short":
            out += q["key"].split("|")
        if q["evidence_text"]:
            out.append(q["evidence_text"])
    return [s for s in out if s]


@pytest.mark.parametrize("timing", ["immediate", "after_close"])
def test_no_answer_key_before_feedback(app, db, teacher, article, timing):
    assignment = make_assignment(db, teacher, article, settings={"feedback_timing": timing, "show_article": 0})
    student = app.test_client()
    token = join(student, assignment["join_code"], "Cleo")
    hidden = _secrets(assignment["questions"])
    pages = [student.get(f"/attempt/{token}"), student.get(f"/attempt/{token}/submit")]
    for r in pages:
        assert r.status_code == 200
        for s in hidden:
            assert s.encode() not in r.data, s
        assert b"correct" not in r.data.lower() or b"incorrect" not in r.data.lower()
    # feedback is not reachable before submitting
    r = student.get(f"/attempt/{token}/feedback")
    assert r.status_code == 302
    # after submitting: with feedback after close, still no key while the assignment is open
    r = student.post(f"/attempt/{token}/submit")
    assert r.status_code == 302
    r = student.get(f"/attempt/{token}/feedback")
    assert r.status_code == 200
    if timing == "after_close":
        for s in hidden:
            assert s.encode() not in r.data, s
        storage.close_assignment(db, teacher, assignment["id"], "2000-01-02T00:00:00")
        assert student.get(f"/attempt/{token}/feedback").status_code == 403    # the session ended with the window
        resume = storage.get_attempt_by_token(db, token)["resume_code"]
        student.post(f"/join/{assignment['join_code']}", data={"name": "Cleo", "resume_code": resume})
        r = student.get(f"/attempt/{token}/feedback")
    assert any(s.encode() in r.data for s in hidden)     # now feedback is due: the key is shown


def test_teacher_a_cannot_pull_b_questions_into_own_quiz(app, db, client, auth, two_teachers):
    a, b = two_teachers["a"], two_teachers["b"]
    auth.login("alice")
    before = fingerprint(db)
    n_quizzes = db.execute("SELECT COUNT(*) FROM quizzes").fetchone()[0]
    r = client.post(f"/articles/{a['article_id']}/quizzes/new", data={
        "title": "Borrowed", "feedback_timing": "immediate", "attempts_allowed": "1",
        f"include_{b['question_id']}": "y", f"position_{b['question_id']}": "1", f"points_{b['question_id']}": "1"})
    assert r.status_code in (422, 404), r.status_code
    assert db.execute("SELECT COUNT(*) FROM quiz_items i JOIN quizzes z ON z.id = i.quiz_id"
                      " JOIN questions q ON q.id = i.question_id WHERE z.teacher_id != q.teacher_id"
                      ).fetchone()[0] == 0
    if r.status_code == 404:
        assert db.execute("SELECT COUNT(*) FROM quizzes").fetchone()[0] == n_quizzes
        assert fingerprint(db) == before


def test_student_cannot_answer_another_assignments_questions(app, db, two_teachers):
    a, b = two_teachers["a"], two_teachers["b"]
    b_questions = [r[0] for r in db.execute("SELECT id FROM assigned_questions WHERE assignment_id = ?",
                                            [b["assignment_id"]])]
    fresh = app.test_client()
    code = db.execute("SELECT join_code FROM assignments WHERE id = ?", [a["assignment_id"]]).fetchone()[0]
    token = join(fresh, code, "Wanderer")
    r = fresh.post(f"/attempt/{token}/answers", json={"answers": {str(q): 0 for q in b_questions}})
    assert r.status_code == 200 and r.get_json()["saved"] == 0
    assert db.execute("SELECT COUNT(*) FROM answers w JOIN attempts t ON t.id = w.attempt_id"
                      " JOIN assigned_questions q ON q.id = w.assigned_question_id"
                      " WHERE q.assignment_id != t.assignment_id").fetchone()[0] == 0
