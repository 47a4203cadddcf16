import re

import pytest

from quiz import storage
from conftest import join, make_assignment, right_response, wrong_response


def save(client, token, answers):
    return client.post(f"/attempt/{token}/answers", json={"answers": {str(k): v for k, v in answers.items()}})


def test_join_with_code_case_and_spaces_forgiven(client, assignment):
    code = assignment["join_code"]
    r = client.post("/", data={"code": f" {code[:3].lower()} {code[3:].lower()} "})
    assert r.status_code == 302 and r.location.endswith(f"/join/{code}")


def test_wrong_code_message_and_brute_force_limit(client, app):
    for _ in range(app.config["JOIN_MAX_FAILURES"]):
        r = client.post("/", data={"code": "NOPE42"})
        assert r.status_code == 422 and b"No quiz has that code" in r.data
    r = client.post("/", data={"code": "NOPE42"})
    assert r.status_code == 429 and b"Too many wrong join codes" in r.data
    assert client.get("/join/ANYTHING").status_code == 429


def test_closed_and_upcoming_codes_are_explained(client, db, teacher, article):
    closed = make_assignment(db, teacher, article, closes_at="2001-01-01T00:00:00")
    r = client.get(f"/join/{closed['join_code']}")
    assert r.status_code == 403 and b"This quiz is closed" in r.data
    upcoming = make_assignment(db, teacher, article)
    db.execute("UPDATE assignments SET opens_at = '2999-01-01T09:00:00' WHERE id = ?", [upcoming["id"]])
    assert b"opens at 2999-01-01 09:00" in client.get(f"/join/{upcoming['join_code']}").data


def test_name_taken_then_resume_code_lets_the_same_student_in(app, db, assignment):
    first = app.test_client()
    token = join(first, assignment["join_code"], "Ann Lee")
    other = app.test_client()
    r = other.post(f"/join/{assignment['join_code']}", data={"name": "  ann   LEE "})
    assert r.status_code == 422 and b"already taken in this class" in r.data
    r = other.post(f"/join/{assignment['join_code']}", data={"name": "Ann Lee", "resume_code": "WRONG1"})
    assert b"resume code does not match" in r.data
    resume = storage.get_attempt_by_token(db, token)["resume_code"]
    r = other.post(f"/join/{assignment['join_code']}", data={"name": "Ann Lee", "resume_code": resume.lower()})
    assert r.location.endswith(f"/attempt/{token}")


def test_same_browser_resumes_the_same_attempt(client, assignment):
    token = join(client, assignment["join_code"], "Ann")
    r = client.get(f"/join/{assignment['join_code']}")       # asks who is there (issue 8), then resumes
    assert r.status_code == 200 and f'href="/attempt/{token}"' in r.data.decode()
    r = client.post(f"/join/{assignment['join_code']}", data={"name": "ann"})
    assert r.status_code == 302 and r.location.endswith(f"/attempt/{token}")


def test_roster_gives_a_choice_of_names(client, db, teacher, article):
    a = make_assignment(db, teacher, article, roster=[("Ann", "S1"), ("Bob", "S2")])
    page = client.get(f"/join/{a['join_code']}").data.decode()
    assert '<select' in page and ">Bob</option>" in page
    assert b"Choose your name" in client.post(f"/join/{a['join_code']}", data={"name": "Mallory"}).data
    token = join(client, a["join_code"], "Bob")
    assert storage.get_attempt_by_token(db, token)["student_ref"] == "S2"


def test_student_reaches_only_their_own_attempt(app, assignment):
    ann, bob = app.test_client(), app.test_client()
    token = join(ann, assignment["join_code"], "Ann")
    join(bob, assignment["join_code"], "Bob")
    for r in (bob.get(f"/attempt/{token}"), bob.get(f"/attempt/{token}/feedback"),
              bob.post(f"/attempt/{token}/submit")):
        assert r.status_code == 403 and b"session has expired" in r.data
    r = save(bob, token, {assignment["questions"][0]["id"]: 0})
    assert r.status_code == 403 and "session has expired" in r.json["error"]


def test_quiz_page_never_contains_the_key(client, assignment):
    token = join(client, assignment["join_code"], "Ann")
    page = client.get(f"/attempt/{token}").data.decode()
    for q in assignment["questions"]:
        assert q["prompt"] in page
        if q["explanation"]:
            assert q["explanation"] not in page
        if q["evidence_text"]:
            assert f"ev-{q['id']}" not in page
    short = next(q for q in assignment["questions"] if q["kind"] == "short")
    assert "Moscow" not in page.split('id="questions-h"')[1].split('id="article"')[0]
    assert "right answer" not in page.lower()


def test_saved_answers_come_back_on_reload(app, client, assignment):
    from quiz import scoring
    token = join(client, assignment["join_code"], "Ann")
    mc = next(q for q in assignment["questions"] if q["kind"] == "mc")
    short = next(q for q in assignment["questions"] if q["kind"] == "short")
    assert save(client, token, {mc["id"]: 2, short["id"]: "<b>Kremlin</b>"}).json["saved"] == 2
    page = client.get(f"/attempt/{token}").data.decode()
    cid = scoring.choice_ids(app.config["SECRET_KEY"], assignment["id"], mc)[2]      # choices go by opaque ids
    assert re.search(rf'id="q{mc["id"]}-{cid}" name="q{mc["id"]}" value="{cid}" checked', page)
    assert "&lt;b&gt;Kremlin&lt;/b&gt;" in page


