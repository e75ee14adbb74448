# `make run` serves the demo site at http://127.0.0.1:8000; `make test` runs the whole suite.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
DEV_ENV := DEBUG=1

.PHONY: run test lint format install clean bench bench-mix stress

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (python3.13, python3.12 or python3)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

install: $(STAMP)

# The site and a task worker side by side (the worker below the site's CPU priority: it
# encodes videos); Ctrl-C (or the server stopping) stops both.
run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	nice -n 10 env $(DEV_ENV) $(BIN)/python manage.py worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# The whole suite, with line coverage of the apps (the floor is in pyproject.toml).
test: install
	$(BIN)/python -m pytest

# ruff (Python), djlint (templates), import-linter (the layers in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/djlint templates --check
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# Speed: seeds its own database and measures the production stack with wrk, then search over
# 100,000 stories (see README).
bench: install
	$(BIN)/python tests/bench/run.py
	$(BIN)/python tests/bench/search.py

# A newsroom's day: Zipf readers, home, sections and searches, comments posted and approved,
# remembered commenters; on the embedded default and through Varnish (see README).
bench-mix: install
	$(BIN)/python tests/bench/mix.py

# Reliability: 50 commenters post 2,000 comments while readers read and a worker is killed;
# checks nothing acknowledged is lost or doubled (see README, "Reliability and security").
stress: install
	$(BIN)/python tests/stress/run.py
