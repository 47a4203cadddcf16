"""Students: join with a code and a name (no account), answer (autosaved), submit, see feedback.

The attempt's token is the URL; the signed session cookie must hold the same token, so only the
browser that started an attempt (or one given its resume code) reaches it. A browser holds one
student at a time, and not for long (issue 8): until the assignment closes, at most
STUDENT_SESSION_SECONDS (4 hours); "Sign out" ends it at once, and a new join in a browser that
holds someone else asks who is there. Wrong join and resume codes are throttled per address
(a token bucket); the right code always gets in.
"""
from __future__ import annotations

import hmac
import secrets
import sqlite3
import time
from datetime import datetime, timedelta

from flask import (Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request,
                   session, url_for)

from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms.validators import ValidationError

from . import csrf, markup, names, scoring, storage
from .db import get_db
from .export import response_text
from .forms import ActionForm, JoinForm, NameForm, QuizAnswersForm, roster_name_form

bp = Blueprint("student", __name__)
MAX_HELD = 20                              # attempts one browser holds at most
STUDENT_SESSION_SECONDS = 4 * 3600         # a double lesson and a margin; config key of the same name
FEEDBACK_VISIT_SECONDS = 3600              # back after the close with the resume code, to read feedback
RESUME_MAX_FAILURES = 10                   # wrong resume codes per address (bucket size); config key too


@bp.record_once
def _config_defaults(state) -> None:
    """This blueprint's settings (instance/config.py or the test config may set them)."""
    state.app.config.setdefault("STUDENT_SESSION_SECONDS", STUDENT_SESSION_SECONDS)
    state.app.config.setdefault("RESUME_MAX_FAILURES", RESUME_MAX_FAILURES)
SESSION_KEYS = ("student", "attempts", "current", "tokens")

EXPIRED = ("Your session has expired, or this quiz was started in another browser. "
           "Join again with the code and your name, and enter your resume code.")
CLOSED_SIGNED_OUT = ("This quiz is closed, and this browser is signed out of it. To see your feedback, "
                     "join with the code, your name and your resume code.")
WRONG_CODE = "No quiz has that code. Check it with your teacher and try again."


# ------------------------------------------------------------------ helpers

def _client_ip() -> str:
    return request.remote_addr or "unknown"


def wrong_code(kind: str) -> None:
    """Count a wrong join ("join") or resume ("resume") code against this address: a token bucket
    of JOIN_MAX_FAILURES (RESUME_MAX_FAILURES) that refills in JOIN_WINDOW_SECONDS. 429 when it is
    empty. Only wrong codes take tokens: a right code is never refused (README, "Security")."""
    cfg = current_app.config
    capacity = float(cfg["JOIN_MAX_FAILURES"] if kind == "join" else cfg["RESUME_MAX_FAILURES"])
    window = float(cfg["JOIN_WINDOW_SECONDS"]) or 1.0
    now = time.time()
    db = get_db()
    ok = storage.take_throttle_token(db, f"{kind}:{_client_ip()}", capacity, capacity / window, now)
    storage.prune_throttle_buckets(db, now - window)
    if not ok:
        if kind == "join":
            abort(429, "Too many wrong join codes from this network. Check the code with your teacher: "
                       "the right code still works, and wrong ones are refused for a minute or two.")
        abort(429, "Too many wrong resume codes from this network. Check the code on your other device, "
                   "or ask your teacher for help; the right code still works.")


def _plus(iso: str, seconds: float) -> str:
    return (datetime.fromisoformat(iso) + timedelta(seconds=seconds)).isoformat(timespec="seconds")


def sign_out() -> None:
    """Forget the student of this browser (a teacher's log-in and the CSRF token stay)."""
    for key in SESSION_KEYS:
        session.pop(key, None)


def held() -> dict[str, dict]:
    """The attempts this browser holds that have not expired: {token: {"a": assignment id,
    "at": when granted, "until": when it ends}}. Expired ones are dropped; with the last, the student."""
    grants = session.get("attempts")
    if grants is None and session.get("tokens"):          # a cookie from before issue 8
        now = storage.now_iso()
        until = _plus(now, current_app.config["STUDENT_SESSION_SECONDS"])
        grants = {t: {"a": None, "at": now, "until": until, "open": True} for t in session["tokens"]}
        session.pop("tokens")
        session["attempts"] = grants
    if not grants:
        return {}
    now = storage.now_iso()
    live = {t: g for t, g in grants.items() if g["until"] > now}
    if len(live) != len(grants):
        if live:
            session["attempts"] = live
            session["current"] = {a: t for a, t in session.get("current", {}).items() if t in live}
        else:
            sign_out()
    return live


def signed_in() -> dict | None:
    """{"name", "key"} of the student this browser holds, or None."""
    return session.get("student") if held() else None


