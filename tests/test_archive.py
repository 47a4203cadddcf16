"""Issue 10, articles: the teacher's own title (pre-filled from the text, editable later), and
removing an article, question, quiz or assignment: archived (restorable, nothing students did is
lost) when students' attempts depend on it, deleted outright otherwise, always after a confirmation
page. Real SQLite file, Flask test client, the real engine (huey in immediate mode) for imports."""
from __future__ import annotations

import pytest

from quiz import storage
from conftest import join, make_article, make_assignment, make_teacher, right_response, sample_text

HEADLINE = "Russia's Role in Venezuela: Will Putin Save Maduro? (2025)"


@pytest.fixture
def logged_in(auth, teacher):
    auth.login()
    return teacher


def new_article(client, **data) -> int:
    r = client.post("/articles/new", data={"text": sample_text(), **data})
    assert r.status_code == 302, r.data[:2000]
    return int(r.location.rsplit("/", 1)[1])


def count(db, sql, *params) -> int:
    return db.execute(sql, params).fetchone()[0]


def answered(app, db, assignment) -> str:
    """A student joins, answers every question and submits; the attempt's token."""
    student = app.test_client()
    token = join(student, assignment["join_code"], "Ann")
    answers = {str(q["id"]): right_response(q) for q in assignment["questions"]}
    assert student.post(f"/attempt/{token}/answers", json={"answers": answers}).status_code == 200
    student.post(f"/attempt/{token}/submit")
    return token


# ---------------------------------------------------------------- titles

def test_an_empty_title_is_the_articles_headline(client, db, logged_in):
    article_id = new_article(client, title="")
    assert storage.get_article(db, logged_in, article_id)["title"] == HEADLINE
    assert 'name="title"' in client.get("/articles/new").data.decode()


def test_the_teachers_title_is_kept_over_the_headline(client, db, logged_in):
    article_id = new_article(client, title="  Venezuela for 9B  ")
    article = storage.get_article(db, logged_in, article_id)
    assert article["title"] == "Venezuela for 9B" and article["state"] == "ready"
    assert storage.list_questions(db, logged_in, article_id)          # drafted as usual
    assert "Venezuela for 9B" in client.get("/teacher").data.decode()


def test_editing_the_title_shows_it_everywhere(app, client, db, logged_in, article):
    page = client.get(f"/articles/{article}").data.decode()
    assert f'action="/articles/{article}/title"' in page and HEADLINE.replace("'", "&#39;") in page
    r = client.post(f"/articles/{article}/title", data={"title": "Who backs Maduro?"})
    assert r.status_code == 302
    assert storage.get_article(db, logged_in, article)["title"] == "Who backs Maduro?"
    for path in ("/teacher", f"/articles/{article}", f"/articles/{article}/questions",
                 f"/articles/{article}/quizzes/new"):
        assert "Who backs Maduro?" in client.get(path).data.decode(), path
    r = client.post(f"/articles/{article}/title", data={"title": "  "})
    assert r.status_code == 422 and "Give the article a title." in r.data.decode()
    assert storage.get_article(db, logged_in, article)["title"] == "Who backs Maduro?"


# ---------------------------------------------------------------- archive or delete

