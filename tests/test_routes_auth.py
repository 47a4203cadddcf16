import re

import pytest

from quiz import create_app, storage
from conftest import PASSWORD, join, make_article, make_assignment, make_teacher


def test_pages_render_from_top_level_templates(client):
    r = client.get("/")
    assert r.status_code == 200 and b"Join a quiz" in r.data


GOOD = "copper kettle morning"


def test_register_login_logout(client):
    r = client.post("/auth/register", data={"username": "ann", "password": GOOD, "confirm": GOOD})
    assert r.status_code == 302 and r.location.endswith("/teacher")
    assert client.get("/teacher").status_code == 200
    client.post("/auth/logout")
    assert client.get("/teacher").status_code == 302
    r = client.post("/auth/login", data={"username": "ann", "password": "wrong-password"})
    assert b"Wrong username or password" in r.data
    assert client.post("/auth/login", data={"username": "ann", "password": GOOD}).status_code == 302


@pytest.mark.parametrize("data, message", [
    ({"username": "a", "password": GOOD, "confirm": GOOD}, b"between 3 and 40"),
    ({"username": "ann<x>", "password": GOOD, "confirm": GOOD}, b"letters, digits"),
    ({"username": "ann", "password": "short", "confirm": "short"}, b"Use at least 10 characters"),
    ({"username": "teacher", "password": GOOD, "confirm": GOOD}, b"already taken"),
])
def test_register_rejects(app, client, teacher, data, message):
    app.config["OPEN_REGISTRATION"] = True          # closed by default once an account exists
    r = client.post("/auth/register", data=data)
    assert r.status_code == 422 and message in r.data


def test_login_redirect_only_to_local_paths(client, teacher):
    r = client.post("/auth/login?next=//evil.example/x", data={"username": "teacher", "password": PASSWORD})
    assert r.location == "/teacher"


TEACHER_URLS = ["/teacher", "/articles/new", "/articles/{article}", "/articles/{article}/questions",
                "/questions/{question}/edit", "/articles/{article}/questions/new", "/articles/{article}/quizzes/new",
                "/quizzes/{quiz}", "/quizzes/{quiz}/assign", "/assignments/{assignment}",
                "/assignments/{assignment}/results", "/assignments/{assignment}/grading",
                "/assignments/{assignment}/scores.csv", "/assignments/{assignment}/responses.csv"]


def ids(db, teacher, article, assignment):
    return {"article": article, "question": storage.list_questions(db, teacher, article)[0]["id"],
            "quiz": assignment["quiz_id"], "assignment": assignment["id"]}


@pytest.mark.parametrize("url", TEACHER_URLS)
def test_teacher_pages_require_login(client, db, teacher, article, assignment, url):
    r = client.get(url.format(**ids(db, teacher, article, assignment)))
    assert r.status_code == 302 and "/auth/login" in r.location


@pytest.mark.parametrize("url", [u for u in TEACHER_URLS if "{" in u])
def test_another_teachers_ids_give_404(client, auth, db, teacher, article, assignment, url):
    make_teacher(db, "intruder")
    auth.login("intruder")
    r = client.get(url.format(**ids(db, teacher, article, assignment)))
    assert r.status_code == 404
    assert b"not yours" in r.data


@pytest.mark.parametrize("url, data", [
    ("/questions/{question}/status", {"status": "rejected"}),
    ("/assignments/{assignment}/close", {}),
    ("/questions/{question}/edit", {"prompt": "Hacked", "explanation": "x", "choices": "a\nb", "key": "a"}),
])
def test_another_teachers_posts_give_404_and_change_nothing(client, auth, db, teacher, article, assignment, url, data):
    make_teacher(db, "intruder")
    auth.login("intruder")
    before = list(db.query("SELECT prompt, status FROM questions")), list(db.query("SELECT closes_at FROM assignments"))
    assert client.post(url.format(**ids(db, teacher, article, assignment)), data=data).status_code == 404
    assert (list(db.query("SELECT prompt, status FROM questions")), list(db.query("SELECT closes_at FROM assignments"))) == before


def test_csrf_token_required_when_enabled(db_path):
    app = create_app({"TESTING": True, "DATABASE": db_path, "SECRET_KEY": "t"})   # CSRF on
    client = app.test_client()
    r = client.post("/auth/register", data={"username": "ann", "password": GOOD, "confirm": GOOD})
    assert r.status_code == 400 and b"expired" in r.data
    page = client.get("/auth/register").data.decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    r = client.post("/auth/register", data={"username": "ann", "password": GOOD,
                                            "confirm": GOOD, "csrf_token": token})
    assert r.status_code == 302


def test_csrf_on_answer_save_needs_the_header(db_path):
    app = create_app({"TESTING": True, "DATABASE": db_path, "SECRET_KEY": "t"})
    from quiz.db import connect
    db = connect(db_path)
    t = make_teacher(db)
    a = make_assignment(db, t, make_article(db, t))
    client = app.test_client()
    page = client.get(f"/join/{a['join_code']}").data.decode()
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    r = client.post(f"/join/{a['join_code']}", data={"name": "Ann", "csrf_token": token})
    attempt = r.location.rsplit("/", 1)[1]
    q = a["questions"][0]
    r = client.post(f"/attempt/{attempt}/answers", json={"answers": {str(q["id"]): 0}})
    assert r.status_code == 400 and "expired" in r.json["error"]
    r = client.post(f"/attempt/{attempt}/answers", json={"answers": {str(q["id"]): 0}}, headers={"X-CSRFToken": token})
    assert r.status_code == 200 and r.json["saved"] == 1
    db.close()


def test_answer_save_token_checked_once_still_binds_to_its_session(db_path):
    """The autosave verifies a token's signature once; a later save with the same token from
    another session must still be refused."""
    app = create_app({"TESTING": True, "DATABASE": db_path, "SECRET_KEY": "t"})
    from quiz.db import connect
    db = connect(db_path)
    t = make_teacher(db)
    a = make_assignment(db, t, make_article(db, t))
    q = a["questions"][0]

    def join(client, name):
        page = client.get(f"/join/{a['join_code']}").data.decode()
        token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
        r = client.post(f"/join/{a['join_code']}", data={"name": name, "csrf_token": token})
        return token, r.location.rsplit("/", 1)[1]

    ann, bob = app.test_client(), app.test_client()
    ann_token, ann_attempt = join(ann, "Ann")
    bob_token, bob_attempt = join(bob, "Bob")
    ok = ann.post(f"/attempt/{ann_attempt}/answers", json={"answers": {str(q["id"]): 0}},
                  headers={"X-CSRFToken": ann_token})
    assert ok.status_code == 200
    stolen = bob.post(f"/attempt/{bob_attempt}/answers", json={"answers": {str(q["id"]): 0}},
                      headers={"X-CSRFToken": ann_token})
    assert stolen.status_code == 400
    assert bob.post(f"/attempt/{bob_attempt}/answers", json={"answers": {str(q["id"]): 0}},
                    headers={"X-CSRFToken": bob_token}).status_code == 200
    db.close()
