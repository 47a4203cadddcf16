import csv
import io

import pytest

from quiz import storage
from conftest import join, right_response, sample_text, wrong_response


@pytest.fixture
def logged_in(auth, teacher):
    auth.login()
    return teacher


def test_paste_article_runs_the_engine_and_stores_its_drafts(client, db, logged_in):
    import questions
    expected = len(questions.generate(questions.analyze(sample_text())))
    r = client.post("/articles/new", data={"text": sample_text()})
    assert r.status_code == 302
    article_id = int(r.location.rsplit("/", 1)[1])
    drafts = storage.list_questions(db, logged_in, article_id)
    assert len(drafts) == expected
    assert all(q["status"] == "draft" for q in drafts)
    page = client.get(r.location).data.decode()
    assert "Russia" in page and "Key" in page
    bank = client.get(f"/articles/{article_id}/questions").data.decode()
    for q in drafts[:3]:
        assert f'id="q-{q["id"]}"' in bank


@pytest.mark.parametrize("data, message", [
    ({"text": ""}, b"Paste the article text or upload a file"),
    ({"text": "Too short to be an article."}, b"too short"),
])
def test_article_errors_are_form_errors(client, logged_in, data, message):
    r = client.post("/articles/new", data=data)
    assert r.status_code == 422 and message in r.data