def held_token(assignment: dict) -> str | None:
    token = session.get("current", {}).get(str(assignment["id"]))
    return token if token in held() else None


def grant(attempt: dict, assignment: dict) -> None:
    """Hold `attempt` in this browser until the assignment closes, and at most STUDENT_SESSION_SECONDS;
    back after the close (to read feedback): FEEDBACK_VISIT_SECONDS. Never two students at once."""
    now = storage.now_iso()
    longest = current_app.config["STUDENT_SESSION_SECONDS"]
    state = storage.assignment_state(assignment)
    until = _plus(now, min(longest, FEEDBACK_VISIT_SECONDS) if state == "closed" else longest)
    if state != "closed" and assignment["closes_at"]:
        until = min(until, assignment["closes_at"])
    key = storage.name_key(attempt["student_name"])
    student = session.get("student")
    if student and student.get("key") != key:
        sign_out()
    grants = dict(held())
    grants.pop(attempt["token"], None)
    grants[attempt["token"]] = {"a": assignment["id"], "at": now, "until": until, "open": state != "closed"}
    while len(grants) > MAX_HELD:
        grants.pop(next(iter(grants)))
    current = {a: t for a, t in session.get("current", {}).items() if t in grants}
    current[str(assignment["id"])] = attempt["token"]
    session["student"] = {"name": attempt["student_name"], "key": key}
    session["attempts"], session["current"] = grants, current
    session.permanent = False       # a browser-session cookie: closing the browser ends it too


def load_attempt(token: str):
    """(attempt, assignment) for a token this browser holds; otherwise a 403 that says what to do.
    An attempt held while the quiz was open is let go when it closes (a teacher's "Close now" too)."""
    g = held().get(token)
    try:
        attempt, assignment = storage.attempt_and_assignment(get_db(), token)
    except storage.NotFoundError:
        abort(403 if g is None else 404, EXPIRED)
    if g is None:
        abort(403, CLOSED_SIGNED_OUT if storage.assignment_state(assignment) == "closed" else EXPIRED)
    if g.get("open") and storage.assignment_state(assignment) == "closed":   # it ends with the window
        grants = dict(held())
        grants.pop(token, None)
        session["attempts"] = grants
        if not grants:
            sign_out()
        abort(403, CLOSED_SIGNED_OUT)
    return attempt, assignment


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


_ids: dict[tuple, dict[int, list[str]]] = {}


def choice_ids(assignment_id: int, questions: list[dict]) -> dict[int, list[str]]:
    """{question id: the opaque ids of its choices} (scoring.choice_ids), computed once per process."""
    key = (current_app.config["SECRET_KEY"], current_app.config["DATABASE"], assignment_id)
    if key not in _ids:
        if len(_ids) >= FROZEN_CACHE_SIZE:
            _ids.pop(next(iter(_ids)))
        secret = current_app.config["SECRET_KEY"]
        _ids[key] = {q["id"]: scoring.choice_ids(secret, assignment_id, q) for q in questions}
    return _ids[key]


def quiz_questions(questions: list[dict], attempt: dict, states: dict[int, dict],
                   ids: dict[int, list[str]]) -> list[dict]:
    """What the quiz page shows: prompts, choices by opaque id in this attempt's order, the saved
    answer and its sync tag; never the answer, key, explanation, evidence or a stored index."""
    out = []
    for n, q in enumerate(questions, 1):
        order = attempt["choice_orders"].get(str(q["id"]), list(range(len(q["choices"]))))
        state = states.get(q["id"]) or {"response": None, "rev": 0}
        r = state["response"]
        choices = [{"cid": ids[q["id"]][i], "text": q["choices"][i],
                    "checked": q["kind"] in ("mc", "tf") and r == i,
                    "position": r[i] if q["kind"] == "order" and isinstance(r, list) and i < len(r) else None}
                   for i in order]
        out.append({"id": q["id"], "number": n, "kind": q["kind"], "prompt": q["prompt"],
                    "points": q["points"], "choices": choices, "n": len(q["choices"]),
                    "text": r if q["kind"] in ("short", "open") and isinstance(r, str) else "",
                    "tag": scoring.response_tag(state["rev"], r)})
    return out


def closed_message(assignment: dict, state: str) -> str:
    if state == "upcoming":
        return f"This quiz opens at {assignment['opens_at'].replace('T', ' ')[:16]}."
    return "This quiz is closed: answers can no longer be changed."


def _article_paragraphs(assignment: dict, marks=()):
    article = storage.get_article_for_assignment(get_db(), assignment)
    start, end = markup.body_range(article, marks)
    return article, markup.render(article["text"], start, end, marks)


def group_code(code: str, size: int) -> str:
    return "-".join(code[i:i + size] for i in range(0, len(code), size))


