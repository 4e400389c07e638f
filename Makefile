# Quick start:  make demo   (installs into .venv, runs the sample corpus)
#               make test   (lint, types, tests; what CI runs)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint install clean

demo: $(STAMP)
	$(VENV)/bin/storyline run examples/seeds --db out/storyline.db --out out
	$(VENV)/bin/storyline stories --db out/storyline.db
	@echo "open the web app: $(VENV)/bin/storyline serve --db out/storyline.db  (then http://127.0.0.1:8080/)"

# two workers (the machine has two cores); a test file runs whole on one worker (its fixtures stay together)
test: $(STAMP) lint
	$(PY) -m pytest -q --durations=25 -n 2 --dist loadfile

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

install: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,web,distributed]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) out storyline.db
