"""Issue 8, the student side of the security/robustness review: each test here failed on the code
before the fix.

1. the key: opaque choice ids in the page; feedback timing (after each attempt / after the last
   allowed attempt / after the assignment closes) and which attempt counts (first, best, last);
2. shared computers: sign out, "you are signed in as ...", sessions end with the assignment window;
3. join and resume codes: wrong ones throttled per address, the right one always works, long codes;
4. two tabs: a stale tab never overwrites a newer answer, and its unchanged fields erase nothing;
5. student names: normalised, look-alikes of a name in the class refused.
"""
from __future__ import annotations

import csv
import html
import io
import re
from datetime import datetime, timedelta

import pytest

from quiz import scoring, storage
from conftest import join, make_assignment, right_response, wrong_response


def page_of(client, token) -> str:
    r = client.get(f"/attempt/{token}")
    assert r.status_code == 200, r.status_code
    return r.data.decode()


def form_from_page(page: str) -> dict:
    """What the quiz page's form would post as rendered (hidden fields, text, checked, selected)."""
    data = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page):
        data[name] = html.unescape(value)
    for name, value in re.findall(r'<input type="text" [^>]*name="([^"]+)" value="([^"]*)"', page):
        data[name] = html.unescape(value)
    for name, value in re.findall(r'<textarea [^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = html.unescape(value)
    for name, value in re.findall(r'<input type="radio" [^>]*name="([^"]+)" value="([^"]*)" checked', page):
        data[name] = value
    for name, body in re.findall(r'<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        m = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = m.group(1) if m else ""
    return data


def tag_of(page: str, qid: int) -> str:
    m = re.search(rf'<input type="hidden" name="s{qid}" value="([^"]*)"', page)
    assert m, "the quiz page carries each answer's sync tag"
    return m.group(1)


def kind(assignment, k):
    return next(q for q in assignment["questions"] if q["kind"] == k)


# ------------------------------------------------------------------ 1. the key

def test_page_names_choices_by_opaque_ids_not_by_their_stored_order(app, client, db, teacher, article):
    # a timeline question as a teacher writes it: choices in the right order (answer 0, 1, 2)
    storage.add_question(db, teacher, article, {
        "kind": "order", "type": "timeline", "skill": "chronology", "prompt": "Teacher's timeline",
        "choices": ["first", "second", "third"], "answer": [0, 1, 2], "key": "first > second > third",
        "explanation": "In that order."}, status="approved")
    a = make_assignment(db, teacher, article)
    token = join(client, a["join_code"], "Ann")
    page = page_of(client, token)
    for q in a["questions"]:
        if q["kind"] in ("mc", "tf", "order"):
            assert not re.search(rf'name="q{q["id"]}_\d+"', page), "order field names give the order away"
            assert not re.search(rf'id="q{q["id"]}-\d+"', page)
            assert not re.search(rf'name="q{q["id"]}" value="\d+"', page)
    # the ids the page uses are the server's, and they save the right choice
    secret = app.config["SECRET_KEY"]
    mc = kind(a, "mc")
    ids = scoring.choice_ids(secret, a["id"], mc)
    assert all(f'value="{cid}"' in page for cid in ids)
    timeline = next(q for q in a["questions"] if q["prompt"] == "Teacher's timeline")
    tids = scoring.choice_ids(secret, a["id"], timeline)
    r = client.post(f"/attempt/{token}/answers", json={"answers": {
        str(mc["id"]): ids[mc["answer"]], str(timeline["id"]): {tids[0]: 1, tids[1]: 2, tids[2]: 3}}})
    assert r.status_code == 200 and r.json["saved"] == 2
    saved = storage.saved_responses(db, storage.get_attempt_by_token(db, token)["id"])
    assert saved[mc["id"]] == mc["answer"] and saved[timeline["id"]] == [1, 2, 3]
    # the form fallback takes the same ids
    form = {f"q{timeline['id']}_{tids[0]}": "3", f"q{timeline['id']}_{tids[1]}": "2",
            f"q{timeline['id']}_{tids[2]}": "1", "action": "save"}
    client.post(f"/attempt/{token}", data=form)
    assert storage.saved_responses(db, storage.get_attempt_by_token(db, token)["id"])[timeline["id"]] == [3, 2, 1]


def test_new_quiz_defaults_to_feedback_after_close_and_the_first_attempt(client, auth, teacher, article):
    auth.login()
    page = client.get(f"/articles/{article}/quizzes/new").data.decode()
    assert re.search(r'<option selected value="after_close">', page)
    assert re.search(r'<option selected value="first">', page)
    assert 'value="after_last"' in page and 'value="best"' in page and 'value="last"' in page


def test_feedback_after_each_attempt_cannot_count_a_later_attempt(client, auth, db, teacher, article):
    auth.login()
    qs = storage.list_questions(db, teacher, article, status="approved")
    data = {"title": "Practice", "feedback_timing": "immediate", "attempts_allowed": "3",
            "counted_attempt": "best"}
    for n, q in enumerate(qs, 1):
        data.update({f"include_{q['id']}": "y", f"position_{q['id']}": str(n), f"points_{q['id']}": "1"})
    r = client.post(f"/articles/{article}/quizzes/new", data=data)
    assert r.status_code == 422 and b"knowing the answers" in r.data
    r = client.post(f"/articles/{article}/quizzes/new", data={**data, "counted_attempt": "first"})
    assert r.status_code == 302
    quiz = storage.get_quiz(db, teacher, int(r.location.rsplit("/", 1)[1]))
    assert quiz["counted_attempt"] == "first" and quiz["feedback_timing"] == "immediate"


def test_feedback_after_the_last_attempt_waits_for_it(client, db, teacher, article):
    a = make_assignment(db, teacher, article, settings={"feedback_timing": "after_last", "attempts_allowed": 2})
    mc = kind(a, "mc")
    token = join(client, a["join_code"], "Ann")
    client.post(f"/attempt/{token}/submit")
    page = client.get(f"/attempt/{token}/feedback").data.decode()
    assert "Your answers are in" in page and mc["explanation"] not in page and "Right answer" not in page
    second = client.post(f"/attempt/{token}/retake").location.rsplit("/", 1)[1]
    assert mc["explanation"] not in page_of(client, second)
    assert mc["explanation"] not in client.get(f"/attempt/{token}/feedback").data.decode()
    client.post(f"/attempt/{second}/submit")
    for t in (second, token):                          # no attempt left: feedback for both
        page = client.get(f"/attempt/{t}/feedback").data.decode()
        assert "Right answer" in page and mc["explanation"] in page


def _take(app, a, name, pick):
    s = app.test_client()
    token = join(s, a["join_code"], name)
    s.post(f"/attempt/{token}/answers", json={"answers": {str(q["id"]): pick(q) for q in a["questions"]}})
    s.post(f"/attempt/{token}/submit")
    return s, token


def _scores(client, a):
    rows = csv.DictReader(io.StringIO(client.get(f"/assignments/{a['id']}/scores.csv").data.decode("utf-8-sig")))
    return {r["name"]: r for r in rows}


def test_the_first_attempt_counts_by_default_not_a_retake_made_after_seeing_the_key(app, client, auth, db,
                                                                                    teacher, article):
    a = make_assignment(db, teacher, article, settings={"feedback_timing": "immediate", "attempts_allowed": 2})
    s, token = _take(app, a, "Ann", wrong_response)
    assert "Right answer" in s.get(f"/attempt/{token}/feedback").data.decode()    # she saw the key
    second = s.post(f"/attempt/{token}/retake").location.rsplit("/", 1)[1]
    s.post(f"/attempt/{second}/answers", json={"answers": {str(q["id"]): right_response(q) for q in a["questions"]}})
    s.post(f"/attempt/{second}/submit")
    auth.login()
    assert _scores(client, a)["Ann"]["score"] == "0"
    results = client.get(f"/assignments/{a['id']}/results").data.decode()
    assert f"0 / {len(a['questions'])}" in results


@pytest.mark.parametrize("rule, expected", [("first", "0"), ("best", "4"), ("last", "1")])
def test_counted_attempt_rules(app, client, auth, db, teacher, article, rule, expected):
    a = make_assignment(db, teacher, article, settings={"feedback_timing": "after_close", "attempts_allowed": 3,
                                                        "counted_attempt": rule})
    s = app.test_client()
    token = join(s, a["join_code"], "Ann")
    auto = [q for q in a["questions"] if q["kind"] != "open"]
    for n_right in (0, 4, 1):                      # first scores 0, second 4, last 1
        s.post(f"/attempt/{token}/answers", json={"answers": {
            str(q["id"]): right_response(q) if i < n_right else wrong_response(q) for i, q in enumerate(auto)}})
        s.post(f"/attempt/{token}/submit")
        if n_right != 1:
            token = s.post(f"/attempt/{token}/retake").location.rsplit("/", 1)[1]
    auth.login()
    assert _scores(client, a)["Ann"]["score"] == expected


# ------------------------------------------------------------------ 2. shared computers

def test_sign_out_ends_the_student_session(client, db, assignment):
    token = join(client, assignment["join_code"], "Ann")
    page = page_of(client, token)
    assert "Not you?" in page and "/signout" in page
    r = client.post("/signout")
    assert r.status_code == 302
    assert client.get(f"/attempt/{token}").status_code == 403
    page = client.get(f"/join/{assignment['join_code']}").data.decode()
    assert 'name="name"' in page and "Ann" not in page


def test_finish_and_sign_out_after_submitting(client, assignment):
    token = join(client, assignment["join_code"], "Ann")
    client.post(f"/attempt/{token}/submit")
    page = client.get(f"/attempt/{token}/feedback").data.decode()
    assert "Finish and sign out" in page
    client.post("/signout")
    assert client.get(f"/attempt/{token}/feedback").status_code == 403


def test_a_new_join_in_a_browser_holding_another_name_asks_who_you_are(client, db, assignment):
    token = join(client, assignment["join_code"], "Ana")
    resume = storage.get_attempt_by_token(db, token)["resume_code"]
    r = client.get(f"/join/{assignment['join_code']}")
    assert r.status_code == 200, "no silent hand-over of Ana's attempt"
    page = r.data.decode()
    assert "You are signed in as Ana" in page and f"/attempt/{token}" in page and "/signout" in page
    assert resume not in page
    r = client.post(f"/join/{assignment['join_code']}", data={"name": "Ben"})
    assert r.status_code == 422 and b"signed in as Ana" in r.data and resume.encode() not in r.data
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1
    r = client.post(f"/join/{assignment['join_code']}", data={"name": " ana "})
    assert r.status_code == 302 and r.location.endswith(f"/attempt/{token}")
    client.post("/signout")
    ben = join(client, assignment["join_code"], "Ben")
    assert client.get(f"/attempt/{token}").status_code == 403 and client.get(f"/attempt/{ben}").status_code == 200


def test_a_new_name_in_a_browser_drops_the_previous_students_attempts(app, db, teacher, article):
    one, two = make_assignment(db, teacher, article), make_assignment(db, teacher, article)
    c = app.test_client()
    ana = join(c, one["join_code"], "Ana")
    c.post("/signout")
    join(c, two["join_code"], "Ben")
    assert c.get(f"/attempt/{ana}").status_code == 403


def test_student_cookie_is_not_kept_for_weeks(client, assignment):
    r = client.post(f"/join/{assignment['join_code']}", data={"name": "Ann"})
    cookie = next(v for v in r.headers.getlist("Set-Cookie") if v.startswith("session="))
    assert "Expires=" not in cookie and "Max-Age=" not in cookie


def test_student_session_ends_after_some_hours(monkeypatch, app, client, assignment):
    token = join(client, assignment["join_code"], "Ann")
    assert client.get(f"/attempt/{token}").status_code == 200
    later = (datetime.now() + timedelta(seconds=app.config.get("STUDENT_SESSION_SECONDS", 14 * 86400) + 60))
    monkeypatch.setattr(storage, "now_iso", lambda: later.isoformat(timespec="seconds"))
    r = client.get(f"/attempt/{token}")
    assert r.status_code == 403
    assert app.config["STUDENT_SESSION_SECONDS"] <= 8 * 3600


def test_student_session_ends_when_the_assignment_closes_and_the_resume_code_brings_feedback(
        app, client, db, teacher, article):
    closes = (datetime.now() + timedelta(minutes=30)).isoformat(timespec="seconds")
    a = make_assignment(db, teacher, article, settings={"feedback_timing": "after_close"}, closes_at=closes)
    token = join(client, a["join_code"], "Ann")
    resume = storage.get_attempt_by_token(db, token)["resume_code"]
    client.post(f"/attempt/{token}/submit")
    storage.close_assignment(db, teacher, a["id"])
    assert client.get(f"/attempt/{token}/feedback").status_code == 403
    # the closed quiz's page offers the way back: name and resume code
    page = client.get(f"/join/{a['join_code']}").data.decode()
    assert "closed" in page and 'name="resume_code"' in page
    assert client.post(f"/join/{a['join_code']}", data={"name": "Someone New"}).status_code in (403, 422)
    r = client.post(f"/join/{a['join_code']}", data={"name": "Ann", "resume_code": resume})
    assert r.status_code == 302
    page = client.get(f"/attempt/{token}/feedback").data.decode()
    assert "Right answer" in page


# ------------------------------------------------------------------ 3. join and resume codes

def test_the_right_code_works_after_a_flood_of_wrong_ones_from_the_same_address(app, assignment):
    mischief = app.test_client()
    statuses = [mischief.post("/", data={"code": f"WRONG{i:03d}"}).status_code for i in range(30)]
    assert 429 in statuses and statuses[0] == 422
    classmate = app.test_client()                    # same address (the test client's 127.0.0.1)
    r = classmate.post("/", data={"code": assignment["join_code"].lower()})
    assert r.status_code == 302 and r.location.endswith(f"/join/{assignment['join_code']}")
    assert classmate.get(r.location).status_code == 200
    assert join(classmate, assignment["join_code"], "Ann")
    assert mischief.post("/", data={"code": "WRONG999"}).status_code == 429


def test_wrong_join_codes_refill_like_a_token_bucket(db):
    take = lambda now: storage.take_throttle_token(db, "join:1.2.3.4", capacity=3, per_second=0.1, now=now)
    assert [take(1000.0) for _ in range(4)] == [True, True, True, False]
    assert take(1005.0) is False                   # half a token back
    assert take(1010.5) is True                    # one token back after 10 s
    assert storage.take_throttle_token(db, "join:5.6.7.8", capacity=3, per_second=0.1, now=1010.5)


def test_wrong_resume_codes_are_throttled_and_the_right_one_still_works(app, db, assignment):
    ann = app.test_client()
    token = join(ann, assignment["join_code"], "Ann")
    resume = storage.get_attempt_by_token(db, token)["resume_code"]
    guesser = app.test_client()
    statuses = [guesser.post(f"/join/{assignment['join_code']}",
                             data={"name": "Ann", "resume_code": f"GUESS{i:05d}"}).status_code for i in range(40)]
    assert statuses[0] == 422 and statuses[-1] == 429
    other = app.test_client()
    r = other.post(f"/join/{assignment['join_code']}", data={"name": "Ann", "resume_code": resume})
    assert r.status_code == 302 and r.location.endswith(f"/attempt/{token}")


def test_codes_are_long_enough(client, db, assignment):
    assert len(assignment["join_code"]) >= 10
    token = join(client, assignment["join_code"], "Ann")
    assert len(storage.get_attempt_by_token(db, token)["resume_code"]) >= 10


# ------------------------------------------------------------------ 4. two tabs

def test_review_and_submit_from_an_older_tab_keeps_the_other_tabs_answer(client, db, assignment):
    token = join(client, assignment["join_code"], "Ann")
    short, open_q = kind(assignment, "short"), kind(assignment, "open")
    old_tab = page_of(client, token)                              # tab A, loaded first
    new_tab = page_of(client, token)                              # tab B
    r = client.post(f"/attempt/{token}/answers", json={
        "answers": {str(short["id"]): "Moscow"}, "base": {str(short["id"]): tag_of(new_tab, short["id"])}})
    assert r.status_code == 200
    form = form_from_page(old_tab)                                # tab A still shows an empty field
    form[f"q{open_q['id']}"] = "Typed in the old tab"             # and changes another one
    r = client.post(f"/attempt/{token}", data={**form, "action": "submit"})
    assert r.location.endswith("/submit")
    saved = storage.saved_responses(db, storage.get_attempt_by_token(db, token)["id"])
    assert saved[short["id"]] == "Moscow"
    assert saved[open_q["id"]] == "Typed in the old tab"


def test_a_field_the_older_tab_did_change_is_saved(client, db, assignment):
    token = join(client, assignment["join_code"], "Ann")
    short = kind(assignment, "short")
    old_tab = page_of(client, token)
    client.post(f"/attempt/{token}/answers", json={"answers": {str(short["id"]): "Moscow"}})
    form = form_from_page(old_tab)
    form[f"q{short['id']}"] = "Russia"
    client.post(f"/attempt/{token}", data={**form, "action": "save"})
    assert storage.saved_responses(db, storage.get_attempt_by_token(db, token)["id"])[short["id"]] == "Russia"


def test_a_delayed_save_of_an_older_edit_never_overwrites_a_newer_answer(client, db, assignment):
    token = join(client, assignment["join_code"], "Ann")
    short = kind(assignment, "short")
    qid = str(short["id"])
    base = tag_of(page_of(client, token), short["id"])
    # tab B: edited at t=2000 ms, saved at once
    r = client.post(f"/attempt/{token}/answers", json={"answers": {qid: "newer"}, "base": {qid: base},
                                                       "edited": {qid: 2000}})
    assert r.status_code == 200 and r.json["saved"] == 1
    newer_tag = r.json["synced"][qid]
    # tab A: edited at t=1000 ms while offline, its save arrives later
    r = client.post(f"/attempt/{token}/answers", json={"answers": {qid: "older"}, "base": {qid: base},
                                                       "edited": {qid: 1000}})
    assert r.status_code == 200 and r.json["saved"] == 0
    assert r.json["kept"][qid] == {"response": "newer", "tag": newer_tag}
    attempt_id = storage.get_attempt_by_token(db, token)["id"]
    assert storage.saved_responses(db, attempt_id)[short["id"]] == "newer"
    # an edit made after the newer one wins, even from the stale tab
    r = client.post(f"/attempt/{token}/answers", json={"answers": {qid: "newest"}, "base": {qid: base},
                                                       "edited": {qid: 3000}})
    assert r.json["saved"] == 1
    assert storage.saved_responses(db, attempt_id)[short["id"]] == "newest"
    # whatever a curious student sends as tags and times, a clean answer (never a 500)
    for junk in (10 ** 30, -1, "soon", None, [1], 1.5, True):
        r = client.post(f"/attempt/{token}/answers", json={"answers": {qid: "x"}, "base": {qid: junk},
                                                           "edited": {qid: junk}})
        assert r.status_code == 200, junk


# ------------------------------------------------------------------ 5. names

@pytest.mark.parametrize("typed, stored", [
    ("  Ana\u200b  Lee\u0007 ", "Ana Lee"),             # zero-width space, a control character
    ("\uff21\uff4e\uff41", "Ana"),                       # fullwidth letters (NFKC)
    ("Ana\u202eeeL", "AnaeeL"),                          # a right-to-left override
    ("Ana\tLee\nJr", "Ana Lee Jr"),
])
def test_names_are_normalised(client, db, assignment, typed, stored):
    token = join(client, assignment["join_code"], typed)
    assert storage.get_attempt_by_token(db, token)["student_name"] == stored


@pytest.mark.parametrize("lookalike", ["\u0410na", "An\u0430", "\u0391\u039d\u0391", "\u0410\u043f\u0430"])
def test_look_alikes_of_a_name_in_the_class_are_refused(app, db, assignment, lookalike):
    join(app.test_client(), assignment["join_code"], "Ana")
    other = app.test_client()
    r = other.post(f"/join/{assignment['join_code']}", data={"name": lookalike})
    assert r.status_code == 422
    assert b"already taken" in r.data or b"looks the same as" in r.data
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 1


def test_a_name_made_only_of_invisible_characters_is_refused(client, db, assignment):
    r = client.post(f"/join/{assignment['join_code']}", data={"name": "\u200b\u200d\u0007"})
    assert r.status_code == 422 and db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0
