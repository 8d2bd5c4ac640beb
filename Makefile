# The two commands: `make run` serves the map, `make test` runs every test.
# Both set up what they need (virtual environment, Debian packages, PostGIS) and are quick the second time.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench setup lint typecheck system-deps system-deps-tests system-deps-bench db-up db-down help

help:
	@echo "make run    set everything up and serve the map at http://127.0.0.1:8000"
	@echo "make test   set everything up and run the whole test suite (with lint and types)"
	@echo "make bench  gisapp vs tipg vs the SQL ceiling on 1,000,000 plots (see bench/README.md)"

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: apt-get install python3.11 python3.11-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

system-deps:
	@scripts/system-deps.sh

system-deps-tests:
	@scripts/system-deps.sh --tests

setup: $(STAMP) system-deps
	$(BIN)/gisapp setup

run: setup
	$(BIN)/gisapp serve

test: $(STAMP) system-deps-tests lint typecheck
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

db-up: $(STAMP) system-deps
	$(BIN)/gisapp db up

db-down: $(STAMP)
	$(BIN)/gisapp db down

system-deps-bench:
	@scripts/system-deps.sh --bench

# gisapp against tipg and the raw-SQL ceiling; loads gisapp_bench the first time (minutes).
bench: $(STAMP) system-deps system-deps-bench
	$(BIN)/gisapp bench
