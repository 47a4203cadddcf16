"""Time the engine (analyze + generate) on the sample and on composed articles of growing size.

Why: a teacher waits on this call, and any stage whose cost grows faster than the text shows up as a
rising "ms per 1,000 words" between the 2,000- and 50,000-word articles. Everything is measured in
one run, so the figures compare like with like. Run: .venv/bin/python bench/engine.py
"""
from __future__ import annotations

import contextlib
import pathlib
import random
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import questions  # noqa: E402  (the import is not part of what is timed)
from questions import read  # noqa: E402
from questions.pipeline import clear_caches  # noqa: E402

SAMPLE = ROOT / "questions" / "data" / "russia-venezuela-2025.txt"
TARGET_MS = 100.0
SIZES = (2_000, 10_000, 50_000)
RUNS = {"sample": 9, 2_000: 7, 10_000: 5, 50_000: 3}

FIRST = ["Maria", "Oleg", "Ana", "James", "Li", "Fatima", "Carlos", "Elena", "Samuel", "Priya",
         "Tomas", "Grace", "Ahmed", "Ingrid", "Rafael", "Yuki"]
LAST = ["Ortega", "Ivanov", "Silva", "Mensah", "Chen", "Haddad", "Novak", "Reyes", "Okafor",
        "Lindqvist", "Moreau", "Kowalski", "Tanaka", "Brennan", "Duarte", "Petrova"]
ROLES = ["a senior analyst at the Institute for Regional Studies", "the deputy foreign minister",
         "a spokeswoman for the ministry", "an economist at the central bank",
         "a former ambassador", "the opposition leader", "a professor of political science",
         "the mayor of the port city"]
OUTLETS = ["The Daily Ledger", "Reuters", "the Associated Press", "FlightData24", "Radio Caribe",
           "The Harbour Times"]
