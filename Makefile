# Developer entry points. `make test` is the command the README and CI run.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per CPU; TEST_JOBS=0 runs everything in this process.
TEST_JOBS ?= auto

.PHONY: venv run test lint bench bench-trust

venv: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when requirements.txt is newer than the last successful install.
$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install -r requirements.txt
	touch $(STAMP)

run: venv
	$(PY) -m streamlit run streamlit_app.py

test: venv
	$(PY) -m pytest -q -n $(TEST_JOBS) $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: venv
	$(PY) -m smmkpi bench

# The trust checks' labelled benchmark: precision/recall tables and a PR sweep (a few minutes).
bench-trust: venv
	$(PY) -m smmkpi.trust_bench
