"""`python -m questions ARTICLE [--format json|text]`: the engine from the command line."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import ArticleError, analyze, read_article, to_dict
from .pipeline import generate_with_reasons
from .preview import render_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m questions", description=__doc__)
    parser.add_argument("article", help="a .txt or .html file")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--why", action="store_true",
                        help="with --format text: list the questions the gate dropped, and why")
    args = parser.parse_args(argv)
    path = Path(args.article)
    try:
        text, source_format = read_article(path.read_bytes(), path.name)
        analysis = analyze(text, source_format=source_format)
    except OSError as exc:
        print(f"error: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 2
    except ArticleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    questions, dropped = generate_with_reasons(analysis)
    if args.format == "json":
        json.dump(to_dict(analysis, questions), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(analysis, questions, dropped if args.why else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
