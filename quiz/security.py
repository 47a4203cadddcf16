"""Security at the boundary: clean text in, safe redirects, login throttling, response headers.

One place for what every request goes through (issue 8):
- text that arrives (form fields, query strings, URL parts, JSON strings and keys) is cleaned before
  any view sees it: lone surrogates become U+FFFD, NUL, other control characters (but tab and line
  breaks) and Unicode non-characters are dropped. Right-to-left marks and every real character stay;
- JSON is accepted only by the routes that take it (`JSON_ENDPOINTS`), and only strict JSON: no
  NaN or Infinity, no number too large for a float, at most `MAX_JSON_DEPTH` levels deep;
- every response is sent as valid UTF-8, even if some old stored text still holds a surrogate;
- every response carries a Content-Security-Policy without inline script, nosniff, no framing, a
  same-origin referrer policy and `Cache-Control: no-store` (pages hold answers, keys, names).
"""
from __future__ import annotations

import json
import math
import re
import time
from urllib.parse import unquote, urlsplit

from flask import Flask, Response as _Response, abort, current_app, request
from flask.wrappers import Request as _Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import BadRequest

# ------------------------------------------------------------------ text

# Lone surrogates (a Python str never holds a valid pair), C0 controls but tab/LF/CR, DEL, and the
# non-characters (U+FDD0..U+FDEF and the last two code points of every plane).
_SURROGATE_CHARS = "\ud800-\udfff"
_DROP_CHARS = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0-\ufdef\ufffe\uffff"
               + "".join(f"{chr(p * 0x10000 + 0xfffe)}{chr(p * 0x10000 + 0xffff)}" for p in range(1, 17)))
_SURROGATES = re.compile(f"[{_SURROGATE_CHARS}]")
_DROP = re.compile(f"[{_DROP_CHARS}]")
_UNSAFE = re.compile(f"[{_SURROGATE_CHARS}{_DROP_CHARS}]")


