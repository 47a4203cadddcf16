"""Every FlaskForm in the app (flask-wtf adds the CSRF token to each)."""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime

from flask import g
from flask_wtf import FlaskForm as _FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms.fields.choices import SelectChoice
from wtforms import (BooleanField, DateTimeLocalField, DecimalField, HiddenField, IntegerField,
                     PasswordField, SelectField, StringField, TextAreaField, URLField)
from wtforms.validators import (DataRequired, EqualTo, InputRequired, Length, NumberRange, Optional,
                                Regexp, StopValidation, ValidationError)

SKILL_CHOICES = [SelectChoice(s, s.capitalize()) for s in
                 ("attribution", "chronology", "sourcing", "evidence status", "discussion")]
KIND_CHOICES = [SelectChoice("mc", "Multiple choice"), SelectChoice("tf", "True / false"),
                SelectChoice("short", "Short answer"), SelectChoice("open", "Open response")]
FEEDBACK_CHOICES = [SelectChoice("after_close", "After the assignment closes"),
                    SelectChoice("after_last", "After the student's last allowed attempt"),
                    SelectChoice("immediate", "After each attempt (practice)")]
COUNTED_CHOICES = [SelectChoice("first", "The first attempt"), SelectChoice("best", "The best attempt"),
                   SelectChoice("last", "The last attempt")]
FEEDBACK_HELP = ("Feedback shows the right answers. After the assignment closes is the safe choice for a "
                 "graded quiz: until then nobody sees them, not even by joining under a made-up name. "
                 "After the last attempt or after each attempt suit practice: a student who joins under "
                 "another name can see the answers before answering under their own.")
COUNTED_HELP = ("Results and the scores export use this attempt. The first is the default: it is the one a "
                "student made before any feedback; later attempts are practice. Best or last reward "
                "retakes, so they need feedback after the last attempt or after the assignment closes.")


class FlaskForm(_FlaskForm):
    """Every form of the app: it registers itself so that a page answering a POST with this form's
    errors goes out as 422, not 200 (bad input gets a 4xx; see quiz.create_app)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        g.setdefault("forms", []).append(self)


def rejected_forms() -> bool:
    """True when a form of this request carries errors for the user."""
    return any(form.errors for form in g.get("forms", ()))


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


def check_password_policy(form, field):
    """The password policy (quiz.accounts): at least 10 characters, not common, not the username."""
    from .accounts import password_problem
    username = form.username.data if "username" in form else getattr(form, "policy_username", "")
    problem = password_problem(field.data or "", username or "")
    if problem:
        raise ValidationError(problem)


def _new_password(label="Password"):
    return PasswordField(label, validators=[DataRequired(message="Choose a password."), check_password_policy])


def _repeat_password():
    return PasswordField("Repeat password", validators=[
        DataRequired(message="Type the password again."),
        EqualTo("password", message="The passwords do not match.")])


class RegisterForm(FlaskForm):
    username = StringField("Username", validators=[
        DataRequired(message="Choose a username."), Length(3, 40, message="Use between 3 and 40 characters."),
        Regexp(r"^[A-Za-z0-9_.@-]+$", message="Use letters, digits and . _ - @ only.")])
    password = _new_password()
    confirm = _repeat_password()


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=40)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class PasswordChangeForm(FlaskForm):
    """A teacher's own new password; `policy_username` is set by the view."""
    current = PasswordField("Current password", validators=[
        DataRequired(message="Type your current password."), Length(max=200)])
    password = _new_password("New password")
    confirm = _repeat_password()
    policy_username = ""


class ResetPasswordForm(FlaskForm):
    """A new password from a reset link; `policy_username` is set by the view."""
    password = _new_password("New password")
    confirm = _repeat_password()
    policy_username = ""


class ArticleForm(FlaskForm):
    """Paste (the page's HTML rides along in `html` when the clipboard had it), upload, or a link.

    A link pasted in the text box instead of an article counts as a link (the view imports it)."""
    title = StringField("Title (optional)", validators=[Optional(), Length(max=200, message="Use at most 200 characters.")])
    text = TextAreaField("Paste the article text", validators=[Optional(), Length(max=200_000)])
    # Filled by static/paste.js from the clipboard's text/html; emptied when the text is edited.
    # No length check of its own: the request limit (MAX_CONTENT_LENGTH) covers it.
    html = HiddenField()
    upload = FileField("Or upload a .txt or .html file", validators=[
        FileAllowed(["txt", "html", "htm"], "Upload a .txt or .html file.")])
    url = URLField("Or import from a link", validators=[Optional(), Length(max=2000)])

    def link(self) -> str:
        """The link to import: the link field, else a link pasted in the text box instead of an
        article (alone, or in a few words of text)."""
        from .webpage import pasted_link
        return (self.url.data or "").strip() or (pasted_link(self.text.data) or "")

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        text = (self.text.data or "").strip()
        url = (self.url.data or "").strip()
        if not text and not self.upload.data and not url and not (self.html.data or "").strip():
            self.text.errors.append("Paste the article text or upload a file, or import it from a link.")
            return False
        if url and self.upload.data:
            self.url.errors.append("Upload a file or import from a link, not both: clear one of them.")
            return False
        if url and text and text != url:
            self.url.errors.append("Paste the text or import from a link, not both: clear one of them.")
            return False
        return True