def test_save_is_idempotent_and_validates(client, db, assignment):
    token = join(client, assignment["join_code"], "Ann")
    mc = assignment["questions"][0]
    assert save(client, token, {mc["id"]: 1}).status_code == 200
    assert save(client, token, {mc["id"]: 1}).status_code == 200
    assert db["answers"].count == 1
    assert client.post(f"/attempt/{token}/answers", json={"nope": 1}).status_code == 400
    assert client.post(f"/attempt/{token}/answers", data="not json").status_code == 400
    save(client, token, {mc["id"]: 99})
    assert storage.saved_responses(db, storage.get_attempt_by_token(db, token)["id"]) == {mc["id"]: None}


def test_form_fallback_saves_and_goes_to_confirm(client, db, assignment):
    token = join(client, assignment["join_code"], "Ann")
    qs = assignment["questions"]
    form = {}
    for q in qs:
        r = right_response(q)
        if q["kind"] == "order":
            form.update({f"q{q['id']}_{i}": str(p) for i, p in enumerate(r)})
        else:
            form[f"q{q['id']}"] = str(r)
    r = client.post(f"/attempt/{token}", data={**form, "action": "submit"})
    assert r.location.endswith(f"/attempt/{token}/submit")
    confirm = client.get(r.location).data.decode()
    assert f"You answered {len(qs)} of {len(qs)}" in confirm
    r = client.post(f"/attempt/{token}/submit")
    feedback = client.get(r.location).data.decode()
    assert f"{len(qs) - 1} / {len(qs)}" in feedback        # the open response waits for grading


def test_submit_is_idempotent_and_later_saves_refused(client, db, assignment):
    token = join(client, assignment["join_code"], "Ann")
    qs = assignment["questions"]
    save(client, token, {q["id"]: right_response(q) for q in qs})
    client.post(f"/attempt/{token}/submit")
    score = storage.get_attempt_by_token(db, token)["score"]
    r = client.post(f"/attempt/{token}/submit", follow_redirects=True)
    assert b"Your first submission stands" in r.data
    r = save(client, token, {q["id"]: wrong_response(q) for q in qs})
    assert r.status_code == 409 and "already submitted" in r.json["error"]
    assert storage.get_attempt_by_token(db, token)["score"] == score


def test_feedback_shows_verdicts_right_answers_and_evidence(client, assignment):
    token = join(client, assignment["join_code"], "Ann")
    qs = assignment["questions"]
    save(client, token, {q["id"]: (wrong_response(q) if q["kind"] == "mc" else right_response(q)) for q in qs})
    client.post(f"/attempt/{token}/submit")
    page = client.get(f"/attempt/{token}/feedback").data.decode()
    mc = next(q for q in qs if q["kind"] == "mc")
    assert "✗</span> Wrong" in page and "✓</span> Right" in page
    assert mc["choices"][mc["answer"]] in page and mc["explanation"] in page
    assert f'href="#ev-{mc["id"]}"' in page and f'id="ev-{mc["id"]}"' in page
    assert '<mark class="evidence">Secretary of State Marco Rubio</mark>' in page


def test_feedback_after_close_waits_for_closing(app, client, db, teacher, article):
    a = make_assignment(db, teacher, article, settings={"feedback_timing": "after_close"})
    token = join(client, a["join_code"], "Ann")
    save(client, token, {q["id"]: right_response(q) for q in a["questions"]})
    client.post(f"/attempt/{token}/submit")
    page = client.get(f"/attempt/{token}/feedback").data.decode()
    assert "Your answers are in" in page and "Right answer" not in page
    mc = next(q for q in a["questions"] if q["kind"] == "mc")
    assert mc["explanation"] not in page
    storage.close_assignment(db, teacher, a["id"])
    assert client.get(f"/attempt/{token}/feedback").status_code == 403     # the session ended with the window
    resume = storage.get_attempt_by_token(db, token)["resume_code"]
    client.post(f"/join/{a['join_code']}", data={"name": "Ann", "resume_code": resume})
    assert "Right answer" in client.get(f"/attempt/{token}/feedback").data.decode()


def test_closed_assignment_refuses_saves_and_submits(client, db, teacher, assignment):
    token = join(client, assignment["join_code"], "Ann")
    storage.close_assignment(db, teacher, assignment["id"])
    r = save(client, token, {assignment["questions"][0]["id"]: 0})
    assert r.status_code == 403 and "closed" in r.json["error"]
    r = client.post(f"/attempt/{token}/submit", follow_redirects=True)
    assert b"This quiz is closed" in r.data
    assert storage.get_attempt_by_token(db, token)["submitted_at"] is None


def test_retake_when_attempts_allow(client, db, teacher, article):
    a = make_assignment(db, teacher, article, settings={"attempts_allowed": 2})
    token = join(client, a["join_code"], "Ann")
    client.post(f"/attempt/{token}/submit")
    r = client.post(f"/attempt/{token}/retake")
    second = r.location.rsplit("/", 1)[1]
    assert second != token and storage.get_attempt_by_token(db, second)["number"] == 2
    client.post(f"/attempt/{second}/submit")
    r = client.post(f"/attempt/{second}/retake", follow_redirects=True)
    assert b"No more attempts" in r.data


def test_student_names_escaped_on_teacher_pages(app, client, auth, assignment):
    s = app.test_client()
    token = join(s, assignment["join_code"], "<img src=x onerror=alert(1)>")
    s.post(f"/attempt/{token}/submit")
    auth.login()
    page = client.get(f"/assignments/{assignment['id']}/results").data
    assert b"<img src=x" not in page and b"&lt;img src=x" in page


def test_join_limit_set_from_the_environment(monkeypatch, db_path):
    from quiz import create_app
    monkeypatch.setenv("SOURCED_JOIN_MAX_FAILURES", "3")
    app = create_app({"TESTING": True, "DATABASE": db_path, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    for _ in range(3):
        assert client.post("/", data={"code": "NOPE42"}).status_code == 422
    assert client.post("/", data={"code": "NOPE42"}).status_code == 429
