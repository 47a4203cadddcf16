"""Quizzes (questions, order, points, settings) and their assignments to a class."""
from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from . import storage
from .articles import get_article_or_404
from .auth import login_required
from .db import get_db
from .forms import (COUNTED_HELP, FEEDBACK_HELP, ActionForm, AssignForm, ReopenForm, parse_roster,
                    quiz_form_class)

bp = Blueprint("quizzes", __name__)
DEFAULT_SIZE = 10


def balanced_default(questions: list[dict], size: int = DEFAULT_SIZE) -> list[int]:
    """About `size` approved questions, taken in turn from each skill."""
    by_skill: dict[str, list[dict]] = {}
    for q in questions:
        by_skill.setdefault(q["skill"], []).append(q)
    picked: list[int] = []
    while len(picked) < size and any(by_skill.values()):
        for skill in list(by_skill):
            if by_skill[skill] and len(picked) < size:
                picked.append(by_skill[skill].pop(0)["id"])
    order = {q["id"]: i for i, q in enumerate(questions)}
    return sorted(picked, key=order.get)


def get_quiz_or_404(quiz_id: int) -> dict:
    try:
        return storage.get_quiz(get_db(), g.teacher["id"], quiz_id)
    except storage.NotFoundError:
        abort(404)


def get_assignment_or_404(assignment_id: int) -> dict:
    try:
        return storage.get_assignment(get_db(), g.teacher["id"], assignment_id)
    except storage.NotFoundError:
        abort(404)


def _settings(form) -> dict:
    return {"shuffle_choices": form.shuffle_choices.data, "show_article": form.show_article.data,
            "feedback_timing": form.feedback_timing.data, "attempts_allowed": form.attempts_allowed.data,
            "counted_attempt": form.counted_attempt.data}


FEEDBACK_WORDS = {"immediate": "after each attempt", "after_last": "after the student's last allowed attempt",
                  "after_close": "after the assignment closes"}


def group_code(code: str, size: int = 5) -> str:
    """A code as shown to people: "ACDEF-HJKMN" (the dash is optional when typing it)."""
    return "-".join(code[i:i + size] for i in range(0, len(code), size))


def _fill(form, questions, chosen: dict[int, tuple[int, int]]) -> None:
    for q in questions:
        form[f"include_{q['id']}"].data = q["id"] in chosen
        position, points = chosen.get(q["id"], (None, 1))
        form[f"position_{q['id']}"].data = position
        form[f"points_{q['id']}"].data = points


@bp.route("/articles/<int:article_id>/quizzes/new", methods=("GET", "POST"))
@login_required
def new(article_id):
    article = get_article_or_404(article_id)
    approved = storage.list_questions(get_db(), g.teacher["id"], article_id, status="approved")
    if not approved:       # nothing to build from: the bank is where questions get approved
        n = len(storage.list_questions(get_db(), g.teacher["id"], article_id))
        flash("A quiz is built from approved questions, and this article has none yet. "
              + (f"Review its {n} question{'' if n == 1 else 's'} here and approve the ones you want, "
                 "then build the quiz." if n else "Write a question here first, then build the quiz."))
        return redirect(url_for("bank.index", article_id=article_id))
    form = quiz_form_class(approved)()
    if request.method == "GET":
        form.title.data = article["title"][:200]
        form.shuffle_choices.data = form.show_article.data = True
        picked = balanced_default(approved)
        _fill(form, approved, {qid: (n, 1) for n, qid in enumerate(picked, 1)})
    if form.validate_on_submit():
        quiz_id = storage.create_quiz(get_db(), g.teacher["id"], article_id, form.title.data.strip(),
                                      _settings(form), form.selected())
        flash("Quiz saved. Assign it to a class when you are ready.")
        return redirect(url_for("quizzes.show", quiz_id=quiz_id))
    return render_template("quizzes/edit.html", form=form, article=article, questions=approved, quiz=None,
                           feedback_help=FEEDBACK_HELP, counted_help=COUNTED_HELP)


@bp.route("/quizzes/<int:quiz_id>", methods=("GET", "POST"))
@login_required
def show(quiz_id):
    quiz = get_quiz_or_404(quiz_id)
    article = get_article_or_404(quiz["article_id"])
    db = get_db()
    items = storage.quiz_items(db, quiz_id)
    approved = storage.list_questions(db, g.teacher["id"], quiz["article_id"], status="approved")
    ids = {q["id"] for q in approved}
    approved += [q for q in items if q["id"] not in ids]   # keep chosen questions even if un-approved
    form = quiz_form_class(approved)()
    if request.method == "GET":
        form.title.data = quiz["title"]
        form.shuffle_choices.data, form.show_article.data = bool(quiz["shuffle_choices"]), bool(quiz["show_article"])
        form.feedback_timing.data, form.attempts_allowed.data = quiz["feedback_timing"], quiz["attempts_allowed"]
        form.counted_attempt.data = quiz["counted_attempt"]
        _fill(form, approved, {q["id"]: (q["position"], q["points"]) for q in items})
    if form.validate_on_submit():
        storage.update_quiz(db, g.teacher["id"], quiz_id, form.title.data.strip(), _settings(form),
                            form.selected())
        flash("Quiz saved. Classes already assigned keep the questions they were given.")
        return redirect(url_for("quizzes.show", quiz_id=quiz_id))
    return render_template("quizzes/edit.html", form=form, article=article, questions=approved, quiz=quiz,
                           feedback_help=FEEDBACK_HELP, counted_help=COUNTED_HELP,
                           items=items, assignments=storage.list_assignments(db, g.teacher["id"], quiz_id))


