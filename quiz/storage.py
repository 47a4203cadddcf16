"""All SQL lives here: plain functions that take `db` first and return plain dicts.

A row that is missing, or that belongs to another teacher, raises NotFoundError; only views turn
that into a 404, so another teacher's ids look exactly like ids that do not exist.
"""
from __future__ import annotations

import json
import secrets
import sqlite3
from datetime import datetime

import sqlite_utils
from werkzeug.security import check_password_hash, generate_password_hash

from . import scoring

# No look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G. Join and resume codes: 22**10, about 2.7e13
# each (README, "Security": what that means for guessing); shown in groups of five.
CODE_ALPHABET = "ACDEFHJKMNPQRTUVWXY347"
CODE_LENGTH = 10
RESUME_ALPHABET = CODE_ALPHABET
RESUME_LENGTH = 10


class NotFoundError(Exception):
    """No such row, or it belongs to someone else."""


class ConflictError(Exception):
    """The write cannot happen as asked (a name already taken, a closed assignment, ...)."""


def now_iso() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _one(db, sql: str, params) -> dict:
    rows = list(db.query(sql, params))
    if not rows:
        raise NotFoundError(sql.split("FROM", 1)[-1].split()[0])
    return rows[0]


def _decode_question(row: dict) -> dict:
    row = dict(row)
    row["choices"] = json.loads(row.pop("choices_json"))
    row["answer"] = json.loads(row.pop("answer_json"))
    return row


# ---------------------------------------------------------------- teachers

def create_teacher(db, username: str, password: str, is_admin: bool | None = None,
                   only_if_first: bool = False) -> int:
    """A new teacher; the first account is the admin unless `is_admin` says otherwise.

    The password is hashed before the write lock is taken, so a taken name costs the same time as
    a free one; two registrations of one name at once: the second gets ConflictError, never the
    UNIQUE constraint's error. `only_if_first`: refuse (ConflictError) once any teacher exists.
    """
    password_hash = generate_password_hash(password)
    try:
        with db.atomic():
            n = next(db.query("SELECT COUNT(*) AS n FROM teachers"))["n"]
            if only_if_first and n:
                raise ConflictError("Registration is closed.")
            if list(db.query("SELECT id FROM teachers WHERE username = ?", [username])):
                raise ConflictError("That username is already taken.")
            cur = db.execute(
                "INSERT INTO teachers (username, password_hash, created_at, is_admin) VALUES (?, ?, ?, ?)",
                [username, password_hash, now_iso(), int(n == 0 if is_admin is None else is_admin)])
    except sqlite3.IntegrityError:
        raise ConflictError("That username is already taken.") from None
    return cur.lastrowid


def get_teacher(db, teacher_id: int) -> dict:
    return _one(db, "SELECT id, username, is_admin FROM teachers WHERE id = ?", [teacher_id])


_DUMMY_HASH: list[str] = []


def check_login(db, username: str, password: str) -> dict | None:
    """The teacher, or None. An unknown username costs the same hash check as a known one."""
    rows = list(db.query("SELECT * FROM teachers WHERE username = ?", [username]))
    if not rows:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(generate_password_hash(secrets.token_hex(16)))
        check_password_hash(_DUMMY_HASH[0], password)
        return None
    if check_password_hash(rows[0]["password_hash"], password):
        return {"id": rows[0]["id"], "username": rows[0]["username"], "is_admin": rows[0]["is_admin"]}
    return None


def set_password(db, teacher_id: int, password: str) -> None:
    db.execute("UPDATE teachers SET password_hash = ? WHERE id = ?",
               [generate_password_hash(password), teacher_id])


# ---------------------------------------------------------------- articles

def create_article(db, teacher_id: int, analysis: dict, text: str, source_format: str = "text") -> int:
    """Store an article with the engine's analysis (the contract's dict, without questions)."""
    analysis = {k: v for k, v in analysis.items() if k not in ("questions", "text")}
    cur = db.execute(
        "INSERT INTO articles (teacher_id, title, text, source_format, analysis_json, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [teacher_id, analysis.get("title") or "Untitled article", text, source_format,
         json.dumps(analysis), now_iso()])
    return cur.lastrowid


def list_articles(db, teacher_id: int) -> list[dict]:
    """The teacher's ready articles (not those still being drafted, nor failed imports)."""
    return list(db.query(
        "SELECT a.id, a.title, a.created_at,"
        " (SELECT COUNT(*) FROM questions q WHERE q.article_id = a.id AND q.status = 'approved'"
        "   AND q.archived_at IS NULL) AS approved,"
        " (SELECT COUNT(*) FROM questions q WHERE q.article_id = a.id AND q.status = 'draft'"
        "   AND q.archived_at IS NULL) AS drafts"
        " FROM articles a WHERE a.teacher_id = ? AND a.state = 'ready' AND a.archived_at IS NULL"
        " ORDER BY a.id DESC", [teacher_id]))


# ---------------------------------------------------------------- article imports (quiz.jobs)

def create_drafting_article(db, teacher_id: int, text: str, source_format: str, imported: dict,
                            max_running: int, running_since: str, title: str = "") -> int:
    """An article in state 'drafting' (stage 'queued'), its analysis not yet known; ConflictError
    when the teacher already has `max_running` imports drafting (started since `running_since`).
    `title`: the teacher's own title, kept when the drafting finishes (else the engine's headline).
    The count and the insert are one transaction: two submits at once cannot both pass the cap."""
    fixed = int(bool((title or "").strip()))
    title = (title or "").strip()[:200] or next((line.strip() for line in text.splitlines() if line.strip()), "")[:200] or "Untitled article"
    analysis_json = json.dumps({"imported": imported} if imported else {})
    with db.atomic():
        n = next(db.query("SELECT COUNT(*) AS n FROM articles WHERE teacher_id = ? AND state = 'drafting'"
                          " AND created_at >= ?", [teacher_id, running_since]))["n"]
        if n >= max_running:
            raise ConflictError(
                f"You already have {n} article{'s' if n != 1 else ''} being read (the limit is "
                f"{max_running} at a time). Wait for one to finish, then add this one.")
        stamp = now_iso()
        cur = db.execute(
            "INSERT INTO articles (teacher_id, title, text, source_format, analysis_json, created_at, state,"
            " stage, updated_at, title_fixed) VALUES (?, ?, ?, ?, ?, ?, 'drafting', 'queued', ?, ?)",
            [teacher_id, title, text, source_format, analysis_json, stamp, stamp, fixed])
    return cur.lastrowid


