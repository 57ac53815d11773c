# Two commands for a new machine: `make run` and `make test`. Both set up .venv when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: run test lint format demo-data messages bench analyst clean

run: $(RUN_STAMP)
	$(BIN)/streamlit run dashboard.py

test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest --numprocesses=2 --dist=loadgroup

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): $(RUN_STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Developer helpers (not needed to run or test).
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

demo-data: $(RUN_STAMP)
	$(BIN)/python -m readiness.files.demo data/demo.xlsx

messages: $(RUN_STAMP)
	$(BIN)/python -m readiness.messages

# An analyst's password hash for .streamlit/secrets.toml: make analyst NAME=aida
analyst: $(RUN_STAMP)
	$(BIN)/python -m readiness.auth $(NAME)

bench: $(DEV_STAMP)
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts
