"""The question bank of one article: review drafts (approve, reject, edit) and write new ones."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from . import storage
from .articles import get_article_or_404
from .auth import login_required
from .db import get_db
from .forms import KIND_CHOICES, SKILL_CHOICES, ActionForm, QuestionForm

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


STATES = ("draft", "approved", "rejected")
STATUS_WORDS = {"approved": "approved", "rejected": "rejected", "draft": "back in drafts"}
KIND_WORDS = {c.value: c.label for c in KIND_CHOICES} | {"order": "Put in order"}


def _filters() -> dict:
    """The bank's filters from the query string (or the bulk form): skill, kind and state."""
    args = request.values
    skill = args.get("skill", "")
    kind = args.get("kind", "")
    state = args.get("state", "")
    return {"skill": skill if skill in {c.value for c in SKILL_CHOICES} else "",
            "kind": kind if kind in KIND_WORDS else "", "state": state if state in STATES else ""}


def _matches(q: dict, f: dict) -> bool:
    return ((not f["skill"] or q["skill"] == f["skill"]) and (not f["kind"] or q["kind"] == f["kind"])
            and (not f["state"] or q["status"] == f["state"]))


def _counts(qs: list[dict]) -> dict:
    return {s: sum(1 for q in qs if q["status"] == s) for s in STATES}


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


@bp.route("/articles/<int:article_id>/questions")
@login_required
def index(article_id):
    article = get_article_or_404(article_id)
    qs = storage.list_questions(get_db(), g.teacher["id"], article_id)
    filters = _filters()
    shown = [q for q in qs if _matches(q, filters)]
    groups = []
    for choice in SKILL_CHOICES:
        items = [q for q in shown if q["skill"] == choice.value]
        if items:
            groups.append((choice.label, items))
    others = [q for q in shown if q["skill"] not in {c.value for c in SKILL_CHOICES}]
    if others:
        groups.append(("Other", others))
    return render_template("bank/index.html", article=article, groups=groups, counts=_counts(qs),
                           action=ActionForm(), filters=filters, skills=SKILL_CHOICES, kinds=KIND_WORDS,
                           states=STATES, n_shown=len(shown), n_all=len(qs))


@bp.route("/articles/<int:article_id>/questions/bulk", methods=("POST",))
@login_required
def bulk(article_id):
    """Approve or reject many questions at once: the ticked ones (`ids`), or every draft the
    filters show (`scope` = drafts). JSON for the page's script, else back to the bank."""
    get_article_or_404(article_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    status = request.values.get("status", "")      # the "all drafts" buttons carry it in their formaction
    if status not in STATES:
        abort(400)
    db = get_db()
    filters = _filters()
    if request.form.get("scope") == "drafts":
        ids = [q["id"] for q in storage.list_questions(db, g.teacher["id"], article_id, status="draft")
               if _matches(q, {**filters, "state": ""})]
    else:
        ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
    changed = storage.set_questions_status(db, g.teacher["id"], article_id, ids, status) if ids else []
    n = len(changed)
    message = (f"{n} question{'' if n == 1 else 's'} {STATUS_WORDS[status]}." if n else
               "No questions were chosen: tick the questions first." if request.form.get("scope") != "drafts"
               else "There are no drafts here to change.")
    if _wants_json():
        counts = _counts(storage.list_questions(db, g.teacher["id"], article_id))
        return jsonify(changed=changed, status=status, message=message, counts=counts)
    flash(message)
    return redirect(url_for("bank.index", article_id=article_id, **{k: v for k, v in filters.items() if v}))


@bp.route("/questions/<int:question_id>/status", methods=("POST",))
@login_required
def set_status(question_id):
    q = get_question_or_404(question_id)
    status = request.form.get("status", "")
    if not ActionForm().validate_on_submit() or status not in ("draft", "approved", "rejected"):
        abort(400)
    storage.set_question_status(get_db(), g.teacher["id"], question_id, status)
    message = f"Question {STATUS_WORDS[status]}."
    if _wants_json():
        counts = _counts(storage.list_questions(get_db(), g.teacher["id"], q["article_id"]))
        return jsonify(changed=[question_id], status=status, message=message, counts=counts)
    flash(message)
    return redirect(url_for("bank.index", article_id=q["article_id"]) + f"#q-{question_id}")


EXTRA_CHOICE_ROWS = 2      # empty rows on the edit page, to add a choice


def _posted_form():
    """The posted fields, with the edit page's choice rows (`choice_<n>` and the radio `correct`)
    turned into the form's `choices` (one a line) and `key` (the right choice as written)."""
    data = MultiDict(request.form)
    rows = sorted((int(k.split("_", 1)[1]), v) for k, v in request.form.items()
                  if k.startswith("choice_") and k.split("_", 1)[1].isdigit())
    if rows:
        data["choices"] = "\n".join(v.strip() for _, v in rows if v.strip())
        picked = request.form.get("correct", "")
        chosen = dict(rows).get(int(picked)) if picked.isdigit() else None
        data["key"] = (chosen or "").strip()
        data["key_picked"] = "1" if chosen and chosen.strip() else ""
    return data


def choice_rows(form, question) -> list[tuple[int, str, bool]]:
    """(n, text, is the right answer) for the edit page's choice rows, with empty rows to add to."""
    texts = [c for c in (form.choices.data or "").splitlines() if c.strip()]
    key = (form.key.data or "").strip()
    rows = [(n, t.strip(), t.strip() == key) for n, t in enumerate(texts)]
    return rows + [(len(rows) + i, "", False) for i in range(EXTRA_CHOICE_ROWS)]


@bp.route("/questions/<int:question_id>/edit", methods=("GET", "POST"))
@login_required
def edit(question_id):
    q = get_question_or_404(question_id)
    article = get_article_or_404(q["article_id"])
    form = QuestionForm(formdata=_posted_form() if request.method == "POST" else None)
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
    return render_template("bank/edit.html", form=form, question=q, article=article,
                           rows=choice_rows(form, q) if q["kind"] == "mc" else [])


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