PLACES = ["Caracas", "Havana", "Bogota", "Lima", "Quito", "Managua", "Moscow", "Brasilia"]
TOPICS = ["the pipeline deal", "the ceasefire talks", "the election results", "the new tariffs",
          "the naval exercises", "the debt restructuring", "the border closure", "the aid convoy"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def paragraph(rng: random.Random) -> str:
    """One news-like paragraph: quotes, reported claims, dates, hedges or denials, with varied names."""
    who, role, topic = person(rng), rng.choice(ROLES), rng.choice(TOPICS)
    place, outlet = rng.choice(PLACES), rng.choice(OUTLETS)
    year, month, n = rng.randint(1990, 2024), rng.choice(MONTHS), rng.randint(3, 9_500)
    forms = [
        f'"We will not accept {topic} on these terms," said {who}, {role}. '
        f"The government signed a first agreement in {month} {year}, and talks resumed in late {month}.",
        f'{who}, {role}, said: "The situation in {place} is worse than in {year}, and nobody is '
        f'listening." According to {outlet}, {n:,} people left the city in {month}.',
        f"According to {outlet}, a cargo plane landed in {place} in mid-{month}, though its cargo "
        f"remains unclear. Officials may view the flight as a signal, analysts suggest.",
        f"{who} denied that {topic} had collapsed, calling the reports \"fabricated\". "
        f"Critics reportedly accused the ministry of hiding losses of ${n} million since {year}.",
        f"In {year}, {who} led the delegation to {place}; in {year + 1 if year < 2024 else year}, "
        f"the delegation returned empty-handed. \"It was a mistake,\" {who.split()[1]} later admitted.",
        f"Analysts believe {topic} could reshape the region, but the evidence is thin. "
        f"{outlet} reported on {rng.randint(1, 28)} {month} {year} that {n} troops had been moved, "
        f"a claim that could not be independently verified.",
        f"The changes date back to the {year // 10 * 10}s, when {place} first opened its port. "
        f"{who}, {role}, wrote that the decision \"changed everything for a generation\".",
    ]
    first, second = rng.sample(forms, 2)
    return first + " " + second


def compose(words: int, seed: int) -> str:
    """A deterministic article of about `words` words: a title line with a year, then paragraphs."""
    rng = random.Random(seed)
    parts = [f"{rng.choice(PLACES)} and the Region: What Comes Next for {rng.choice(TOPICS)[4:].title()}? (2025)"]
    count = len(parts[0].split())
    while count < words:
        p = paragraph(rng)
        parts.append(p)
        count += len(p.split())
    return "\n\n".join(parts) + "\n"


@contextlib.contextmanager
def size_limit(chars: int):
    """Lift only the read stage's character limit, so `analyze` itself runs on the big article.

    Proposed instead: `analyze(text, *, max_chars=None)` passed down to `check_article`.
    """
    saved = read.MAX_CHARS
    read.MAX_CHARS = max(saved, chars)
    try:
        yield
    finally:
        read.MAX_CHARS = saved


def engine(text: str) -> int:
    analysis = questions.analyze(text)
    return len(questions.generate(analysis))


def time_ms(text: str, runs: int) -> float:
    """Median wall time in ms over `runs` runs, after one untimed warm-up run."""
    with size_limit(len(text)):
        engine(text)
        times = []
        for _ in range(runs):
            clear_caches()                 # each run reads the article afresh, as a teacher's import does
            t0 = time.perf_counter()
            engine(text)
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def adversarial(words: int, seed: int) -> dict[str, str]:
    """Shapes a crafted paste can take (issue 8): each must cost about what prose costs per word."""
    rng = random.Random(seed)
    filler = "the talks went on and the city waited for news of the deal".split()
    names = [f"{a} {b}" for a in FIRST for b in LAST]
    head = "A Crafted Article (2025)\n\n"
    return {
        "one long sentence": head + " ".join(rng.choice(filler) for _ in range(words)) + ".\n",
        "dense dates": head + " ".join(f"on {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1990, 2024)} the"
                                       for _ in range(words // 5)) + ".\n",
        "dense said": head + " ".join(f"{rng.choice(names)} said that" for _ in range(words // 4)) + " it rained.\n",
        "no punctuation": head + " ".join(rng.choice(filler + ["said", "according", "to", "Reuters"])
                                          for _ in range(words)) + "\n",
        # English around the run, so the read stage takes it as English
        "capitalised run": head + " ".join(rng.choice(filler) for _ in range(words // 4)) + ". The officials said that "
        + " ".join(rng.choice(FIRST + LAST + ["Ministry", "of", "the"]) for _ in range(words * 3 // 4)) + " would meet.\n",
        "many quotes": head + " ".join(f'"{rng.choice(filler)} {rng.choice(filler)} {rng.choice(filler)}," '
                                       f'{rng.choice(names)} said.' for _ in range(words // 6)) + "\n",
    }


def adversarial_table(prose_per_k: dict[int, float]) -> None:
    """ms per 1,000 words for each crafted shape beside composed prose, at 2,000 and 10,000 words."""
    print(f"\n{'shape':<22}{'2,000 words':>14}{'10,000 words':>14}{'vs prose':>10}{'growth':>8}")
    sizes = (2_000, 10_000)
    shapes = {size: adversarial(size, seed=size) for size in sizes}
    for name in shapes[sizes[0]]:
        per_k = []
        for size in sizes:
            text = shapes[size][name]
            with size_limit(len(text)):
                try:
                    ms = time_ms(text, 3)
                except questions.ArticleError as exc:        # the read stage refuses it: nothing to run
                    print(f"{name:<22}{'refused: ' + str(exc)[:40]:>36}")
                    break
            per_k.append(ms / len(text.split()) * 1000)
        else:
            worst = max(per_k[0] / prose_per_k[sizes[0]], per_k[1] / prose_per_k[sizes[1]])
            print(f"{name:<22}{per_k[0]:>14.1f}{per_k[1]:>14.1f}{worst:>9.2f}x{per_k[1] / per_k[0]:>7.2f}x")
    print("(ms per 1,000 words; 'vs prose': the worse of the two sizes against composed prose of that size,"
          " target <= 3x; 'growth': 10,000 vs 2,000, 1.0 = linear)")


def main() -> int:
    rows = []
    sample = SAMPLE.read_text(encoding="utf-8")
    rows.append(("sample (russia-venezuela)", len(sample.split()), time_ms(sample, RUNS["sample"])))
    for size in SIZES:
        text = compose(size, seed=size)
        rows.append((f"composed {size:,}", len(text.split()), time_ms(text, RUNS[size])))
    print(f"{'article':<28}{'words':>8}{'median ms':>12}{'ms/1k words':>14}")
    per_k = {}
    for name, words, ms in rows:
        per_k[name] = ms / words * 1000
        print(f"{name:<28}{words:>8,}{ms:>12.1f}{per_k[name]:>14.2f}")
    ratio = per_k[f"composed {SIZES[-1]:,}"] / per_k[f"composed {SIZES[0]:,}"]
    print(f"\nms per 1k words, {SIZES[-1]:,} vs {SIZES[0]:,} words: {ratio:.2f}x (1.0 = linear)")
    sample_ms = rows[0][2]
    verdict = "within" if sample_ms <= TARGET_MS else "OVER"
    print(f"sample: {sample_ms:.1f} ms vs {TARGET_MS:.0f} ms target ({verdict})")
    adversarial_table({2_000: per_k["composed 2,000"], 10_000: per_k["composed 10,000"]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
