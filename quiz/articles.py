"""The teacher's dashboard and articles: add one (paste, upload or link), read it with its markup."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from flask import Blueprint, abort, current_app, flash, g, jsonify, redirect, render_template, url_for

import questions as engine
from questions.read import check_article

from . import fetch, jobs, markup, storage, webpage
from .auth import login_required
from .db import get_db
from .forms import ArticleForm

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


def start_import(db, teacher_id: int, source: webpage.Source) -> int:
    """Store the article as 'drafting' and enqueue its job; the article's id. ConflictError when
    the teacher has too many imports drafting; engine.ArticleError for text the engine refuses
    outright (checked here, cheaply, so the form says why)."""
    check_article(source.text)
    config = current_app.config
    since = (datetime.now() - timedelta(seconds=config["IMPORT_STALE_SECONDS"])).isoformat(timespec="seconds")
    article_id = storage.create_drafting_article(db, teacher_id, source.text, source.source_format,
                                                 source.imported, config["IMPORT_MAX_PER_TEACHER"], since)
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
            article_id = start_import(get_db(), g.teacher["id"], source)
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
    article = get_article_or_404(article_id)
    marks, badges = markup.article_marks(article)
    start, end = markup.body_range(article)
    return render_template("articles/show.html", article=article,
                           paragraphs=markup.render(article["text"], start, end, marks, badges),
                           summary=webpage.summary(article),
                           quizzes=[z for z in storage.list_quizzes(get_db(), g.teacher["id"])
                                    if z["article_id"] == article_id])
