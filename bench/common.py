"""Shared pieces of the load and crash benchmarks (and their small versions in `make test`).

- `Server`: the README's production command (gunicorn, 2 sync workers, `quiz:create_app()`) on
  127.0.0.1 with a given database, started in its own process group so it can be killed (-9) whole.
- `prepare_db`: a fresh database with the demo seed (sample article, approved questions, an open
  assignment with immediate feedback); returns the join code.
- `Student`: one simulated student (own cookie jar, CSRF token scraped from the page's meta tag,
  stdlib http.client only). It keeps its own log of what the server acknowledged.
- `Stats`: per-endpoint latency and error counts.
- `Teacher`, `large_article`: a teacher pasting a long article (the sample's paragraphs repeated with
  other names) and following its import; `Server(consumer=True)` also runs the import consumer.
- `verify`: compares the students' logs with the database (acknowledged == stored) and runs
  PRAGMA integrity_check.

Traffic goes to 127.0.0.1 only; every loop is bounded in count and in time.
"""
from __future__ import annotations

import http.client
import html
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"

# The production command, as in the README (the port and the database come from here).
GUNICORN = [str(VENV_BIN / "gunicorn"), "-w", "2", "--threads", "4", "quiz:create_app()"]
# The import consumer, as in the README (beside gunicorn; the queue file comes from here).
CONSUMER = [str(VENV_BIN / "huey_consumer"), "quiz.jobs.huey", "-w", "2", "-k", "thread", "-q"]
# The server's SECRET_KEY: the same across restarts (cookies and the page's choice ids stay valid).
SECRET = "bench-secret-key-stable-across-restarts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def prepare_db(path: str) -> str:
    """Fresh database at `path` with the demo seed; returns the join code."""
    from quiz import create_app
    from quiz.seed import run_seed

    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    os.environ.setdefault("DEMO_PASSWORD", "bench-password")
    app = create_app({"DATABASE": path, "SECRET_KEY": "bench"})
    return run_seed(app)["join_code"]


