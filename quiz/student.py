"""Students: join with a code and a name (no account), answer (autosaved), submit, see feedback.

The attempt's token is the URL; the signed session cookie must hold the same token, so only the
browser that started an attempt (or one given its resume code) reaches it.
"""
from __future__ import annotations

import hmac
import secrets
import sqlite3
import time

from flask import (Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request,
                   session, url_for)

from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms.validators import ValidationError

from . import csrf, markup, scoring, storage
from .db import get_db
from .export import response_text
from .forms import ActionForm, JoinForm, NameForm, QuizAnswersForm, roster_name_form

bp = Blueprint("student", __name__)
MAX_TOKENS = 20


# ------------------------------------------------------------------ helpers

def _client_ip() -> str:
    return request.remote_addr or "unknown"


def check_throttle() -> None:
    """429 once this client has given too many wrong codes within the window."""
    cfg = current_app.config
    since = time.time() - cfg["JOIN_WINDOW_SECONDS"]
    if storage.count_join_failures(get_db(), _client_ip(), since) >= cfg["JOIN_MAX_FAILURES"]:
        abort(429, "Too many wrong join codes from this network. Wait 10 minutes, then try again, "
                   "or ask your teacher to check the code.")


def record_failure() -> None:
    now = time.time()
    db = get_db()
    storage.record_join_failure(db, _client_ip(), now)
    storage.prune_join_failures(db, now - 24 * 3600)


def remember(attempt: dict) -> None:
    tokens = [t for t in session.get("tokens", []) if t != attempt["token"]]
    session["tokens"] = (tokens + [attempt["token"]])[-MAX_TOKENS:]
    current = dict(session.get("current", {}))
    current[str(attempt["assignment_id"])] = attempt["token"]
    session["current"] = current
    session.permanent = True


def load_attempt(token: str):
    """(attempt, assignment) for a token this browser holds; otherwise an 'expired session' 403."""
    if token not in session.get("tokens", []):
        abort(403, "Your session has expired, or this quiz was started in another browser. "
                   "Join again with the code and your name, and enter your resume code.")
    try:
        return storage.attempt_and_assignment(get_db(), token)
    except storage.NotFoundError:
        abort(404)


_frozen: dict[tuple[str, int], list[dict]] = {}
FROZEN_CACHE_SIZE = 256


def frozen_questions(assignment_id: int) -> list[dict]:
    """An assignment's questions, read once per process: they are frozen when it is assigned
    (issue #3), and decoding them was most of an autosave's work."""
    key = (current_app.config["DATABASE"], assignment_id)
    if key not in _frozen:
        if len(_frozen) >= FROZEN_CACHE_SIZE:
            _frozen.pop(next(iter(_frozen)))
        _frozen[key] = storage.assigned_questions(get_db(), assignment_id)
    return _frozen[key]


def feedback_ready(assignment: dict) -> bool:
    return (assignment["feedback_timing"] == "immediate"
            or storage.assignment_state(assignment) == "closed")


def public_questions(questions: list[dict], attempt: dict) -> list[dict]:
    """What the quiz page may show before feedback: never the answer, key, explanation or evidence."""
    out = []
    for n, q in enumerate(questions, 1):
        order = attempt["choice_orders"].get(str(q["id"]), list(range(len(q["choices"]))))
        out.append({"id": q["id"], "number": n, "kind": q["kind"], "prompt": q["prompt"],
                    "points": q["points"], "choices": [(i, q["choices"][i]) for i in order]})
    return out


def closed_message(assignment: dict, state: str) -> str:
    if state == "upcoming":
        return f"This quiz opens at {assignment['opens_at'].replace('T', ' ')[:16]}."
    return "This quiz is closed: answers can no longer be changed."


def _article_paragraphs(assignment: dict, marks=()):
    article = storage.get_article_for_assignment(get_db(), assignment)
    start, end = markup.body_range(article, marks)
    return article, markup.render(article["text"], start, end, marks)


# ------------------------------------------------------------------ joining

@bp.route("/", methods=("GET", "POST"))
def join():
    form = JoinForm()
    if form.validate_on_submit():
        check_throttle()
        try:
            assignment = storage.get_assignment_by_code(get_db(), form.code.data)
        except storage.NotFoundError:
            record_failure()
            form.code.errors.append("No quiz has that code. Check it with your teacher and try again.")
        else:
            return redirect(url_for("student.join_name", code=assignment["join_code"]))
    return render_template("student/join.html", form=form)


