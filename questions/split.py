"""PLACEHOLDER (to be replaced by the split stage)."""
import re
from .model import Sentence


def split(text: str, body_start: int, body_end: int) -> list[Sentence]:
    out = []
    para = 0
    for pm in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text[body_start:body_end]):
        p0 = body_start + pm.start()
        chunk = pm.group()
        for sm in re.finditer(r"\S.*?(?:[.!?]['\"\u2019\u201d]?(?=\s+[A-Z'\"]|$)|$)", chunk, re.S):
            s = sm.group().strip()
            if s:
                a = p0 + sm.start()
                out.append(Sentence(len(out), a, a + len(s), para, s, "title" if para == 0 else "text"))
        para += 1
    return out
