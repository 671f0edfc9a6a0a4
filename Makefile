# Quick start: `make serve` (set up + dev server at http://127.0.0.1:8000, or `make serve PORT=8001`;
# a port in use: the next free one, printed; Ctrl-C stops it), `make quick` (the checks to run before a
# pull request: about half a minute of CPU time) and `make test` (set up + every test, browser tests
# included: what CI runs).
#
# Python dependencies: pyproject.toml names them (exact pins); requirements/*.txt lock every one of
# them, transitive ones included, with hashes, and `make` installs only from those locks
# (--require-hashes). After adding or changing a dependency in pyproject.toml (the build's in
# `dependencies`, a test or tool dependency in an extra such as `test`), run `make lock` and commit
# pyproject.toml and requirements/ together; tests/test_lock.py fails when they disagree.
# Rebasing onto a lock change: take either side's requirements/*.txt, keep both sides'
# pyproject.toml entries, then run `make lock` again.
PYTHON ?= python3
PORT   ?= 8000
VENV   := .venv
PY     := $(VENV)/bin/python
UV     := 0.13.9
# pip installs only what the locks name, with those hashes; jieba (no wheel) is built with the
# locked setuptools of requirements/build.txt, not with one fetched unchecked into an isolated env.
INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-build-isolation
# One stamp per lock's content: an edited lock reinstalls on the next run.
lock_id = $(shell cat requirements/build.txt requirements/$(1).txt 2>/dev/null | cksum | cut -d' ' -f1)
SERVE  := $(VENV)/.installed-serve-$(call lock_id,serve)
TESTS  := $(VENV)/.installed-test-$(call lock_id,test)
# Serving, building and checking need serve.txt; a venv that already has test.txt has it too.
SETUP   = $(if $(wildcard $(TESTS)),$(TESTS),$(SERVE))
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check quick test translations retire next-id reference fuzz mutate system lock bench images clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' 2>/dev/null || { \
	  echo "make: Python >= 3.11.5 is needed (found: $$($(PYTHON) --version 2>&1))."; \
	  echo "      Install one (python.org, pyenv, or the python:3.11 container CI uses) and run"; \
	  echo "      make PYTHON=/path/to/python3.11 $(MAKECMDGOALS)"; exit 1; }
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  echo "make: $(PYTHON) cannot create a virtual environment (no ensurepip)."; \
	  echo "      On Debian or Ubuntu: sudo bash .ci/install-system (or: sudo apt-get install python3-venv)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(SERVE): requirements/build.txt requirements/serve.txt | $(PY)
	$(INSTALL) -r requirements/build.txt
	$(INSTALL) -r requirements/serve.txt
	rm -f $(VENV)/.installed-serve-* && touch $@

$(TESTS): requirements/build.txt requirements/test.txt | $(PY)
	$(INSTALL) -r requirements/build.txt
	$(INSTALL) -r requirements/test.txt
	rm -f $(VENV)/.installed-* && touch $@

serve: $(SETUP)  ## set up, then preview at http://127.0.0.1:8000 (make serve PORT=8001; a port in use: the next free one, printed); Ctrl-C stops it
	$(PY) hooks/serve.py $(PORT)

build: $(SETUP)  ## strict build into site/
	$(VENV)/bin/mkdocs build --strict

check: $(SETUP)  ## validate checklists, links and the article's wording without building (STRICT_TRANSLATIONS=1: stale translations fail)
	$(PY) hooks/check_checklists.py $(if $(STRICT_TRANSLATIONS),--strict-translations)

translations: $(SETUP)  ## record that the English is up to date: make translations [PAGES="stages/self-check.en.md …"]
	$(PY) hooks/check_checklists.py --record $(PAGES)

retire: $(SETUP)  ## retire a deleted editors' step's ID for good: make retire ID=SC-07 (an article step is kept: attach a note)
	@test -n "$(ID)" || { echo "usage: make retire ID=SC-03" >&2; exit 2; }
	$(PY) hooks/check_checklists.py --retire $(ID)

next-id: $(SETUP)  ## the next free item ID of a stage: make next-id STAGE=self-check
	@test -n "$(STAGE)" || { echo "usage: make next-id STAGE=self-check" >&2; exit 2; }
	$(PY) hooks/check_checklists.py --next-id $(STAGE)

reference: | $(PY)  ## write REFERENCE.md and REFERENCE.en.md from the rules' REFERENCE tables in hooks/guide
	$(PY) hooks/write_reference.py

fuzz: $(TESTS)  ## the property tests with many more random examples (a new seed each run)
	GUIDE_FUZZ=1 $(PY) -m pytest -q -p no:cacheprovider tests/test_validate_properties.py

quick: $(TESTS)  ## before a pull request: check, strict build, every test that needs no browser
	$(PY) hooks/check_checklists.py
	$(VENV)/bin/mkdocs build --strict --quiet
	$(PY) -m pytest -m "not browser and not slow" -q

# Every module of hooks/guide by default; MODULES="fences html" for a few. CPU-bound (two workers):
# minutes per module. Results stay in mutants/: a rerun checks what changed, then tries the survivors and
# timeouts again (a test added since may kill them).
mutate: $(TESTS)  ## mutation testing of hooks/guide with the quick unit tests -> tests/mutation/REPORT.md
	$(VENV)/bin/mutmut run --max-children 2 $(foreach m,$(MODULES),"hooks.guide.$(m).*")
	$(if $(MODULES),,names="$$($(PY) tests/mutation/report.py --unsettled)"; \
	  if [ -n "$$names" ]; then $(VENV)/bin/mutmut run --max-children 2 $$names; fi)
	$(PY) tests/mutation/report.py > tests/mutation/REPORT.md

images: $(TESTS)  ## draw the icons, favicon and share images into docs/assets/images/ (commit them)
	$(PY) hooks/make_images.py

system:  ## Python venv, make, git, Chromium, CJK fonts, poppler and the npm tools the browser tests use
	bash .ci/install-system

test: system $(TESTS)  ## set up, then run the whole test suite (browser tests included)
	$(PY) -m pytest

lock: | $(PY)  ## re-lock requirements/*.txt after changing pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV)"
	$(VENV)/bin/uv pip compile requirements/build.in $(LOCK_FLAGS) -o requirements/build.txt
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras -c requirements/build.txt $(LOCK_FLAGS) -o requirements/test.txt
	$(VENV)/bin/uv pip compile pyproject.toml -c requirements/test.txt $(LOCK_FLAGS) -o requirements/serve.txt
LOCK_FLAGS = --universal --python-version 3.11.5 --generate-hashes --quiet --custom-compile-command "make lock"

clean:
	rm -rf site .venv .pytest_cache mutants

bench: system $(TESTS)  ## project vs peer benchmark (Lighthouse, 5 runs per page) -> bench/REPORT.md
	$(PY) bench/run.py --runs 5