# ------------------------------------------------------------------ joining

@bp.route("/", methods=("GET", "POST"))
def join():
    form = JoinForm()
    if form.validate_on_submit():
        try:
            assignment = storage.get_assignment_by_code(get_db(), form.code.data)
        except storage.NotFoundError:
            wrong_code("join")
            form.code.errors.append(WRONG_CODE)
        else:
            return redirect(url_for("student.join_name", code=assignment["join_code"]))
    return render_template("student/join.html", form=form)


def enter(db, assignment: dict, state: str, typed: str, resume_typed: str, roster: list[dict]):
    """Who may come in under a name: (attempt, None, welcome message or None) or (None, field, message).

    - a browser holding another student: refused until that student signs out;
    - the same student again in this browser: their attempt;
    - a name with attempts: only with one of its resume codes (wrong ones throttled);
    - a new name, while the quiz is open: normalised (quiz.names), and not a look-alike of a name
      already in the class."""
    name = typed if roster else names.normalize(typed)
    if not name:
        return None, "name", "Type your name."
    key = storage.name_key(name)
    student = signed_in()
    if student and student["key"] != key:
        return None, "name", (f"You are signed in as {student['name']} in this browser. Continue as "
                              f"{student['name']}, or sign out and join as someone else.")
    token = held_token(assignment)
    if student and token:
        return storage.get_attempt_by_token(db, token), None, None
    previous = storage.attempts_for_name(db, assignment["id"], name)
    resume = storage.normalize_code(resume_typed or "")
    if previous and resume:
        for attempt in previous:
            if hmac.compare_digest(resume.encode(), attempt["resume_code"].encode()):
                for earlier in previous[:-1]:
                    grant(earlier, assignment)
                return previous[-1], None, "Welcome back: your answers so far are below."
        wrong_code("resume")
        return None, "resume_code", "That resume code does not match. Check it, or ask your teacher for help."
    if previous:
        return None, "name", ("This name is already taken in this class. If you started on another device, "
                              "enter your resume code; otherwise add your last name or initial.")
    if state != "open":
        return None, "name", ("This quiz is closed: only students who took it can come back, with their "
                              "name and resume code.")
    if not roster:
        shape = names.skeleton(name)
        other = next((n for n in storage.names_in_assignment(db, assignment["id"])
                      if names.skeleton(n) == shape), None)
        if other is not None:
            return None, "name", (f"“{name}” looks the same as “{other}”, a name already in this class. "
                                  f"If you are {other}, type your name as before and enter your resume "
                                  "code; otherwise add your last name or initial.")
    ref = next((r["student_ref"] for r in roster if r["name"] == name), "")
    attempt = _start(db, assignment, name, ref, grant_it=False)
    if attempt is None:
        return None, "name", "This name is already taken in this class."
    return attempt, None, None


@bp.route("/join/<code>", methods=("GET", "POST"))
def join_name(code):
    db = get_db()
    try:
        assignment = storage.get_assignment_by_code(db, code)
    except storage.NotFoundError:
        wrong_code("join")
        flash(WRONG_CODE)
        return redirect(url_for("student.join"))
    state = storage.assignment_state(assignment)
    if state == "upcoming":
        return render_template("student/closed.html", assignment=assignment, form=None,
                               message=closed_message(assignment, state)), 403
    roster = storage.get_roster(db, assignment["id"])
    form = roster_name_form([r["name"] for r in roster])() if roster else NameForm()
    student, token = signed_in(), held_token(assignment)
    if request.method == "GET" and student and token:
        return render_template("student/who.html", assignment=assignment, student=student, token=token,
                               action=ActionForm())
    if request.method == "GET" and student and not roster:
        form.name.data = student["name"]
    if form.validate_on_submit():
        attempt, field, message = enter(db, assignment, state, form.name.data, form.resume_code.data, roster)
        if attempt is not None:
            if attempt["token"] != token:
                grant(attempt, assignment)
            if message:
                flash(message)
            return redirect(url_for("student.attempt", token=attempt["token"]))
        form[field].errors.append(message)
    if state == "closed":
        return render_template("student/closed.html", assignment=assignment, form=form, student=student,
                               message=closed_message(assignment, state), action=ActionForm()), \
            (422 if request.method == "POST" else 403)
    return render_template("student/name.html", form=form, assignment=assignment, roster=roster,
                           student=student, action=ActionForm())


@bp.route("/signout", methods=("POST",))
def signout():
    """"Not you? Sign out" and "Finish and sign out": this browser forgets the student."""
    if not ActionForm().validate_on_submit():
        abort(400)
    had = bool(held())
    sign_out()
    flash("You are signed out of this browser. Your answers are saved: to come back, join with the code, "
          "your name and your resume code." if had else "You are signed out.")
    code = storage.normalize_code(request.args.get("code", ""))[:20]
    return redirect(url_for("student.join_name", code=code) if code else url_for("student.join"))