class WholeNumberField(IntegerField):
    """An IntegerField that says what it wants in the app's voice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_value_message = "Give a whole number, like 3."


class LocalTimeField(DateTimeLocalField):
    """A date and time (server local time) that says what it wants in the app's voice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_value_message = "Give a date and time, like 2026-03-02 09:00."


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(FlaskForm):
    """Edit or write a question. Choices one a line; the key is the right choice as written."""
    kind = SelectField("Question type", choices=KIND_CHOICES + [SelectChoice("order", "Put in order")])
    skill = SelectField("Skill", choices=SKILL_CHOICES)
    prompt = TextAreaField("Question", validators=[DataRequired(message="Write the question (required)."),
                                                   Length(max=2000, message="Use at most 2,000 characters.")])
    choices = TextAreaField("Choices (one a line)", validators=[Length(max=4000, message="Use at most 4,000 characters.")])
    key = StringField("Right answer", validators=[Length(max=500, message="Use at most 500 characters.")])
    explanation = TextAreaField("Explanation", validators=[
        DataRequired(message="Write an explanation (required): students read it with their feedback."),
        Length(max=4000, message="Use at most 4,000 characters.")])
    evidence = TextAreaField("Evidence (copy a passage from the article, optional)",
                             validators=[Optional(), Length(max=4000, message="Use at most 4,000 characters.")])

    article_text: str = ""

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        kind = self.kind.data
        choices = split_lines(self.choices.data)
        key = (self.key.data or "").strip()
        if kind == "tf":
            choices = ["True", "False"]
            if key.lower() not in ("true", "false"):
                self.key.errors.append("The right answer must be True or False.")
                ok = False
        elif kind in ("mc", "order"):
            if len(choices) < 2:
                self.choices.errors.append("Give at least two choices.")
                ok = False
            elif len({c.casefold() for c in choices}) != len(choices):
                self.choices.errors.append("The choices must all be different.")
                ok = False
            if kind == "mc":
                if not key:
                    self.key.errors.append("Give the right answer.")
                    ok = False
                elif key not in choices:
                    self.key.errors.append("The right answer must be one of the choices, exactly as written.")
                    ok = False
        elif kind == "short" and not key:
            self.key.errors.append("Give the accepted answer (separate alternatives with |).")
            ok = False
        ev = (self.evidence.data or "").strip()
        if ev and self.article_text and ev not in self.article_text:
            self.evidence.errors.append("The evidence must be copied exactly from the article.")
            ok = False
        return ok

    def cleaned(self) -> dict:
        """choices, answer and key in the stored shape."""
        kind, key = self.kind.data, (self.key.data or "").strip()
        choices = split_lines(self.choices.data)
        if kind == "tf":
            choices = ["True", "False"]
            key = "True" if key.lower() == "true" else "False"
            return {"choices": choices, "answer": choices.index(key), "key": key}
        if kind == "mc":
            return {"choices": choices, "answer": choices.index(key), "key": key}
        if kind == "order":
            # Choices are written in the right order; students see them shuffled.
            return {"choices": choices, "answer": list(range(len(choices))), "key": " > ".join(choices)}
        return {"choices": [], "answer": None, "key": key}




def quiz_form_class(questions: list[dict]):
    """A FlaskForm with the settings and, per question, include / position / points fields."""

    class QuizForm(FlaskForm):
        title = StringField("Quiz title", validators=[DataRequired(message="Give the quiz a title."),
                                                      Length(max=200, message="Use at most 200 characters.")])
        shuffle_choices = BooleanField("Shuffle the choices for each student")
        show_article = BooleanField("Show the article beside the questions")
        feedback_timing = SelectField("Show feedback", choices=FEEDBACK_CHOICES, default="after_close")
        attempts_allowed = WholeNumberField("Attempts allowed", default=1, validators=[
            InputRequired(message="Give the number of attempts, from 1 to 10."),
            NumberRange(1, 10, message="Give the number of attempts, from 1 to 10.")])
        counted_attempt = SelectField("Attempt that counts", choices=COUNTED_CHOICES, default="first")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.question_errors: list[str] = []      # about the question list as a whole

        @property
        def errors(self):
            errors = super().errors
            return {**errors, "questions": self.question_errors} if self.question_errors else errors

        def selected(self) -> list[tuple[int, int, int]]:
            items = []
            for q in questions:
                if self[f"include_{q['id']}"].data:
                    items.append((q["id"], self[f"position_{q['id']}"].data or 1000,
                                  self[f"points_{q['id']}"].data or 1))
            items.sort(key=lambda t: (t[1], t[0]))
            return [(qid, n, pts) for n, (qid, _, pts) in enumerate(items, 1)]

        def validate(self, extra_validators=None) -> bool:
            ok = super().validate(extra_validators)
            if ok and not self.selected():
                self.question_errors.append("Choose at least one question.")   # shown with the question list
                ok = False
            if ok and self.feedback_timing.data == "immediate" and self.counted_attempt.data != "first" \
                    and (self.attempts_allowed.data or 1) > 1:
                self.counted_attempt.errors.append(
                    "With feedback after each attempt, a retake is made knowing the answers: count the "
                    "first attempt, or show feedback after the last attempt or when the assignment closes.")
                ok = False
            return ok

    for q in questions:
        setattr(QuizForm, f"include_{q['id']}", BooleanField("Include"))
        setattr(QuizForm, f"position_{q['id']}", WholeNumberField(
            "Order", validators=[Optional(), NumberRange(1, 1000, message="Give the order as a whole number from 1 to 1,000.")]))
        setattr(QuizForm, f"points_{q['id']}", WholeNumberField(
            "Points", default=1, validators=[Optional(), NumberRange(1, 100, message="Give the points as a whole number from 1 to 100.")]))
    return QuizForm