def get_article_source(db, article_id: int) -> dict:
    """What a drafting job needs: the text, its format and how it came in (no teacher check)."""
    row = _one(db, "SELECT id, teacher_id, text, source_format, analysis_json, state FROM articles"
                   " WHERE id = ?", [article_id])
    row["imported"] = json.loads(row.pop("analysis_json")).get("imported")
    return row


def set_article_stage(db, article_id: int, stage: str) -> None:
    db.execute("UPDATE articles SET stage = ?, updated_at = ? WHERE id = ? AND state = 'drafting'",
               [stage, now_iso(), article_id])


def fail_article(db, article_id: int, message: str) -> None:
    db.execute("UPDATE articles SET state = 'failed', stage = '', error = ?, updated_at = ?"
               " WHERE id = ? AND state = 'drafting'", [message, now_iso(), article_id])


def finish_article(db, article_id: int, title: str, analysis_json: str, questions: list[dict]) -> int:
    """The drafted article: its analysis (JSON already encoded) and every draft, in one short write
    transaction (rows built before it starts). Returns the number of drafts."""
    row = _one(db, "SELECT teacher_id FROM articles WHERE id = ?", [article_id])
    records = engine_question_records(row["teacher_id"], article_id, questions)
    with db.atomic():
        cur = db.execute("UPDATE articles SET title = CASE WHEN title_fixed THEN title ELSE ? END, analysis_json = ?, state = 'ready', stage = '',"
                         " drafted = ?, updated_at = ? WHERE id = ? AND state = 'drafting'",
                         [title or "Untitled article", analysis_json, len(records), now_iso(), article_id])
        if cur.rowcount != 1:       # failed (time limit) or gone meanwhile: keep what the teacher saw
            raise ConflictError("This article is no longer being drafted.")
        if records:
            db["questions"].insert_all(records, batch_size=500)
    return len(records)


def article_status(db, teacher_id: int, article_id: int) -> dict:
    """The import's state for the progress page (no analysis decoded)."""
    return _one(db, "SELECT id, title, state, stage, error, drafted, created_at, updated_at FROM articles"
                    " WHERE id = ? AND teacher_id = ?", [article_id, teacher_id])


def list_imports(db, teacher_id: int, since: str) -> list[dict]:
    """The teacher's imports still drafting, or failed since `since`, newest first."""
    return list(db.query("SELECT id, title, state, stage, error, created_at FROM articles"
                         " WHERE teacher_id = ? AND (state = 'drafting' OR (state = 'failed' AND created_at >= ?))"
                         " ORDER BY id DESC", [teacher_id, since]))


def get_article(db, teacher_id: int, article_id: int) -> dict:
    row = _one(db, "SELECT * FROM articles WHERE id = ? AND teacher_id = ?", [article_id, teacher_id])
    row["analysis"] = json.loads(row.pop("analysis_json"))
    return row


def get_article_for_assignment(db, assignment: dict) -> dict:
    row = _one(db, "SELECT * FROM articles WHERE id = ?", [assignment["article_id"]])
    row["analysis"] = json.loads(row.pop("analysis_json"))
    return row


# ---------------------------------------------------------------- questions

def kind_for(q_type: str, choices: list, answer) -> str:
    if q_type == "discussion" or answer is None:
        return "open"
    if isinstance(answer, list):
        return "order"
    if [c.lower() for c in choices] == ["true", "false"]:
        return "tf"
    return "mc"


def engine_question_row(q: dict) -> dict:
    """A row for `questions` from one engine question (questions.to_dict's shape)."""
    ev = q.get("evidence") or {}
    choices = list(q.get("choices") or [])
    return {
        "engine_id": q.get("id"), "origin": "engine", "type": q.get("type", "other"),
        "kind": kind_for(q.get("type", ""), choices, q.get("answer")),
        "skill": q.get("skill") or "discussion", "difficulty": q.get("difficulty") or "medium",
        "prompt": q.get("prompt", ""), "choices": choices, "answer": q.get("answer"),
        "key": str(q.get("key") or ""), "explanation": q.get("explanation") or "",
        "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
        "evidence_text": ev.get("text") or "", "paragraph": q.get("paragraph") or 0,
    }


def add_question(db, teacher_id: int, article_id: int, row: dict, status: str = "draft") -> int:
    get_article(db, teacher_id, article_id)
    stamp = now_iso()
    cur = db.execute(
        "INSERT INTO questions (teacher_id, article_id, engine_id, origin, type, kind, skill, difficulty,"
        " prompt, choices_json, answer_json, key, explanation, evidence_start, evidence_end,"
        " evidence_text, paragraph, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [teacher_id, article_id, row.get("engine_id"), row.get("origin", "teacher"),
         row.get("type", row["kind"]), row["kind"], row["skill"], row.get("difficulty", "medium"),
         row["prompt"], json.dumps(row.get("choices") or []), json.dumps(row.get("answer")),
         row.get("key", ""), row.get("explanation", ""), row.get("evidence_start"),
         row.get("evidence_end"), row.get("evidence_text", ""), row.get("paragraph", 0),
         status, stamp, stamp])
    return cur.lastrowid


def engine_question_records(teacher_id: int, article_id: int, questions: list[dict]) -> list[dict]:
    """Rows ready for `questions`, JSON encoded: built before the write transaction starts."""
    stamp = now_iso()
    out = []
    for q in questions:
        row = engine_question_row(q)
        out.append({"teacher_id": teacher_id, "article_id": article_id, "engine_id": row["engine_id"],
                    "origin": "engine", "type": row["type"], "kind": row["kind"], "skill": row["skill"],
                    "difficulty": row["difficulty"], "prompt": row["prompt"],
                    "choices_json": json.dumps(row["choices"]), "answer_json": json.dumps(row["answer"]),
                    "key": row["key"], "explanation": row["explanation"],
                    "evidence_start": row["evidence_start"], "evidence_end": row["evidence_end"],
                    "evidence_text": row["evidence_text"], "paragraph": row["paragraph"],
                    "status": "draft", "created_at": stamp, "updated_at": stamp})
    return out


