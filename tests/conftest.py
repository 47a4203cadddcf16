"""Fixtures for the web app: an app on a fresh temp SQLite file, clients, an auth helper, and a
seeded assignment built from composed questions (no answers hard-coded from the engine)."""
from __future__ import annotations

from pathlib import Path

import pytest

from quiz import create_app, storage
from quiz.db import connect

SAMPLE = Path(__file__).resolve().parent.parent / "questions" / "data" / "russia-venezuela-2025.txt"
PASSWORD = "correct horse battery"


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "test.db")


@pytest.fixture
def app(db_path, tmp_path):
    app = create_app({"TESTING": True, "DATABASE": db_path, "SECRET_KEY": "test",
                      "WTF_CSRF_ENABLED": False, "JOIN_MAX_FAILURES": 5})
    yield app


@pytest.fixture
def db(app):
    conn = connect(app.config["DATABASE"])
    yield conn
    conn.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, username="teacher", password=PASSWORD):
        return self.client.post("/auth/login", data={"username": username, "password": password})

    def logout(self):
        return self.client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def composed_analysis(text: str) -> dict:
    """A minimal analysis in the contract's shape, without calling the engine."""
    title = text.strip().splitlines()[0]
    return {"title": title, "published": None, "body_start": 0, "body_end": len(text),
            "sentences": [], "attributions": [], "dates": [], "claims": [], "furniture": []}


def composed_questions(text: str) -> list[dict]:
    """One question of each kind, with evidence that is verbatim article text."""
    ev = lambda phrase: {"evidence_start": text.index(phrase), "evidence_end": text.index(phrase) + len(phrase),
                         "evidence_text": phrase}
    return [
        {"kind": "mc", "type": "who_said", "skill": "attribution", "prompt": "Who labelled Maduro a fugitive?",
         "choices": ["Donald Trump", "Marco Rubio", "Mark Galeotti"], "answer": 1, "key": "Marco Rubio",
         "explanation": "Rubio is named as the speaker.", **ev("Secretary of State Marco Rubio")},
        {"kind": "tf", "type": "tf", "skill": "evidence status", "prompt": "The US doubled the bounty.",
         "choices": ["True", "False"], "answer": 0, "key": "True", "explanation": "Stated in August.",
         **ev("the US doubled the bounty")},
        {"kind": "order", "type": "timeline", "skill": "chronology", "prompt": "Put these in order.",
         "choices": ["2020 indictment", "2019 crisis", "August bounty"], "answer": [1, 0, 2],
         "key": "", "explanation": "2019, then 2020, then August.", **ev("In 2019")},
        {"kind": "short", "type": "short", "skill": "sourcing", "prompt": "Which country backs Maduro?",
         "choices": [], "answer": None, "key": "Russia|Moscow", "explanation": "Russia.",
         **ev("Russia stood firm")},
        {"kind": "open", "type": "discussion", "skill": "discussion", "prompt": "How sure is the article?",
         "choices": [], "answer": None, "key": "", "explanation": "Weigh the sources.",
         "evidence_start": None, "evidence_end": None, "evidence_text": ""},
    ]


def make_teacher(db, username="teacher") -> int:
    return storage.create_teacher(db, username, PASSWORD)


def make_article(db, teacher_id) -> int:
    text = sample_text()
    article_id = storage.create_article(db, teacher_id, composed_analysis(text), text)
    for row in composed_questions(text):
        storage.add_question(db, teacher_id, article_id, row, status="approved")
    return article_id


SETTINGS = {"shuffle_choices": 1, "show_article": 1, "feedback_timing": "immediate", "attempts_allowed": 1}


def make_assignment(db, teacher_id, article_id, settings=None, roster=(), points=1, closes_at=None) -> dict:
    qs = storage.list_questions(db, teacher_id, article_id, status="approved")
    quiz_id = storage.create_quiz(db, teacher_id, article_id, "Quiz", {**SETTINGS, **(settings or {})},
                                  [(q["id"], n, points) for n, q in enumerate(qs, 1)])
    assignment_id = storage.create_assignment(db, teacher_id, quiz_id, "7B", "2000-01-01T00:00:00",
                                              closes_at, list(roster))
    a = storage.get_assignment(db, teacher_id, assignment_id)
    return {**a, "quiz_id": quiz_id, "questions": storage.assigned_questions(db, assignment_id)}


@pytest.fixture
def teacher(db):
    return make_teacher(db)


@pytest.fixture
def article(db, teacher):
    return make_article(db, teacher)


@pytest.fixture
def assignment(db, teacher, article):
    return make_assignment(db, teacher, article)


def right_response(q):
    """The right response for a stored question, read from its stored key."""
    if q["kind"] in ("mc", "tf"):
        return q["answer"]
    if q["kind"] == "order":
        pos = [None] * len(q["choices"])
        for rank, idx in enumerate(q["answer"], 1):
            pos[idx] = rank
        return pos
    if q["kind"] == "short":
        return q["key"].split("|")[0]
    return "My considered answer."


def wrong_response(q):
    if q["kind"] in ("mc", "tf"):
        return (q["answer"] + 1) % len(q["choices"])
    if q["kind"] == "order":
        pos = right_response(q)
        return pos[1:] + pos[:1]
    if q["kind"] == "short":
        return "definitely wrong"
    return "I am not sure."


def join(client, code, name):
    """Join as a student; returns the attempt token."""
    r = client.post(f"/join/{code}", data={"name": name})
    assert r.status_code == 302, r.data
    return r.location.rsplit("/", 1)[1]
