# Two entry points for a fresh machine: `make demo` and `make test`.
# Both create .venv from pyproject.toml on first use, so nothing is needed beforehand but python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM := /usr/bin/chromium
PORT ?= 8001
# Test processes: one per core (every test has its own ports, work dir and PostgreSQL schema).
TEST_WORKERS ?= auto

.PHONY: demo test lint bench clean browse browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/scrapy demo

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

# The browser test drives Debian's chromium (with a Hangul font, so its screenshots are legible);
# as root (CI, a fresh machine) they are installed here, otherwise the test says it is skipped.
browser:
	@if [ ! -x $(CHROMIUM) ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium for the browser test"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum >/dev/null; } \
			|| echo "could not install chromium: the browser test will say so"; \
	fi
	@[ -x $(CHROMIUM) ] || echo "no $(CHROMIUM) and not root: the browser test will be skipped"

# Datasette over the store, read-only, on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it).
browse: $(STAMP)
	$(BIN)/scrapy browse --port $(PORT)

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) data/exports data/runs
