"""Issue 10, the teacher's path: bulk review and filters in the bank, the right answer picked by a
radio button, a quiz builder that leads to the bank, close and reopen, the dashboard's states and
counts, one-page grading that refuses points above the maximum, and partial credit everywhere."""
from __future__ import annotations

import csv
import io

import pytest

from quiz import scoring, storage
from conftest import join, make_assignment, right_response


@pytest.fixture
def logged_in(auth, teacher):
    auth.login()
    return teacher


def drafts(db, teacher, article):
    for q in storage.list_questions(db, teacher, article):
        storage.set_question_status(db, teacher, q["id"], "draft")
    return storage.list_questions(db, teacher, article)


# ---------------------------------------------------------------- 1. the bank

def test_bank_says_questions_need_approval_and_filters_by_skill_type_and_state(client, db, logged_in, article):
    qs = drafts(db, logged_in, article)
    storage.set_question_status(db, logged_in, qs[0]["id"], "approved")
    page = client.get(f"/articles/{article}/questions").data.decode()
    assert "Only approved questions can go in a quiz." in page
    assert all(f'id="q-{q["id"]}"' in page for q in qs)
    by_skill = client.get(f"/articles/{article}/questions?skill=chronology").data.decode()
    assert [q["id"] for q in qs if f'id="q-{q["id"]}"' in by_skill] == [q["id"] for q in qs if q["skill"] == "chronology"]
    by_kind = client.get(f"/articles/{article}/questions?kind=tf").data.decode()
    assert [q["id"] for q in qs if f'id="q-{q["id"]}"' in by_kind] == [q["id"] for q in qs if q["kind"] == "tf"]
    by_state = client.get(f"/articles/{article}/questions?state=approved").data.decode()
    assert [q["id"] for q in qs if f'id="q-{q["id"]}"' in by_state] == [qs[0]["id"]]


def test_bulk_approve_selected_and_all_drafts_without_js_and_as_json(client, db, logged_in, article):
    qs = drafts(db, logged_in, article)
    r = client.post(f"/articles/{article}/questions/bulk",
                    data={"status": "approved", "ids": [str(qs[0]["id"]), str(qs[1]["id"])]})
    assert r.status_code == 302
    assert [storage.get_question(db, logged_in, q["id"])["status"] for q in qs] == \
        ["approved", "approved"] + ["draft"] * (len(qs) - 2)
    # the script's request: JSON back, nothing to reload
    r = client.post(f"/articles/{article}/questions/bulk?status=rejected", data={"scope": "drafts", "skill": "discussion"},
                    headers={"Accept": "application/json"})
    body = r.get_json()
    open_q = next(q for q in qs if q["skill"] == "discussion")
    assert body["changed"] == [open_q["id"]] and body["status"] == "rejected"
    assert body["counts"] == {"draft": len(qs) - 3, "approved": 2, "rejected": 1}
    r = client.post(f"/articles/{article}/questions/bulk?status=approved", data={"scope": "drafts"},
                    headers={"Accept": "application/json"})
    assert r.get_json()["counts"] == {"draft": 0, "approved": len(qs) - 1, "rejected": 1}


def test_bulk_ignores_other_teachers_questions(client, db, logged_in, article):
    from conftest import make_article, make_teacher
    other = make_teacher(db, "other")
    theirs = storage.list_questions(db, other, make_article(db, other))[0]
    storage.set_question_status(db, other, theirs["id"], "draft")
    r = client.post(f"/articles/{article}/questions/bulk", data={"status": "approved", "ids": [str(theirs["id"])]},
                    headers={"Accept": "application/json"})
    assert r.get_json()["changed"] == []
    assert storage.get_question(db, other, theirs["id"])["status"] == "draft"


# ---------------------------------------------------------------- 2. editing a question

def test_edit_shows_every_choice_with_the_key_as_a_checked_radio(client, db, logged_in, article):
    mc = next(q for q in storage.list_questions(db, logged_in, article) if q["kind"] == "mc")
    page = client.get(f"/questions/{mc['id']}/edit").data.decode()
    for n, c in enumerate(mc["choices"]):
        assert f'name="choice_{n}" id="choice-{n}" value="{c}"' in page
    assert f'value="{mc["answer"]}" id="correct-{mc["answer"]}" checked' in page
    assert page.count("checked") == 1 and 'required' in page


