# Soft Power Reader — every command a reader, an editor or CI needs.
# Quick start: `make serve` (build and serve with live reload) and `make test` (everything).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READER := $(BIN)/reader
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: help setup docs site serve check test lint unit browser system-deps offline bench clean evaluate

help:
	@echo "make serve    build everything and serve http://$(HOST):$(PORT) with live reload"
	@echo "make test     install what the tests need and run every test"
	@echo "make site     convert the sources and build site/ (no server)"
	@echo "make check    validate sources, glossary, bibliography and docs/ without writing"
	@echo "make docs     regenerate docs/ from sources/ (commit the result)"
	@echo "make offline  build the offline edition zip into dist/"
	@echo "make bench    run the performance benchmark"
	@echo "make evaluate score the related-passages links and the search against their gold lists,"
	@echo "              and the repair rules on simulated PDF damage of the five texts"

# The virtual environment, rebuilt when the pinned requirements change.
$(BIN)/.stamp: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

setup: $(BIN)/.stamp

docs: setup
	$(READER) build

site: docs
	$(READER) site

serve: setup
	$(READER) serve --host $(HOST) --port $(PORT)

check: setup
	$(READER) check

# ruff, and import-linter's layer contracts of scripts/reader (pyproject.toml).
lint: setup
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/lint-imports --no-logo

# Debian's Chromium, a Java runtime for the Nu HTML Checker, and the npm packages the
# browser tests inject (axe-core); installed once, skipped when present.
system-deps:
	bash scripts/install-system-deps.sh

unit: setup
	$(BIN)/pytest -m "not browser" -q

browser: setup system-deps site
	$(BIN)/pytest -m browser -q

# Lint (ruff, layer contracts), validate (docs/ fresh, every word conserved), build both
# editions, then every test.
test: setup system-deps
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/lint-imports --no-logo
	$(READER) check
	$(READER) offline
	$(READER) site
	$(BIN)/pytest -q

offline: docs
	$(READER) offline

# Scores the related-passages method against scripts/evaluation/related-gold.yml (pairs compiled
# by reading the texts): precision@3 and recall by threshold, and the threshold chosen; then the
# search against scripts/evaluation/search-queries.yml: success@1 and @3 of the site's worker.
evaluate: setup site
	$(BIN)/python scripts/evaluate_related.py
	$(BIN)/python scripts/evaluate_search.py
	$(BIN)/python scripts/evaluate_repairs.py

bench: setup system-deps
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site site-offline dist .pytest_cache test-artifacts
