"""Sourced: the web app (application factory)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect

csrf = CSRFProtect()
ROOT = Path(__file__).resolve().parent.parent


def _secret_key(instance_path: str) -> str:
    """SECRET_KEY from the environment, else generated once into instance/secret_key."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = Path(instance_path) / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32))
    return path.read_text().strip()


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True,
                template_folder=str(ROOT / "templates"), static_folder="static")
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(
        DATABASE=os.environ.get("SOURCED_DB") or os.path.join(app.instance_path, "sourced.db"),
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        # a pasted page's HTML is a form field: it may use the whole request limit (werkzeug's own
        # default for a field is 500 kB)
        MAX_FORM_MEMORY_SIZE=2 * 1024 * 1024,
        # "Import from a link" may fetch private, loopback and link-local addresses (tests; a lab)
        ALLOW_PRIVATE_FETCH=os.environ.get("SOURCED_ALLOW_PRIVATE_FETCH") == "1",
        WTF_CSRF_TIME_LIMIT=None,         # a quiz page may stay open all lesson; the token is per session
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("SESSION_COOKIE_SECURE") == "1",
        PERMANENT_SESSION_LIFETIME=14 * 24 * 3600,
        # the cookie is re-sent only when the session changes, not on every autosave (signing and
        # compressing it cost as much as the save's SQL)
        SESSION_REFRESH_EACH_REQUEST=False,
        # wrong join codes per client IP (a class may share one) within the window, then 429
        JOIN_MAX_FAILURES=int(os.environ.get("SOURCED_JOIN_MAX_FAILURES", "30")),
        JOIN_WINDOW_SECONDS=int(os.environ.get("SOURCED_JOIN_WINDOW_SECONDS", "600")),
        # teacher accounts (quiz.accounts): after the first (admin) account, registration is closed
        # unless opened here; the admin invites teachers with single-use links
        OPEN_REGISTRATION=os.environ.get("SOURCED_OPEN_REGISTRATION") == "1",
        INVITE_HOURS=7 * 24,
        RESET_HOURS=24,
        # failed log-ins (quiz.security.login_wait): per address strict, per account a growing delay
        LOGIN_WINDOW_SECONDS=900,
        LOGIN_MAX_FAILURES=int(os.environ.get("SOURCED_LOGIN_MAX_FAILURES", "30")),
        LOGIN_FREE_FAILURES=5,
        LOGIN_MAX_DELAY=300,
        LOGIN_DEVICE_MAX_FAILURES=5,
        AUTO_MIGRATE=True,
        # article imports (quiz.jobs): the engine's hard time limit per article, the imports one
        # teacher may have drafting at once, and after how long a drafting import no longer counts
        # (a consumer that died); JOBS_IMMEDIATE runs jobs inline (tests; defaults to TESTING)
        IMPORT_TIME_LIMIT=float(os.environ.get("SOURCED_IMPORT_TIME_LIMIT", "60")),
        IMPORT_MAX_PER_TEACHER=int(os.environ.get("SOURCED_IMPORT_MAX_PER_TEACHER", "2")),
        IMPORT_STALE_SECONDS=900,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app.instance_path)
    if os.environ.get("SOURCED_TRUST_PROXY") == "1":
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    from . import security
    security.init_app(app)          # first: every later hook and view sees cleaned input
    csrf.init_app(app)

    @app.after_request
    def unprocessable(response):
        """A POST answered with its form again, showing what is wrong, is a 422 (issue #4)."""
        from .forms import rejected_forms
        if request.method == "POST" and response.status_code == 200 and response.mimetype == "text/html" \
                and rejected_forms():
            response.status_code = 422
        return response
    from . import db, jobs
    if app.config.get("JOBS_IMMEDIATE", app.testing):
        jobs.huey.immediate = True      # tests: a job runs inside the request that enqueues it
    db.init_app(app)
    if app.config["AUTO_MIGRATE"]:
        Path(app.config["DATABASE"]).parent.mkdir(parents=True, exist_ok=True)
        conn = db.connect(app.config["DATABASE"])
        try:
            db.migrate(conn)
        finally:
            conn.close()

    from . import articles, auth, bank, quizzes, results, seed, student
    for module in (auth, articles, bank, quizzes, results, student):
        app.register_blueprint(module.bp)
    app.cli.add_command(seed.seed_command)
    auth.init_app(app)
    _register_errors(app)
    _register_filters(app)

    @app.get("/healthz")
    def healthz():   # liveness probe, and the load test's trivial route: no session, no database
        return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
    return app


def _wants_json() -> bool:
    return request.is_json or request.path.endswith("/answers")


def _register_errors(app: Flask) -> None:
    messages = {
        400: "The request could not be understood.",
        403: "You cannot open this page.",
        404: "There is no such page, or it is not yours.",
        409: "That cannot be done now.",
        413: "That file is too large: the limit is 2 MB.",
        415: "This page takes a form, not JSON.",
        429: "Too many tries. Wait a few minutes, then try again.",
        500: "Something went wrong on our side. Your saved answers are safe; try again.",
    }

    def handler(code):
        def handle(e):
            message = getattr(e, "description", None) if code not in (413, 500) else None
            if not message or message.startswith(("The server", "The requested", "The browser")):
                message = messages[code]
            if _wants_json():
                return jsonify(error=message), code
            return render_template("errors/error.html", code=code, message=message), code
        return handle

    for code in messages:
        app.register_error_handler(code, handler(code))

    @app.errorhandler(CSRFError)
    def csrf_error(e):
        message = "Your session has expired or the form is out of date. Reload the page and try again."
        if _wants_json():
            return jsonify(error=message), 400
        return render_template("errors/error.html", code=400, message=message), 400


def _register_filters(app: Flask) -> None:
    @app.template_filter("when")
    def when(value):
        return value.replace("T", " ")[:16] if value else ""

    @app.template_filter("pct")
    def pct(value):
        return "" if value is None else f"{round(100 * value)}%"

    @app.template_filter("num")
    def num(value):
        if value is None:
            return ""
        return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
