"""Results, grading of open responses, and CSV exports for one assignment."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, url_for

from . import export, scoring, storage
from .auth import login_required
from .db import get_db
from .forms import GradeForm
from .quizzes import get_assignment_or_404

bp = Blueprint("results", __name__)


def _counted(db, assignment_id):
    """The counted attempts (one a student) and their answers."""
    attempts = storage.counted_attempts(db, assignment_id)      # the rule the assignment chose (issue 8)
    ids = {a["id"] for a in attempts}
    answers = [a for a in storage.answers_for_assignment(db, assignment_id) if a["attempt_id"] in ids]
    return attempts, answers


@bp.route("/assignments/<int:assignment_id>/results")
@login_required
def show(assignment_id):
    assignment = get_assignment_or_404(assignment_id)
    db = get_db()
    questions = storage.assigned_questions(db, assignment_id)
    attempts, answers = _counted(db, assignment_id)
    grid: dict[int, dict[int, dict]] = {}
    for a in answers:
        grid.setdefault(a["attempt_id"], {})[a["assigned_question_id"]] = a
    submitted = [a for a in answers if a["submitted_at"]]
    return render_template("results/show.html", assignment=assignment, questions=questions,
                           attempts=attempts, grid=grid,
                           qstats=scoring.question_stats(questions, submitted),
                           sstats=scoring.skill_stats(questions, submitted), percent=scoring.percent,
                           pending=sum(1 for a in submitted if a["is_correct"] is None))


@bp.route("/assignments/<int:assignment_id>/grading")
@login_required
def grading(assignment_id):
    return _grading_page(get_assignment_or_404(assignment_id))


def _grading_page(assignment, refused: GradeForm | None = None, refused_id: int | None = None):
    """The grading page; `refused` is a posted grade form with errors, shown in its answer's place."""
    db = get_db()
    questions = [q for q in storage.assigned_questions(db, assignment["id"]) if q["kind"] == "open"]
    answers = [a for a in storage.answers_for_assignment(db, assignment["id"]) if a["submitted_at"]]
    per_question = []
    for q in questions:
        rows = []
        for a in answers:
            if a["assigned_question_id"] == q["id"]:
                form = refused if a["id"] == refused_id else GradeForm(
                    prefix=f"a{a['id']}", formdata=None, answer_id=a["id"],
                    points=a["points_awarded"], comment=a["comment"])
                rows.append((a, form))
        per_question.append((q, rows))
    shown = any(form is refused for _, rows in per_question for _, form in rows)
    unshown_errors = [e for errors in refused.errors.values() for e in errors] \
        if refused is not None and not shown else []         # an answer this page does not list
    return render_template("results/grading.html", assignment=assignment, per_question=per_question,
                           unshown_errors=unshown_errors)


@bp.route("/answers/<int:answer_id>/grade", methods=("POST",))
@login_required
def grade(answer_id):
    db = get_db()
    form = GradeForm(prefix=f"a{answer_id}")
    try:
        assignment_id = storage.assignment_of_answer(db, g.teacher["id"], answer_id)     # 404 unless it is this teacher's
    except storage.NotFoundError:
        abort(404)
    if not form.validate_on_submit():
        # the page again with this answer's problem beside its field: a 422 (quiz.create_app)
        return _grading_page(get_assignment_or_404(assignment_id), form, answer_id)
    storage.grade_answer(db, g.teacher["id"], answer_id, float(form.points.data), form.comment.data or "")
    flash("Grade saved; the student's score is updated.")
    return redirect(url_for("results.grading", assignment_id=assignment_id) + f"#answer-{answer_id}")


def _csv(data: bytes, name: str) -> Response:
    return Response(data, mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/assignments/<int:assignment_id>/scores.csv")
@login_required
def scores_csv(assignment_id):
    assignment = get_assignment_or_404(assignment_id)
    db = get_db()
    attempts, answers = _counted(db, assignment_id)
    return _csv(export.scores_csv(storage.assigned_questions(db, assignment_id), attempts, answers),
                f"scores-{assignment['join_code']}.csv")


@bp.route("/assignments/<int:assignment_id>/responses.csv")
@login_required
def responses_csv(assignment_id):
    assignment = get_assignment_or_404(assignment_id)
    db = get_db()
    return _csv(export.responses_csv(storage.assigned_questions(db, assignment_id),
                                     storage.answers_for_assignment(db, assignment_id)),
                f"responses-{assignment['join_code']}.csv")
