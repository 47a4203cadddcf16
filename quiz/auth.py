"""Teacher accounts: log in and out, the first registration, invites, password change and reset;
`login_required` and `admin_required` for the teacher pages; the `create-teacher` and
`reset-password` commands. The rules live in quiz.accounts and quiz.security."""
from __future__ import annotations

import functools
import re
import secrets

import click
from flask import (Blueprint, abort, current_app, flash, g, make_response, redirect, render_template,
                   request, session, url_for)
from flask.cli import with_appcontext
from itsdangerous import BadSignature, URLSafeSerializer

from . import accounts, security, storage
from .db import get_db
from .forms import ActionForm, LoginForm, PasswordChangeForm, RegisterForm, ResetPasswordForm

bp = Blueprint("auth", __name__, url_prefix="/auth")

SESSION_KEY = "teacher_session"
DEVICE_COOKIE = "sourced_device"
CLOSED = "Registration is closed on this server. Ask your Sourced administrator for an invite link."
BAD_LINK = ("This link does not work: it has been used, it has expired, or it was replaced by a newer "
            "one. Ask your Sourced administrator for a new link.")


def _lifetime() -> float:
    value = current_app.config["PERMANENT_SESSION_LIFETIME"]
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


@bp.before_app_request
def load_logged_in_teacher() -> None:
    g.teacher = None
    token = session.get(SESSION_KEY)
    if token:
        g.teacher = accounts.session_teacher(get_db(), token, _lifetime())
        if g.teacher is None:
            session.pop(SESSION_KEY, None)      # logged out elsewhere, password changed, or too old


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.teacher is None:
            flash("Please log in to continue.")
            return redirect(url_for("auth.login", next=request.path))
        return view(**kwargs)
    return wrapped


def admin_required(view):
    @functools.wraps(view)
    @login_required
    def wrapped(**kwargs):
        if not g.teacher["is_admin"]:
            abort(403, "Only the Sourced administrator can manage teacher accounts.")
        return view(**kwargs)
    return wrapped


def _log_in(teacher_id: int) -> None:
    """A fresh session (no fixation) holding a new server-side session token."""
    session.clear()
    session[SESSION_KEY] = accounts.start_session(get_db(), teacher_id, _lifetime())


# ------------------------------------------------------------------ the device cookie

def _devices() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="sourced-device")


def _device_for(account: str) -> str:
    """This browser's device id if it logged in to `account` before, else ""."""
    try:
        data = _devices().loads(request.cookies.get(DEVICE_COOKIE, ""))
    except BadSignature:
        return ""
    return data.get("d", "") if isinstance(data, dict) and data.get("a") == account else ""