class Server:
    """gunicorn on 127.0.0.1:port serving `db_path`; start(), kill9(), stop()."""

    def __init__(self, db_path: str, port: int | None = None, workers: int = 2, log_path: str | None = None,
                 consumer: bool = False):
        self.db_path, self.port, self.workers = db_path, port or free_port(), workers
        self.log_path = log_path or db_path + ".server.log"
        self.proc: subprocess.Popen | None = None
        self.consumer = consumer            # also the import consumer, as the README runs it
        self.consumer_proc: subprocess.Popen | None = None

    def start(self, timeout: float = 20.0) -> "Server":
        cmd = list(GUNICORN)
        cmd[2] = str(self.workers)
        cmd[-1:-1] = ["-b", f"{HOST}:{self.port}"]
        env = dict(os.environ, SOURCED_DB=self.db_path, SECRET_KEY=SECRET,
                   SOURCED_QUEUE=self.db_path + ".queue", PYTHONPATH=str(ROOT))
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(cmd, cwd=str(ROOT), env=env, stdout=self.log, stderr=self.log,
                                     start_new_session=True)
        if self.consumer:
            self.consumer_proc = subprocess.Popen(CONSUMER, cwd=str(ROOT), env=env, stdout=self.log,
                                                  stderr=self.log, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log_path}")
            try:
                status, _, _ = request(self.port, "GET", "/healthz", timeout=2)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout} s; see {self.log_path}")

    def kill9(self) -> None:
        """SIGKILL the whole process group (master and workers) at once: a power cut for the app."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.log.close()

    def stop(self) -> None:
        c = self.consumer_proc
        if c and c.poll() is None:
            os.killpg(c.pid, signal.SIGTERM)
            try:
                c.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(c.pid, signal.SIGKILL)
                c.wait(timeout=10)
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if not self.log.closed:
            self.log.close()


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            timeout: float = 30.0):
    """One request on a fresh connection (gunicorn's sync workers close after each response)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, resp.headers, data
    finally:
        conn.close()


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.lat: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_samples: list[str] = []
        self.window: dict[str, list[float]] = {}    # endpoint -> [first start, last end]

    def add(self, endpoint: str, start: float, end: float, ok: bool, what: str = "") -> None:
        with self.lock:
            self.lat[endpoint].append(end - start)
            w = self.window.setdefault(endpoint, [start, end])
            w[0], w[1] = min(w[0], start), max(w[1], end)
            if not ok:
                self.errors[endpoint] += 1
                if len(self.error_samples) < 20:
                    self.error_samples.append(f"{endpoint}: {what}")

    def summary(self) -> list[dict]:
        out = []
        for ep, lat in self.lat.items():
            s = sorted(lat)
            pick = lambda p: s[min(len(s) - 1, int(p * len(s)))] * 1000
            span = self.window[ep][1] - self.window[ep][0]
            out.append({"endpoint": ep, "n": len(s), "rps": len(s) / span if span > 0 else 0.0,
                        "p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99), "errors": self.errors[ep]})
        return out

    def table(self) -> str:
        lines = [f"{'endpoint':28} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"]
        for r in self.summary():
            lines.append(f"{r['endpoint']:28} {r['n']:8d} {r['rps']:8.0f} {r['p50']:8.1f} {r['p95']:8.1f}"
                         f" {r['p99']:8.1f} {r['errors']:6d}")
        return "\n".join(lines)


class RequestFailed(Exception):
    pass


META_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
FIELDSET = re.compile(r'<fieldset class="q" data-qid="(\d+)" data-kind="(\w+)"')
CHOICE_ID = re.compile(r'(?:value|data-cid)="(c[0-9a-f]{12})"')
SYNC_TAG = re.compile(r'<input type="hidden" name="s(\d+)" value="([^"]+)"')


class Student:
    """One simulated browser. `acked` holds what the server acknowledged: {qid: response}, in the
    page's form (choices by their opaque ids, as the page's script sends them)."""

    def __init__(self, port: int, code: str, name: str, stats: Stats | None = None, timeout: float = 30.0):
        self.port, self.code, self.name, self.stats, self.timeout = port, code, name, stats, timeout
        self.cookie = ""
        self.csrf = ""
        self.token = ""
        self.questions: list[tuple[int, str, int]] = []   # (qid, kind, number of choices)
        self.choices: dict[int, list[str]] = {}             # qid -> the choices' ids, as shown
        self.tags: dict[int, str] = {}                      # qid -> the server's tag of its answer
        self.acked: dict[int, object] = {}
        self.pending: dict[int, object] | None = None      # all answers if the save in flight lands
        self.unsent: dict[int, object] | None = None       # the answers of that save
        self.submitted = False
        self.submit_pending = False
        self.saves_done = 0

    # -- transport
    def _req(self, endpoint: str, method: str, path: str, body=None, headers=None, expect=(200,)):
        headers = dict(headers or {})
        if self.cookie:
            headers["Cookie"] = self.cookie
        start = time.perf_counter()
        try:
            status, resp_headers, data = request(self.port, method, path, body, headers, self.timeout)
        except (OSError, http.client.HTTPException) as e:   # refused, reset, or cut mid-reply
            if self.stats:
                self.stats.add(endpoint, start, time.perf_counter(), False, repr(e))
            raise RequestFailed(f"{endpoint}: {e!r}") from e
        end = time.perf_counter()
        for value in resp_headers.get_all("Set-Cookie") or []:
            if value.startswith("session="):
                self.cookie = value.split(";", 1)[0]
        ok = status in expect
        if self.stats:
            self.stats.add(endpoint, start, end, ok, f"{status} {data[:200]!r}")
        if not ok:
            raise RequestFailed(f"{endpoint}: HTTP {status} {data[:300]!r}")
        return status, resp_headers, data

    def _scrape(self, page: bytes) -> str:
        text = page.decode("utf-8")
        m = META_CSRF.search(text)
        if m:
            self.csrf = html.unescape(m.group(1))
        return text

    # -- the student's steps
    def join(self) -> None:
        _, _, page = self._req("GET /join/<code>", "GET", f"/join/{self.code}")
        self._scrape(page)
        body = urlencode({"csrf_token": self.csrf, "name": self.name}).encode()
        _, h, data = self._req("POST /join/<code>", "POST", f"/join/{self.code}", body,
                               {"Content-Type": "application/x-www-form-urlencoded"}, expect=(302,))
        location = h.get("Location", "")
        if "/attempt/" not in location:
            raise RequestFailed(f"join: redirected to {location!r}")
        self.token = location.rsplit("/", 1)[1]

    def open_quiz(self) -> str:
        _, _, page = self._req("GET /attempt/<token>", "GET", f"/attempt/{self.token}")
        text = self._scrape(page)
        found = FIELDSET.findall(text)
        sections = text.split('<fieldset class="q"')[1:]
        self.choices = {int(qid): list(dict.fromkeys(CHOICE_ID.findall(sec))) for (qid, _), sec in zip(found, sections)}
        self.questions = [(int(qid), kind, len(self.choices[int(qid)])) for qid, kind in found]
        self.tags = {int(qid): tag for qid, tag in SYNC_TAG.findall(text)}
        if not self.questions:
            raise RequestFailed("quiz page lists no questions")
        return text

    def answer_for(self, i: int):
        """The i-th autosave's new answer: (qid, response), cycling through the questions."""
        qid, kind, n = self.questions[i % len(self.questions)]
        ids = self.choices[qid]
        if kind in ("mc", "tf"):
            return qid, ids[(i + len(self.name)) % n]
        if kind == "order":
            return qid, {cid: ((j + i) % n) + 1 for j, cid in enumerate(ids)}
        return qid, f"{self.name} answer {i}: it's \"quoted\"; DROP TABLE answers; --"

    def autosave(self, i: int) -> None:
        """Like autosave.js: send what changed since the last acknowledged save (a failed save's
        answers ride along with the next one), each with its base tag and edit time."""
        qid, response = self.answer_for(i)
        delta = dict(self.unsent or {})
        delta[qid] = response
        self.unsent = delta
        self.pending = {**self.acked, **delta}
        now_ms = int(time.time() * 1000)
        body = json.dumps({"answers": {str(k): v for k, v in delta.items()},
                           "base": {str(k): self.tags[k] for k in delta if k in self.tags},
                           "edited": {str(k): now_ms for k in delta}}).encode()
        _, _, data = self._req("POST /attempt/<token>/answers", "POST", f"/attempt/{self.token}/answers",
                               body, {"Content-Type": "application/json", "X-CSRFToken": self.csrf})
        reply = json.loads(data)
        if reply.get("saved") != len(delta) or reply.get("kept"):
            raise RequestFailed(f"autosave: {reply}")
        self.tags.update({int(k): t for k, t in reply.get("synced", {}).items()})
        self.acked, self.pending, self.unsent = self.pending, None, None
        self.saves_done = i + 1

    def submit(self) -> None:
        _, h, page = self._req("GET /attempt/<token>/submit", "GET", f"/attempt/{self.token}/submit",
                               expect=(200, 302))
        if h.get("Location", "").endswith("/feedback"):     # a retried submit that had landed
            self.submitted, self.submit_pending = True, False
            return
        self._scrape(page)
        self.submit_pending = True
        body = urlencode({"csrf_token": self.csrf}).encode()
        _, h, _ = self._req("POST /attempt/<token>/submit", "POST", f"/attempt/{self.token}/submit", body,
                            {"Content-Type": "application/x-www-form-urlencoded"}, expect=(302,))
        if not h.get("Location", "").endswith("/feedback"):
            raise RequestFailed(f"submit: redirected to {h.get('Location')!r}")
        self.submitted, self.submit_pending = True, False

    def feedback(self) -> None:
        _, _, page = self._req("GET /attempt/<token>/feedback", "GET", f"/attempt/{self.token}/feedback")
        if b"answers are in" not in page and b"score" not in page.lower():
            raise RequestFailed("feedback page shows no score")

    def shown_answers(self, page: str) -> dict[int, object]:
        """What the quiz page fills in (radio checked / text value): the student's view on resuming."""
        out: dict[int, object] = {}
        for qid, kind, _ in self.questions:
            if kind in ("mc", "tf"):
                m = re.search(rf'name="q{qid}" value="(c[0-9a-f]+)" checked', page)
                if m:
                    out[qid] = m.group(1)
            elif kind == "short":
                m = re.search(rf'name="q{qid}" value="([^"]*)"', page)
                if m and m.group(1):
                    out[qid] = html.unescape(m.group(1))
            elif kind == "open":
                m = re.search(rf'name="q{qid}" rows="\d+" maxlength="\d+">(.*?)</textarea>', page, re.S)
                if m and m.group(1):
                    out[qid] = html.unescape(m.group(1))
        return out


def run_pool(tasks, threads: int, deadline: float) -> list[BaseException]:
    """Run callables on `threads` threads; stop taking new ones after `deadline` (monotonic)."""
    tasks = list(tasks)
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker():
        while time.monotonic() < deadline:
            with lock:
                if not tasks:
                    return
                task = tasks.pop(0)
            try:
                task()
            except Exception as e:     # recorded; the run goes on
                with lock:
                    errors.append(e)

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(max(0.0, deadline - time.monotonic()) + 60)
    with lock:
        if tasks:
            errors.append(TimeoutError(f"{len(tasks)} tasks not started before the deadline"))
    return errors


def verify(db_path: str, students: list[Student], allow_pending: bool = False, secret: str = SECRET) -> list[str]:
    """Problems found comparing the students' logs with the database (empty list: all good).
    Stored answers are compared in the page's form (choice ids from the server's secret).

    With allow_pending, a save or submit that was in flight when the server died may be either
    stored or not (the client never learnt which), but nothing else may differ.
    """
    problems: list[str] = []
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity[:5]}")
        from quiz import scoring
        n_questions = {}
        for aid, n in conn.execute("SELECT assignment_id, COUNT(*) FROM assigned_questions GROUP BY 1"):
            n_questions[aid] = n
        wire = {}         # qid -> (question, its choice ids)
        for qid, aid, kind, choices in conn.execute("SELECT id, assignment_id, kind, choices_json FROM assigned_questions"):
            q = {"id": qid, "kind": kind, "choices": json.loads(choices)}
            wire[qid] = (q, scoring.choice_ids(secret, aid, q))
        by_token = {s.token: s for s in students if s.token}
        rows = conn.execute("SELECT id, token, assignment_id, submitted_at, score FROM attempts").fetchall()
        stored_tokens = {r[1] for r in rows}
        for token in by_token:
            if token not in stored_tokens:
                problems.append(f"acknowledged attempt {token[:8]} missing")
        for attempt_id, token, assignment_id, submitted_at, score in rows:
            s = by_token.get(token)
            if s is None:   # a join whose reply was lost in a crash may leave an empty attempt
                n = conn.execute("SELECT COUNT(*) FROM answers WHERE attempt_id = ?", [attempt_id]).fetchone()[0]
                if not allow_pending or n or submitted_at:
                    problems.append(f"attempt {attempt_id} that no client saw acknowledged")
                continue
            stored = {qid: scoring.to_wire(*wire[qid][:1], json.loads(r), wire[qid][1]) for qid, r in conn.execute(
                "SELECT assigned_question_id, response_json FROM answers WHERE attempt_id = ?"
                " AND response_json != 'null'", [attempt_id])}
            if stored != s.acked:
                if not (allow_pending and s.pending is not None and stored == s.pending):
                    problems.append(f"{s.name}: stored {stored} != acknowledged {s.acked}")
            if s.submitted and not submitted_at:
                problems.append(f"{s.name}: acknowledged submit not stored")
            if submitted_at and not s.submitted and not (allow_pending and s.submit_pending):
                problems.append(f"{s.name}: submitted without an acknowledged submit")
            if submitted_at:
                n_rows = conn.execute("SELECT COUNT(*) FROM answers WHERE attempt_id = ?",
                                      [attempt_id]).fetchone()[0]
                if score is None or n_rows != n_questions[assignment_id]:
                    problems.append(f"{s.name}: half-written submission ({n_rows} answer rows of "
                                    f"{n_questions[assignment_id]}, score {score})")
            else:
                scored = conn.execute("SELECT COUNT(*) FROM answers WHERE attempt_id = ? AND "
                                      "(is_correct IS NOT NULL OR points_awarded IS NOT NULL)",
                                      [attempt_id]).fetchone()[0]
                if scored or score is not None:
                    problems.append(f"{s.name}: scores on an unsubmitted attempt")
    finally:
        conn.close()
    return problems


# ---------------------------------------------------------------- teachers importing large articles

SAMPLE = ROOT / "questions" / "data" / "russia-venezuela-2025.txt"
_NAMES = [("Nicolas Maduro", "Maduro"), ("Donald Trump", "Trump"), ("Marco Rubio", "Rubio"),
          ("Juan Guaido", "Guaido"), ("Mark Galeotti", "Galeotti"), ("Vladimir Putin", "Putin")]
_FIRST = ["Alma", "Bruno", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira",
          "Luis", "Mara", "Nils", "Olga", "Pablo", "Rosa", "Sven", "Tania", "Ugo", "Vera", "Walter", "Yara",
          "Zoltan", "Amir", "Beatriz", "Cyril", "Dalia", "Emil", "Flora"]
_LAST = ["Alvarez", "Borisov", "Castell", "Drummond", "Escobar", "Fischer", "Garrido", "Holm", "Ibarra",
         "Jansen", "Kovac", "Lindqvist", "Moreau", "Novak", "Ortega", "Petrov", "Quiroga", "Rinaldi",
         "Serrano", "Toth", "Urrutia", "Varga", "Weiss", "Xavier", "Yilmaz", "Zamora", "Abbott", "Brandt"]


def large_article(target_chars: int = 150_000, seed: int = 0) -> str:
    """The sample article's paragraphs repeated, each repetition with other people's names, to about
    `target_chars` (kept under the engine's 200,000-character limit)."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n\n")
    title, body = lines[0], lines[2:23]      # the story's paragraphs, not the page's furniture after it
    out, k = [title + f" (a long read, {seed})"], 0
    while sum(len(p) + 2 for p in out) < target_chars:
        for p in body:
            for i, (full, last) in enumerate(_NAMES):
                j = (k * len(_NAMES) + i + seed) % (len(_FIRST) * len(_LAST))
                first, surname = _FIRST[j % len(_FIRST)], _LAST[(j // len(_FIRST) + i) % len(_LAST)]
                p = p.replace(full, f"{first} {surname}").replace(last, surname)
            out.append(p)
            if sum(len(x) + 2 for x in out) >= target_chars:
                break
        k += 1
    return "\n\n".join(out)[:min(target_chars + 5_000, 199_000)]


class Teacher:
    """One simulated teacher: logs in, pastes an article, follows its import's status route."""

    def __init__(self, port: int, username: str, password: str, stats: Stats | None = None, timeout: float = 60.0):
        self.port, self.username, self.password, self.stats = port, username, password, stats
        self.student = Student(port, "", username, stats, timeout)    # its transport: cookies, CSRF
        self.article_id = 0
        self.state = ""
        self.message = ""
        self.seconds = 0.0
        self.drafted = 0

    def login(self) -> None:
        s = self.student
        s._scrape(s._req("GET /auth/login", "GET", "/auth/login")[2])
        body = urlencode({"csrf_token": s.csrf, "username": self.username, "password": self.password}).encode()
        _, h, _ = s._req("POST /auth/login", "POST", "/auth/login", body,
                         {"Content-Type": "application/x-www-form-urlencoded"}, expect=(302,))
        if "/auth/login" in h.get("Location", ""):
            raise RequestFailed(f"{self.username}: log-in refused")

    def import_article(self, text: str, max_seconds: float = 180.0) -> None:
        """Paste `text`, then poll the status route (as progress.js does) until drafted or failed."""
        s = self.student
        s._scrape(s._req("GET /articles/new", "GET", "/articles/new")[2])
        body = urlencode({"csrf_token": s.csrf, "text": text}).encode()
        start = time.perf_counter()
        _, h, _ = s._req("POST /articles/new", "POST", "/articles/new", body,
                         {"Content-Type": "application/x-www-form-urlencoded"}, expect=(302,))
        self.article_id = int(h.get("Location", "").rstrip("/").rsplit("/", 1)[1])
        deadline = time.monotonic() + max_seconds
        while time.monotonic() < deadline:
            _, _, data = s._req("GET /articles/<id>/status", "GET", f"/articles/{self.article_id}/status")
            status = json.loads(data)
            self.state, self.message, self.drafted = status["state"], status["message"], status["drafted"] or 0
            if self.state != "drafting":
                break
            time.sleep(1.0)
        self.seconds = time.perf_counter() - start
        if self.state != "ready":
            raise RequestFailed(f"{self.username}: import {self.state}: {self.message}")
