"""Sourced's entry point.

    gunicorn -w 2 -b 127.0.0.1:8000 'app:app'      # or the factory: 'quiz:create_app()'
    python app.py                                  # demo: init + seed, serve on 127.0.0.1:$PORT
"""
import os

from quiz import create_app

app = create_app()


def main() -> None:
    from quiz.seed import describe, run_seed

    port = int(os.environ.get("PORT", "5000"))
    info = run_seed(app)
    print(describe(info, f"http://127.0.0.1:{port}/"), flush=True)
    app.run(host="127.0.0.1", port=port, debug=False)


if __name__ == "__main__":
    main()