@bp.route("/join/<code>", methods=("GET", "POST"))
def join_name(code):
    check_throttle()
    db = get_db()
    try:
        assignment = storage.get_assignment_by_code(db, code)
    except storage.NotFoundError:
        record_failure()
        flash("No quiz has that code. Check it with your teacher and try again.")
        return redirect(url_for("student.join"))
    state = storage.assignment_state(assignment)
    token = session.get("current", {}).get(str(assignment["id"]))
    if token and token in session.get("tokens", []):
        return redirect(url_for("student.attempt", token=token))     # the same browser resumes
    roster = storage.get_roster(db, assignment["id"])
    form = roster_name_form([r["name"] for r in roster])() if roster else NameForm()
    if state != "open":
        return render_template("student/closed.html", assignment=assignment,
                               message=closed_message(assignment, state)), 403
    if form.validate_on_submit():
        name = " ".join(form.name.data.split())
        previous = storage.attempts_for_name(db, assignment["id"], name)
        resume = storage.normalize_code(form.resume_code.data or "")
        if previous and resume and resume == previous[-1]["resume_code"]:
            remember(previous[-1])
            flash("Welcome back: your answers so far are below.")
            return redirect(url_for("student.attempt", token=previous[-1]["token"]))
        if previous:
            form.name.errors.append(
                "This name is already taken in this class. If you started on another device, enter "
                "your resume code; otherwise add your last name or initial." if not resume else
                "That resume code does not match. Ask your teacher for help.")
        else:
            ref = next((r["student_ref"] for r in roster if r["name"] == name), "")
            attempt = _start(db, assignment, name, ref)
            if attempt is None:
                form.name.errors.append("This name is already taken in this class.")
            else:
                return redirect(url_for("student.attempt", token=attempt["token"]))
    return render_template("student/name.html", form=form, assignment=assignment, roster=roster)


def _start(db, assignment, name, ref):
    questions = storage.assigned_questions(db, assignment["id"])
    orders = scoring.choice_orders(questions, bool(assignment["shuffle_choices"]), secrets.token_hex(8))
    try:
        attempt = storage.start_attempt(db, assignment["id"], name, ref, orders)
    except sqlite3.IntegrityError:  # two students racing for one name: the unique index decides
        return None
    remember(attempt)
    return attempt


# ------------------------------------------------------------------ answering

@bp.route("/attempt/<token>", methods=("GET", "POST"))
def attempt(token):
    attempt, assignment = load_attempt(token)
    db = get_db()
    if attempt["submitted_at"]:
        return redirect(url_for("student.feedback", token=token))
    state = storage.assignment_state(assignment)
    questions = storage.assigned_questions(db, assignment["id"])
    form = QuizAnswersForm()
    if request.method == "POST" and form.validate_on_submit():    # the no-JavaScript path
        if state != "open":
            flash(closed_message(assignment, state))
        else:
            storage.save_answers(db, attempt["id"], scoring.parse_form(questions, request.form))
            if request.form.get("action") == "submit":
                return redirect(url_for("student.submit", token=token))
            flash("Your answers are saved.")
        return redirect(url_for("student.attempt", token=token))
    elif request.method == "POST":
        abort(400)
    article, paragraphs = _article_paragraphs(assignment) if assignment["show_article"] else (None, [])
    return render_template("student/quiz.html", attempt=attempt, assignment=assignment, state=state,
                           questions=public_questions(questions, attempt), form=form,
                           saved=storage.saved_responses(db, attempt["id"]),
                           article=article, paragraphs=paragraphs,
                           message=None if state == "open" else closed_message(assignment, state))


_checked_tokens: dict[str, str] = {}     # signed CSRF token -> the session secret it carries
CHECKED_TOKENS_MAX = 20000


def check_save_token() -> None:
    """flask-wtf's CSRF check for the autosave, done once per token rather than on every save.

    The signature of a token never changes, so it is verified once (by flask-wtf itself); each
    later save only compares the secret it carries with this session's, in constant time.
    """
    signed = request.headers.get("X-CSRFToken", "")
    secret = _checked_tokens.get(signed)
    if secret is None:
        try:
            validate_csrf(signed)
        except ValidationError as e:
            raise CSRFError(e.args[0]) from None
        if len(_checked_tokens) >= CHECKED_TOKENS_MAX:
            _checked_tokens.clear()
        secret = _checked_tokens[signed] = session[current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")]
    elif not hmac.compare_digest(secret, session.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), "")):
        raise CSRFError("The CSRF tokens do not match.")


