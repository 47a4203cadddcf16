"""`python -m questions`: the text preview, and clear errors instead of tracebacks."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "questions" / "data" / "russia-venezuela-2025.txt"


def run(*args):
    return subprocess.run([sys.executable, "-m", "questions", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


def test_text_preview_marks_the_key_and_shows_evidence():
    out = run(SAMPLE, "--format", "text")
    assert out.returncode == 0
    assert "  *" in out.stdout and "Evidence: \"" in out.stdout and "Explanation:" in out.stdout


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (bytes(range(256)) * 20, "not text"),
    (b"Too short to be an article.", "too short"),
])
def test_bad_input_gives_a_message_and_exit_1(tmp_path, content, message):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    out = run(path, "--format", "json")
    assert out.returncode == 1
    assert message in out.stderr.lower() and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_missing_file_exit_2(tmp_path):
    out = run(tmp_path / "nope.txt")
    assert out.returncode == 2 and "cannot read" in out.stderr
