# Quick start: `make serve` (set up + dev server) and `make test` (set up + every test).
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check translations retire fuzz system bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check ".[test]"
	rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP)  ## set up, then serve the site at http://127.0.0.1:8000
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## strict build into site/
	$(VENV)/bin/mkdocs build --strict

check: $(STAMP)  ## validate the checklists without building (STRICT_TRANSLATIONS=1: stale translations fail)
	$(PY) hooks/check_checklists.py $(if $(STRICT_TRANSLATIONS),--strict-translations)

translations: $(STAMP)  ## record that the English is up to date: make translations [PAGES="stages/self-check.en.md …"]
	$(PY) hooks/check_checklists.py --record $(PAGES)

retire: $(STAMP)  ## retire deleted item IDs for good: make retire ID=SC-03
	@test -n "$(ID)" || { echo "usage: make retire ID=SC-03" >&2; exit 2; }
	$(PY) hooks/check_checklists.py --retire $(ID)

fuzz: $(STAMP)  ## the property tests with many more random examples (a new seed each run)
	GUIDE_FUZZ=1 $(PY) -m pytest -q -p no:cacheprovider tests/test_validate_properties.py

system:  ## Chromium, CJK fonts, poppler and the npm tools the browser tests use
	bash .ci/install-system

test: $(STAMP) system  ## set up, then run the whole test suite (browser tests included)
	$(PY) -m pytest

clean:
	rm -rf site .venv .pytest_cache

bench: $(STAMP) system  ## project vs peer benchmark (Lighthouse, 5 runs per page) -> bench/REPORT.md
	$(PY) bench/run.py --runs 5
