"""The engine on the embedded sample, scored against its hand-made gold (tests/data)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from questions.scoring import score

DATA = Path(__file__).parent / "data"
ARTICLE = DATA / "russia-venezuela-2025.txt"
GOLD = DATA / "russia-venezuela-2025.json"
THRESHOLDS = {
    "attribution_f1": 0.95, "date_f1": 0.95, "claim_status_accuracy": 0.90,
    "question_key_accuracy": 1.0, "coverage_attributions": 0.90, "coverage_dates": 0.90,
    "coverage_claims": 0.90, "questions": 25, "question_types": 6,
}


def run_cli(path: Path, seed: str = "0") -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.run([sys.executable, "-m", "questions", str(path), "--format", "json"],
                          check=True, capture_output=True, text=True, env=env,
                          cwd=Path(__file__).parent.parent).stdout


@pytest.fixture(scope="module")
def scored():
    out = json.loads(run_cli(ARTICLE))
    return score(json.loads(GOLD.read_text()), ARTICLE.read_text(encoding="utf-8"), out)


@pytest.mark.parametrize("metric,minimum", THRESHOLDS.items())
def test_sample_meets_threshold(scored, metric, minimum):
    metrics, misses = scored
    assert metrics[metric] >= minimum, "\n".join(misses)


@pytest.mark.parametrize("metric", ["questions_malformed", "questions_from_furniture", "claim_bad_status_values"])
def test_sample_has_no_defects(scored, metric):
    metrics, misses = scored
    assert metrics[metric] == 0, "\n".join(misses)


def test_output_is_identical_across_runs_and_hash_seeds():
    assert run_cli(ARTICLE, "1") == run_cli(ARTICLE, "12345") == run_cli(ARTICLE, "random")


def test_scorer_catches_a_wrong_key():
    """The scorer itself must fail a wrong answer key, or the thresholds above prove nothing."""
    out = json.loads(run_cli(ARTICLE))
    for q in out["questions"]:
        if q["type"] == "who_said":
            q["key"] = "Nobody In Particular"
    metrics, _ = score(json.loads(GOLD.read_text()), ARTICLE.read_text(encoding="utf-8"), out)
    assert metrics["question_key_accuracy"] < 1.0
