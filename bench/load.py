"""Load benchmark: whole classes answering at once against the production server.

    .venv/bin/python bench/load.py                       # classes of 30, 300 and 1000 students,
                                                         # then 300 while 4 teachers import
    .venv/bin/python bench/load.py --students 30 --threads 20
    .venv/bin/python bench/load.py --only-imports        # just the import scenario

For each class size: a fresh database with the demo seed, gunicorn as in the README (2 workers,
4 threads each) on 127.0.0.1, then
  1. the class, stage by stage (every student finishes a stage before the next starts, as when a
     teacher says "go"): join (GET + POST /join/<code>), open the quiz, autosave ten answers (each
     save sends every answer so far, as autosave.js does), submit (confirmation page + POST),
     open feedback;
  2. the trivial route (/healthz), in two bursts with the same client threads, right before and
     right after the saves (the machine's other load changes less in between).
The import scenario (issue 8, finding 3): the same with the import consumer running beside
gunicorn (as the README serves it), and 4 teachers who log in and each paste a ~150 kB article
(bench/common.py large_article: the sample's paragraphs repeated with other names, about 1,100
drafts each) as the saves start, then follow it through the status route until drafted.
Per endpoint: requests/s, p50/p95/p99 latency, errors; the answer-save rate over the trivial
route's rate. While the class submits, the README's backup command copies the live database (the
copy must pass integrity_check). Then the database is compared with the students' own logs (acknowledged ==
stored) and PRAGMA integrity_check must say ok.

The client is one process of --threads threads (stdlib http.client, a fresh connection per
request, no keep-alive, for the trivial route as for the rest); it shares the 2 cores with the
server, so the figures are a floor. Bounded: a fixed number of requests and --max-seconds per class.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (ROOT, VENV_BIN, Server, Stats, Student, Teacher, large_article, prepare_db,  # noqa: E402
                    request, run_pool, verify)

SAVES = 10
SAVE_EP = "POST /attempt/<token>/answers"


def trivial(port: int, n: int, threads: int, deadline: float) -> Stats:
    stats = Stats()

    def one():
        start = time.perf_counter()
        try:
            status, _, body = request(port, "GET", "/healthz")
            stats.add("GET /healthz", start, time.perf_counter(), status == 200 and body == b"ok", str(status))
        except (OSError, http.client.HTTPException) as e:
            stats.add("GET /healthz", start, time.perf_counter(), False, repr(e))

    run_pool([one] * n, threads, deadline)
    return stats


def check_backup(path: str, returncode: int, output: str) -> str:
    """'' if the backup taken under load is a whole, consistent database; else what is wrong."""
    if returncode != 0:
        return f"backup command failed: {output[-300:]}"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        n = conn.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    finally:
        conn.close()
    return "" if ok and n > 0 else f"backup: integrity {ok}, {n} attempts"


def add_teachers(db_path: str, n: int) -> list[tuple[str, str]]:
    """n more teacher accounts in the bench database; [(username, password)]."""
    from quiz import storage
    from quiz.db import connect
    db = connect(db_path)
    try:
        accounts = [(f"importer{i}", f"bench-import-password-{i}") for i in range(n)]
        for username, password in accounts:
            storage.create_teacher(db, username, password, is_admin=False)
    finally:
        db.close()
    return accounts


def start_imports(port: int, accounts, stats: Stats, chars: int) -> tuple[list, list[threading.Thread], list]:
    """Each teacher logs in and pastes its own large article, on its own thread (now)."""
    teachers = [Teacher(port, u, p, stats) for u, p in accounts]
    errors: list[BaseException] = []

    def run(i, t):
        try:
            t.login()
            t.import_article(large_article(chars, seed=i))
        except Exception as e:       # recorded; the class goes on
            errors.append(e)
    pool = [threading.Thread(target=run, args=(i, t), daemon=True) for i, t in enumerate(teachers)]
    for t in pool:
        t.start()
    return teachers, pool, errors


class LockProbe(threading.Thread):
    """Takes the database's write lock (BEGIN IMMEDIATE; COMMIT) every 20 ms and records how long
    each took: the longest is about the longest write transaction anyone held meanwhile."""

    def __init__(self, db_path: str):
        super().__init__(daemon=True)
        self.db_path, self.waits, self.stopping = db_path, [], threading.Event()

    def run(self):
        conn = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        try:
            while not self.stopping.is_set():
                start = time.perf_counter()
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("COMMIT")
                self.waits.append((time.perf_counter() - start) * 1000)
                self.stopping.wait(0.02)
        finally:
            conn.close()

    def stop(self) -> dict:
        self.stopping.set()
        self.join(60)
        w = sorted(self.waits) or [0.0]
        return {"n": len(w), "p50": w[len(w) // 2], "p99": w[min(len(w) - 1, int(0.99 * len(w)))], "max": w[-1]}


def run_class(n_students: int, threads: int, max_seconds: float, workdir: str, trivial_n: int,
              out=print, importers: int = 0, import_chars: int = 150_000, probe_lock: bool = False) -> dict:
    """One class; with `importers`, that many teachers each import a large article (about
    `import_chars` characters) while the class saves its answers, and the import consumer runs."""
    name = f"load-{n_students}" + (f"-imports{importers}" if importers else "")
    db_path = os.path.join(workdir, f"{name}.db")
    code = prepare_db(db_path)
    accounts = add_teachers(db_path, importers) if importers else []
    server = Server(db_path, consumer=bool(importers)).start()
    deadline = time.monotonic() + max_seconds
    teachers, import_threads, import_errors = [], [], []
    probe_lock = probe_lock or bool(importers)
    probe = None
    try:
        bases = []
        stats = Stats()
        students = [Student(server.port, code, f"Student {i:04d}", stats) for i in range(n_students)]
        failures: list[BaseException] = []
        alive = list(students)
        t0 = time.perf_counter()
        backup_path = db_path + ".backup"
        for stage in (Student.join, Student.open_quiz,
                      lambda s: [s.autosave(i) for i in range(SAVES)],
                      Student.submit, Student.feedback):
            saving = stage not in (Student.join, Student.open_quiz, Student.submit, Student.feedback)
            if saving:    # the trivial route right before and right after the saves: same conditions
                bases.append(trivial(server.port, trivial_n // 2, threads, deadline))
            if stage is Student.submit:      # the README's backup command, while the class submits
                backup_proc = subprocess.Popen([str(VENV_BIN / "flask"), "--app", "app", "backup", backup_path],
                                          cwd=str(ROOT), env=dict(os.environ, SOURCED_DB=db_path,
                                                                  SECRET_KEY="bench"),
                                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if saving and probe_lock and probe is None:
                probe = LockProbe(db_path)
                probe.start()
            if saving and accounts:          # the teachers paste their articles as the saves start
                teachers, import_threads, import_errors = start_imports(server.port, accounts, stats,
                                                                        import_chars)
            errs = run_pool([(lambda s=s: stage(s)) for s in alive], threads, deadline)
            if saving:
                bases.append(trivial(server.port, trivial_n // 2, threads, deadline))
            if stage is Student.submit:
                backup_out = backup_proc.communicate(timeout=60)[0].decode()
            failures += errs
            alive = [s for s in alive if s.token and (stage is Student.join or s.questions)]
        elapsed = time.perf_counter() - t0
        for t in import_threads:
            t.join(max(1.0, deadline - time.monotonic()))
        lock = probe.stop() if probe else None
    finally:
        server.stop()
    failures += import_errors
    problems = verify(db_path, students)
    backup_check = check_backup(backup_path, backup_proc.returncode, backup_out)
    if backup_check:
        problems.append(backup_check)
    summary = {r["endpoint"]: r for r in stats.summary()}
    base = Stats()                   # both bursts together, for the latency table
    for b in bases:
        for ep, lat in b.lat.items():
            base.lat[ep] += lat
            base.errors[ep] += b.errors[ep]
            base.window[ep] = [0.0, 1.0]
    rates = [b.summary()[0]["rps"] for b in bases if b.summary()]
    trivial_rps = sum(rates) / len(rates) if rates else 0.0
    save = summary.get(SAVE_EP, {"rps": 0.0, "p95": float("nan"), "errors": 0})
    result = {
        "students": n_students, "threads": threads, "seconds": round(elapsed, 1),
        "trivial": base.summary()[0] if base.summary() else None, "trivial_bursts_rps": rates, "endpoints": stats.summary(),
        "save_rps": save["rps"], "trivial_rps": trivial_rps,
        "ratio": save["rps"] / trivial_rps if trivial_rps else 0.0,
        "errors": sum(r["errors"] for r in stats.summary()) + sum(base.errors.values()),
        "client_failures": [repr(e) for e in failures[:10]], "n_failures": len(failures),
        "problems": problems[:20], "n_problems": len(problems),
        "acknowledged_saves": sum(s.saves_done for s in students),
        "acknowledged_submits": sum(s.submitted for s in students),
        "write_lock_wait_ms": lock,
        "imports": [{"teacher": t.username, "state": t.state, "drafted": t.drafted,
                     "seconds": round(t.seconds, 1), "message": t.message} for t in teachers],
    }
    title = f"{n_students} students" + (f" while {importers} teachers import ~{import_chars // 1000} kB articles"
                                        if importers else "")
    out(f"\n== {title}, {threads} client threads, {elapsed:.1f} s ==")
    if base.summary():
        t = base.summary()[0]
        header = base.table().splitlines()[0]
        out(header + f"\n{t['endpoint']:28} {t['n']:8d} {trivial_rps:8.0f} {t['p50']:8.1f} {t['p95']:8.1f}"
            f" {t['p99']:8.1f} {t['errors']:6d}")
    out(f"(/healthz in two bursts of {trivial_n // 2}, right before and right after the saves: "
        + ", ".join(f"{r:.0f}/s" for r in rates) + ")")
    out(stats.table())
    out(f"answer saves: {save['rps']:.0f}/s, trivial route: {trivial_rps:.0f}/s, "
        f"ratio {result['ratio']:.2f} (target >= 0.5); save p95 {save['p95']:.1f} ms (target < 200)")
    out(f"acknowledged: {result['acknowledged_saves']} saves, {result['acknowledged_submits']} submits; "
        f"database vs client logs: {'identical' if not problems else f'{len(problems)} problems'}; "
        f"integrity_check: {'ok' if not any('integrity' in p for p in problems) else 'FAILED'}; "
        f"backup taken during the submits: {'consistent' if not any('backup' in p for p in problems) else 'FAILED'}")
    if teachers:
        ok = [t for t in teachers if t.state == "ready"]
        out(f"imports: {len(ok)} of {len(teachers)} drafted ("
            + ", ".join(f"{t.drafted} questions in {t.seconds:.1f} s" if t.state == "ready"
                        else f"{t.state or 'not started'}: {t.message}" for t in teachers)
            + "), from submit to drafted, polled as the progress page does")
    if lock:
        out(f"write lock, taken every 20 ms from the saves' start to the end of the run: wait "
            f"p50 {lock['p50']:.1f} ms, p99 {lock['p99']:.1f} ms, max {lock['max']:.1f} ms ({lock['n']} takes)")
    for p in problems[:10]:
        out("  problem: " + p)
    for e in failures[:5]:
        out("  client failure: " + repr(e))
    for e in stats.error_samples[:5]:
        out("  error: " + e)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--students", default="30,300,1000", help="class sizes, comma-separated")
    ap.add_argument("--threads", type=int, default=64, help="client threads (concurrent requests)")
    ap.add_argument("--trivial", type=int, default=5000, help="requests to /healthz")
    ap.add_argument("--max-seconds", type=float, default=300, help="time bound per class")
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--import-students", type=int, default=300,
                    help="the class answering while teachers import large articles (0: skip that scenario)")
    ap.add_argument("--importers", type=int, default=4, help="teachers importing at once in that scenario")
    ap.add_argument("--import-chars", type=int, default=150_000, help="each imported article's length")
    ap.add_argument("--only-imports", action="store_true", help="run only the import scenario")
    ap.add_argument("--probe-lock", action="store_true",
                    help="time the write lock in the plain classes too (the import scenario always does)")
    args = ap.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="sourced-load-") as workdir:
        for n in ([] if args.only_imports else [int(x) for x in args.students.split(",")]):
            results.append(run_class(n, min(args.threads, max(n, 1)), args.max_seconds, workdir, args.trivial,
                                     probe_lock=args.probe_lock))
        if args.import_students:
            n = args.import_students
            results.append(run_class(n, min(args.threads, max(n, 1)), args.max_seconds, workdir, args.trivial,
                                     importers=args.importers, import_chars=args.import_chars))
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, server and client on the same host")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    ok = all(r["errors"] == 0 and r["n_failures"] == 0 and r["n_problems"] == 0 for r in results)
    big = max((r for r in results if not r["imports"]), key=lambda r: r["students"], default=results[-1])
    save_p95 = next((e["p95"] for e in big["endpoints"] if e["endpoint"] == SAVE_EP), float("inf"))
    print(f"targets ({big['students']} students): zero errors {'met' if big['errors'] == 0 else 'MISSED'}; "
          f"save p95 < 200 ms {'met' if save_p95 < 200 else 'MISSED'} ({save_p95:.0f} ms); "
          f"save/trivial >= 0.5 {'met' if big['ratio'] >= 0.5 else 'MISSED'} ({big['ratio']:.2f})")
    for r in results:
        if r["imports"]:
            p95 = next((e["p95"] for e in r["endpoints"] if e["endpoint"] == SAVE_EP), float("inf"))
            drafted = sum(i["state"] == "ready" for i in r["imports"])
            print(f"targets ({r['students']} students, {len(r['imports'])} imports): zero errors "
                  f"{'met' if r['errors'] == 0 and r['n_failures'] == 0 else 'MISSED'}; save p95 < 200 ms "
                  f"{'met' if p95 < 200 else 'MISSED'} ({p95:.0f} ms); imports drafted {drafted} of {len(r['imports'])}")
            ok = ok and p95 < 200
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