def _remember_device(response, account: str) -> None:
    device = _device_for(account) or secrets.token_hex(12)
    response.set_cookie(DEVICE_COOKIE, _devices().dumps({"a": account, "d": device}),
                        max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"], path="/auth/")


# ------------------------------------------------------------------ log in, log out

def _throttled(db, account: str, device: str):
    """A 429 response with the reason when this attempt must wait, else None."""
    cfg = current_app.config
    device_ok = bool(device) and security.device_failures(db, device) < cfg["LOGIN_DEVICE_MAX_FAILURES"]
    wait, why = security.login_wait(db, account, security.client_ip(), device_ok)
    return (wait, security.wait_message(wait, why)) if wait else None


@bp.route("/login", methods=("GET", "POST"))
def login():
    form = LoginForm()
    db = get_db()
    if form.validate_on_submit():
        account = security.account_key(form.username.data)
        device = _device_for(account)
        held = _throttled(db, account, device)
        if held:
            form.password.errors.append(held[1])
            response = make_response(render_template("auth/login.html", form=form,
                                                     can_register=_can_register(db)), 429)
            response.headers["Retry-After"] = str(held[0])
            return response
        teacher = storage.check_login(db, form.username.data.strip(), form.password.data)
        if teacher is None:
            security.record_login_failure(db, account, security.client_ip(), device)
            form.password.errors.append("Wrong username or password.")
        else:
            _log_in(teacher["id"])
            response = redirect(security.safe_next(request.args.get("next")) or url_for("articles.index"))
            _remember_device(response, account)
            return response
    return render_template("auth/login.html", form=form, can_register=_can_register(db))


@bp.route("/logout", methods=("POST",))
def logout():
    token = session.pop(SESSION_KEY, None)
    if token:
        accounts.end_session(get_db(), token)      # a copy of this cookie no longer logs anyone in
    flash("You are logged out.")
    return redirect(url_for("auth.login"))


# ------------------------------------------------------------------ new accounts

def _can_register(db) -> bool:
    return accounts.registration_open(db, current_app.config["OPEN_REGISTRATION"])


@bp.route("/register", methods=("GET", "POST"))
def register():
    db = get_db()
    if not _can_register(db):
        abort(403, CLOSED)
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            teacher_id = storage.create_teacher(db, form.username.data.strip(), form.password.data,
                                                only_if_first=not current_app.config["OPEN_REGISTRATION"])
        except storage.ConflictError as e:
            if not _can_register(db):
                abort(403, CLOSED)              # someone else became the first account meanwhile
            form.username.errors.append(str(e))
        else:
            _log_in(teacher_id)
            flash("Welcome to Sourced. Start by adding an article.")
            return redirect(url_for("articles.index"))
    return render_template("auth/register.html", form=form, first=not storage.list_teachers(db))


@bp.route("/invite/<token>", methods=("GET", "POST"))
def invite(token):
    db = get_db()
    link = accounts.link_for(db, token, "invite")
    if link is None:
        abort(404, BAD_LINK)
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            teacher_id = accounts.redeem_invite(db, link, form.username.data.strip(), form.password.data)
        except storage.ConflictError as e:
            form.username.errors.append(str(e))
        except storage.NotFoundError:
            abort(404, BAD_LINK)
        else:
            _log_in(teacher_id)
            flash("Welcome to Sourced. Start by adding an article.")
            return redirect(url_for("articles.index"))
    return render_template("auth/register.html", form=form, invited=True)


# ------------------------------------------------------------------ passwords

@bp.route("/password", methods=("GET", "POST"))
@login_required
def password():
    db = get_db()
    form = PasswordChangeForm()
    form.policy_username = g.teacher["username"]
    if form.validate_on_submit():
        account = security.account_key(g.teacher["username"])
        held = _throttled(db, account, _device_for(account))
        if held:
            form.current.errors.append(held[1])
            return render_template("auth/password.html", form=form), 429
        if not storage.check_password(db, g.teacher["id"], form.current.data):
            security.record_login_failure(db, account, security.client_ip(), _device_for(account))
            form.current.errors.append("That is not your current password.")
        else:
            storage.change_password(db, g.teacher["id"], form.password.data)    # every session ends
            _log_in(g.teacher["id"])                                               # but this one
            flash("Your password is changed. Any other browser where you were logged in is logged out.")
            return redirect(url_for("articles.index"))
    return render_template("auth/password.html", form=form)


@bp.route("/reset/<token>", methods=("GET", "POST"))
def reset(token):
    db = get_db()
    link = accounts.link_for(db, token, "reset")
    if link is None:
        abort(404, BAD_LINK)
    form = ResetPasswordForm()
    form.policy_username = link["username"]
    if form.validate_on_submit():
        try:
            accounts.redeem_reset(db, link, form.password.data)
        except storage.NotFoundError:
            abort(404, BAD_LINK)
        flash("Your new password is set. Log in with it.")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, username=link["username"])


# ------------------------------------------------------------------ the admin's page

def _teachers_page(**extra):
    db = get_db()
    return render_template("auth/teachers.html", teachers=storage.list_teachers(db),
                           links=storage.list_open_invites(db, accounts.stamp()), action=ActionForm(),
                           **extra)


