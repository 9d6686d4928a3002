# Two entry points: `make run` (set up, extract the bundled corpora into outputs/) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup eval bench clean distclean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/notice-extract run corpora -o outputs

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/notice-extract eval

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# Everything a run writes (outputs/ except its README, an interrupted run's .outputs.run-* folder) and the caches;
# the virtual environment stays (distclean removes it too).
clean:
	[ ! -d outputs ] || find outputs -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf .outputs.run-* .outputs.old-* .hypothesis .pytest_cache .ruff_cache build dist
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info
