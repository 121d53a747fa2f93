# ahenk — the two commands a newcomer needs:
#   make run    create .venv, install ahenk, run the main job on the shipped corpus
#   make test   create .venv, install ahenk with test tools, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.ahenk-installed

.PHONY: run test setup bench lint docs readme clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/ahenk build

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/python -m ruff check src tests bench

docs: $(STAMP)
	$(BIN)/python -m ahenk.cli.reference > docs/cli.md
	$(BIN)/python -m ahenk.check.reference > docs/checks.md

readme: $(STAMP)
	$(BIN)/python tests/test_readme.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache src/*.egg-info
