"""A small class through bench/load.py's path: the production server (gunicorn), 30 students, every
step; asserts correctness only (no timing): no errors, no 500s, acknowledged == stored, integrity ok."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import load as load_bench  # noqa: E402


def test_small_class_under_gunicorn(tmp_path):
    lines = []
    result = load_bench.run_class(30, threads=12, max_seconds=120, workdir=str(tmp_path), trivial_n=200,
                                  out=lines.append)
    report = "\n".join(lines)
    assert result["errors"] == 0, report
    assert result["n_failures"] == 0, report
    assert result["problems"] == [], report
    assert result["acknowledged_saves"] == 30 * load_bench.SAVES, report
    assert result["acknowledged_submits"] == 30, report