def _start(db, assignment, name, ref, grant_it=True):
    questions = storage.assigned_questions(db, assignment["id"])
    orders = scoring.choice_orders(questions, bool(assignment["shuffle_choices"]), secrets.token_hex(8))
    try:
        attempt = storage.start_attempt(db, assignment["id"], name, ref, orders)
    except sqlite3.IntegrityError:  # two students racing for one name: the unique index decides
        return None
    if grant_it:
        grant(attempt, assignment)
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
    ids = choice_ids(assignment["id"], questions)
    form = QuizAnswersForm()
    if request.method == "POST" and form.validate_on_submit():    # the no-JavaScript path, and Review and submit
        if state != "open":
            flash(closed_message(assignment, state))
        else:
            tags = {q["id"]: request.form.get(f"s{q['id']}") for q in questions}
            try:
                storage.merge_answers(db, attempt["id"], scoring.parse_form(questions, request.form, ids),
                                      form_tags=tags, now_ms=int(time.time() * 1000))
            except storage.ConflictError:
                return redirect(url_for("student.feedback", token=token))
            if request.form.get("action") == "submit":
                return redirect(url_for("student.submit", token=token))
            flash("Your answers are saved.")
        return redirect(url_for("student.attempt", token=token))
    elif request.method == "POST":
        abort(400)
    article, paragraphs = _article_paragraphs(assignment) if assignment["show_article"] else (None, [])
    states = storage.answer_states(db, attempt["id"])
    return render_template("student/quiz.html", attempt=attempt, assignment=assignment, state=state,
                           questions=quiz_questions(questions, attempt, states, ids), form=form,
                           saved=any(s["response"] is not None for s in states.values()),
                           resume=group_code(attempt["resume_code"], 5), action=ActionForm(),
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
    """JSON autosave: {"answers": {"<question id>": response}, "base": {"<id>": tag}, "edited":
    {"<id>": ms}} -> {"saved": n, "saved_at", "synced": {"<id>": tag}, "kept": {"<id>": {"response",
    "tag"}}}; an answer newer than the one sent stays, and comes back in "kept" (docs/ROUTES.md)."""
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
    questions = frozen_questions(assignment["id"])
    ids = choice_ids(assignment["id"], questions)
    responses = scoring.parse_json(questions, payload["answers"], ids)
    bases, edited = payload.get("base"), payload.get("edited")
    bases = {q: bases.get(str(q)) for q in responses} if isinstance(bases, dict) else {}
    edited = {q: edited.get(str(q)) for q in responses} if isinstance(edited, dict) else {}
    try:
        result = storage.merge_answers(get_db(), attempt["id"], responses,
                                       {q: b for q, b in bases.items() if isinstance(b, str)},
                                       {q: e for q, e in edited.items() if type(e) is int and 0 <= e < 2 ** 53})
    except storage.ConflictError:
        return jsonify(error="You have already submitted this quiz; your submission stands."), 409
    by_id = {q["id"]: q for q in questions}
    kept = {str(q): {"response": scoring.to_wire(by_id[q], r, ids[q]), "tag": tag}
            for q, (r, tag) in result["kept"].items()}
    return jsonify(saved=len(result["saved"]), saved_at=result["stamp"],
                   synced={str(q): t for q, t in result["synced"].items()}, kept=kept)


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


COUNTED_WORDS = {"first": "your first submitted attempt", "best": "your best attempt",
                 "last": "your last submitted attempt"}


@bp.route("/attempt/<token>/feedback")
def feedback(token):
    attempt, assignment = load_attempt(token)
    db = get_db()
    if not attempt["submitted_at"]:
        return redirect(url_for("student.attempt", token=token))
    state = storage.assignment_state(assignment)
    mine = storage.attempts_for_name(db, assignment["id"], attempt["student_name"])
    used = len(mine)
    can_retake = used < assignment["attempts_allowed"] and state == "open" and attempt["number"] == used
    counted = (COUNTED_WORDS.get(assignment["counted_attempt"], "") if assignment["attempts_allowed"] > 1 else "")
    common = dict(attempt=attempt, assignment=assignment, can_retake=can_retake, action=ActionForm(),
                  counted=counted, used=used, resume=group_code(attempt["resume_code"], 5))
    if not scoring.feedback_due(assignment["feedback_timing"], state, mine, assignment["attempts_allowed"]):
        return render_template("student/submitted.html", **common)
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
    return render_template("student/feedback.html", rows=rows, article=article, paragraphs=paragraphs,
                           percent=scoring.percent(attempt["score"], attempt["max_score"]), **common)


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
