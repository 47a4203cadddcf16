"""Teacher accounts: register, log in, log out; `login_required` for every teacher page."""
from __future__ import annotations

import functools

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for

from . import storage
from .db import get_db
from .forms import LoginForm, RegisterForm

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.before_app_request
def load_logged_in_teacher() -> None:
    teacher_id = session.get("teacher_id")
    g.teacher = None
    if teacher_id is not None:
        try:
            g.teacher = storage.get_teacher(get_db(), teacher_id)
        except storage.NotFoundError:
            session.pop("teacher_id", None)


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.teacher is None:
            flash("Please log in to continue.")
            return redirect(url_for("auth.login", next=request.path))
        return view(**kwargs)
    return wrapped


@bp.route("/register", methods=("GET", "POST"))
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            teacher_id = storage.create_teacher(get_db(), form.username.data.strip(), form.password.data)
        except storage.ConflictError as e:
            form.username.errors.append(str(e))
        else:
            session.clear()
            session["teacher_id"] = teacher_id
            flash("Welcome to Sourced. Start by adding an article.")
            return redirect(url_for("articles.index"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=("GET", "POST"))
def login():
    form = LoginForm()
    if form.validate_on_submit():
        teacher = storage.check_login(get_db(), form.username.data.strip(), form.password.data)
        if teacher is None:
            form.password.errors.append("Wrong username or password.")
        else:
            session.clear()
            session["teacher_id"] = teacher["id"]
            target = request.args.get("next", "")
            if not target.startswith("/") or target.startswith("//"):
                target = url_for("articles.index")
            return redirect(target)
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=("POST",))
def logout():
    session.pop("teacher_id", None)
    flash("You are logged out.")
    return redirect(url_for("auth.login"))