def add_engine_questions(db, teacher_id: int, article_id: int, questions: list[dict]) -> int:
    """All the engine's drafts in one insert (the article is checked once, not once a draft)."""
    _one(db, "SELECT id FROM articles WHERE id = ? AND teacher_id = ?", [article_id, teacher_id])
    records = engine_question_records(teacher_id, article_id, questions)
    with db.atomic():
        if records:
            db["questions"].insert_all(records, batch_size=500)
    return len(records)


def list_questions(db, teacher_id: int, article_id: int, status: str | None = None) -> list[dict]:
    """The article's questions, not those archived."""
    sql = "SELECT * FROM questions WHERE teacher_id = ? AND article_id = ? AND archived_at IS NULL"
    params: list = [teacher_id, article_id]
    if status:
        sql += " AND status = ?"
        params.append(status)
    return [_decode_question(r) for r in db.query(sql + " ORDER BY id", params)]


def get_question(db, teacher_id: int, question_id: int) -> dict:
    return _decode_question(_one(db, "SELECT * FROM questions WHERE id = ? AND teacher_id = ?",
                                 [question_id, teacher_id]))


def update_question(db, teacher_id: int, question_id: int, **fields) -> None:
    get_question(db, teacher_id, question_id)
    allowed = {"prompt", "choices", "answer", "key", "explanation", "skill",
               "evidence_start", "evidence_end", "evidence_text", "status"}
    sets, params = [], []
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"cannot update {name}")
        column = {"choices": "choices_json", "answer": "answer_json"}.get(name, name)
        if name in ("choices", "answer"):
            value = json.dumps(value)
        sets.append(f"{column} = ?")
        params.append(value)
    sets.append("updated_at = ?")
    params += [now_iso(), question_id]
    db.execute(f"UPDATE questions SET {', '.join(sets)} WHERE id = ?", params)


def set_question_status(db, teacher_id: int, question_id: int, status: str) -> None:
    if status not in ("draft", "approved", "rejected"):
        raise ValueError(status)
    update_question(db, teacher_id, question_id, status=status)


# ---------------------------------------------------------------- quizzes

def create_quiz(db, teacher_id: int, article_id: int, title: str, settings: dict,
                items: list[tuple[int, int, int]]) -> int:
    """items: (question_id, position, points); questions must be the teacher's, from this article."""
    get_article(db, teacher_id, article_id)
    with db.atomic():
        cur = db.execute(
            "INSERT INTO quizzes (teacher_id, article_id, title, shuffle_choices, show_article,"
            " feedback_timing, attempts_allowed, counted_attempt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [teacher_id, article_id, title, int(settings.get("shuffle_choices", 1)),
             int(settings.get("show_article", 1)), settings.get("feedback_timing", "after_close"),
             int(settings.get("attempts_allowed", 1)), settings.get("counted_attempt", "first"), now_iso()])
        quiz_id = cur.lastrowid
        _write_items(db, teacher_id, article_id, quiz_id, items)
    return quiz_id


def _write_items(db, teacher_id, article_id, quiz_id, items) -> None:
    db.execute("DELETE FROM quiz_items WHERE quiz_id = ?", [quiz_id])
    for question_id, position, points in items:
        q = get_question(db, teacher_id, question_id)
        if q["article_id"] != article_id:
            raise NotFoundError("questions")
        db.execute("INSERT INTO quiz_items (quiz_id, question_id, position, points) VALUES (?, ?, ?, ?)",
                   [quiz_id, question_id, position, points])


def update_quiz(db, teacher_id: int, quiz_id: int, title: str, settings: dict,
                items: list[tuple[int, int, int]]) -> None:
    quiz = get_quiz(db, teacher_id, quiz_id)
    with db.atomic():
        db.execute(
            "UPDATE quizzes SET title = ?, shuffle_choices = ?, show_article = ?, feedback_timing = ?,"
            " attempts_allowed = ?, counted_attempt = ? WHERE id = ?",
            [title, int(settings["shuffle_choices"]), int(settings["show_article"]),
             settings["feedback_timing"], int(settings["attempts_allowed"]),
             settings.get("counted_attempt", "first"), quiz_id])
        _write_items(db, teacher_id, quiz["article_id"], quiz_id, items)


def get_quiz(db, teacher_id: int, quiz_id: int) -> dict:
    return _one(db, "SELECT * FROM quizzes WHERE id = ? AND teacher_id = ?", [quiz_id, teacher_id])


def list_quizzes(db, teacher_id: int) -> list[dict]:
    return list(db.query(
        "SELECT z.*, a.title AS article_title,"
        " (SELECT COUNT(*) FROM quiz_items i JOIN questions q ON q.id = i.question_id WHERE i.quiz_id = z.id"
        "   AND q.archived_at IS NULL) AS n_items"
        " FROM quizzes z JOIN articles a ON a.id = z.article_id WHERE z.teacher_id = ?"
        " AND z.archived_at IS NULL AND a.archived_at IS NULL"
        " ORDER BY z.id DESC", [teacher_id]))


def quiz_items(db, quiz_id: int) -> list[dict]:
    rows = db.query(
        "SELECT q.*, i.position, i.points FROM quiz_items i JOIN questions q ON q.id = i.question_id"
        " WHERE i.quiz_id = ? AND q.archived_at IS NULL ORDER BY i.position, i.id", [quiz_id])
    return [_decode_question(r) for r in rows]


# ---------------------------------------------------------------- assignments

def new_code(n: int = CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(n))


