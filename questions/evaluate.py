"""`python -m questions.evaluate DIR [DIR ...]`: score the engine on gold corpora, in-process.

A folder may hold annotated articles (NAME.txt with gold/NAME.json, or NAME.json beside it) and
pasted pages (NAME.pasted.txt with NAME.body.json, the gold body span). Articles are scored by
questions.scoring.score (the outside evaluation's rules and metric names), pages by their body
character P/R/F1 and the questions whose evidence lies outside the gold body. Prints a table and
the means; exits 1 when a floor (--min, --min-each) fails, 2 when a folder has nothing to score.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from pathlib import Path

from . import analyze, generate, read_article, to_dict
from .scoring import score, score_html_page, score_page

ARTICLE_KEYS = ("attribution_precision", "attribution_recall", "attribution_f1", "date_precision",
                "date_recall", "date_f1", "claim_status_accuracy", "claim_bad_status_values", "questions",
                "question_types", "questions_malformed", "questions_from_furniture", "questions_checkable",
                "question_key_accuracy", "coverage_attributions", "coverage_dates", "coverage_claims")
PAGE_KEYS = ("body_precision", "body_recall", "body_f1", "page_questions", "questions_outside_body")
HTML_KEYS = ("html_questions", "html_questions_outside_body")
KEYS = {"article": ARTICLE_KEYS, "page": PAGE_KEYS, "html": HTML_KEYS}
TOTALS = {"article": ("questions_checkable", "questions", "questions_malformed", "questions_from_furniture"),
          "page": ("page_questions", "questions_outside_body"),
          "html": ("html_questions", "html_questions_outside_body")}


@dataclasses.dataclass
class Item:
    """One thing to score: what the engine reads, and the gold with the text it indexes."""
    kind: str          # "article" | "page" | "html"
    name: str
    engine_input: Path
    gold: Path
    text: Path         # the text the gold's offsets and sentences refer to


@dataclasses.dataclass
class Row:
    kind: str
    name: str
    metrics: dict
    misses: list
    error: str | None = None


@dataclasses.dataclass
class Floor:
    name: str
    op: str            # ">=" or "<="
    value: float

    def holds(self, v: float) -> bool:
        return v >= self.value if self.op == ">=" else v <= self.value

    def __str__(self) -> str:
        return f"{self.name}{'=' if self.op == '>=' else '<='}{self.value:g}"


def engine_output(path: Path) -> dict:
    """What `python -m questions PATH --format json` prints, without a subprocess."""
    text, source_format = read_article(path.read_bytes(), path.name)
    analysis = analyze(text, source_format=source_format)
    return json.loads(json.dumps(to_dict(analysis, generate(analysis))))


def is_article_gold(path: Path) -> bool:
    try:
        return "attributions" in json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return False


def discover(folder: Path, html: bool = False) -> list[Item]:
    """Every article and page in a folder, sorted by name; HTML copies only when asked."""
    items = []
    golds = sorted(folder.glob("gold/*.json")) + sorted(
        p for p in folder.glob("*.json") if not p.name.endswith(".body.json") and is_article_gold(p))
    for gold in golds:
        txt = folder / f"{gold.stem}.txt"
        page = folder / f"{gold.stem}.html"
        engine_input = page if html and page.exists() else txt
        items.append(Item("article", gold.stem, engine_input, gold, txt))
    for body in sorted(folder.glob("*.body.json")):
        stem = body.name[:-len(".body.json")]
        pasted = folder / f"{stem}.pasted.txt"
        items.append(Item("page", stem, pasted, body, pasted))
        if html and (folder / f"{stem}.html").exists():
            items.append(Item("html", stem + ".html", folder / f"{stem}.html", body, pasted))
    return items


def evaluate(item: Item) -> Row:
    """Run the engine on one item and score it; an engine failure scores zero, as a crash would."""
    try:
        gold = json.loads(item.gold.read_text(encoding="utf-8"))
        text = item.text.read_text(encoding="utf-8")
        out = engine_output(item.engine_input)
    except Exception as exc:  # noqa: BLE001 - one broken article must not hide the others' figures
        return Row(item.kind, item.name, {k: 0 for k in KEYS[item.kind]}, [], f"{type(exc).__name__}: {exc}")
    if item.kind == "article":
        m, misses = score(gold, text, out)
    elif item.kind == "page":
        m, misses = score_page(gold, out)
    else:
        m, misses = score_html_page(gold, text, out)
    return Row(item.kind, item.name, m, misses)


def means(rows: list[Row]) -> dict:
    """Mean of every metric over the rows of its kind (an engine error counts as zeros)."""
    out = {}
    for kind, keys in KEYS.items():
        mine = [r for r in rows if r.kind == kind]
        for k in keys:
            if mine:
                out[k] = sum(r.metrics.get(k, 0) for r in mine) / len(mine)
    return out


def totals(rows: list[Row]) -> dict:
    out = {}
    for kind, keys in TOTALS.items():
        mine = [r for r in rows if r.kind == kind]
        for k in keys:
            if mine:
                out[k] = sum(r.metrics.get(k, 0) for r in mine)
    mine = [r for r in rows if r.kind == "article"]
    if mine:  # keys right, pooled over every checkable question rather than averaged per article
        out["questions_key_right"] = sum(round(r.metrics["question_key_accuracy"] * r.metrics["questions_checkable"])
                                         for r in mine)
    return out


def parse_floor(text: str) -> Floor:
    """NAME=VALUE (a minimum) or NAME<=VALUE (a maximum, for counts of defects)."""
    m = re.fullmatch(r"(\w+)\s*(<=|>=|=)\s*([-+0-9.eE]+)", text)
    if not m:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE or NAME<=VALUE, got {text!r}")
    name, op, value = m.groups()
    if not any(name in keys for keys in KEYS.values()):
        raise argparse.ArgumentTypeError(f"unknown metric {name!r}")
    return Floor(name, "<=" if op == "<=" else ">=", float(value))


def kind_of(metric: str) -> str:
    return next(kind for kind, keys in KEYS.items() if metric in keys)


def check_floors(rows: list[Row], mean: dict, floors: list[Floor], each: list[Floor]) -> list[str]:
    """Every floor that fails, as a line saying what and by how much."""
    failed = []
    for f in floors:
        if f.name not in mean:
            failed.append(f"mean {f}: no {kind_of(f.name)} was scored")
        elif not f.holds(mean[f.name]):
            failed.append(f"mean {f.name} {mean[f.name]:.3f}, floor {f}")
    for f in each:
        mine = [r for r in rows if r.kind == kind_of(f.name)]
        if not mine:
            failed.append(f"each {f}: no {kind_of(f.name)} was scored")
        for r in mine:
            if r.error:
                failed.append(f"{r.name}: engine error, floor {f}")
            elif not f.holds(r.metrics[f.name]):
                failed.append(f"{r.name}: {f.name} {r.metrics[f.name]:.3f}, floor {f}")
    return failed


def fmt(v) -> str:
    return f"{v:.2f}" if isinstance(v, float) else str(v)


COLUMNS = {
    "article": [("attribution_f1", "attr F1"), ("date_f1", "date F1"), ("claim_status_accuracy", "status"),
                ("question_key_accuracy", "key acc"), ("questions_checkable", "checkable"),
                ("questions", "questions"), ("questions_malformed", "malformed"),
                ("questions_from_furniture", "furniture")],
    "page": [("body_precision", "body P"), ("body_recall", "body R"), ("body_f1", "body F1"),
             ("page_questions", "questions"), ("questions_outside_body", "outside body")],
    "html": [("html_questions", "questions"), ("html_questions_outside_body", "not in gold body")],
}
TITLES = {"article": "articles", "page": "pasted pages", "html": "HTML pages (questions only)"}


def table(rows: list[Row], mean: dict, total: dict, show_misses: bool) -> str:
    """One block per kind: a row each, the means, the totals of question counts."""
    lines = []
    for kind, cols in COLUMNS.items():
        mine = [r for r in rows if r.kind == kind]
        if not mine:
            continue
        width = max([len(r.name) for r in mine] + [len(TITLES[kind]), len(f"mean over {len(mine)}")])
        head = [TITLES[kind].ljust(width)] + [label.rjust(max(len(label), 7)) for _, label in cols]
        lines.append("  ".join(head))

        def line(name, values):
            return "  ".join([name.ljust(width)] + [v.rjust(len(h)) for v, h in zip(values, head[1:])])
        for r in mine:
            lines.append(line(r.name, [fmt(r.metrics[k]) for k, _ in cols])
                         + (f"  ENGINE ERROR {r.error}" if r.error else ""))
            if show_misses:
                lines += [f"    - {miss}" for miss in r.misses]
        lines.append(line(f"mean over {len(mine)}", [f"{mean[k]:.2f}" for k, _ in cols]))
        lines.append(line("total", [str(total[k]) if k in total else "" for k, _ in cols]))
        lines.append("")
    if "questions_checkable" in total:
        right, n = total["questions_key_right"], total["questions_checkable"]
        lines.append(f"answer keys right: {right} of {n} checkable questions"
                     + (f" ({right / n:.2f})" if n else ""))
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m questions.evaluate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", metavar="DIR", help="a corpus folder")
    ap.add_argument("--min", action="append", default=[], type=parse_floor, metavar="NAME=VALUE",
                    help="floor on the mean of a metric (NAME<=VALUE for a ceiling)")
    ap.add_argument("--min-each", action="append", default=[], type=parse_floor, metavar="NAME=VALUE",
                    help="floor on the metric of every article (or page)")
    ap.add_argument("--show-misses", action="store_true", help="print what each article lost points for")
    ap.add_argument("--json", action="store_true", help="print every metric as JSON instead of the table")
    ap.add_argument("--html", action="store_true", help="read a page's or article's .html where there is one")
    a = ap.parse_args(argv)

    items = []
    for d in a.dirs:
        found = discover(Path(d), a.html) if Path(d).is_dir() else []
        if not found:
            print(f"nothing to score in {d} (want NAME.txt + gold/NAME.json, or NAME.pasted.txt + NAME.body.json)",
                  file=sys.stderr)
            return 2
        items += found
    rows = [evaluate(item) for item in items]
    mean, total = means(rows), totals(rows)
    failed = check_floors(rows, mean, a.min, a.min_each)
    if a.json:
        json.dump({"rows": [dataclasses.asdict(r) for r in rows], "means": mean, "totals": total,
                   "failed": failed}, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(table(rows, mean, total, a.show_misses))
    for line in failed:
        print(f"FAIL {line}", file=sys.stderr if a.json else sys.stdout)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
