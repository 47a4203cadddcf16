PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install chromium test run consumer seed bench bench-load bench-crash backup clean eval

# pip is upgraded first: the venv's pip 23 silently skips lxml[html_clean], which trafilatura needs.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Browser tests need Debian's Chromium; playwright's own browser download is impossible here.
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install chromium
	$(BIN)/python -m pytest -q

# The demo server; it starts the import consumer (quiz/jobs.py) beside itself as a subprocess.
run: install
	$(BIN)/python app.py

# The import consumer alone, as production runs it beside gunicorn (README, "Serving it for real").
consumer: install
	$(BIN)/huey_consumer quiz.jobs.huey -w 2 -k thread

# The engine scored on gold corpora, in-process (questions/evaluate.py); one folder or several:
# make eval CORPUS=../shared/corpus/real-news [EVAL_ARGS="--show-misses --min question_key_accuracy=0.9"]
# Without CORPUS: the independent set in tests/data/gold-extra.
eval: install
	$(BIN)/python -m questions.evaluate $(or $(CORPUS),tests/data/gold-extra) $(EVAL_ARGS)

bench: install
	$(BIN)/python bench/engine.py

# Classes of 30, 300 and 1,000 students against gunicorn on 127.0.0.1 (about 1-2 minutes).
bench-load: install
	$(BIN)/python bench/load.py

# kill -9 the server in the middle of a class of 300, restart, check nothing acknowledged is lost.
bench-crash: install
	$(BIN)/python bench/crash.py

clean:
	rm -rf $(VENV) .pytest_cache

# The demo data alone (the sample article, demo teacher, assigned demo quiz); `make run` does it too.
seed: install
	$(BIN)/flask --app app seed

# A consistent copy of the live database: make backup DEST=backups/sourced-$(shell date +%F).db
backup: install
	$(BIN)/flask --app app backup $(or $(DEST),sourced-backup.db)
