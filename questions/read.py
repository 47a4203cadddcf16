"""PLACEHOLDER (to be replaced by the read stage): bytes to text, and the checks on it."""
from .model import ArticleError


def read_article(data: bytes, filename: str = "") -> tuple[str, str]:
    text = data.decode("utf-8-sig", errors="replace")
    return text, "text"


def check_article(text: str) -> None:
    if len(text.split()) < 80:
        raise ArticleError("This article is too short: paste at least 80 words.")