def normalize_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def create_assignment(db, teacher_id: int, quiz_id: int, class_name: str, opens_at: str,
                      closes_at: str | None, roster: list[tuple[str, str]] = ()) -> int:
    """Freeze the quiz (settings and questions) into a new assignment with a unique join code."""
    quiz = get_quiz(db, teacher_id, quiz_id)
    items = quiz_items(db, quiz_id)
    if not items:
        raise ConflictError("Add at least one question to the quiz before assigning it.")
    with db.atomic():
        for _ in range(20):
            code = new_code()
            if not list(db.query("SELECT 1 FROM assignments WHERE join_code = ?", [code])):
                break
        else:  # pragma: no cover - 2.7e13 codes
            raise ConflictError("Could not find a free join code; try again.")
        cur = db.execute(
            "INSERT INTO assignments (teacher_id, quiz_id, article_id, title, class_name, join_code,"
            " shuffle_choices, show_article, feedback_timing, attempts_allowed, counted_attempt, opens_at,"
            " closes_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [teacher_id, quiz_id, quiz["article_id"], quiz["title"], class_name, code,
             quiz["shuffle_choices"], quiz["show_article"], quiz["feedback_timing"],
             quiz["attempts_allowed"], quiz["counted_attempt"], opens_at, closes_at, now_iso()])
        assignment_id = cur.lastrowid
        for position, q in enumerate(items, 1):
            db.execute(
                "INSERT INTO assigned_questions (assignment_id, question_id, position, points, type,"
                " kind, skill, prompt, choices_json, answer_json, key, explanation, evidence_start,"
                " evidence_end, evidence_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [assignment_id, q["id"], position, q["points"], q["type"], q["kind"], q["skill"],
                 q["prompt"], json.dumps(q["choices"]), json.dumps(q["answer"]), q["key"],
                 q["explanation"], q["evidence_start"], q["evidence_end"], q["evidence_text"]])
        seen = set()
        for name, ref in roster:
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                db.execute("INSERT INTO roster (assignment_id, name, student_ref) VALUES (?, ?, ?)",
                           [assignment_id, name, ref or ""])
    return assignment_id


def get_assignment(db, teacher_id: int, assignment_id: int) -> dict:
    return _one(db, "SELECT * FROM assignments WHERE id = ? AND teacher_id = ?",
                [assignment_id, teacher_id])


def get_assignment_by_code(db, code: str) -> dict:
    return _one(db, "SELECT * FROM assignments WHERE join_code = ?", [normalize_code(code)])


def list_assignments(db, teacher_id: int, quiz_id: int | None = None) -> list[dict]:
    sql = ("SELECT s.*, (SELECT COUNT(*) FROM attempts t WHERE t.assignment_id = s.id"
           " AND t.submitted_at IS NOT NULL) AS n_submitted FROM assignments s WHERE s.teacher_id = ?"
           " AND s.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM quizzes z JOIN articles a ON a.id = z.article_id"
           " WHERE z.id = s.quiz_id AND (z.archived_at IS NOT NULL OR a.archived_at IS NOT NULL))")
    params: list = [teacher_id]
    if quiz_id is not None:
        sql += " AND s.quiz_id = ?"
        params.append(quiz_id)
    return list(db.query(sql + " ORDER BY s.id DESC", params))


def assigned_questions(db, assignment_id: int) -> list[dict]:
    return [_decode_question(r) for r in db.query(
        "SELECT * FROM assigned_questions WHERE assignment_id = ? ORDER BY position", [assignment_id])]


def get_roster(db, assignment_id: int) -> list[dict]:
    return list(db.query("SELECT name, student_ref FROM roster WHERE assignment_id = ? ORDER BY name",
                         [assignment_id]))


def close_assignment(db, teacher_id: int, assignment_id: int, when: str | None = None) -> None:
    get_assignment(db, teacher_id, assignment_id)
    db.execute("UPDATE assignments SET closes_at = ? WHERE id = ?", [when or now_iso(), assignment_id])


def assignment_state(assignment: dict, now: str | None = None) -> str:
    """'upcoming', 'open' or 'closed' (times are ISO strings in server local time)."""
    now = now or now_iso()
    if now < assignment["opens_at"]:
        return "upcoming"
    if assignment["closes_at"] and now >= assignment["closes_at"]:
        return "closed"
    return "open"


# ---------------------------------------------------------------- attempts and answers

def name_key(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def attempts_for_name(db, assignment_id: int, name: str) -> list[dict]:
    return list(db.query("SELECT * FROM attempts WHERE assignment_id = ? AND name_key = ? ORDER BY number",
                         [assignment_id, name_key(name)]))


def start_attempt(db, assignment_id: int, name: str, student_ref: str = "",
                  choice_orders: dict | None = None) -> dict:
    """A new attempt (number = previous + 1) for this name; the caller checks who may start one."""
    name = " ".join(name.split())
    with db.atomic():
        previous = attempts_for_name(db, assignment_id, name)
        number = previous[-1]["number"] + 1 if previous else 1
        token = secrets.token_urlsafe(24)
        resume = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))
        db.execute(
            "INSERT INTO attempts (assignment_id, token, resume_code, student_name, name_key, student_ref,"
            " number, choice_orders_json, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [assignment_id, token, resume, name, name_key(name), student_ref or "", number,
             json.dumps(choice_orders or {}), now_iso()])
    return get_attempt_by_token(db, token)


def attempt_and_assignment(db, token: str) -> tuple[dict, dict]:
    """An attempt and its assignment in one query: every autosave needs both."""
    cur = db.execute("SELECT t.*, s.* FROM attempts t JOIN assignments s ON s.id = t.assignment_id"
                     " WHERE t.token = ?", [token])
    row = cur.fetchone()
    if row is None:
        raise NotFoundError("attempts")
    names = [d[0] for d in cur.description]
    n_attempt = names.index("id", 1)            # where the assignment's columns start
    attempt = dict(zip(names[:n_attempt], row[:n_attempt]))
    attempt["choice_orders"] = json.loads(attempt.pop("choice_orders_json"))
    return attempt, dict(zip(names[n_attempt:], row[n_attempt:]))


def get_attempt_by_token(db, token: str) -> dict:
    row = _one(db, "SELECT * FROM attempts WHERE token = ?", [token])
    row["choice_orders"] = json.loads(row.pop("choice_orders_json"))
    return row