@bp.route("/teachers")
@admin_required
def teachers():
    return _teachers_page()


@bp.route("/invites", methods=("POST",))
@admin_required
def new_invite():
    if not ActionForm().validate_on_submit():
        abort(400)
    hours = current_app.config["INVITE_HOURS"]
    token = accounts.create_link(get_db(), g.teacher["id"], "invite", hours)
    return _teachers_page(new_link=url_for("auth.invite", token=token, _external=True),
                          new_link_what=f"An invite link for a new teacher, valid for {hours // 24} days "
                                        "and for one account")


@bp.route("/teachers/<int:teacher_id>/reset", methods=("POST",))
@admin_required
def new_reset(teacher_id):
    if not ActionForm().validate_on_submit():
        abort(400)
    db = get_db()
    try:
        teacher = storage.get_teacher(db, teacher_id)
    except storage.NotFoundError:
        abort(404)
    hours = current_app.config["RESET_HOURS"]
    token = accounts.create_link(db, g.teacher["id"], "reset", hours, teacher_id)
    return _teachers_page(new_link=url_for("auth.reset", token=token, _external=True),
                          new_link_what=f"A password reset link for {teacher['username']}, valid for "
                                        f"{hours} hours and for one use; their current password works until then")


@bp.route("/invites/<int:invite_id>/revoke", methods=("POST",))
@admin_required
def revoke(invite_id):
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        storage.revoke_invite(get_db(), invite_id)
    except storage.NotFoundError:
        abort(404)
    flash("The link no longer works.")
    return redirect(url_for("auth.teachers"))


# ------------------------------------------------------------------ commands

def _password_from_prompt_or_generated(generate: bool, username: str) -> str:
    if generate:
        return accounts.generate_password()
    while True:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        problem = accounts.password_problem(password, username)
        if not problem:
            return password
        click.echo(problem, err=True)


@click.command("create-teacher")
@click.argument("username")
@click.option("--admin", is_flag=True, help="Make this teacher an administrator too.")
@click.option("--generate", is_flag=True, help="Generate a password and print it instead of asking.")
@with_appcontext
def create_teacher_command(username: str, admin: bool, generate: bool) -> None:
    """Create a teacher account (the first account is always the administrator)."""
    from .db import connect
    if not re.fullmatch(r"[A-Za-z0-9_.@-]{3,40}", username):
        raise click.ClickException("Use 3 to 40 letters, digits and . _ - @ for the username.")
    password = _password_from_prompt_or_generated(generate, username)
    db = connect(current_app.config["DATABASE"])
    try:
        storage.create_teacher(db, username, password, is_admin=True if admin else None)
        teacher = storage.get_teacher_by_username(db, username)
    except storage.ConflictError as e:
        raise click.ClickException(str(e)) from None
    finally:
        db.close()
    role = "administrator" if teacher["is_admin"] else "teacher"
    click.echo(f"Created {role} {username}" + (f" with password: {password}" if generate else "."))


@click.command("reset-password")
@click.argument("username")
@click.option("--generate", is_flag=True, help="Generate a password and print it instead of asking.")
@with_appcontext
def reset_password_command(username: str, generate: bool) -> None:
    """Set a teacher's password (and log them out everywhere): for a lost admin password."""
    from .db import connect
    db = connect(current_app.config["DATABASE"])
    try:
        try:
            teacher = storage.get_teacher_by_username(db, username)
        except storage.NotFoundError:
            raise click.ClickException(f"There is no teacher {username}.") from None
        password = _password_from_prompt_or_generated(generate, username)
        storage.change_password(db, teacher["id"], password)
    finally:
        db.close()
    click.echo(f"New password set for {username}" + (f": {password}" if generate else "."))


def init_app(app) -> None:
    app.cli.add_command(create_teacher_command)
    app.cli.add_command(reset_password_command)
