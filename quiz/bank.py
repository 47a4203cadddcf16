"""The question bank of one article: review drafts (approve, reject, edit) and write new ones."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from . import storage
from .articles import get_article_or_404
from .auth import login_required
from .db import get_db
from .forms import SKILL_CHOICES, ActionForm, QuestionForm

bp = Blueprint("bank", __name__)


def get_question_or_404(question_id: int) -> dict:
    try:
        return storage.get_question(get_db(), g.teacher["id"], question_id)
    except storage.NotFoundError:
        abort(404)


def evidence_fields(article: dict, quote: str) -> dict:
    quote = (quote or "").strip()
    if not quote:
        return {"evidence_start": None, "evidence_end": None, "evidence_text": ""}
    start = article["text"].find(quote)
    return {"evidence_start": start, "evidence_end": start + len(quote), "evidence_text": quote}


@bp.route("/articles/<int:article_id>/questions")
@login_required
def index(article_id):
    article = get_article_or_404(article_id)
    qs = storage.list_questions(get_db(), g.teacher["id"], article_id)
    groups = []
    for choice in SKILL_CHOICES:
        items = [q for q in qs if q["skill"] == choice.value]
        if items:
            groups.append((choice.label, items))
    others = [q for q in qs if q["skill"] not in {c.value for c in SKILL_CHOICES}]
    if others:
        groups.append(("Other", others))
    counts = {s: sum(1 for q in qs if q["status"] == s) for s in ("draft", "approved", "rejected")}
    return render_template("bank/index.html", article=article, groups=groups, counts=counts,
                           action=ActionForm())


@bp.route("/questions/<int:question_id>/status", methods=("POST",))
@login_required
def set_status(question_id):
    q = get_question_or_404(question_id)
    status = request.form.get("status", "")
    if not ActionForm().validate_on_submit() or status not in ("draft", "approved", "rejected"):
        abort(400)
    storage.set_question_status(get_db(), g.teacher["id"], question_id, status)
    flash(f"Question {'approved' if status == 'approved' else 'rejected' if status == 'rejected' else 'back in drafts'}.")
    return redirect(url_for("bank.index", article_id=q["article_id"]) + f"#q-{question_id}")


@bp.route("/questions/<int:question_id>/edit", methods=("GET", "POST"))
@login_required
def edit(question_id):
    q = get_question_or_404(question_id)
    article = get_article_or_404(q["article_id"])
    form = QuestionForm()
    if request.method == "GET":
        form.prompt.data, form.explanation.data, form.skill.data = q["prompt"], q["explanation"], q["skill"]
        form.choices.data = "\n".join(q["choices"])
        if q["kind"] in ("mc", "tf") and isinstance(q["answer"], int):
            form.key.data = q["choices"][q["answer"]]
        elif q["kind"] == "order":
            form.choices.data = "\n".join(q["choices"][i] for i in q["answer"])
        else:
            form.key.data = q["key"]
        form.evidence.data = q["evidence_text"]
    form.kind.data = q["kind"]          # the type of an existing question does not change
    form.article_text = article["text"]
    if form.validate_on_submit():
        fields = form.cleaned()
        if q["origin"] == "engine" and q["kind"] in ("mc", "tf"):
            fields["key"] = q["key"] if fields["choices"][fields["answer"]] == q["choices"][q["answer"]] \
                else fields["key"]
        fields.update(evidence_fields(article, form.evidence.data))
        storage.update_question(get_db(), g.teacher["id"], question_id, prompt=form.prompt.data.strip(),
                                explanation=form.explanation.data.strip(), skill=form.skill.data, **fields)
        flash("Question saved.")
        return redirect(url_for("bank.index", article_id=q["article_id"]) + f"#q-{question_id}")
    return render_template("bank/edit.html", form=form, question=q, article=article)


@bp.route("/articles/<int:article_id>/questions/new", methods=("GET", "POST"))
@login_required
def new(article_id):
    article = get_article_or_404(article_id)
    form = QuestionForm()
    form.kind.choices = [c for c in form.kind.choices if c.value != "order"]
    form.article_text = article["text"]
    if form.validate_on_submit():
        fields = form.cleaned()
        fields.update(evidence_fields(article, form.evidence.data))
        row = {"kind": form.kind.data, "type": form.kind.data, "origin": "teacher",
               "skill": form.skill.data, "prompt": form.prompt.data.strip(),
               "explanation": form.explanation.data.strip(), **fields}
        storage.add_question(get_db(), g.teacher["id"], article_id, row, status="approved")
        flash("Question added to the bank (approved).")
        return redirect(url_for("bank.index", article_id=article_id))
    return render_template("bank/new.html", form=form, article=article)
