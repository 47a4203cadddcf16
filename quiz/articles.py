"""The teacher's dashboard and articles: add one (paste, upload or link), read it with its markup."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, url_for

import questions as engine

from . import fetch, markup, storage, webpage
from .auth import login_required
from .db import get_db
from .forms import ArticleForm

bp = Blueprint("articles", __name__)


def import_article(db, teacher_id: int, text: str, source_format: str = "text",
                   imported: dict | None = None) -> tuple[int, int]:
    """Analyse `text`, store it and the engine's drafts; (article id, number of drafts).

    `imported` (how the article came in, what of its page was set aside) is stored with the
    analysis for the article page.

    Raises engine.ArticleError for the teacher. If only the drafting fails the article is kept,
    with no drafts, so the teacher can still write questions.
    """
    analysis = engine.analyze(text, source_format=source_format)
    try:
        drafted = engine.generate(analysis)
    except engine.ArticleError:
        raise
    except Exception:  # the engine is still evolving; an article without drafts is still useful
        current_app.logger.exception("question engine failed while drafting")
        drafted = []
    data = engine.to_dict(analysis, drafted)
    if imported:
        data["imported"] = imported
    with db.atomic():
        article_id = storage.create_article(db, teacher_id, data, analysis.text, source_format)
        n = storage.add_engine_questions(db, teacher_id, article_id, data["questions"])
    return article_id, n


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
            article_id, n = import_article(get_db(), g.teacher["id"], source.text,
                                           source.source_format, source.imported)
        except (engine.ArticleError, fetch.FetchError) as e:
            field.errors.append(str(e))
        else:
            flash(f"Article added with {n} drafted question{'s' if n != 1 else ''} to review."
                  if n else "Article added. No questions were drafted; you can write your own.")
            return redirect(url_for("articles.show", article_id=article_id))
    return render_template("articles/new.html", form=form)


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


@bp.route("/articles/<int:article_id>")
@login_required
def show(article_id):
    article = get_article_or_404(article_id)
    marks, badges = markup.article_marks(article)
    start, end = markup.body_range(article)
    return render_template("articles/show.html", article=article,
                           paragraphs=markup.render(article["text"], start, end, marks, badges),
                           summary=webpage.summary(article),
                           quizzes=[z for z in storage.list_quizzes(get_db(), g.teacher["id"])
                                    if z["article_id"] == article_id])