def test_upload_txt_and_wrong_type(client, db, logged_in):
    r = client.post("/articles/new", data={"upload": (io.BytesIO(sample_text().encode()), "a.txt")},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    r = client.post("/articles/new", data={"upload": (io.BytesIO(b"x"), "a.exe")}, content_type="multipart/form-data")
    assert r.status_code == 422 and b"Upload a .txt or .html file" in r.data


def test_upload_too_large_gives_friendly_413(client, logged_in):
    big = io.BytesIO(b"word " * (500 * 1024))
    r = client.post("/articles/new", data={"upload": (big, "big.txt")}, content_type="multipart/form-data")
    assert r.status_code == 413 and b"2 MB" in r.data


def test_article_text_is_escaped(client, db, logged_in):
    text = "<script>alert(1)</script> " + sample_text()
    r = client.post("/articles/new", data={"text": text})
    page = client.get(r.location).data
    assert b"<script>alert(1)" not in page and b"&lt;script&gt;alert(1)" in page


def test_edit_question_validates_and_saves(client, db, logged_in, article):
    q = next(q for q in storage.list_questions(db, logged_in, article) if q["kind"] == "mc")
    url = f"/questions/{q['id']}/edit"
    bad = client.post(url, data={"prompt": "P", "choices": "A\nB", "key": "C", "explanation": "E", "skill": "attribution"})
    assert b"must be one of the choices" in bad.data
    ok = client.post(url, data={"prompt": "New prompt", "choices": "A\nB\nC", "key": "C", "explanation": "E",
                                "skill": "sourcing"})
    assert ok.status_code == 302
    q2 = storage.get_question(db, logged_in, q["id"])
    assert (q2["prompt"], q2["choices"], q2["answer"], q2["skill"]) == ("New prompt", ["A", "B", "C"], 2, "sourcing")


def test_approve_and_reject(client, db, logged_in, article):
    q = storage.list_questions(db, logged_in, article)[0]
    client.post(f"/questions/{q['id']}/status", data={"status": "rejected"})
    assert storage.get_question(db, logged_in, q["id"])["status"] == "rejected"
    assert client.post(f"/questions/{q['id']}/status", data={"status": "bogus"}).status_code == 400


@pytest.mark.parametrize("kind, extra", [
    ("mc", {"choices": "Yes\nNo", "key": "No"}), ("tf", {"key": "True"}),
    ("short", {"key": "Russia|Moscow"}), ("open", {}),
])
def test_write_new_question(client, db, logged_in, article, kind, extra):
    before = len(storage.list_questions(db, logged_in, article))
    r = client.post(f"/articles/{article}/questions/new", data={
        "kind": kind, "skill": "discussion", "prompt": "Q?", "explanation": "Because.",
        "evidence": "Russia stood firm", **extra})
    assert r.status_code == 302
    qs = storage.list_questions(db, logged_in, article)
    assert len(qs) == before + 1 and qs[-1]["kind"] == kind and qs[-1]["evidence_text"] == "Russia stood firm"


def test_new_quiz_preselects_a_balanced_default(client, db, logged_in, article):
    for i in range(12):
        storage.add_question(db, logged_in, article, {"kind": "open", "type": "discussion", "skill": "discussion",
                                                      "prompt": f"Extra {i}", "explanation": "x"}, status="approved")
    page = client.get(f"/articles/{article}/quizzes/new").data.decode()
    checked = page.count('checked')
    assert checked >= 10 - 1 and checked <= 10 + 2   # ~10, including shuffle/show-article boxes
    skills = {q["skill"] for q in storage.list_questions(db, logged_in, article)}
    from quiz.quizzes import balanced_default
    picked = balanced_default(storage.list_questions(db, logged_in, article, status="approved"))
    picked_skills = {storage.get_question(db, logged_in, i)["skill"] for i in picked}
    assert len(picked) == 10 and picked_skills == skills


def test_build_assign_and_close(client, db, logged_in, article):
    qs = storage.list_questions(db, logged_in, article, status="approved")
    data = {"title": "My quiz", "feedback_timing": "after_close", "attempts_allowed": "2", "show_article": "y"}
    for n, q in enumerate(qs, 1):
        data.update({f"include_{q['id']}": "y", f"position_{q['id']}": str(len(qs) - n + 1), f"points_{q['id']}": "3"})
    r = client.post(f"/articles/{article}/quizzes/new", data=data)
    quiz_id = int(r.location.rsplit("/", 1)[1])
    items = storage.quiz_items(db, quiz_id)
    assert [q["id"] for q in items] == [q["id"] for q in reversed(qs)] and items[0]["points"] == 3
    r = client.post(f"/quizzes/{quiz_id}/assign", data={
        "class_name": "7B", "roster": "Ann, S1",
        "roster_file": (io.BytesIO(b"name,student id\r\nBob,S2\r\n"), "roster.csv")},
        content_type="multipart/form-data")
    assert r.status_code == 302
    assignment_id = int(r.location.rsplit("/", 1)[1])
    a = storage.get_assignment(db, logged_in, assignment_id)
    assert a["feedback_timing"] == "after_close" and a["attempts_allowed"] == 2
    assert [r["name"] for r in storage.get_roster(db, assignment_id)] == ["Ann", "Bob"]
    assert f'{a["join_code"][:5]}-{a["join_code"][5:]}'.encode() in client.get(r.location).data   # shown grouped
    client.post(f"/assignments/{assignment_id}/close")
    assert storage.assignment_state(storage.get_assignment(db, logged_in, assignment_id)) == "closed"


def test_grading_results_and_exports(app, client, db, logged_in, assignment):
    qs = assignment["questions"]
    students = {"Ann": right_response, "=Bob": wrong_response}
    for name, pick in students.items():
        s = app.test_client()
        token = join(s, assignment["join_code"], name)
        s.post(f"/attempt/{token}/answers", json={"answers": {str(q["id"]): pick(q) for q in qs}})
        s.post(f"/attempt/{token}/submit")
    open_q = next(q for q in qs if q["kind"] == "open")
    page = client.get(f"/assignments/{assignment['id']}/grading").data.decode()
    assert "My considered answer." in page
    ann_answer = next(a for a in storage.answers_for_assignment(db, assignment["id"])
                      if a["student_name"] == "Ann" and a["assigned_question_id"] == open_q["id"])
    r = client.post(f"/answers/{ann_answer['id']}/grade",
                    data={f"a{ann_answer['id']}-points": "1", f"a{ann_answer['id']}-comment": "Well argued"})
    assert r.status_code == 302
    results = client.get(f"/assignments/{assignment['id']}/results").data.decode()
    assert f"{len(qs)} / {len(qs)}" in results and "0 / 5" in results
    assert "50% correct (1 of 2)" in results

    scores = list(csv.DictReader(io.StringIO(
        client.get(f"/assignments/{assignment['id']}/scores.csv").data.decode("utf-8-sig"))))
    by_name = {r["name"]: r for r in scores}
    assert by_name["Ann"]["score"] == str(len(qs)) and by_name["Ann"]["percent"] == "100.0"
    assert by_name["'=Bob"]["score"] == "0"
    resp = list(csv.DictReader(io.StringIO(
        client.get(f"/assignments/{assignment['id']}/responses.csv").data.decode("utf-8-sig"))))
    assert len(resp) == 2 * len(qs)
    graded = next(r for r in resp if r["name"] == "Ann" and r["question"] == str(open_q["position"]))
    assert graded["comment"] == "Well argued" and graded["points"] == "1"