@bp.route("/quizzes/<int:quiz_id>/assign", methods=("GET", "POST"))
@login_required
def assign(quiz_id):
    quiz = get_quiz_or_404(quiz_id)
    form = AssignForm()
    if request.method == "GET":
        form.opens_at.data = datetime.now().replace(second=0, microsecond=0)
    if form.validate_on_submit():
        roster = parse_roster(form.roster.data,
                              form.roster_file.data.read() if form.roster_file.data else None)
        opens = (form.opens_at.data or datetime.now()).isoformat(timespec="seconds")
        closes = form.closes_at.data.isoformat(timespec="seconds") if form.closes_at.data else None
        try:
            assignment_id = storage.create_assignment(get_db(), g.teacher["id"], quiz_id,
                                                      form.class_name.data.strip(), opens, closes, roster)
        except storage.ConflictError as e:
            form.class_name.errors.append(str(e))
        else:
            flash("Assigned. Give your class the join code.")
            return redirect(url_for("quizzes.assignment", assignment_id=assignment_id))
    return render_template("quizzes/assign.html", form=form, quiz=quiz)


@bp.route("/assignments/<int:assignment_id>")
@login_required
def assignment(assignment_id):
    return _assignment_page(get_assignment_or_404(assignment_id))


def _assignment_page(a: dict, reopen_form=None):
    db = get_db()
    return render_template("quizzes/assignment.html", assignment=a, state=storage.assignment_state(a),
                           code=group_code(a["join_code"]), feedback=FEEDBACK_WORDS.get(a["feedback_timing"], ""),
                           roster=storage.get_roster(db, a["id"]),
                           questions=storage.assigned_questions(db, a["id"]), action=ActionForm(),
                           counts=storage.assignment_counts(db, g.teacher["id"]).get(a["id"], {}),
                           reopen_form=reopen_form or ReopenForm(formdata=None))


STATE_WORDS = {"upcoming": "scheduled", "open": "open", "closed": "closed"}


@bp.app_template_global("assignment_state_word")
def assignment_state_word(assignment: dict) -> str:
    """scheduled, open or closed, as the teacher's pages say it."""
    return STATE_WORDS[storage.assignment_state(assignment)]


@bp.app_template_global("assignment_counts")
def assignment_counts() -> dict[int, dict]:
    """For the dashboard: {assignment id: {n_joined, n_students_submitted, n_to_grade}}."""
    return storage.assignment_counts(get_db(), g.teacher["id"])


@bp.route("/assignments/<int:assignment_id>/close", methods=("GET", "POST"))
@login_required
def close(assignment_id):
    """GET: "Close now?" with what it does (the confirmation, no script needed); POST: close."""
    a = get_assignment_or_404(assignment_id)
    if request.method == "GET":
        if storage.assignment_state(a) == "closed":
            return redirect(url_for("quizzes.assignment", assignment_id=assignment_id))
        n = storage.assignment_counts(get_db(), g.teacher["id"]).get(assignment_id, {})
        return render_template("quizzes/close.html", assignment=a, counts=n, action=ActionForm())
    if not ActionForm().validate_on_submit():
        abort(400)
    storage.close_assignment(get_db(), g.teacher["id"], assignment_id)
    flash("The assignment is closed: students can no longer answer. You can reopen it.")
    return redirect(url_for("quizzes.assignment", assignment_id=assignment_id))


@bp.route("/assignments/<int:assignment_id>/reopen", methods=("POST",))
@login_required
def reopen(assignment_id):
    """Open a closed assignment again, with a new closing time (or none: until closed by hand)."""
    a = get_assignment_or_404(assignment_id)
    form = ReopenForm()
    if form.validate_on_submit():
        closes = form.closes_at.data.isoformat(timespec="seconds") if form.closes_at.data else None
        storage.reopen_assignment(get_db(), g.teacher["id"], assignment_id, closes)
        flash("The assignment is open again" + (f" until {closes.replace('T', ' ')[:16]}." if closes
                                                 else ": it stays open until you close it."))
        return redirect(url_for("quizzes.assignment", assignment_id=assignment_id))
    return _assignment_page(a, form)
