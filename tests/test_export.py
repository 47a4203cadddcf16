import csv
import io

import pytest

from quiz import export


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-2", "'-2"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
    ("Ann", "Ann"), (5, 5), (-5, -5), ("", ""),
])
def test_neutralise(value, expected):
    assert export.neutralise(value) == expected


def read(data: bytes):
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    assert b"\r\n" in data
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


QUESTIONS = [
    {"id": 10, "position": 1, "points": 1, "kind": "mc", "skill": "attribution", "prompt": "Who?",
     "choices": ["Ann", "=Bob"], "answer": 1},
    {"id": 11, "position": 2, "points": 2, "kind": "open", "skill": "discussion", "prompt": "Why, \"really\"?",
     "choices": [], "answer": None},
]


def test_scores_csv_one_row_a_student_with_quoting_and_injection_guard():
    attempts = [{"id": 1, "student_name": "=HYPERLINK(\"x\")", "student_ref": "S1", "score": 1.0,
                 "max_score": 3.0, "submitted_at": "2025-01-01T10:00:00"},
                {"id": 2, "student_name": "Zoë, Jr.", "student_ref": "", "score": None, "max_score": None,
                 "submitted_at": None}]
    answers = [{"attempt_id": 1, "assigned_question_id": 10, "points_awarded": 1.0},
               {"attempt_id": 1, "assigned_question_id": 11, "points_awarded": None}]
    rows = read(export.scores_csv(QUESTIONS, attempts, answers))
    assert rows[0][:6] == ["name", "student id", "score", "max", "percent", "submitted at"]
    assert len(rows[0]) == 8
    assert rows[1] == ["'=HYPERLINK(\"x\")", "S1", "1", "3", "33.3", "2025-01-01T10:00:00", "1", ""]
    assert rows[2][0] == "Zoë, Jr."


def test_responses_csv_one_row_an_answer():
    answers = [{"attempt_id": 1, "assigned_question_id": 10, "student_name": "Ann", "student_ref": "",
                "number": 1, "submitted_at": "t", "response": 1, "is_correct": 1, "points_awarded": 1.0,
                "comment": ""},
               {"attempt_id": 1, "assigned_question_id": 11, "student_name": "Ann", "student_ref": "",
                "number": 1, "submitted_at": "t", "response": "-because\nlines", "is_correct": None,
                "points_awarded": None, "comment": "+good"}]
    rows = read(export.responses_csv(QUESTIONS, answers))
    assert len(rows) == 3
    assert rows[1][7] == "'=Bob" and rows[1][8] == "yes"
    assert rows[2][6] == 'Why, "really"?'
    assert rows[2][7] == "'-because\nlines" and rows[2][11] == "'+good"
