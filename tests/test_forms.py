import pytest
from werkzeug.datastructures import MultiDict

from quiz.forms import AssignForm, QuestionForm, RegisterForm, parse_roster, quiz_form_class


def question_form(app, **data):
    with app.test_request_context(method="POST", data=data):
        form = QuestionForm(formdata=MultiDict(data))
        form.article_text = "The quick brown fox jumps."
        ok = form.validate()
        return ok, form


BASE = {"kind": "mc", "skill": "attribution", "prompt": "Who?", "explanation": "Because.",
        "choices": "Ann\nBob", "key": "Bob"}


@pytest.mark.parametrize("changes, field, message", [
    ({"key": "Carl"}, "key", "must be one of the choices"),
    ({"key": ""}, "key", "Give the right answer"),
    ({"choices": "Ann"}, "choices", "at least two"),
    ({"choices": "Ann\nann", "key": "Ann"}, "choices", "must all be different"),
    ({"prompt": ""}, "prompt", "required"),
    ({"explanation": "  "}, "explanation", "required"),
    ({"kind": "tf", "key": "maybe"}, "key", "True or False"),
    ({"kind": "short", "key": ""}, "key", "accepted answer"),
    ({"evidence": "a slow fox"}, "evidence", "copied exactly"),
])
def test_question_form_rejects(app, changes, field, message):
    ok, form = question_form(app, **{**BASE, **changes})
    assert not ok
    assert any(message in e for e in form[field].errors), form[field].errors


@pytest.mark.parametrize("changes, cleaned", [
    ({}, {"choices": ["Ann", "Bob"], "answer": 1, "key": "Bob"}),
    ({"kind": "tf", "key": "false", "choices": ""}, {"choices": ["True", "False"], "answer": 1, "key": "False"}),
    ({"kind": "open", "key": "", "choices": ""}, {"choices": [], "answer": None, "key": ""}),
    ({"kind": "order", "choices": "a\nb\nc", "key": ""}, {"choices": ["a", "b", "c"], "answer": [0, 1, 2], "key": "a > b > c"}),
    ({"evidence": "brown fox"}, {"choices": ["Ann", "Bob"], "answer": 1, "key": "Bob"}),
])
def test_question_form_accepts(app, changes, cleaned):
    ok, form = question_form(app, **{**BASE, **changes})
    assert ok, form.errors
    assert form.cleaned() == cleaned


def test_register_form_password_must_match(app):
    data = {"username": "ann", "password": "longenough", "confirm": "different1"}
    with app.test_request_context(method="POST", data=data):
        form = RegisterForm(formdata=MultiDict(data))
        assert not form.validate()
        assert form.confirm.errors


def test_assign_form_closing_after_opening(app):
    data = {"class_name": "7B", "opens_at": "2030-01-02T10:00", "closes_at": "2030-01-01T10:00"}
    with app.test_request_context(method="POST", data=data):
        form = AssignForm(formdata=MultiDict(data))
        assert not form.validate()
        assert "after the opening" in form.closes_at.errors[0]


def test_quiz_form_orders_selected_questions(app):
    qs = [{"id": 1}, {"id": 2}, {"id": 3}]
    data = {"title": "T", "feedback_timing": "immediate", "attempts_allowed": "1",
            "include_1": "y", "position_1": "5", "points_1": "2", "include_3": "y", "position_3": "1"}
    with app.test_request_context(method="POST", data=data):
        form = quiz_form_class(qs)(formdata=MultiDict(data))
        assert form.validate(), form.errors
        assert form.selected() == [(3, 1, 1), (1, 2, 2)]


def test_quiz_form_needs_a_question(app):
    data = {"title": "T", "feedback_timing": "immediate", "attempts_allowed": "1"}
    with app.test_request_context(method="POST", data=data):
        form = quiz_form_class([{"id": 1}])(formdata=MultiDict(data))
        assert not form.validate()


def test_parse_roster_from_text_and_csv():
    text = "Ann Lee, S1\n\n  Bob   Stone  \n"
    csv_bytes = "\ufeffname,student id\r\n\"Cruz, Dana\",S3\r\n".encode("utf-8")
    assert parse_roster(text, csv_bytes) == [("Ann Lee", "S1"), ("Bob Stone", ""), ("Cruz, Dana", "S3")]
