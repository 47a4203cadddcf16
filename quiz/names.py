"""Student names: one way to write each name, and a look-alike check (issue 8).

A student types a name (no account). `normalize` makes the stored form: Unicode NFKC (fullwidth
letters, ligatures and other compatibility forms become plain ones), no control or format
characters (zero-width spaces and joiners, right-to-left overrides, soft hyphens), any run of
white space one space. `skeleton` is the form two names are compared in: case folded, and each
letter that looks like a Latin one (Cyrillic, Greek and a few others that a keyboard layout or a
copy-paste gives) written as that Latin letter, after Unicode's confusables idea (UTS #39) but
with a small hand-kept table: the full table and its packages are far more than the class list of
a quiz needs, and a table we can read is one we can test. Accents are kept: "Zoé" and "Zoe" can be
two students.
"""
from __future__ import annotations

import unicodedata

MAX_LENGTH = 100

# Letters that look like Latin ones (lower case; names are case folded first).
_LOOKALIKE = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "з": "3", "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m",
    "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ь": "b", "г": "r", "п": "n", "ѵ": "v", "ү": "y",
    "ӏ": "l",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ζ": "z", "μ": "u",
    # Latin letters and digits that pass for others
    "ı": "i", "ɑ": "a", "ɡ": "g", "ꞵ": "b", "ʏ": "y", "0": "o", "1": "l", "|": "l",
}
# Capitals whose lower case is not the look-alike (Greek Eta looks like H, Cyrillic En like H, ...)
_CAPITALS = {"Η": "h", "Ν": "n", "Μ": "m", "Ρ": "p", "Τ": "t", "Χ": "x", "Υ": "y", "Β": "b", "Κ": "k",
             "Ζ": "z", "Ι": "l", "Ο": "o", "Α": "a", "Ε": "e", "В": "b", "Н": "h", "М": "m", "Т": "t",
             "К": "k", "Р": "p", "С": "c", "Х": "x", "Е": "e", "А": "a", "О": "o", "Ѕ": "s", "І": "l",
             "Ј": "j", "Г": "r", "П": "n"}


def normalize(raw: str) -> str:
    """The name as stored: NFKC, no control or format characters, single spaces, stripped."""
    text = unicodedata.normalize("NFKC", raw or "")
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch.isspace() or cat in ("Zl", "Zp", "Zs"):
            out.append(" ")
        elif cat[0] == "C":            # Cc control, Cf format, Cs, Co, Cn
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())[:MAX_LENGTH]


def skeleton(name: str) -> str:
    """What a name looks like: two names with the same skeleton cannot be told apart on a list."""
    text = normalize(name)
    chars = [_CAPITALS.get(ch, ch) for ch in text]
    folded = unicodedata.normalize("NFD", "".join(chars).casefold())
    out = "".join(_LOOKALIKE.get(ch, ch) for ch in folded)
    out = out.replace("rn", "m").replace("vv", "w").replace("cl", "d")
    return unicodedata.normalize("NFC", out.replace("l", "i"))     # I and l: alike in most fonts