def saved_responses(db, attempt_id: int) -> dict[int, object]:
    return {r["assigned_question_id"]: json.loads(r["response_json"])
            for r in db.query("SELECT assigned_question_id, response_json FROM answers WHERE attempt_id = ?",
                              [attempt_id])}


def save_answers(db, attempt_id: int, responses: dict[int, object]) -> str:
    """Upsert by (attempt, question): saving the same answers twice leaves one row each, unchanged.

    Refuses (ConflictError) once the attempt is submitted, inside the same transaction, so a save
    racing a submit can never change a submitted attempt.
    """
    stamp = now_iso()
    with db.atomic():
        row = _one(db, "SELECT submitted_at FROM attempts WHERE id = ?", [attempt_id])
        if row["submitted_at"]:
            raise ConflictError("This attempt is already submitted.")
        for qid, response in responses.items():
            db.execute(
                "INSERT INTO answers (attempt_id, assigned_question_id, response_json, saved_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (attempt_id, assigned_question_id) DO UPDATE SET"
                " response_json = excluded.response_json, saved_at = excluded.saved_at, rev = answers.rev + 1"
                " WHERE answers.response_json IS NOT excluded.response_json",
                [attempt_id, int(qid), json.dumps(response), stamp])
    return stamp


def submit_attempt(db, attempt_id: int, scored: dict[int, tuple], score: float, max_score: float) -> bool:
    """Mark submitted and store scores; returns False (and changes nothing) if already submitted.

    scored: {assigned_question_id: (is_correct or None, points or None)} for every question.
    """
    stamp = now_iso()
    with db.atomic():
        cur = db.execute("UPDATE attempts SET submitted_at = ?, score = ?, max_score = ?"
                         " WHERE id = ? AND submitted_at IS NULL", [stamp, score, max_score, attempt_id])
        if cur.rowcount != 1:
            return False
        for qid, (correct, points) in scored.items():
            db.execute(
                "INSERT INTO answers (attempt_id, assigned_question_id, saved_at, is_correct, points_awarded)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (attempt_id, assigned_question_id) DO UPDATE SET"
                " is_correct = excluded.is_correct, points_awarded = excluded.points_awarded",
                [attempt_id, qid, stamp, None if correct is None else int(correct), points])
    return True


def attempt_answers(db, attempt_id: int) -> dict[int, dict]:
    out = {}
    for r in db.query("SELECT * FROM answers WHERE attempt_id = ?", [attempt_id]):
        r["response"] = json.loads(r.pop("response_json"))
        out[r["assigned_question_id"]] = r
    return out


def grade_answer(db, teacher_id: int, answer_id: int, points: float, comment: str) -> dict:
    """Teacher's points and comment for one answer; the attempt's score follows."""
    row = _one(db, "SELECT w.id, w.attempt_id, q.points AS max_points FROM answers w"
                   " JOIN attempts t ON t.id = w.attempt_id"
                   " JOIN assignments s ON s.id = t.assignment_id"
                   " JOIN assigned_questions q ON q.id = w.assigned_question_id"
                   " WHERE w.id = ? AND s.teacher_id = ?", [answer_id, teacher_id])
    points = max(0.0, min(float(points), float(row["max_points"])))
    with db.atomic():
        db.execute("UPDATE answers SET points_awarded = ?, comment = ?, graded_at = ?,"
                   " is_correct = ? WHERE id = ?",
                   [points, comment, now_iso(), int(points >= row["max_points"]), answer_id])
        db.execute("UPDATE attempts SET score = (SELECT COALESCE(SUM(points_awarded), 0) FROM answers"
                   " WHERE attempt_id = ?) WHERE id = ? AND submitted_at IS NOT NULL",
                   [row["attempt_id"], row["attempt_id"]])
    return row


def assignment_of_answer(db, teacher_id: int, answer_id: int) -> int:
    return _one(db, "SELECT t.assignment_id FROM answers w JOIN attempts t ON t.id = w.attempt_id"
                    " JOIN assignments s ON s.id = t.assignment_id WHERE w.id = ? AND s.teacher_id = ?",
                [answer_id, teacher_id])["assignment_id"]


def list_attempts(db, assignment_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM attempts WHERE assignment_id = ? ORDER BY student_name, number",
                         [assignment_id]))


def latest_attempts(db, assignment_id: int) -> list[dict]:
    """One attempt a student: the latest submitted one, else the latest started."""
    best: dict[str, dict] = {}
    for a in list_attempts(db, assignment_id):
        cur = best.get(a["name_key"])
        if cur is None or (a["submitted_at"] or not cur["submitted_at"]):
            best[a["name_key"]] = a
    return sorted(best.values(), key=lambda a: a["student_name"].casefold())


def answers_for_assignment(db, assignment_id: int) -> list[dict]:
    rows = db.query(
        "SELECT w.*, t.student_name, t.student_ref, t.number, t.submitted_at FROM answers w"
        " JOIN attempts t ON t.id = w.attempt_id WHERE t.assignment_id = ?"
        " ORDER BY t.student_name, t.number, w.assigned_question_id", [assignment_id])
    out = []
    for r in rows:
        r["response"] = json.loads(r.pop("response_json"))
        out.append(r)
    return out


# ---------------------------------------------------------------- join throttling

def record_join_failure(db, ip: str, at: float) -> None:
    db.execute("INSERT INTO join_failures (ip, at) VALUES (?, ?)", [ip, at])


def count_join_failures(db, ip: str, since: float) -> int:
    return next(db.query("SELECT COUNT(*) AS n FROM join_failures WHERE ip = ? AND at >= ?",
                         [ip, since]))["n"]


def prune_join_failures(db, before: float) -> None:
    db.execute("DELETE FROM join_failures WHERE at < ?", [before])


# ---------------------------------------------------------------- teacher accounts: sessions, invites, log-in failures

def list_teachers(db) -> list[dict]:
    return list(db.query("SELECT id, username, is_admin, created_at FROM teachers ORDER BY username"))


def get_teacher_by_username(db, username: str) -> dict:
    return _one(db, "SELECT id, username, is_admin FROM teachers WHERE username = ?", [username])


def check_password(db, teacher_id: int, password: str) -> bool:
    row = _one(db, "SELECT password_hash FROM teachers WHERE id = ?", [teacher_id])
    return check_password_hash(row["password_hash"], password)