def test_edit_takes_the_radio_and_rows_and_refuses_no_pick(client, db, logged_in, article):
    mc = next(q for q in storage.list_questions(db, logged_in, article) if q["kind"] == "mc")
    data = {"prompt": "P", "explanation": "E", "skill": "attribution", "choice_0": "Ann", "choice_1": "",
            "choice_2": "Bob", "choice_3": "Cy"}
    r = client.post(f"/questions/{mc['id']}/edit", data=data)
    assert r.status_code == 422 and "Give the right answer." in r.data.decode()
    r = client.post(f"/questions/{mc['id']}/edit", data={**data, "correct": "3"})
    assert r.status_code == 302
    q = storage.get_question(db, logged_in, mc["id"])
    assert (q["choices"], q["answer"], q["key"]) == (["Ann", "Bob", "Cy"], 2, "Cy")


def test_true_false_is_picked(client, db, logged_in, article):
    tf = next(q for q in storage.list_questions(db, logged_in, article) if q["kind"] == "tf")
    page = client.get(f"/questions/{tf['id']}/edit").data.decode()
    assert 'type="radio" name="key" value="True" id="key-true" checked' in page
    r = client.post(f"/questions/{tf['id']}/edit", data={"prompt": "P", "explanation": "E", "skill": "attribution",
                                                         "key": "False"})
    assert r.status_code == 302 and storage.get_question(db, logged_in, tf["id"])["answer"] == 1
    r = client.post(f"/questions/{tf['id']}/edit", data={"prompt": "", "explanation": "E", "skill": "attribution"})
    assert r.status_code == 422 and b"Write the question (required)." in r.data and b"True or False" in r.data


# ---------------------------------------------------------------- 3. the quiz builder

def test_new_quiz_with_nothing_approved_leads_to_the_bank(client, db, logged_in, article):
    drafts(db, logged_in, article)
    r = client.get(f"/articles/{article}/quizzes/new")
    assert r.status_code == 302 and r.location.endswith(f"/articles/{article}/questions")
    page = client.get(r.location).data.decode()
    assert "A quiz is built from approved questions" in page and "approve the ones you want" in page


def test_choose_at_least_one_question_sits_with_the_question_list(client, db, logged_in, article):
    r = client.post(f"/articles/{article}/quizzes/new", data={"title": "T", "feedback_timing": "after_close",
                                                              "attempts_allowed": "1", "counted_attempt": "first"})
    page = r.data.decode()
    assert r.status_code == 422
    legend, title = page.index("<legend>Questions"), page.index('id="title"')
    error = page.index("Choose at least one question.")
    assert error > legend > title and 'aria-describedby="questions-err"' in page


# ---------------------------------------------------------------- 4. close, confirm, reopen

def test_close_asks_first_and_a_closed_assignment_reopens_with_a_new_closing_time(client, db, logged_in, assignment):
    aid = assignment["id"]
    page = client.get(f"/assignments/{aid}").data.decode()
    assert f'href="/assignments/{aid}/close"' in page                   # a link to the question, not a button
    confirm = client.get(f"/assignments/{aid}/close")
    assert confirm.status_code == 200 and b"Yes, close it now" in confirm.data
    assert storage.assignment_state(storage.get_assignment(db, logged_in, aid)) == "open"
    client.post(f"/assignments/{aid}/close")
    assert storage.assignment_state(storage.get_assignment(db, logged_in, aid)) == "closed"
    page = client.get(f"/assignments/{aid}").data.decode()
    assert "Reopen" in page and ">closed<" in page
    r = client.post(f"/assignments/{aid}/reopen", data={"closes_at": "2001-01-01T10:00"})
    assert r.status_code == 422 and b"in the future" in r.data
    r = client.post(f"/assignments/{aid}/reopen", data={"closes_at": "2999-01-01T10:00"})
    assert r.status_code == 302
    a = storage.get_assignment(db, logged_in, aid)
    assert storage.assignment_state(a) == "open" and a["closes_at"] == "2999-01-01T10:00:00"
    client.post(f"/assignments/{aid}/close")
    client.post(f"/assignments/{aid}/reopen", data={"closes_at": ""})
    a = storage.get_assignment(db, logged_in, aid)
    assert storage.assignment_state(a) == "open" and a["closes_at"] is None


