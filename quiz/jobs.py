"""Article drafting off the request thread: a huey task queue. No Flask.

The teacher's submit stores the article's text in state 'drafting' (quiz.storage.
create_drafting_article) and enqueues `draft_article`; a consumer process runs it:

    huey_consumer quiz.jobs.huey -w 2 -k thread      # beside gunicorn; `make consumer`

Why huey: well kept, a SQLite queue (instance/queue.db, beside the app's database: nothing more to
run on one box), an immediate mode for tests (create_app sets it when TESTING), and the same tasks
move unchanged to Redis (`RedisHuey`) for a school that outgrows one box.

A job runs the engine (analyze, then generate) in a forked child process with a hard time limit:
a thread cannot be stopped, a process can. The child sends its stages and its result (the analysis
already JSON-encoded, the questions) through a pipe; the job records the stages and, at the end,
writes the analysis and every draft in one short write transaction. Past the limit the child is
killed and the article is marked failed with TIME_LIMIT_MESSAGE.

`draft` is the plain service function: quiz.articles.import_article (the seed) calls it directly,
in-process and synchronously.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import time
import traceback
from pathlib import Path

from huey import SqliteHuey

import questions as engine

from . import storage
from .db import connect

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
QUEUE = os.environ.get("SOURCED_QUEUE") or str(ROOT / "instance" / "queue.db")
TIME_LIMIT = 60.0
NICE = 10                    # the drafting child's CPU priority, below the web server's
TIME_LIMIT_MESSAGE = "This article took too long to read; try a shorter part of it."
CRASH_MESSAGE = "Something went wrong while reading this article. Try again, or paste a shorter part of it."

# results=False: nothing waits on a task's return value (the article row is the result).
Path(QUEUE).parent.mkdir(parents=True, exist_ok=True)
huey = SqliteHuey("sourced", filename=QUEUE, results=False)

# The stages a job goes through, with what the progress page says.
STAGES = {
    "queued": "Waiting for a free reader…",
    "reading": "Reading the article…",
    "analysing": "Finding speakers, dates and claims…",
    "drafting": "Drafting questions…",
    "saving": "Saving the drafted questions…",
}


def draft(text: str, source_format: str = "text", imported: dict | None = None,
          on_stage=None) -> tuple[str, str, list[dict]]:
    """The engine's work on one article: (title, analysis as JSON, questions). Raises
    engine.ArticleError for the teacher. If only the drafting fails, no questions: the article is
    still useful (the teacher can write questions)."""
    stage = on_stage or (lambda name: None)
    stage("analysing")
    analysis = engine.analyze(text, source_format=source_format)
    stage("drafting")
    try:
        drafted = engine.generate(analysis)
    except engine.ArticleError:
        raise
    except Exception:  # the engine is still evolving; an article without drafts is still useful
        log.exception("question engine failed while drafting")
        drafted = []
    data = engine.to_dict(analysis, drafted)
    if imported:
        data["imported"] = imported
    found = data.pop("questions", [])
    data.pop("text", None)
    return data.get("title") or "", json.dumps(data), found


def _child(send, text, source_format, imported) -> None:
    try:
        os.nice(NICE)          # the engine yields the CPU to the web server's requests
    except OSError:
        pass
    try:
        result = draft(text, source_format, imported, on_stage=lambda s: send.send(("stage", s)))
        send.send(("done", result))
    except engine.ArticleError as e:
        send.send(("error", str(e)))
    except BaseException:  # noqa: BLE001 - reported to the parent, which marks the article failed
        send.send(("crash", traceback.format_exc()))
    finally:
        send.close()


def draft_with_limit(text: str, source_format: str, imported: dict | None, time_limit: float,
                     on_stage=None) -> tuple[str, object]:
    """draft() in a forked child, killed after `time_limit` seconds. Returns ("done", result),
    ("error", the teacher's message), ("timeout", None) or ("crash", traceback)."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, text, source_format, imported), daemon=True)
    deadline = time.monotonic() + time_limit
    proc.start()
    send.close()
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not recv.poll(remaining):
                return "timeout", None
            try:
                kind, payload = recv.recv()
            except EOFError:
                proc.join(1)
                return "crash", f"the drafting process ended ({proc.exitcode})"
            if kind == "stage":
                if on_stage:
                    on_stage(payload)
                continue
            return kind, payload
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)


def run_import(db_path: str, article_id: int, time_limit: float = TIME_LIMIT) -> str:
    """The job: draft one 'drafting' article and store the result; returns its final state."""
    db = connect(db_path)
    try:
        try:
            source = storage.get_article_source(db, article_id)
        except storage.NotFoundError:
            return "gone"
        if source["state"] != "drafting":
            return source["state"]
        storage.set_article_stage(db, article_id, "reading")
        kind, payload = draft_with_limit(source["text"], source["source_format"], source["imported"],
                                         time_limit, on_stage=lambda s: storage.set_article_stage(db, article_id, s))
        if kind == "done":
            title, analysis_json, found = payload
            storage.set_article_stage(db, article_id, "saving")
            try:
                storage.finish_article(db, article_id, title, analysis_json, found)
            except storage.ConflictError:
                pass
            return "ready"
        if kind == "timeout":
            log.warning("article %s: drafting passed the %s s limit", article_id, time_limit)
            message = TIME_LIMIT_MESSAGE
        elif kind == "error":
            message = payload
        else:
            log.error("article %s: drafting failed: %s", article_id, payload)
            message = CRASH_MESSAGE
        storage.fail_article(db, article_id, message)
        return "failed"
    finally:
        db.close()


@huey.task()
def draft_article(db_path: str, article_id: int, time_limit: float = TIME_LIMIT) -> None:
    try:
        run_import(db_path, article_id, time_limit)
    except Exception:
        log.exception("article %s: the drafting job failed", article_id)
        db = connect(db_path)
        try:
            storage.fail_article(db, article_id, CRASH_MESSAGE)
        finally:
            db.close()


def start_consumer(workers: int = 2):
    """The consumer as a subprocess (`make run`'s demo); production runs `huey_consumer` itself."""
    import subprocess
    import sys
    return subprocess.Popen([sys.executable, "-m", "huey.bin.huey_consumer", "quiz.jobs.huey",
                             "-w", str(workers), "-k", "thread", "-q"], cwd=str(ROOT))
