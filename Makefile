# Two entry points: `make run` (set up, extract the bundled corpora into outputs/) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The peer stack of the benchmark (benchmarks/peer_stack.py) in its own environment: JioNLP pins old packages.
PEER := .venv-peer
PEER_STAMP := $(PEER)/.installed
PEER_PY ?= $(shell command -v python3.11 2>/dev/null || echo $(PY))
BENCH_ARGS ?=

.PHONY: run test setup eval bench peer-env clean distclean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/notice-extract run corpora -o outputs

# The suite runs on two worker processes (pytest-xdist): about 4.5 min on 2 cores instead of 7; TEST_WORKERS=0 runs
# it in one process.
TEST_WORKERS ?= 2
test: $(STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

eval: $(STAMP)
	$(BIN)/notice-extract eval

# The benchmark (benchmarks/README.md). A peer environment that cannot be built is reported and its column
# skipped; `make bench BENCH_ARGS="--write docs/benchmark.md"` also refreshes the tables there.
bench: $(STAMP)
	@$(MAKE) --no-print-directory peer-env || echo "bench: could not build $(PEER); the peer stack is not measured" >&2
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

$(PEER_STAMP): benchmarks/peer-requirements.txt
	rm -rf $(PEER)
	$(PEER_PY) -m venv $(PEER)
	$(PEER)/bin/pip install --quiet --upgrade pip
	$(PEER)/bin/pip install --quiet -r benchmarks/peer-requirements.txt
	touch $(PEER_STAMP)

peer-env: $(PEER_STAMP)

# Everything a run writes (outputs/ except its README, an interrupted run's .outputs.run-* folder) and the caches;
# the virtual environments stay (distclean removes them too).
clean:
	[ ! -d outputs ] || find outputs -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf .outputs.run-* .outputs.old-* .hypothesis .pytest_cache .ruff_cache build dist
	find . \( -path ./$(VENV) -o -path ./$(PEER) \) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(PEER) *.egg-info