def clean_text(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD and NUL, controls and non-characters removed."""
    if not _UNSAFE.search(text):
        return text
    return _DROP.sub("", _SURROGATES.sub("\ufffd", text))


def is_clean(text: str) -> bool:
    return not _UNSAFE.search(text)


MAX_JSON_DEPTH = 20


class JSONRefused(ValueError):
    """A JSON body this app does not take; the message says why, in the app's words."""


def _no_constants(name: str):
    raise JSONRefused("Send numbers as plain numbers: NaN and Infinity are not accepted.")


def clean_json(value, depth: int = 0):
    """A JSON value with every string and key cleaned; refuses non-finite numbers and deep nesting."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise JSONRefused("That number is too large.")
        return value
    if isinstance(value, (list, dict)):
        if depth >= MAX_JSON_DEPTH:
            raise JSONRefused("The data is nested too deeply.")
        if isinstance(value, list):
            return [clean_json(v, depth + 1) for v in value]
        return {clean_text(k): clean_json(v, depth + 1) for k, v in value.items()}
    return value


class StrictJSON:
    """What `request.get_json()` parses with (Request.json_module): strict, cleaned JSON."""

    @staticmethod
    def loads(data, **kwargs):
        if isinstance(data, (bytes, bytearray)):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                raise JSONRefused("The data sent is not valid UTF-8 JSON.") from None
        try:
            value = json.loads(data, parse_constant=_no_constants)
        except RecursionError:      # [[[[... thousands deep: the parser gives up with this
            raise JSONRefused("The data is nested too deeply.") from None
        except JSONRefused:
            raise
        except ValueError:
            raise JSONRefused("The data sent is not valid JSON.") from None
        return clean_json(value)

    dumps = staticmethod(json.dumps)


class Request(_Request):
    @property
    def json_module(self):
        return StrictJSON

    @json_module.setter
    def json_module(self, value) -> None:
        """Flask sets the app's JSON provider on each request: this request keeps StrictJSON."""

    def on_json_loading_failed(self, e):
        if isinstance(e, JSONRefused):
            raise BadRequest(str(e))
        raise BadRequest("Send JSON with the Content-Type application/json.")


class Response(_Response):
    """A response whose text is always sent as valid UTF-8: a string that cannot be encoded (an old
    stored lone surrogate) is cleaned rather than turning the page into a 500."""

    def set_data(self, value) -> None:
        if isinstance(value, str):
            try:
                value = value.encode("utf-8")
            except UnicodeEncodeError:
                value = clean_text(value).encode("utf-8")
        super().set_data(value)


# Routes that take a JSON body (endpoint names); any other route refuses one with 415.
JSON_ENDPOINTS = {"student.save"}


def _clean_multidict(md):
    if all(is_clean(k) and is_clean(v) for k, v in md.items(multi=True) if isinstance(v, str)):
        return None
    return ImmutableMultiDict([(clean_text(k), clean_text(v) if isinstance(v, str) else v)
                               for k, v in md.items(multi=True)])


def clean_request() -> None:
    """before_request: refuse JSON where no JSON is taken, parse it strictly where it is, and
    replace the parsed form and query string with cleaned copies."""
    if request.routing_exception is not None:
        return                                   # a 404 / 405 follows; nothing to parse
    if request.view_args:
        request.view_args = {k: clean_text(v) if isinstance(v, str) else v for k, v in request.view_args.items()}
    args = _clean_multidict(request.args)
    if args is not None:
        request.args = args
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return
    if request.is_json:
        if request.endpoint not in JSON_ENDPOINTS:
            abort(415, "This page takes a form, not JSON.")
        request.get_json()                       # strict; a refusal is a 400 with its reason
        return
    form = _clean_multidict(request.form)
    if form is not None:
        request.form = form


# ------------------------------------------------------------------ redirects

def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None.

    Only a single leading "/", then no "/" or "\\" right after it, no backslash anywhere, no control
    character or whitespace, also after percent-decoding (browsers drop a tab or newline, so
    "/%09/evil.example" would become "//evil.example"), and no scheme or host.
    """
    if not target or not isinstance(target, str) or len(target) > 2000:
        return None
    for text in (target, unquote(target)):
        if not text.startswith("/") or text.startswith(("//", "/\\")) or "\\" in text:
            return None
        if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 or not ch.isprintable() for ch in text):
            return None
        parts = urlsplit(text)
        if parts.scheme or parts.netloc:
            return None
    return target


# ------------------------------------------------------------------ login throttling

def client_ip() -> str:
    return request.remote_addr or "unknown"


def account_key(username: str) -> str:
    return (username or "").strip().casefold()[:100]


def login_wait(db, account: str, ip: str, device_ok: bool, now: float | None = None) -> tuple[int, str]:
    """(seconds to wait, why) before this login attempt may be checked; (0, "") when it may.

    - a browser where this account logged in before (device cookie) and that has not failed
      `LOGIN_DEVICE_MAX_FAILURES` times itself is never held back by anyone else's failures;
    - an address with `LOGIN_MAX_FAILURES` failures within the window is refused (strict);
    - an account's failures beyond `LOGIN_FREE_FAILURES` within the window each double the wait
      after the last one, up to `LOGIN_MAX_DELAY` seconds: slowed, never locked.
    """
    from . import storage
    cfg = current_app.config
    now = time.time() if now is None else now
    since = now - cfg["LOGIN_WINDOW_SECONDS"]
    if device_ok:
        return 0, ""
    waits = [(0, "")]
    by_ip = storage.login_failure_times(db, "ip", ip, since)
    limit = cfg["LOGIN_MAX_FAILURES"]
    if len(by_ip) >= limit:
        waits.append((by_ip[limit - 1] + cfg["LOGIN_WINDOW_SECONDS"] - now, "network"))
    by_account = storage.login_failure_times(db, "account", account, since)
    free = cfg["LOGIN_FREE_FAILURES"]
    if len(by_account) >= free:
        delay = min(2 ** (len(by_account) - free), cfg["LOGIN_MAX_DELAY"])
        waits.append((by_account[0] + delay - now, "account"))
    wait, why = max(waits)
    return (math.ceil(wait), why) if wait > 0 else (0, "")


def device_failures(db, device: str, now: float | None = None) -> int:
    from . import storage
    now = time.time() if now is None else now
    return len(storage.login_failure_times(db, "device", device,
                                           now - current_app.config["LOGIN_WINDOW_SECONDS"]))


def record_login_failure(db, account: str, ip: str, device: str = "", now: float | None = None) -> None:
    from . import storage
    now = time.time() if now is None else now
    storage.record_login_failure(db, ip, account, device, now)
    storage.prune_login_failures(db, now - 24 * 3600)


def wait_message(wait: int, why: str) -> str:
    span = f"{wait} seconds" if wait < 120 else f"{math.ceil(wait / 60)} minutes"
    if why == "network":
        return f"Too many failed log-ins from this network. Wait {span}, then try again."
    return f"Too many failed log-ins for this username. Wait {span}, then try again."


# ------------------------------------------------------------------ headers

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def security_headers(response):
    h = response.headers
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("X-Frame-Options", "DENY")
    h.setdefault("Referrer-Policy", "same-origin")
    h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    h.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    if request.endpoint != "static":
        # Pages hold students' answers, answer keys, names: never kept by a browser or a proxy
        # (a shared classroom computer's Back button, a school's caching proxy).
        h["Cache-Control"] = "no-store"
        h.pop("Expires", None)
    return response


def init_app(app: Flask) -> None:
    """Call before anything else registers request hooks: the text is cleaned first."""
    app.request_class = Request
    app.response_class = Response
    app.config.setdefault("LOGIN_WINDOW_SECONDS", 900)
    app.config.setdefault("LOGIN_MAX_FAILURES", 30)
    app.config.setdefault("LOGIN_FREE_FAILURES", 5)
    app.config.setdefault("LOGIN_MAX_DELAY", 300)
    app.config.setdefault("LOGIN_DEVICE_MAX_FAILURES", 5)
    app.before_request(clean_request)
    app.after_request(security_headers)
