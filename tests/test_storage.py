import sqlite3

import pytest

from quiz import db as dbmod, scoring, storage
from conftest import make_article, make_assignment, make_teacher, right_response


def test_migrations_are_recorded_and_rerun_is_a_no_op(db):
    assert dbmod.schema_version(db)[0] == "0001_initial" and "0003_student_side_safety" in dbmod.schema_version(db)
    assert dbmod.migrate(db) == []


def test_every_connection_uses_wal_normal_and_busy_timeout(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_teacher_usernames_unique_and_passwords_hashed(db):
    tid = make_teacher(db, "ann")
    row = next(db.query("SELECT password_hash FROM teachers WHERE id = ?", [tid]))
    assert row["password_hash"].startswith("scrypt:")
    with pytest.raises(storage.ConflictError):
        storage.create_teacher(db, "ANN", "whatever123")
    assert storage.check_login(db, "ann", "wrong") is None
    assert storage.check_login(db, "ann", "correct horse battery")["id"] == tid


def test_other_teachers_rows_are_not_found(db, teacher, article, assignment):
    other = make_teacher(db, "other")
    q = storage.list_questions(db, teacher, article)[0]
    for call in (lambda: storage.get_article(db, other, article),
                 lambda: storage.get_question(db, other, q["id"]),
                 lambda: storage.get_quiz(db, other, assignment["quiz_id"]),
                 lambda: storage.get_assignment(db, other, assignment["id"]),
                 lambda: storage.update_question(db, other, q["id"], prompt="x")):
        with pytest.raises(storage.NotFoundError):
            call()


def test_assigning_freezes_questions(db, teacher, article, assignment):
    q = storage.list_questions(db, teacher, article)[0]
    storage.update_question(db, teacher, q["id"], prompt="Edited later", choices=["x", "y"], answer=0)
    frozen = storage.assigned_questions(db, assignment["id"])[0]
    assert frozen["prompt"] == q["prompt"] and frozen["choices"] == q["choices"]


def test_join_codes_unique_and_without_look_alikes(db, teacher, article):
    codes = {make_assignment(db, teacher, article)["join_code"] for _ in range(30)}
    assert len(codes) == 30
    for code in codes:
        assert len(code) == storage.CODE_LENGTH == 10 and not set(code) & set("0O1IL2Z5S8B6G")
    assert storage.get_assignment_by_code(db, " " + next(iter(codes)).lower()[:3] + "-" + next(iter(codes)).lower()[3:])


def test_save_answers_is_idempotent_upsert(db, assignment):
    attempt = storage.start_attempt(db, assignment["id"], "Ann")
    q = assignment["questions"][0]
    storage.save_answers(db, attempt["id"], {q["id"]: 1})
    first = list(db.query("SELECT * FROM answers"))
    storage.save_answers(db, attempt["id"], {q["id"]: 1})      # a retried save
    assert list(db.query("SELECT * FROM answers")) == first
    storage.save_answers(db, attempt["id"], {q["id"]: 2})
    assert storage.saved_responses(db, attempt["id"]) == {q["id"]: 2}
    assert db["answers"].count == 1


def test_submit_once_then_saves_refused(db, assignment):
    qs = assignment["questions"]
    attempt = storage.start_attempt(db, assignment["id"], "Ann")
    storage.save_answers(db, attempt["id"], {q["id"]: right_response(q) for q in qs})
    result = scoring.score_attempt(qs, storage.saved_responses(db, attempt["id"]))
    assert storage.submit_attempt(db, attempt["id"], result["scored"], result["score"], result["max_score"])
    assert not storage.submit_attempt(db, attempt["id"], {}, 0, 0)
    assert storage.get_attempt_by_token(db, attempt["token"])["score"] == result["score"] == len(qs) - 1
    with pytest.raises(storage.ConflictError):
        storage.save_answers(db, attempt["id"], {qs[0]["id"]: 0})


def test_one_attempt_number_per_name(db, assignment):
    storage.start_attempt(db, assignment["id"], "Ann  Lee")
    second = storage.start_attempt(db, assignment["id"], "ann lee")
    assert second["number"] == 2
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO attempts (assignment_id, token, resume_code, student_name, name_key, number,"
                   " started_at) VALUES (?, 't', 'r', 'Ann Lee', 'ann lee', 2, 'now')", [assignment["id"]])


def test_grading_updates_score_and_clamps_points(db, teacher, assignment):
    qs = assignment["questions"]
    attempt = storage.start_attempt(db, assignment["id"], "Ann")
    storage.save_answers(db, attempt["id"], {q["id"]: right_response(q) for q in qs})
    result = scoring.score_attempt(qs, storage.saved_responses(db, attempt["id"]))
    storage.submit_attempt(db, attempt["id"], result["scored"], result["score"], result["max_score"])
    open_q = next(q for q in qs if q["kind"] == "open")
    answer = storage.attempt_answers(db, attempt["id"])[open_q["id"]]
    storage.grade_answer(db, teacher, answer["id"], 99, "Good")
    after = storage.get_attempt_by_token(db, attempt["token"])
    assert after["score"] == after["max_score"] == len(qs)
    other = make_teacher(db, "other")
    with pytest.raises(storage.NotFoundError):
        storage.grade_answer(db, other, answer["id"], 0, "")


def test_assignment_state():
    a = {"opens_at": "2025-01-01T10:00:00", "closes_at": "2025-01-02T10:00:00"}
    assert storage.assignment_state(a, "2024-12-31T00:00:00") == "upcoming"
    assert storage.assignment_state(a, "2025-01-01T12:00:00") == "open"
    assert storage.assignment_state(a, "2025-01-02T10:00:00") == "closed"
    assert storage.assignment_state({**a, "closes_at": None}, "2030-01-01T00:00:00") == "open"


def test_join_failures_counted_within_window(db):
    for t in (100.0, 200.0, 300.0):
        storage.record_join_failure(db, "1.2.3.4", t)
    assert storage.count_join_failures(db, "1.2.3.4", 150.0) == 2
    assert storage.count_join_failures(db, "5.6.7.8", 0) == 0
    storage.prune_join_failures(db, 250.0)
    assert storage.count_join_failures(db, "1.2.3.4", 0) == 1


def test_backup_is_a_consistent_copy(db, assignment, tmp_path, app):
    dest = tmp_path / "copy.db"
    dbmod.backup(app.config["DATABASE"], str(dest))
    copy = dbmod.connect(str(dest))
    assert copy["assigned_questions"].count == len(assignment["questions"])
    copy.close()


def test_engine_questions_stored_with_kinds(db, teacher):
    import questions
    from conftest import sample_text
    analysis = questions.analyze(sample_text())
    data = questions.to_dict(analysis, questions.generate(analysis))
    article_id = storage.create_article(db, teacher, data, analysis.text)
    storage.add_engine_questions(db, teacher, article_id, data["questions"])
    stored = storage.list_questions(db, teacher, article_id)
    assert len(stored) == len(data["questions"])
    for q, raw in zip(stored, data["questions"]):
        assert q["evidence_text"] == analysis.text[q["evidence_start"]:q["evidence_end"]]
        assert q["kind"] == ("open" if raw["answer"] is None else "order" if isinstance(raw["answer"], list)
                             else q["kind"])
        assert q["status"] == "draft"