def parse_roster(text: str, csv_bytes: bytes | None) -> list[tuple[str, str]]:
    """Pasted names (one a line, optionally "name, student id") and/or a CSV of name and id."""
    rows: list[tuple[str, str]] = []
    sources = [text or ""]
    if csv_bytes:
        sources.append(csv_bytes.decode("utf-8-sig", errors="replace"))
    for source in sources:
        for rec in csv.reader(io.StringIO(source, newline=None)):     # a lone CR is a line break too
            rec = [c.strip() for c in rec]
            if not rec or not rec[0]:
                continue
            if rec[0].casefold() in ("name", "student", "student name"):
                continue  # a header row
            rows.append((" ".join(rec[0].split())[:100], (rec[1] if len(rec) > 1 else "")[:100]))
    return rows


class AssignForm(FlaskForm):
    class_name = StringField("Class name", validators=[DataRequired(message="Give the class a name, like 9B History."),
                                                       Length(max=100, message="Use at most 100 characters.")])
    opens_at = LocalTimeField("Opens at", format="%Y-%m-%dT%H:%M", validators=[Optional()])
    closes_at = LocalTimeField("Closes at (optional)", format="%Y-%m-%dT%H:%M", validators=[Optional()])
    roster = TextAreaField("Roster (optional): one student a line, \"name, student id\"",
                           validators=[Optional(), Length(max=50_000, message="Use at most 50,000 characters.")])
    roster_file = FileField("Or upload a roster CSV (name, student id)", validators=[
        FileAllowed(["csv", "txt"], "Upload a .csv file.")])

    def validate_closes_at(self, field):
        if field.data and field.data <= (self.opens_at.data or datetime.now()):
            raise ValidationError("The closing time must be after the opening time.")


class ReopenForm(FlaskForm):
    """Reopen a closed assignment: the new closing time, in the future, or none."""
    closes_at = LocalTimeField("New closing time (optional)", format="%Y-%m-%dT%H:%M", validators=[Optional()])

    def validate_closes_at(self, field):
        if field.data and field.data <= datetime.now():
            raise ValidationError("Choose a closing time in the future, or leave it empty to close it by hand.")


class JoinForm(FlaskForm):
    code = StringField("Join code", validators=[DataRequired(), Length(max=20)])


class NameForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=100)])
    resume_code = StringField("Resume code (only if you started on another device)",
                              validators=[Optional(), Length(max=20)])


def roster_name_form(names: list[str]):
    class RosterNameForm(NameForm):
        name = SelectField("Your name", choices=[SelectChoice("", "Choose your name")] + [SelectChoice(n, n) for n in names],
                           validators=[DataRequired(message="Choose your name from the list.")])
    return RosterNameForm


def finite_number(form, field):
    """Decimal parses "NaN", "sNaN" and "Infinity"; none of them is a number of points."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation("Give the points as a number.")


class GradeForm(FlaskForm):
    answer_id = HiddenField()
    points = DecimalField("Points", places=None, validators=[
        InputRequired(message="Give the points as a number."), finite_number,
        NumberRange(0, 100, message="Give the points as a number from 0 to %(max)s.")])
    comment = TextAreaField("Comment", validators=[Optional(), Length(max=2000, message="Use at most 2,000 characters.")])


class QuizAnswersForm(FlaskForm):
    """The student's quiz page: the answers are read by scoring.parse_form; this carries CSRF."""




class ArticleTitleForm(FlaskForm):
    """The article's title, edited on its page (issue 10)."""
    title = StringField("Title", validators=[DataRequired(message="Give the article a title."),
                                             Length(max=200, message="Use at most 200 characters.")])