def test_archiving_an_article_with_answers_keeps_them_and_restores(app, client, db, logged_in, article):
    assignment = make_assignment(db, logged_in, article)
    answered(app, db, assignment)
    n_answers = count(db, "SELECT COUNT(*) FROM answers")
    assert n_answers == len(assignment["questions"])
    page = client.get(f"/articles/{article}/delete").data.decode()
    assert "archived, not deleted" in page and 'name="confirm" value="yes"' in page
    r = client.post(f"/articles/{article}/delete", data={"confirm": "yes"})
    assert r.status_code == 302
    assert count(db, "SELECT COUNT(*) FROM articles WHERE id = ?", article) == 1
    assert count(db, "SELECT COUNT(*) FROM answers") == n_answers                 # nothing lost
    dashboard = client.get("/teacher").data.decode()
    assert f"/articles/{article}\"" not in dashboard                                # hidden from lists
    assert f"/assignments/{assignment['id']}\"" not in dashboard and "No quizzes yet." in dashboard
    archive = client.get("/archive").data.decode()
    assert f'action="/articles/{article}/restore"' in archive
    # results stay readable meanwhile
    assert client.get(f"/assignments/{assignment['id']}/results").status_code == 200
    r = client.post(f"/articles/{article}/restore")
    assert r.status_code == 302
    dashboard = client.get("/teacher").data.decode()
    assert f"/articles/{article}\"" in dashboard and f"/assignments/{assignment['id']}\"" in dashboard
    assert "Nothing is archived." in client.get("/archive").data.decode()
    assert count(db, "SELECT COUNT(*) FROM answers") == n_answers


def test_an_assignment_with_attempts_is_archived_and_restored(app, client, db, logged_in, assignment):
    answered(app, db, assignment)
    client.post(f"/assignments/{assignment['id']}/delete", data={"confirm": "yes"})
    assert storage.get_assignment(db, logged_in, assignment["id"])["archived_at"]
    assert f"/assignments/{assignment['id']}\"" not in client.get("/teacher").data.decode()
    client.post(f"/assignments/{assignment['id']}/restore")
    assert storage.get_assignment(db, logged_in, assignment["id"])["archived_at"] is None


def test_a_question_in_an_answered_assignment_is_archived(app, client, db, logged_in, assignment):
    answered(app, db, assignment)
    qid = assignment["questions"][0]["question_id"]
    assert "archived, not deleted" in client.get(f"/questions/{qid}/delete").data.decode()
    client.post(f"/questions/{qid}/delete", data={"confirm": "yes"})
    assert qid not in [q["id"] for q in storage.list_questions(db, logged_in, assignment["article_id"])]
    assert storage.get_question(db, logged_in, qid)["archived_at"]
    client.post(f"/questions/{qid}/restore")
    assert qid in [q["id"] for q in storage.list_questions(db, logged_in, assignment["article_id"])]


def test_nothing_depends_so_it_is_deleted_outright(app, client, db, logged_in, article):
    assignment = make_assignment(db, logged_in, article)            # nobody joined
    quiz_id = assignment["quiz_id"]
    page = client.get(f"/assignments/{assignment['id']}/delete").data.decode()
    assert "deleted for good" in page
    assert client.post(f"/assignments/{assignment['id']}/delete", data={"confirm": "yes"}).status_code == 302
    assert count(db, "SELECT COUNT(*) FROM assignments") == 0
    assert count(db, "SELECT COUNT(*) FROM assigned_questions") == 0
    # a question in a quiz: it leaves the quiz, the quiz stays
    qid = storage.list_questions(db, logged_in, article)[0]["id"]
    client.post(f"/questions/{qid}/delete", data={"confirm": "yes"})
    assert count(db, "SELECT COUNT(*) FROM questions WHERE id = ?", qid) == 0
    assert count(db, "SELECT COUNT(*) FROM quiz_items WHERE question_id = ?", qid) == 0
    assert count(db, "SELECT COUNT(*) FROM quizzes WHERE id = ?", quiz_id) == 1
    client.post(f"/quizzes/{quiz_id}/delete", data={"confirm": "yes"})
    assert count(db, "SELECT COUNT(*) FROM quizzes") == 0 and count(db, "SELECT COUNT(*) FROM quiz_items") == 0
    make_assignment(db, logged_in, article)
    assert "With it go:" in client.get(f"/articles/{article}/delete").data.decode()
    client.post(f"/articles/{article}/delete", data={"confirm": "yes"})
    for table in ("articles", "questions", "quizzes", "quiz_items", "assignments", "assigned_questions"):
        assert count(db, f"SELECT COUNT(*) FROM {table}") == 0, table
    assert "Nothing is archived." in client.get("/archive").data.decode()