# ---------------------------------------------------------------- 5. the dashboard

def test_dashboard_shows_state_and_counts(app, client, db, logged_in, article):
    open_a = make_assignment(db, logged_in, article)
    closed = make_assignment(db, logged_in, article, closes_at="2000-01-02T00:00:00")
    quiz_id = open_a["quiz_id"]
    later = storage.create_assignment(db, logged_in, quiz_id, "8C", "2999-01-01T00:00:00", None)
    qs = open_a["questions"]
    for name, submit in (("Ann", True), ("Bob", True), ("Cy", False)):
        s = app.test_client()
        token = join(s, open_a["join_code"], name)
        s.post(f"/attempt/{token}/answers", json={"answers": {str(q["id"]): right_response(q) for q in qs}})
        if submit:
            s.post(f"/attempt/{token}/submit")
    page = client.get("/teacher").data.decode()

    def row(aid):
        start = page.index(f'id="assignment-{aid}"')
        return page[start:page.index("</tr>", start)]
    r = row(open_a["id"])
    assert "data-state>open<" in r and "data-joined>3<" in r and "data-submitted>2<" in r
    assert "2<span class=\"visually-hidden\"> answers to grade" in r          # one open response each
    assert "data-state>closed<" in row(closed["id"]) and "data-joined>0<" in row(closed["id"])
    assert "data-state>scheduled<" in row(later) and "opens 2999-01-01 00:00" in row(later)


# ---------------------------------------------------------------- 6. one-page grading

def submitted_class(app, db, assignment, names=("Ann", "Bob", "Cy")):
    qs = assignment["questions"]
    for name in names:
        s = app.test_client()
        token = join(s, assignment["join_code"], name)
        s.post(f"/attempt/{token}/answers", json={"answers": {str(q["id"]): right_response(q) for q in qs}})
        s.post(f"/attempt/{token}/submit")
    open_q = next(q for q in qs if q["kind"] == "open")
    answers = {a["student_name"]: a for a in storage.answers_for_assignment(db, assignment["id"])
               if a["assigned_question_id"] == open_q["id"]}
    return open_q, answers


def test_one_save_grades_every_answer_to_a_question_and_refuses_above_the_maximum(app, client, db, logged_in, article):
    a = make_assignment(db, logged_in, article, points=2)
    open_q, answers = submitted_class(app, db, a)
    url = f"/assignments/{a['id']}/questions/{open_q['id']}/grades"
    page = client.get(f"/assignments/{a['id']}/grading").data.decode()
    assert page.count(f'action="{url}"') == 1 and all(f'name="a{w["id"]}-points"' in page for w in answers.values())
    data = {f"a{answers['Ann']['id']}-points": "2", f"a{answers['Ann']['id']}-comment": "Good",
            f"a{answers['Bob']['id']}-points": "5", f"a{answers['Bob']['id']}-comment": "",
            f"a{answers['Cy']['id']}-points": "", f"a{answers['Cy']['id']}-comment": ""}
    r = client.post(url, data=data)
    page = r.data.decode()
    assert r.status_code == 422 and "At most 2 points for this question" in page and "Nothing was saved" in page
    assert 'value="5"' in page                                     # what the teacher typed, to correct
    assert all(w["graded_at"] is None for w in storage.answers_for_assignment(db, a["id"])
               if w["assigned_question_id"] == open_q["id"])
    r = client.post(url, data={**data, f"a{answers['Bob']['id']}-points": "1"})
    assert r.status_code == 302
    graded = {w["student_name"]: w for w in storage.answers_for_assignment(db, a["id"])
              if w["assigned_question_id"] == open_q["id"]}
    assert (graded["Ann"]["points_awarded"], graded["Bob"]["points_awarded"], graded["Cy"]["graded_at"]) == (2.0, 1.0, None)
    page = client.get(f"/assignments/{a['id']}/grading").data.decode()
    ann = page[page.index(f'name="a{answers["Ann"]["id"]}-points"'):]
    assert ann[:ann.index(">")].endswith('value="2"')                 # as typed: "2", not "2.0"
    assert 'value="2.0"' not in page and 'value="1.0"' not in page


