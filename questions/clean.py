"""PLACEHOLDER (to be replaced by the clean stage)."""
import re
from .model import Cleaned


def clean(text: str) -> Cleaned:
    title = text.strip().splitlines()[0].strip()
    m = re.search(r"\((\d{4})\)", title)
    i = text.find("\nTop Articles")
    end = i if i >= 0 else len(text.rstrip())
    rep = text.rfind("\n" + title, 0, end)
    if rep > 0:
        end = rep
    return Cleaned(title=title, published=m.group(1) if m else None, body_start=0, body_end=end)
