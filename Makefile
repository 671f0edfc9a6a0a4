# Quick start: `make serve` (set up + dev server) and `make test` (set up + every test).
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check system bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check ".[test]"
	rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP)  ## set up, then serve the site at http://127.0.0.1:8000
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## strict build into site/
	$(VENV)/bin/mkdocs build --strict

check: $(STAMP)  ## validate the checklists without building
	$(PY) hooks/check_checklists.py

system:  ## Chromium, CJK fonts, poppler and the npm tools the browser tests use
	bash .ci/install-system

test: $(STAMP) system  ## set up, then run the whole test suite (browser tests included)
	$(PY) -m pytest

clean:
	rm -rf site .venv .pytest_cache

bench: $(STAMP) system  ## project vs peer benchmark (Lighthouse, 5 runs per page) -> bench/REPORT.md
	$(PY) bench/run.py --runs 5
