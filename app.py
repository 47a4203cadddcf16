"""Sourced's entry point.

    gunicorn -w 2 -b 127.0.0.1:8000 'app:app'      # or the factory: 'quiz:create_app()'
    huey_consumer quiz.jobs.huey -w 2 -k thread    # beside it: drafts imported articles
    python app.py                                  # demo: init + seed, the consumer, serve on 127.0.0.1:$PORT
"""
import os

from quiz import create_app

app = create_app()


def main() -> None:
    from quiz.jobs import start_consumer
    from quiz.seed import describe, run_seed

    port = int(os.environ.get("PORT", "5000"))
    info = run_seed(app)
    consumer = start_consumer(workers=2)     # article imports are drafted there, not in a request
    try:
        print(describe(info, f"http://127.0.0.1:{port}/"), flush=True)
        app.run(host="127.0.0.1", port=port, debug=False)
    finally:
        consumer.terminate()
        consumer.wait(10)


if __name__ == "__main__":
    main()