def test_single_answer_route_refuses_above_the_maximum_too(app, client, db, logged_in, assignment):
    open_q, answers = submitted_class(app, db, assignment, names=("Ann",))
    w = answers["Ann"]
    r = client.post(f"/answers/{w['id']}/grade", data={f"a{w['id']}-points": "5", f"a{w['id']}-comment": ""})
    assert r.status_code == 422 and b"At most 1 point for this question" in r.data
    assert storage.answers_for_assignment(db, assignment["id"])[0]["graded_at"] is None


# ---------------------------------------------------------------- 7. partial credit

@pytest.mark.parametrize("correct, points, max_points, expected", [
    (None, None, 2, "pending"), (1, 2.0, 2, "right"), (0, 1.0, 2, "partial"), (0, 0.0, 2, "wrong"),
    (0, 0.5, 1, "partial"), (0, None, 1, "wrong")])
def test_verdict(correct, points, max_points, expected):
    assert scoring.verdict(correct, points, max_points) == expected


def test_partial_credit_is_its_own_state_in_results_stats_and_csv(app, client, db, logged_in, article):
    a = make_assignment(db, logged_in, article, points=2)
    open_q, answers = submitted_class(app, db, a, names=("Ann", "Bob"))
    client.post(f"/assignments/{a['id']}/questions/{open_q['id']}/grades",
                data={f"a{answers['Ann']['id']}-points": "1", f"a{answers['Bob']['id']}-points": "2"})
    page = client.get(f"/assignments/{a['id']}/results").data.decode()
    assert page.count('data-verdict="partial"') == 1 and "partial: 1 of 2" in page
    assert "50% correct (1 of 2), 1 partly right" in page
    skill_row = page[page.index('<th scope="row">discussion</th>'):]
    assert skill_row[:skill_row.index("</tr>")].endswith("<td>1</td>")
    rows = list(csv.DictReader(io.StringIO(client.get(f"/assignments/{a['id']}/responses.csv").data.decode("utf-8-sig"))))
    by = {r["name"]: r for r in rows if r["question"] == str(open_q["position"])}
    assert (by["Ann"]["correct"], by["Ann"]["points"], by["Bob"]["correct"]) == ("partial", "1", "yes")
    assert all(r["correct"] == "yes" for r in rows if r["question"] != str(open_q["position"]))


# ---------------------------------------------------------------- 8. the app's voice

def test_form_errors_speak_the_apps_voice(app, client, db, logged_in, assignment):
    r = client.post(f"/quizzes/{assignment['quiz_id']}/assign", data={"class_name": "", "opens_at": "soon"})
    page = r.data.decode()
    assert r.status_code == 422 and "Give the class a name" in page and "Give a date and time" in page
    assert "This field is required" not in page and "Not a valid" not in page
    r = client.post(f"/quizzes/{assignment['quiz_id']}", data={"title": "", "attempts_allowed": "two",
                                                               "feedback_timing": "after_close", "counted_attempt": "first"})
    page = r.data.decode()
    assert "Give the quiz a title." in page and "Give a whole number" in page and "Not a valid" not in page
    q = assignment["questions"][0]
    r = client.post(f"/questions/{q['question_id']}/edit", data={"prompt": "x" * 2001, "explanation": "", "skill": "attribution",
                                                                  "key": "True"})
    page = r.data.decode()
    assert "Use at most 2,000 characters." in page and "Field cannot be longer" not in page


def test_partial_credit_shows_as_partly_right_to_the_student(app, client, db, logged_in, article):
    a = make_assignment(db, logged_in, article, points=2)          # feedback after each attempt
    qs = a["questions"]
    s = app.test_client()
    token = join(s, a["join_code"], "Ann")
    s.post(f"/attempt/{token}/answers", json={"answers": {str(q["id"]): right_response(q) for q in qs}})
    s.post(f"/attempt/{token}/submit")
    open_q = next(q for q in qs if q["kind"] == "open")
    answer = next(w for w in storage.answers_for_assignment(db, a["id"]) if w["assigned_question_id"] == open_q["id"])
    client.post(f"/assignments/{a['id']}/questions/{open_q['id']}/grades", data={f"a{answer['id']}-points": "1"})
    page = s.get(f"/attempt/{token}/feedback").data.decode()
    at = page.index(f'id="fb-{open_q["id"]}"')
    item = page[page.rindex("<li", 0, at):]
    item = item[:item.index("</li>")]
    assert "is-partial" in item and "Partly right" in item and "1 of 2 points" in item
    assert "Wrong" not in item
