# NHS Leadership Portal: `make run` and `make test` from a fresh clone (see README.md).
#
# Set-up is driven by stamp files kept inside .venv/ and node_modules/, so deleting either
# directory re-runs its install, and a second `make run` skips straight to starting the portal.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PYTHON := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PYTHON_STAMP := $(VENV)/.portal-synced
NODE_STAMP := node_modules/.portal-installed

.PHONY: help setup run test lint bench stop clean

help:
	@echo "make run    set up, then run the portal with demo data, a Celery worker and beat"
	@echo "make test   set up, then ruff, the layer contracts, makemigrations --check and the whole pytest suite"
	@echo "make lint   ruff only"
	@echo "make bench  set up, then run the benchmarks in bench/"
	@echo "make stop   stop the private PostgreSQL and Redis servers under var/"
	@echo "make clean  stop them and delete .venv, node_modules, var/ (private databases) and caches"

setup: $(PYTHON_STAMP) $(NODE_STAMP)

$(PYTHON):
	python3 -m venv $(VENV)

$(UV): | $(PYTHON)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check "uv>=0.8,<1"

$(PYTHON_STAMP): uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --inexact
	touch $@

# npm ci replaces node_modules/ wholesale, so the stamp is written after it.
$(NODE_STAMP): package.json $(wildcard package-lock.json)
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; \
	else npm install --no-audit --no-fund; fi
	touch $@

run: setup
	$(PYTHON) manage.py run_portal

lint: setup
	$(VENV)/bin/ruff check .

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(PYTHON) -m pytest

bench: setup
	$(PYTHON) bench/run.py

stop:
	if [ -x $(PYTHON) ]; then $(PYTHON) -m portal.devservers stop; fi

clean: stop
	rm -rf $(VENV) node_modules var staticfiles .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
