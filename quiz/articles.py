"""The teacher's dashboard and articles: add one (paste or upload), read it with its markup."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, url_for

import questions as engine

from . import markup, storage
from .auth import login_required
from .db import get_db
from .forms import ArticleForm

bp = Blueprint("articles", __name__)


def import_article(db, teacher_id: int, text: str, source_format: str = "text") -> tuple[int, int]:
    """Analyse `text`, store it and the engine's drafts; (article id, number of drafts).

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
        try:
            if form.upload.data:
                text, fmt = engine.read_article(form.upload.data.read(), form.upload.data.filename or "")
            else:
                text, fmt = form.text.data.replace("\r\n", "\n"), "text"
            article_id, n = import_article(get_db(), g.teacher["id"], text, fmt)
        except engine.ArticleError as e:
            (form.upload if form.upload.data else form.text).errors.append(str(e))
        else:
            flash(f"Article added with {n} drafted question{'s' if n != 1 else ''} to review."
                  if n else "Article added. No questions were drafted; you can write your own.")
            return redirect(url_for("articles.show", article_id=article_id))
    return render_template("articles/new.html", form=form)


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
                           outside=markup.outside_body(article),
                           quizzes=[z for z in storage.list_quizzes(get_db(), g.teacher["id"])
                                    if z["article_id"] == article_id])