@pytest.mark.parametrize("kind", ["articles", "questions", "quizzes", "assignments"])
def test_a_get_never_removes_and_a_post_needs_the_confirmation(app, client, db, logged_in, article, kind):
    assignment = make_assignment(db, logged_in, article)
    item = {"articles": article, "questions": assignment["questions"][0]["question_id"],
            "quizzes": assignment["quiz_id"], "assignments": assignment["id"]}[kind]
    tables = ("articles", "questions", "quizzes", "quiz_items", "assignments", "assigned_questions")
    before = [count(db, f"SELECT COUNT(*) FROM {t}") for t in tables]
    r = client.get(f"/{kind}/{item}/delete")
    assert r.status_code == 200 and "Yes, delete it" in r.data.decode()
    r = client.post(f"/{kind}/{item}/delete", data={})
    assert r.status_code == 422 and "Nothing was removed" in r.data.decode()
    r = client.post(f"/{kind}/{item}/delete", data={"confirm": "no"})
    assert r.status_code == 422
    assert [count(db, f"SELECT COUNT(*) FROM {t}") for t in tables] == before


def test_the_confirmation_needs_the_csrf_token(app, db, teacher, article):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    page = client.get("/auth/login").data.decode()
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0] if 'name="csrf_token" type="hidden"' in page \
        else page.split('value="', 1)[1].split('"', 1)[0]
    r = client.post("/auth/login", data={"username": "teacher", "password": "correct horse battery", "csrf_token": token})
    assert r.status_code == 302
    r = client.post(f"/articles/{article}/delete", data={"confirm": "yes"})
    assert r.status_code == 400
    assert count(db, "SELECT COUNT(*) FROM articles") == 1
    page = client.get(f"/articles/{article}/delete").data.decode()
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    assert client.post(f"/articles/{article}/delete", data={"confirm": "yes", "csrf_token": token}).status_code == 302
    assert count(db, "SELECT COUNT(*) FROM articles") == 0


def test_another_teachers_items_are_404_and_untouched(app, client, db, logged_in):
    bob = make_teacher(db, "bob")
    article = make_article(db, bob)
    assignment = make_assignment(db, bob, article)
    answered(app, db, assignment)
    storage.remove_item(db, bob, "quiz", assignment["quiz_id"])               # archived: Bob's answers
    ids = {"articles": article, "questions": assignment["questions"][0]["question_id"],
           "quizzes": assignment["quiz_id"], "assignments": assignment["id"]}
    for kind, item in ids.items():
        assert client.get(f"/{kind}/{item}/delete").status_code == 404
        assert client.post(f"/{kind}/{item}/delete", data={"confirm": "yes"}).status_code == 404
        assert client.post(f"/{kind}/{item}/restore").status_code == 404
    assert client.post(f"/articles/{article}/title", data={"title": "Mine now"}).status_code == 404
    assert storage.get_article(db, bob, article)["title"] == HEADLINE
    assert storage.get_quiz(db, bob, assignment["quiz_id"])["archived_at"]
    assert count(db, "SELECT COUNT(*) FROM articles WHERE archived_at IS NULL") == 1
    assert "Nothing is archived." in client.get("/archive").data.decode()


def test_the_student_page_shows_the_headline_once(app, db, assignment):
    student = app.test_client()
    token = join(student, assignment["join_code"], "Ann")
    page = student.get(f"/attempt/{token}").data.decode()
    pane = page[page.index('id="article-h"'):]
    heading, text = pane.split("</h2>", 1)
    assert "Maduro" not in heading                     # the text's own first line is the headline
    assert text.split("</p>", 1)[0].endswith("Will Putin Save Maduro? (2025)")
    # a title of the teacher's own, not the text's first line, is shown as the article's heading
    storage.set_article_title(db, assignment["teacher_id"], assignment["article_id"], "For 9B")
    page = student.get(f"/attempt/{token}").data.decode()
    assert '<h2 id="article-h">Article: For 9B</h2>' in page