def change_password(db, teacher_id: int, password: str) -> None:
    """A new password, and every session of this teacher ends (a copied cookie stops working)."""
    password_hash = generate_password_hash(password)
    with db.atomic():
        db.execute("UPDATE teachers SET password_hash = ? WHERE id = ?", [password_hash, teacher_id])
        db.execute("DELETE FROM teacher_sessions WHERE teacher_id = ?", [teacher_id])


def create_teacher_session(db, teacher_id: int, token_hash: str) -> None:
    db.execute("INSERT INTO teacher_sessions (token_hash, teacher_id, created_at) VALUES (?, ?, ?)",
               [token_hash, teacher_id, now_iso()])


def teacher_for_session(db, token_hash: str, since: str) -> dict:
    """The teacher whose session this is, if it started at or after `since`; else NotFoundError."""
    return _one(db, "SELECT t.id, t.username, t.is_admin FROM teacher_sessions s"
                    " JOIN teachers t ON t.id = s.teacher_id WHERE s.token_hash = ? AND s.created_at >= ?",
                [token_hash, since])


def end_teacher_session(db, token_hash: str) -> None:
    db.execute("DELETE FROM teacher_sessions WHERE token_hash = ?", [token_hash])


def end_teacher_sessions(db, teacher_id: int) -> None:
    db.execute("DELETE FROM teacher_sessions WHERE teacher_id = ?", [teacher_id])


def prune_teacher_sessions(db, before: str) -> None:
    db.execute("DELETE FROM teacher_sessions WHERE created_at < ?", [before])


