"""bench/crash.py at small scale: SIGKILL the gunicorn process group while 40 students are joining,
saving and submitting; restart; everything acknowledged is there, no half-written attempt,
students resume where they were, integrity ok. Correctness only, no timing."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import crash as crash_bench  # noqa: E402


def test_kill9_mid_class_loses_nothing_acknowledged(tmp_path):
    lines = []
    result = crash_bench.run_crash(40, threads=16, kill_at=0.4, max_seconds=120, workdir=str(tmp_path),
                                   out=lines.append)
    report = "\n".join(lines)
    assert result["problems_at_crash"] == [], report
    assert result["problems_final"] == [], report
    assert result["resume_problems"] == [], report
    assert result["client_errors"] == [], report
    assert result["completed"] == 40, report
    assert result["interrupted"] > 0, report          # the kill really hit students mid-visit
