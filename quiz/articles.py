"""The teacher's dashboard and articles: add one (paste, upload or link), read it with its markup."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from flask import (Blueprint, abort, current_app, flash, g, jsonify, redirect, render_template, request,
                   url_for)

import questions as engine
from questions.read import check_article

from . import fetch, jobs, markup, storage, webpage
from .auth import login_required
from .db import get_db
from .forms import ActionForm, ArticleForm, ArticleTitleForm

bp = Blueprint("articles", __name__)


def import_article(db, teacher_id: int, text: str, source_format: str = "text",
                   imported: dict | None = None) -> tuple[int, int]:
    """Draft `text` here and now (no queue, no time limit) and store it; (article id, drafts).

    The seed's path: the same service function the job runs (jobs.draft). Raises
    engine.ArticleError for the teacher.
    """
    title, analysis_json, found = jobs.draft(text, source_format, imported)
    with db.atomic():
        article_id = storage.create_article(db, teacher_id, json.loads(analysis_json), text, source_format)
        n = storage.add_engine_questions(db, teacher_id, article_id, found)
    return article_id, n


def start_import(db, teacher_id: int, source: webpage.Source, title: str = "") -> int:
    """Store the article as 'drafting' and enqueue its job; the article's id. ConflictError when
    the teacher has too many imports drafting; engine.ArticleError for text the engine refuses
    outright (checked here, cheaply, so the form says why). `title`: the teacher's, if given
    (else the engine's headline, found when drafting)."""
    check_article(source.text)
    config = current_app.config
    since = (datetime.now() - timedelta(seconds=config["IMPORT_STALE_SECONDS"])).isoformat(timespec="seconds")
    article_id = storage.create_drafting_article(db, teacher_id, source.text, source.source_format,
                                                 source.imported, config["IMPORT_MAX_PER_TEACHER"], since,
                                                 title=(title or "").strip())
    try:
        jobs.draft_article(config["DATABASE"], article_id, config["IMPORT_TIME_LIMIT"])
    except Exception:
        current_app.logger.exception("could not enqueue the drafting job")
        storage.fail_article(db, article_id, jobs.CRASH_MESSAGE)
    return article_id


@bp.route("/teacher")
@login_required
def index():
    db = get_db()
    return render_template("articles/index.html",
                           articles=storage.list_articles(db, g.teacher["id"]),
                           quizzes=storage.list_quizzes(db, g.teacher["id"]),
                           assignments=storage.list_assignments(db, g.teacher["id"]))


@bp.route("/articles/new", methods=("GET", "POST"))
@login_required
def new():
    form = ArticleForm()
    if form.validate_on_submit():
        link = "" if form.upload.data else form.link()
        if link:    # a link pasted alone in the text box moves to the link field
            form.url.data, form.text.data, form.html.data = link, "", ""
        field = form.upload if form.upload.data else form.url if link else form.text
        try:
            if form.upload.data:
                source = webpage.from_upload(form.upload.data.read(), form.upload.data.filename or "")
            elif link:
                source = webpage.from_link(link, **fetch_settings())
            else:
                source = webpage.from_paste(form.text.data, form.html.data)
            article_id = start_import(get_db(), g.teacher["id"], source, form.title.data or "")
        except (engine.ArticleError, fetch.FetchError, storage.ConflictError) as e:
            field.errors.append(str(e))
        else:
            status = storage.article_status(get_db(), g.teacher["id"], article_id)
            if status["state"] == "ready":     # drafted already (immediate mode, or a quick worker)
                flash(added_message(status["drafted"] or 0))
            return redirect(url_for("articles.show", article_id=article_id))
    since = (datetime.now() - timedelta(days=1)).isoformat(timespec="seconds")
    return render_template("articles/new.html", form=form,
                           imports=storage.list_imports(get_db(), g.teacher["id"], since))


def fetch_settings() -> dict:
    config = current_app.config
    return {"allow_private": bool(config.get("ALLOW_PRIVATE_FETCH")),
            "timeout": float(config.get("FETCH_TIMEOUT_SECONDS") or fetch.TIMEOUT),
            "max_bytes": int(config.get("MAX_CONTENT_LENGTH") or fetch.MAX_BYTES)}


@bp.errorhandler(413)
def too_large(e):
    """Over the request limit: a file, or a copied page's HTML sent with the pasted text."""
    mb = (current_app.config.get("MAX_CONTENT_LENGTH") or fetch.MAX_BYTES) / (1024 * 1024)
    message = (f"That is larger than {mb:g} MB, the limit for an article: upload a smaller file, "
               "or go back and paste only the article's text.")
    return render_template("errors/error.html", code=413, message=message), 413


def get_article_or_404(article_id: int) -> dict:
    try:
        return storage.get_article(get_db(), g.teacher["id"], article_id)
    except storage.NotFoundError:
        abort(404)


def added_message(n: int) -> str:
    return (f"Article added with {n} drafted question{'s' if n != 1 else ''} to review."
            if n else "Article added. No questions were drafted; you can write your own.")


def status_of(article_id: int) -> dict:
    """The import's status for the progress page and its JSON route; 404 if not the teacher's."""
    try:
        s = storage.article_status(get_db(), g.teacher["id"], article_id)
    except storage.NotFoundError:
        abort(404)
    drafted = s["drafted"] or 0
    if s["state"] == "ready":
        message = f"{drafted} question{'s' if drafted != 1 else ''} drafted."
    elif s["state"] == "failed":
        message = s["error"] or jobs.CRASH_MESSAGE
    else:
        message = jobs.STAGES.get(s["stage"], jobs.STAGES["reading"])
    stages = list(jobs.STAGES)
    return {"id": s["id"], "title": s["title"], "state": s["state"], "stage": s["stage"],
            "message": message, "drafted": s["drafted"],
            "step": stages.index(s["stage"]) + 1 if s["stage"] in stages else len(stages),
            "steps": len(stages), "url": url_for("articles.show", article_id=article_id)}


@bp.route("/articles/<int:article_id>/status")
@login_required
def status(article_id):
    """The progress page polls this (static/progress.js)."""
    response = jsonify(status_of(article_id))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/articles/<int:article_id>")
@login_required
def show(article_id):
    import_status = status_of(article_id)
    if import_status["state"] != "ready":      # still being drafted, or failed: the progress page
        return render_template("articles/progress.html", status=import_status,
                               stages=list(jobs.STAGES.values()))
    return _article_page(get_article_or_404(article_id))


def _article_page(article: dict, title_form=None, status: int = 200):
    marks, badges = markup.article_marks(article)
    start, end = markup.body_range(article)
    if title_form is None:
        title_form = ArticleTitleForm(formdata=None, data={"title": article["title"]})
    return render_template("articles/show.html", article=article, title_form=title_form,
                           paragraphs=markup.render(article["text"], start, end, marks, badges),
                           summary=webpage.summary(article),
                           quizzes=[z for z in storage.list_quizzes(get_db(), g.teacher["id"])
                                    if z["article_id"] == article["id"]]), status


@bp.route("/articles/<int:article_id>/title", methods=("POST",))
@login_required
def title(article_id):
    """Rename the article (the dashboard, bank, quiz builder and new assignments show the new title)."""
    article = get_article_or_404(article_id)
    form = ArticleTitleForm()
    if not form.validate_on_submit():
        return _article_page(article, form, 422)
    storage.set_article_title(get_db(), g.teacher["id"], article_id, form.title.data)
    flash("Title saved.")
    return redirect(url_for("articles.show", article_id=article_id))


# ---------------------------------------------------------------- delete or archive, restore (issue 10)

KIND_WORDS = {"article": "article", "question": "question", "quiz": "quiz", "assignment": "assignment"}


def _item_or_404(kind: str, item_id: int) -> dict:
    try:
        return storage.get_item(get_db(), g.teacher["id"], kind, item_id)
    except storage.NotFoundError:
        abort(404)


def confirm_removal(kind: str, item_id: int, name: str, back_url: str, done_url: str):
    """The confirmation page (GET), and the removal (POST with `confirm=yes` and the CSRF token):
    archived when students' work depends on it, else deleted. A POST without `confirm` is refused
    (422, the page again); a GET never removes anything."""
    item = _item_or_404(kind, item_id)
    db = get_db()
    plan = storage.removal_plan(db, g.teacher["id"], kind, item_id)
    form = ActionForm()
    error, status = "", 200
    if request.method == "POST":
        if item.get("archived_at"):
            return redirect(url_for("articles.archive"))
        if form.validate_on_submit() and request.form.get("confirm") == "yes":
            done = storage.remove_item(db, g.teacher["id"], kind, item_id)
            if done == "archived":
                flash(f"Archived “{name}”: students' answers are kept. Restore it from Archived.")
            else:
                flash(f"Deleted “{name}”.")
            return redirect(done_url)
        error, status = "Nothing was removed: confirm with the button below.", 422
    return render_template("articles/delete.html", kind=kind, item=item, name=name, plan=plan,
                           back_url=back_url, error=error), status


@bp.route("/articles/<int:article_id>/delete", methods=("GET", "POST"))
@login_required
def delete_article(article_id):
    a = _item_or_404("article", article_id)
    return confirm_removal("article", article_id, a["title"], url_for("articles.show", article_id=article_id),
                           url_for("articles.index"))


@bp.route("/questions/<int:question_id>/delete", methods=("GET", "POST"))
@login_required
def delete_question(question_id):
    q = _item_or_404("question", question_id)
    bank = url_for("bank.index", article_id=q["article_id"])
    return confirm_removal("question", question_id, q["prompt"], bank, bank)


@bp.route("/quizzes/<int:quiz_id>/delete", methods=("GET", "POST"))
@login_required
def delete_quiz(quiz_id):
    z = _item_or_404("quiz", quiz_id)
    return confirm_removal("quiz", quiz_id, z["title"], url_for("quizzes.show", quiz_id=quiz_id),
                           url_for("articles.index"))


@bp.route("/assignments/<int:assignment_id>/delete", methods=("GET", "POST"))
@login_required
def delete_assignment(assignment_id):
    s = _item_or_404("assignment", assignment_id)
    return confirm_removal("assignment", assignment_id, f"{s['title']} ({s['class_name']})",
                           url_for("quizzes.assignment", assignment_id=assignment_id), url_for("articles.index"))


@bp.route("/archive")
@login_required
def archive():
    return render_template("articles/archive.html", archived=storage.list_archived(get_db(), g.teacher["id"]),
                           kinds=(("article", "Articles"), ("quiz", "Quizzes"), ("assignment", "Assignments"),
                                  ("question", "Questions")))


def _restore(kind: str, item_id: int):
    _item_or_404(kind, item_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    storage.restore_item(get_db(), g.teacher["id"], kind, item_id)
    flash(f"Restored the {KIND_WORDS[kind]}.")
    return redirect(url_for("articles.archive"))


@bp.route("/articles/<int:article_id>/restore", methods=("POST",))
@login_required
def restore_article(article_id):
    return _restore("article", article_id)


@bp.route("/questions/<int:question_id>/restore", methods=("POST",))
@login_required
def restore_question(question_id):
    return _restore("question", question_id)


@bp.route("/quizzes/<int:quiz_id>/restore", methods=("POST",))
@login_required
def restore_quiz(quiz_id):
    return _restore("quiz", quiz_id)


@bp.route("/assignments/<int:assignment_id>/restore", methods=("POST",))
@login_required
def restore_assignment(assignment_id):
    return _restore("assignment", assignment_id)
