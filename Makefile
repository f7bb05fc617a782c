# Two commands for a new user: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lock lint typecheck bench eval clean

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/newsevents gazetteer build
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/newsevents code examples/ --out out/ --store out/newsevents.duckdb

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests tools benchmarks

typecheck: setup
	$(BIN)/mypy

eval: setup
	$(BIN)/newsevents eval all

bench: setup
	$(BIN)/python benchmarks/run_all.py

# Regenerate the pinned lock files (needs network to PyPI; not part of run or test).
lock:
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile requirements.in --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 -o requirements.lock
	$(BIN)/uv pip compile requirements-dev.in --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 -o requirements-dev.lock

clean:
	rm -rf $(VENV) out build *.egg-info