@bp.route("/attempt/<token>/answers", methods=("POST",))
@csrf.exempt      # checked by check_save_token, with the same token and the same rule
def save(token):
    """JSON autosave: {"answers": {"<question id>": response}} -> {"saved": n, "saved_at": ...}."""
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        check_save_token()
    attempt, assignment = load_attempt(token)
    try:
        payload = request.get_json(silent=True)
    except RecursionError:      # JSON nested thousands deep: json.loads gives up with this, not ValueError
        payload = None
    if not isinstance(payload, dict) or not isinstance(payload.get("answers"), dict):
        return jsonify(error='Send {"answers": {"<question id>": response}}.'), 400
    state = storage.assignment_state(assignment)
    if state != "open":
        return jsonify(error=closed_message(assignment, state)), 403
    responses = scoring.parse_json(frozen_questions(assignment["id"]), payload["answers"])
    try:
        stamp = storage.save_answers(get_db(), attempt["id"], responses)
    except storage.ConflictError:
        return jsonify(error="You have already submitted this quiz; your submission stands."), 409
    return jsonify(saved=len(responses), saved_at=stamp)


@bp.route("/attempt/<token>/submit", methods=("GET", "POST"))
def submit(token):
    attempt, assignment = load_attempt(token)
    db = get_db()
    if attempt["submitted_at"]:
        flash("You have already submitted this quiz. Your first submission stands.")
        return redirect(url_for("student.feedback", token=token))
    questions = storage.assigned_questions(db, assignment["id"])
    saved = storage.saved_responses(db, attempt["id"])
    form = ActionForm()
    state = storage.assignment_state(assignment)
    if form.validate_on_submit():
        if state != "open":
            flash(closed_message(assignment, state))
            return redirect(url_for("student.attempt", token=token))
        result = scoring.score_attempt(questions, saved)
        if not storage.submit_attempt(db, attempt["id"], result["scored"], result["score"], result["max_score"]):
            flash("You have already submitted this quiz. Your first submission stands.")
        return redirect(url_for("student.feedback", token=token))
    answered = sum(1 for q in questions if saved.get(q["id"]) is not None)
    return render_template("student/confirm.html", form=form, attempt=attempt, assignment=assignment,
                           answered=answered, total=len(questions))


@bp.route("/attempt/<token>/feedback")
def feedback(token):
    attempt, assignment = load_attempt(token)
    db = get_db()
    if not attempt["submitted_at"]:
        return redirect(url_for("student.attempt", token=token))
    used = len(storage.attempts_for_name(db, assignment["id"], attempt["student_name"]))
    can_retake = (used < assignment["attempts_allowed"] and storage.assignment_state(assignment) == "open"
                  and attempt["number"] == used)
    if not feedback_ready(assignment):
        return render_template("student/submitted.html", attempt=attempt, assignment=assignment,
                               can_retake=can_retake, action=ActionForm())
    questions = storage.assigned_questions(db, assignment["id"])
    numbers = {q["id"]: n for n, q in enumerate(questions, 1)}
    answers = storage.attempt_answers(db, attempt["id"])
    rows = []
    for q in questions:
        a = answers.get(q["id"], {})
        right = (q["choices"][q["answer"]] if q["kind"] in ("mc", "tf") else
                 " > ".join(q["choices"][i] for i in q["answer"]) if q["kind"] == "order" else q["key"])
        rows.append({"q": q, "number": numbers[q["id"]], "response": response_text(q, a.get("response")),
                     "correct": a.get("is_correct"), "points": a.get("points_awarded"),
                     "comment": a.get("comment", ""), "right": right,
                     "has_evidence": q["evidence_start"] is not None and bool(q["evidence_text"])})
    marks = markup.evidence_marks(questions, numbers)
    article, paragraphs = _article_paragraphs(assignment, marks)
    return render_template("student/feedback.html", attempt=attempt, assignment=assignment, rows=rows,
                           article=article, paragraphs=paragraphs, can_retake=can_retake,
                           action=ActionForm(), percent=scoring.percent(attempt["score"], attempt["max_score"]))


@bp.route("/attempt/<token>/retake", methods=("POST",))
def retake(token):
    attempt, assignment = load_attempt(token)
    db = get_db()
    used = len(storage.attempts_for_name(db, assignment["id"], attempt["student_name"]))
    if not ActionForm().validate_on_submit():
        abort(400)
    if not attempt["submitted_at"] or used >= assignment["attempts_allowed"] \
            or storage.assignment_state(assignment) != "open":
        flash("No more attempts are allowed for this quiz.")
        return redirect(url_for("student.feedback", token=token))
    new = _start(db, assignment, attempt["student_name"], attempt["student_ref"])
    if new is None:
        abort(409)
    return redirect(url_for("student.attempt", token=new["token"]))
