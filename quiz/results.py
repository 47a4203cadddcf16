"""Results, grading of open responses, and CSV exports for one assignment."""
from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for

from . import export, scoring, storage
from .auth import login_required
from .db import get_db
from .forms import ActionForm, GradeForm
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
    qstats, sstats = scoring.question_stats(questions, submitted), scoring.skill_stats(questions, submitted)
    scoring.add_partial(questions, submitted, qstats, sstats)
    return render_template("results/show.html", assignment=assignment, questions=questions,
                           attempts=attempts, grid=grid, verdict=scoring.verdict,
                           qstats=qstats, sstats=sstats, percent=scoring.percent,
                           pending=sum(1 for a in submitted if a["is_correct"] is None))


@bp.route("/assignments/<int:assignment_id>/grading")
@login_required
def grading(assignment_id):
    return _grading_page(get_assignment_or_404(assignment_id))


def as_typed(points) -> Decimal | None:
    """Stored points as a teacher writes them: 1, not 1.0; 0.5 stays 0.5."""
    if points is None:
        return None
    value = float(points)
    return Decimal(int(value)) if value.is_integer() else Decimal(str(round(value, 2)))


def _points_word(n) -> str:
    n = as_typed(n)
    return f"{n} point{'' if n == 1 else 's'}"


def over_maximum(form: GradeForm, max_points) -> bool:
    """Refuse points above the question's maximum (they used to be saved as the maximum)."""
    if form.points.data is not None and form.points.data > Decimal(str(max_points)):
        form.points.errors = list(form.points.errors) + [
            f"At most {_points_word(max_points)} for this question: give {as_typed(max_points)} or less."]
        return True
    return False


def _grading_page(assignment, refused: dict[int, GradeForm] | None = None,
                  posted: dict[int, GradeForm] | None = None):
    """The grading page: per open question, every submitted answer in one form with one save.
    `refused` are posted grade forms (answer id -> form) with errors, `posted` the others of a
    refused save (kept as typed); both shown in their answers' places."""
    refused = refused or {}
    posted = {**(posted or {}), **refused}
    db = get_db()
    questions = [q for q in storage.assigned_questions(db, assignment["id"]) if q["kind"] == "open"]
    answers = [a for a in storage.answers_for_assignment(db, assignment["id"]) if a["submitted_at"]]
    per_question = []
    for q in questions:
        rows = []
        for a in answers:
            if a["assigned_question_id"] == q["id"]:
                form = posted.get(a["id"]) or GradeForm(
                    prefix=f"a{a['id']}", formdata=None, answer_id=a["id"],
                    points=as_typed(a["points_awarded"]), comment=a["comment"], meta={"csrf": False})
                rows.append((a, form))
        per_question.append((q, rows))
    shown = {a["id"] for _, rows in per_question for a, _ in rows}
    unshown_errors = [e for answer_id, form in refused.items() if answer_id not in shown
                      for errors in form.errors.values() for e in errors]   # an answer this page does not list
    return render_template("results/grading.html", assignment=assignment, per_question=per_question,
                           unshown_errors=unshown_errors, action=ActionForm(formdata=None),
                           to_grade=sum(1 for a in answers if a["is_correct"] is None
                                        and a["assigned_question_id"] in {q["id"] for q in questions}))


@bp.route("/assignments/<int:assignment_id>/questions/<int:question_id>/grades", methods=("POST",))
@login_required
def grade_question(assignment_id, question_id):
    """Every answer to one open question in one save: fields a<answer id>-points and -comment.
    An answer left with neither is not graded; one refused grade refuses the save (422, each
    problem beside its field), so nothing is half saved."""
    assignment = get_assignment_or_404(assignment_id)
    db = get_db()
    q = next((q for q in storage.assigned_questions(db, assignment_id)
              if q["id"] == question_id and q["kind"] == "open"), None)
    if q is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    answers = [a for a in storage.answers_for_assignment(db, assignment_id)
               if a["submitted_at"] and a["assigned_question_id"] == question_id]
    grades, refused, posted = [], {}, {}
    for a in answers:
        prefix = f"a{a['id']}"
        if f"{prefix}-points" not in request.form:
            continue
        form = GradeForm(prefix=prefix, meta={"csrf": False})
        posted[a["id"]] = form
        if not request.form.get(f"{prefix}-points", "").strip() and not request.form.get(f"{prefix}-comment", "").strip():
            continue                                                # not graded yet
        if not form.validate() or over_maximum(form, q["points"]):
            refused[a["id"]] = form
        else:
            grades.append((a["id"], float(form.points.data), form.comment.data or ""))
    if refused:
        return _grading_page(assignment, refused, posted)
    storage.grade_answers(db, g.teacher["id"], grades)
    n = len(grades)
    flash(f"{n} grade{'' if n == 1 else 's'} saved for Q{q['position']}; the students' scores are updated."
          if n else "Nothing to save: give points to at least one answer.")
    return redirect(url_for("results.grading", assignment_id=assignment_id) + f"#gq-{question_id}")


@bp.route("/answers/<int:answer_id>/grade", methods=("POST",))
@login_required
def grade(answer_id):
    db = get_db()
    form = GradeForm(prefix=f"a{answer_id}")
    try:
        assignment_id = storage.assignment_of_answer(db, g.teacher["id"], answer_id)     # 404 unless it is this teacher's
    except storage.NotFoundError:
        abort(404)
    max_points = next((q["points"] for q in storage.assigned_questions(db, assignment_id)
                       for a in storage.answers_for_assignment(db, assignment_id)
                       if a["id"] == answer_id and a["assigned_question_id"] == q["id"]), None)
    if not form.validate_on_submit() or (max_points is not None and over_maximum(form, max_points)):
        # the page again with this answer's problem beside its field: a 422 (quiz.create_app)
        return _grading_page(get_assignment_or_404(assignment_id), {answer_id: form})
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