def create_invite(db, token_hash: str, purpose: str, created_by: int, expires_at: str,
                  teacher_id: int | None = None) -> int:
    """purpose 'invite' (a new account) or 'reset' (a new password for `teacher_id`)."""
    with db.atomic():
        if purpose == "reset":      # one reset link a teacher at a time: a new one replaces the old
            db.execute("DELETE FROM invites WHERE purpose = 'reset' AND teacher_id = ? AND used_at IS NULL",
                       [teacher_id])
        cur = db.execute("INSERT INTO invites (token_hash, purpose, teacher_id, created_by, created_at, expires_at)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         [token_hash, purpose, teacher_id, created_by, now_iso(), expires_at])
    return cur.lastrowid


def get_invite(db, token_hash: str, purpose: str, now: str) -> dict:
    """An unused, unexpired invite or reset link; else NotFoundError."""
    return _one(db, "SELECT i.*, t.username FROM invites i LEFT JOIN teachers t ON t.id = i.teacher_id"
                    " WHERE i.token_hash = ? AND i.purpose = ? AND i.used_at IS NULL AND i.expires_at > ?",
                [token_hash, purpose, now])


def use_invite(db, invite_id: int, now: str) -> None:
    """Mark it used; NotFoundError if it was used (or revoked) meanwhile. Call inside db.atomic()."""
    cur = db.execute("UPDATE invites SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?",
                     [now, invite_id, now])
    if cur.rowcount != 1:
        raise NotFoundError("invites")


def list_open_invites(db, now: str) -> list[dict]:
    return list(db.query("SELECT i.id, i.purpose, i.created_at, i.expires_at, t.username FROM invites i"
                         " LEFT JOIN teachers t ON t.id = i.teacher_id"
                         " WHERE i.used_at IS NULL AND i.expires_at > ? ORDER BY i.id DESC", [now]))


def revoke_invite(db, invite_id: int) -> None:
    cur = db.execute("DELETE FROM invites WHERE id = ? AND used_at IS NULL", [invite_id])
    if cur.rowcount != 1:
        raise NotFoundError("invites")


def record_login_failure(db, ip: str, account: str, device: str, at: float) -> None:
    db.execute("INSERT INTO login_failures (ip, account, device, at) VALUES (?, ?, ?, ?)",
               [ip, account, device or "", at])


def login_failure_times(db, column: str, value: str, since: float) -> list[float]:
    """When the failures by this ip / account / device since `since` happened, latest first."""
    if column not in ("ip", "account", "device"):
        raise ValueError(column)
    return [r["at"] for r in db.query(f"SELECT at FROM login_failures WHERE {column} = ? AND at >= ?"
                                      " ORDER BY at DESC", [value, since])]


def prune_login_failures(db, before: float) -> None:
    db.execute("DELETE FROM login_failures WHERE at < ?", [before])


# ---------------------------------------------------------------- students: counted attempts, names, two tabs

def counted_attempts(db, assignment_id: int) -> list[dict]:
    """One attempt a student: the one the assignment counts (first, best or last submitted;
    scoring.counted_attempt), else the latest started. Results and the scores export use these."""
    rule = _one(db, "SELECT counted_attempt FROM assignments WHERE id = ?", [assignment_id])["counted_attempt"]
    by_name: dict[str, list[dict]] = {}
    for a in list_attempts(db, assignment_id):
        by_name.setdefault(a["name_key"], []).append(a)
    picked = [scoring.counted_attempt(attempts, rule) for attempts in by_name.values()]
    return sorted(picked, key=lambda a: a["student_name"].casefold())


def names_in_assignment(db, assignment_id: int) -> list[str]:
    return [r["student_name"] for r in db.query(
        "SELECT DISTINCT student_name FROM attempts WHERE assignment_id = ?", [assignment_id])]


def answer_states(db, attempt_id: int) -> dict[int, dict]:
    """{question id: {response, rev, edited_ms}} of an attempt's saved answers."""
    return {r["assigned_question_id"]: {"response": json.loads(r["response_json"]), "rev": r["rev"],
                                        "edited_ms": r["edited_ms"]}
            for r in db.query("SELECT assigned_question_id, response_json, rev, edited_ms FROM answers"
                              " WHERE attempt_id = ?", [attempt_id])}


def merge_answers(db, attempt_id: int, responses: dict[int, object], bases: dict[int, str] | None = None,
                  edited: dict[int, int] | None = None, form_tags: dict[int, str] | None = None,
                  now_ms: int | None = None) -> dict:
    """Save answers without ever putting an older or untouched answer over a newer one.

    JSON saves give `bases` (the tag each answer had in the tab) and `edited` (when the tab changed
    it); a form post gives `form_tags` (its hidden s<id> fields) and only the fields it changed are
    saved (scoring.changed_in_form, scoring.keeps_newer). One transaction; refused (ConflictError)
    once the attempt is submitted. Returns {"stamp", "saved": [ids], "synced": {id: tag},
    "kept": {id: (stored response, tag)}}: kept are the answers that stayed because they are newer.
    """
    stamp = now_iso()
    bases, edited = bases or {}, edited or {}
    out = {"stamp": stamp, "saved": [], "synced": {}, "kept": {}}
    with db.atomic():
        row = _one(db, "SELECT submitted_at FROM attempts WHERE id = ?", [attempt_id])
        if row["submitted_at"]:
            raise ConflictError("This attempt is already submitted.")
        states = answer_states(db, attempt_id)
        for qid, response in responses.items():
            qid = int(qid)
            current = states.get(qid)
            if form_tags is not None:
                if not scoring.changed_in_form(response, form_tags.get(qid), current):
                    continue
                wins = True
                when = now_ms
            else:
                when = edited.get(qid)
                wins = scoring.keeps_newer(current, response, bases.get(qid), when)
            if not wins:
                out["kept"][qid] = (current["response"], scoring.response_tag(current["rev"], current["response"]))
                continue
            out["saved"].append(qid)
            if current is not None and current["response"] == response:
                out["synced"][qid] = scoring.response_tag(current["rev"], response)
                continue
            rev = (current["rev"] if current else 0) + 1
            db.execute(
                "INSERT INTO answers (attempt_id, assigned_question_id, response_json, saved_at, rev, edited_ms)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (attempt_id, assigned_question_id) DO UPDATE SET"
                " response_json = excluded.response_json, saved_at = excluded.saved_at, rev = excluded.rev,"
                " edited_ms = excluded.edited_ms",
                [attempt_id, qid, json.dumps(response), stamp, rev, when if isinstance(when, int) else None])
            out["synced"][qid] = scoring.response_tag(rev, response)
    return out


# ---------------------------------------------------------------- wrong join and resume codes: token buckets

def take_throttle_token(db, key: str, capacity: float, per_second: float, now: float) -> bool:
    """Take one token from the bucket `key` (full at `capacity`, refilled at `per_second`); False,
    taking nothing, when less than one is left. One short write transaction."""
    with db.atomic():
        rows = list(db.query("SELECT tokens, updated FROM throttle_buckets WHERE key = ?", [key]))
        tokens = capacity if not rows else min(capacity, rows[0]["tokens"] + max(0.0, now - rows[0]["updated"]) * per_second)
        ok = tokens >= 1.0
        if ok:
            tokens -= 1.0
        db.execute("INSERT INTO throttle_buckets (key, tokens, updated) VALUES (?, ?, ?)"
                   " ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated = excluded.updated",
                   [key, tokens, now])
    return ok


def prune_throttle_buckets(db, before: float) -> None:
    """Forget buckets untouched since `before` (they are full again by then)."""
    db.execute("DELETE FROM throttle_buckets WHERE updated < ?", [before])


# ---------------------------------------------------------------- issue 10: the teacher's path

def set_questions_status(db, teacher_id: int, article_id: int, question_ids: list[int], status: str) -> list[int]:
    """Set many of one article's questions to `status` in one transaction; returns the ids changed
    (ids that are not this teacher's questions of this article are ignored)."""
    if status not in ("draft", "approved", "rejected"):
        raise ValueError(status)
    mine = {q["id"] for q in list_questions(db, teacher_id, article_id)}
    ids = sorted({int(i) for i in question_ids} & mine)
    with db.atomic():
        for qid in ids:
            db.execute("UPDATE questions SET status = ?, updated_at = ? WHERE id = ?", [status, now_iso(), qid])
    return ids


def assignment_counts(db, teacher_id: int) -> dict[int, dict]:
    """Per assignment of this teacher: students joined, submitted, and answers waiting for a grade."""
    rows = db.query(
        "SELECT s.id,"
        " (SELECT COUNT(DISTINCT t.name_key) FROM attempts t WHERE t.assignment_id = s.id) AS n_joined,"
        " (SELECT COUNT(DISTINCT t.name_key) FROM attempts t WHERE t.assignment_id = s.id"
        "   AND t.submitted_at IS NOT NULL) AS n_students_submitted,"
        " (SELECT COUNT(*) FROM answers w JOIN attempts t ON t.id = w.attempt_id"
        "   WHERE t.assignment_id = s.id AND t.submitted_at IS NOT NULL AND w.is_correct IS NULL) AS n_to_grade"
        " FROM assignments s WHERE s.teacher_id = ?", [teacher_id])
    return {r["id"]: r for r in rows}


def reopen_assignment(db, teacher_id: int, assignment_id: int, closes_at: str | None) -> None:
    """Open a closed assignment again, until `closes_at` (None: until the teacher closes it)."""
    get_assignment(db, teacher_id, assignment_id)
    db.execute("UPDATE assignments SET closes_at = ? WHERE id = ?", [closes_at, assignment_id])


def grade_answers(db, teacher_id: int, grades: list[tuple[int, float, str]]) -> None:
    """Several grades (answer id, points, comment) in one transaction."""
    with db.atomic():
        for answer_id, points, comment in grades:
            grade_answer(db, teacher_id, answer_id, points, comment)


# ---------------------------------------------------------------- issue 10: titles, archive and delete

def set_article_title(db, teacher_id: int, article_id: int, title: str) -> None:
    """The teacher's title for the article (kept over the engine's headline from now on)."""
    get_article(db, teacher_id, article_id)
    db.execute("UPDATE articles SET title = ?, title_fixed = 1, updated_at = ? WHERE id = ?",
               [title.strip()[:200], now_iso(), article_id])


ARCHIVE_KINDS = ("article", "question", "quiz", "assignment")
_TABLE = {"article": "articles", "question": "questions", "quiz": "quizzes", "assignment": "assignments"}
# The students' attempts that depend on an item: while any exists, it is archived, never deleted.
_ATTEMPTS_SQL = {
    "assignment": "SELECT COUNT(*) AS n FROM attempts t WHERE t.assignment_id = ?",
    "quiz": "SELECT COUNT(*) AS n FROM attempts t JOIN assignments s ON s.id = t.assignment_id WHERE s.quiz_id = ?",
    "article": "SELECT COUNT(*) AS n FROM attempts t JOIN assignments s ON s.id = t.assignment_id WHERE s.article_id = ?",
    "question": "SELECT COUNT(*) AS n FROM attempts t WHERE t.assignment_id IN"
                " (SELECT aq.assignment_id FROM assigned_questions aq WHERE aq.question_id = ?)",
}


def get_item(db, teacher_id: int, kind: str, item_id: int) -> dict:
    """One article, question, quiz or assignment of this teacher (archived or not)."""
    if kind not in ARCHIVE_KINDS:
        raise NotFoundError(kind)
    return _one(db, f"SELECT * FROM {_TABLE[kind]} WHERE id = ? AND teacher_id = ?", [item_id, teacher_id])


def removal_plan(db, teacher_id: int, kind: str, item_id: int) -> dict:
    """What removing the item does: {"action": "archive" / "delete", "attempts": students' attempts
    that depend on it, "quizzes", "assignments", "questions": what goes with it when deleted}."""
    get_item(db, teacher_id, kind, item_id)
    n = next(db.query(_ATTEMPTS_SQL[kind], [item_id]))["n"]
    count = lambda sql: next(db.query(sql, [item_id]))["n"]
    plan = {"action": "archive" if n else "delete", "attempts": n, "quizzes": 0, "assignments": 0,
            "questions": 0}
    if kind == "article":
        plan["quizzes"] = count("SELECT COUNT(*) AS n FROM quizzes WHERE article_id = ?")
        plan["assignments"] = count("SELECT COUNT(*) AS n FROM assignments WHERE article_id = ?")
        plan["questions"] = count("SELECT COUNT(*) AS n FROM questions WHERE article_id = ?")
    elif kind == "quiz":
        plan["assignments"] = count("SELECT COUNT(*) AS n FROM assignments WHERE quiz_id = ?")
    elif kind == "question":
        plan["quizzes"] = count("SELECT COUNT(DISTINCT quiz_id) AS n FROM quiz_items WHERE question_id = ?")
    return plan


def _delete_assignments(db, where: str, item_id: int) -> None:
    ids = [r["id"] for r in db.query(f"SELECT id FROM assignments WHERE {where} = ?", [item_id])]
    for aid in ids:
        db.execute("DELETE FROM roster WHERE assignment_id = ?", [aid])
        db.execute("DELETE FROM assigned_questions WHERE assignment_id = ?", [aid])
        db.execute("DELETE FROM assignments WHERE id = ?", [aid])


def remove_item(db, teacher_id: int, kind: str, item_id: int) -> str:
    """Archive the item when students' attempts depend on it (nothing they did is lost; restore
    brings it back), else delete it with what only it holds (a quiz's assignments, an article's
    questions and quizzes). Returns "archived" or "deleted". One transaction."""
    with db.atomic():
        plan = removal_plan(db, teacher_id, kind, item_id)
        if plan["action"] == "archive":
            db.execute(f"UPDATE {_TABLE[kind]} SET archived_at = ? WHERE id = ?", [now_iso(), item_id])
            return "archived"
        if kind == "assignment":
            _delete_assignments(db, "id", item_id)
        elif kind == "quiz":
            _delete_assignments(db, "quiz_id", item_id)
            db.execute("DELETE FROM quiz_items WHERE quiz_id = ?", [item_id])
            db.execute("DELETE FROM quizzes WHERE id = ?", [item_id])
        elif kind == "question":
            db.execute("DELETE FROM quiz_items WHERE question_id = ?", [item_id])
            db.execute("DELETE FROM questions WHERE id = ?", [item_id])
        else:
            _delete_assignments(db, "article_id", item_id)
            db.execute("DELETE FROM quiz_items WHERE quiz_id IN (SELECT id FROM quizzes WHERE article_id = ?)",
                       [item_id])
            db.execute("DELETE FROM quizzes WHERE article_id = ?", [item_id])
            db.execute("DELETE FROM quiz_items WHERE question_id IN (SELECT id FROM questions WHERE article_id = ?)",
                       [item_id])
            db.execute("DELETE FROM questions WHERE article_id = ?", [item_id])
            db.execute("DELETE FROM articles WHERE id = ?", [item_id])
        return "deleted"


def restore_item(db, teacher_id: int, kind: str, item_id: int) -> None:
    get_item(db, teacher_id, kind, item_id)
    db.execute(f"UPDATE {_TABLE[kind]} SET archived_at = NULL WHERE id = ?", [item_id])


def list_archived(db, teacher_id: int) -> dict[str, list[dict]]:
    """The teacher's archived items, newest archived first, each with what names it."""
    q = lambda sql: list(db.query(sql, [teacher_id]))
    return {
        "article": q("SELECT id, title AS name, archived_at FROM articles WHERE teacher_id = ?"
                     " AND archived_at IS NOT NULL ORDER BY archived_at DESC, id DESC"),
        "question": q("SELECT q.id, q.prompt AS name, a.title AS context, q.archived_at FROM questions q"
                      " JOIN articles a ON a.id = q.article_id WHERE q.teacher_id = ?"
                      " AND q.archived_at IS NOT NULL ORDER BY q.archived_at DESC, q.id DESC"),
        "quiz": q("SELECT z.id, z.title AS name, a.title AS context, z.archived_at FROM quizzes z"
                  " JOIN articles a ON a.id = z.article_id WHERE z.teacher_id = ?"
                  " AND z.archived_at IS NOT NULL ORDER BY z.archived_at DESC, z.id DESC"),
        "assignment": q("SELECT id, title || ' (' || class_name || ')' AS name, join_code AS context, archived_at"
                        " FROM assignments WHERE teacher_id = ? AND archived_at IS NOT NULL"
                        " ORDER BY archived_at DESC, id DESC"),
    }
