"""One SQLite connection per request, wrapped by sqlite-utils; schema as named, ordered migrations.

Every connection gets WAL, synchronous=NORMAL and a busy timeout (docs: STACK-NOTES.md): WAL lets
readers work while a student's answer is written; NORMAL is safe in WAL mode and about 7x faster.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading

import click
import sqlite_utils
from flask import current_app, g
from flask.cli import with_appcontext
from sqlite_utils.migrations import Migrations

migrations = Migrations("sourced")


class Database(sqlite_utils.Database):
    """sqlite-utils' Database whose outermost atomic() block starts with BEGIN IMMEDIATE.

    A plain (deferred) BEGIN that reads, then writes, fails at once with "database is locked"
    (SQLITE_BUSY_SNAPSHOT, no busy wait) when another worker committed in between; under a class
    of students saving at once that was a 500 now and then. IMMEDIATE takes the write lock first,
    so a second writer waits its turn (busy_timeout) instead. Every atomic() block here writes.
    """

    @contextlib.contextmanager
    def atomic(self):
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.rollback()
                raise


def connect(path: str) -> sqlite_utils.Database:
    """Open `path` with the pragmas every connection needs (also used by the CLI and seed)."""
    conn = sqlite3.connect(path, timeout=5.0)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA foreign_keys=ON")
    return Database(conn, execute_plugins=False)


_local = threading.local()


def _file_id(path: str):
    try:
        st = os.stat(path)
        return (os.getpid(), st.st_dev, st.st_ino)
    except OSError:
        return None


def get_db() -> sqlite_utils.Database:
    """This thread's connection, kept between requests.

    Opening a connection costs more than a whole answer save's SQL (about 0.3 ms: the WAL index and
    the schema are read again), so each server thread keeps one, for one database file; a different
    path, a replaced file (a restore) or a forked process gets a new one.
    """
    if "db" not in g:
        path = current_app.config["DATABASE"]
        cached = getattr(_local, "db", None)
        key = (path, _file_id(path))
        if cached is not None and cached[0] == key and key[1] is not None:
            g.db = cached[1]
        else:
            if cached is not None:
                cached[1].close()
            g.db = connect(path)
            _local.db = ((path, _file_id(path)), g.db)
    return g.db


def close_db(e=None) -> None:
    """End of request: roll back anything left open; the connection stays for the next request."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations; safe when several workers start at once.

    BEGIN IMMEDIATE takes the write lock before reading which migrations are pending, so a second
    process waits (busy_timeout) and then finds nothing left to do.
    """
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        pending = [m.name for m in migrations.pending(db)]
        migrations.apply(db)
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise
    return pending


def schema_version(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in migrations.applied(db)]


@migrations(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    # executescript() would COMMIT the migration's transaction: run statements one by one.
    for sql in _INITIAL.split(";\n"):
        if sql.strip():
            db.conn.execute(sql)


_INITIAL = """
CREATE TABLE teachers (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    teacher_id INTEGER NOT NULL REFERENCES teachers(id),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    source_format TEXT NOT NULL DEFAULT 'text',
    analysis_json TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX articles_teacher ON articles(teacher_id);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    teacher_id INTEGER NOT NULL REFERENCES teachers(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    engine_id TEXT,
    origin TEXT NOT NULL DEFAULT 'engine',
    type TEXT NOT NULL,
    kind TEXT NOT NULL,
    skill TEXT NOT NULL,
    difficulty TEXT NOT NULL DEFAULT 'medium',
    prompt TEXT NOT NULL,
    choices_json TEXT NOT NULL DEFAULT '[]',
    answer_json TEXT NOT NULL DEFAULT 'null',
    key TEXT NOT NULL DEFAULT '',
    explanation TEXT NOT NULL DEFAULT '',
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text TEXT NOT NULL DEFAULT '',
    paragraph INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'draft',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX questions_article ON questions(article_id, status);
CREATE TABLE quizzes (
    id INTEGER PRIMARY KEY,
    teacher_id INTEGER NOT NULL REFERENCES teachers(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    title TEXT NOT NULL,
    shuffle_choices INTEGER NOT NULL DEFAULT 1,
    show_article INTEGER NOT NULL DEFAULT 1,
    feedback_timing TEXT NOT NULL DEFAULT 'immediate',
    attempts_allowed INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE quiz_items (
    id INTEGER PRIMARY KEY,
    quiz_id INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES questions(id),
    position INTEGER NOT NULL,
    points INTEGER NOT NULL DEFAULT 1,
    UNIQUE (quiz_id, question_id)
);
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    teacher_id INTEGER NOT NULL REFERENCES teachers(id),
    quiz_id INTEGER NOT NULL REFERENCES quizzes(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    title TEXT NOT NULL,
    class_name TEXT NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    shuffle_choices INTEGER NOT NULL,
    show_article INTEGER NOT NULL,
    feedback_timing TEXT NOT NULL,
    attempts_allowed INTEGER NOT NULL,
    opens_at TEXT NOT NULL,
    closes_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX assignments_teacher ON assignments(teacher_id);
CREATE TABLE assigned_questions (
    id INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES assignments(id),
    question_id INTEGER,
    position INTEGER NOT NULL,
    points INTEGER NOT NULL,
    type TEXT NOT NULL,
    kind TEXT NOT NULL,
    skill TEXT NOT NULL,
    prompt TEXT NOT NULL,
    choices_json TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    key TEXT NOT NULL,
    explanation TEXT NOT NULL,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text TEXT NOT NULL
);
CREATE INDEX assigned_questions_assignment ON assigned_questions(assignment_id, position);
CREATE TABLE roster (
    id INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES assignments(id),
    name TEXT NOT NULL,
    student_ref TEXT NOT NULL DEFAULT '',
    UNIQUE (assignment_id, name)
);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES assignments(id),
    token TEXT NOT NULL UNIQUE,
    resume_code TEXT NOT NULL,
    student_name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    student_ref TEXT NOT NULL DEFAULT '',
    number INTEGER NOT NULL DEFAULT 1,
    choice_orders_json TEXT NOT NULL DEFAULT '{}',
    started_at TEXT NOT NULL,
    submitted_at TEXT,
    score REAL,
    max_score REAL,
    UNIQUE (assignment_id, name_key, number)
);
CREATE INDEX attempts_assignment ON attempts(assignment_id);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
    assigned_question_id INTEGER NOT NULL REFERENCES assigned_questions(id),
    response_json TEXT NOT NULL DEFAULT 'null',
    saved_at TEXT NOT NULL,
    is_correct INTEGER,
    points_awarded REAL,
    comment TEXT NOT NULL DEFAULT '',
    graded_at TEXT,
    UNIQUE (attempt_id, assigned_question_id)
);
CREATE TABLE join_failures (
    id INTEGER PRIMARY KEY,
    ip TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX join_failures_ip ON join_failures(ip, at)
"""


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database or apply pending migrations (keeps existing data)."""
    db = connect(current_app.config["DATABASE"])
    try:
        applied = migrate(db)
    finally:
        db.close()
    click.echo(f"Database {current_app.config['DATABASE']}: "
               + (f"applied {', '.join(applied)}" if applied else "up to date"))


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path: str) -> None:
    """Write a consistent copy of the live database to PATH (sqlite3 backup API)."""
    backup(current_app.config["DATABASE"], path)
    click.echo(f"Backed up {current_app.config['DATABASE']} to {path}")


def backup(src_path: str, dest_path: str) -> None:
    src = sqlite3.connect(src_path, timeout=5.0)
    dest = sqlite3.connect(dest_path)
    try:
        with dest:
            src.backup(dest)
    finally:
        dest.close()
        src.close()


def init_app(app) -> None:
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
    app.cli.add_command(backup_command)


@migrations(name="0003_student_side_safety")
def _student_side_safety(db: sqlite_utils.Database) -> None:
    """Issue 8, the student side: which attempt counts, each answer's revision and edit time (two
    tabs), and token buckets for wrong join and resume codes. Assignments made before keep the
    latest submitted attempt as the counted one (their results do not change); new quizzes count
    the first."""
    for sql in _STUDENT_SAFETY.split(";\n"):
        if sql.strip():
            db.conn.execute(sql)


_STUDENT_SAFETY = """
ALTER TABLE quizzes ADD COLUMN counted_attempt TEXT NOT NULL DEFAULT 'first';
ALTER TABLE assignments ADD COLUMN counted_attempt TEXT NOT NULL DEFAULT 'last';
ALTER TABLE answers ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE answers ADD COLUMN edited_ms INTEGER;
UPDATE answers SET rev = 1 WHERE response_json != 'null';
CREATE TABLE throttle_buckets (
    key TEXT PRIMARY KEY,
    tokens REAL NOT NULL,
    updated REAL NOT NULL
)
"""


@migrations(name="0004_teacher_accounts_security")
def _teacher_accounts_security(db: sqlite_utils.Database) -> None:
    """Issue 8: an admin (the first account), server-side teacher sessions, invite and reset links,
    and failed log-ins for throttling. Sessions from before this migration no longer log anyone in."""
    for sql in _TEACHER_SECURITY.split(";\n"):
        if sql.strip():
            db.conn.execute(sql)


_TEACHER_SECURITY = """
ALTER TABLE teachers ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0;
UPDATE teachers SET is_admin = 1 WHERE id = (SELECT MIN(id) FROM teachers);
CREATE TABLE teacher_sessions (
    token_hash TEXT PRIMARY KEY,
    teacher_id INTEGER NOT NULL REFERENCES teachers(id),
    created_at TEXT NOT NULL
);
CREATE INDEX teacher_sessions_teacher ON teacher_sessions(teacher_id);
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL,
    teacher_id INTEGER REFERENCES teachers(id),
    created_by INTEGER NOT NULL REFERENCES teachers(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    ip TEXT NOT NULL,
    account TEXT NOT NULL,
    device TEXT NOT NULL DEFAULT '',
    at REAL NOT NULL
);
CREATE INDEX login_failures_ip ON login_failures(ip, at);
CREATE INDEX login_failures_account ON login_failures(account, at);
CREATE INDEX login_failures_device ON login_failures(device, at)
"""


@migrations(name="0005_article_jobs")
def _article_jobs(db: sqlite_utils.Database) -> None:
    """Issue 8: articles are drafted by a background job (quiz.jobs). An article is 'drafting'
    (with the job's current stage), 'ready' or 'failed' (with the teacher's message); articles made
    before are ready."""
    for sql in _ARTICLE_JOBS.split(";\n"):
        if sql.strip():
            db.conn.execute(sql)


_ARTICLE_JOBS = """
ALTER TABLE articles ADD COLUMN state TEXT NOT NULL DEFAULT 'ready';
ALTER TABLE articles ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN error TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN drafted INTEGER;
ALTER TABLE articles ADD COLUMN updated_at TEXT;
CREATE INDEX articles_teacher_state ON articles(teacher_id, state)
"""


@migrations(name="0006_archive_and_titles")
def _archive_and_titles(db: sqlite_utils.Database) -> None:
    """Issue 10: articles, questions, quizzes and assignments can be archived (hidden from the
    lists, restorable; used instead of deleting when students' answers depend on them), and an
    article's title set by the teacher is kept over the engine's headline (`title_fixed`)."""
    for sql in _ARCHIVE.split(";\n"):
        if sql.strip():
            db.conn.execute(sql)


_ARCHIVE = """
ALTER TABLE articles ADD COLUMN archived_at TEXT;
ALTER TABLE articles ADD COLUMN title_fixed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE questions ADD COLUMN archived_at TEXT;
ALTER TABLE quizzes ADD COLUMN archived_at TEXT;
ALTER TABLE assignments ADD COLUMN archived_at TEXT
"""
