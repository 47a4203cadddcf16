"""The demo: the sample article with its drafted questions, a demo teacher and an assigned quiz.

Idempotent: run again, it keeps everything and prints the same login and join code.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from . import storage
from .db import connect, migrate

SAMPLE = Path(__file__).resolve().parent.parent / "questions" / "data" / "russia-venezuela-2025.txt"
DEMO_USER = "demo"


def demo_password(instance_path: str) -> str:
    """DEMO_PASSWORD, else a random one generated once into instance/demo_password."""
    if os.environ.get("DEMO_PASSWORD"):
        return os.environ["DEMO_PASSWORD"]
    path = Path(instance_path) / "demo_password"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(9))
        path.chmod(0o600)
    return path.read_text().strip()


def seed(db, password: str, sample: Path = SAMPLE) -> dict:
    """Create what is missing of the demo; return {username, password, join_code, ...}."""
    from .articles import import_article
    from .quizzes import balanced_default

    rows = list(db.query("SELECT id FROM teachers WHERE username = ?", [DEMO_USER]))
    teacher_id = rows[0]["id"] if rows else storage.create_teacher(db, DEMO_USER, password)
    if rows:
        storage.set_password(db, teacher_id, password)
    articles = storage.list_articles(db, teacher_id)
    if articles:
        article_id = articles[-1]["id"]
    else:
        article_id, _ = import_article(db, teacher_id, sample.read_text(encoding="utf-8"))
        for q in storage.list_questions(db, teacher_id, article_id):
            storage.set_question_status(db, teacher_id, q["id"], "approved")
    assignments = storage.list_assignments(db, teacher_id)
    if not assignments:
        approved = storage.list_questions(db, teacher_id, article_id, status="approved")
        if not approved:   # the engine drafted nothing: one open question keeps the demo walkable
            article = storage.get_article(db, teacher_id, article_id)
            storage.add_question(db, teacher_id, article_id, {
                "kind": "open", "type": "discussion", "skill": "discussion",
                "prompt": "What question does this article try to answer, and how sure is it of its answer?",
                "explanation": "Look at the title and at the last paragraphs.",
                "evidence_start": 0, "evidence_end": len(article["title"]),
                "evidence_text": article["text"][:len(article["title"])]}, status="approved")
            approved = storage.list_questions(db, teacher_id, article_id, status="approved")
        picked = balanced_default(approved)
        quiz_id = storage.create_quiz(db, teacher_id, article_id, "Demo: " + storage.get_article(
            db, teacher_id, article_id)["title"][:150],
            {"shuffle_choices": 1, "show_article": 1, "feedback_timing": "immediate", "attempts_allowed": 1},
            [(qid, n, 1) for n, qid in enumerate(picked, 1)])
        storage.create_assignment(db, teacher_id, quiz_id, "Demo class", storage.now_iso(), None)
        assignments = storage.list_assignments(db, teacher_id)
    return {"username": DEMO_USER, "password": password, "join_code": assignments[-1]["join_code"],
            "assignment_id": assignments[-1]["id"], "teacher_id": teacher_id}


def run_seed(app) -> dict:
    db = connect(app.config["DATABASE"])
    try:
        migrate(db)
        return seed(db, demo_password(app.instance_path))
    finally:
        db.close()


def describe(info: dict, url: str = "") -> str:
    lines = [f"Teacher login:  {info['username']} / {info['password']}",
             f"Join code:      {info['join_code']}"]
    if url:
        lines.insert(0, f"Sourced is running on {url}")
    return "\n".join(lines)


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Import the sample article, create the demo teacher and an assigned demo quiz."""
    click.echo(describe(run_seed(current_app)))
