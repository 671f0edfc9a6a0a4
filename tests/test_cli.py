"""`python hooks/check_checklists.py` (hooks/guide/cli.py) on the small fixture tree, run in this
process: what a contributor reads (stdout, stderr) and the exit status, for each kind of run.
tests/test_record.py covers recording and retiring on a copy of the real docs/."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from guide.cli import main
from guide.pipeline import summary
from guide.model import Problem

OK = "OK: 5 pages, 4 checklists and 8 items in each of 2 languages; no problems"  # the fixture: 1 checklist, 2 items a stage
STAGE_NAMES = "self-check, rectification, application, maintenance"


def run(*args: str) -> tuple[int, str, str]:
    """The exit status, stdout and stderr of `python hooks/check_checklists.py ARGS`."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as exit_:  # argparse's refusals
            status = exit_.code
    return status, out.getvalue(), err.getvalue()


def edit(docs: Path, page: str, old: str, new: str) -> None:
    path = docs / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def here(docs: Path, monkeypatch) -> Path:
    """Run from the folder above docs/, as `make check` does."""
    monkeypatch.chdir(docs.parent)
    return docs


def test_a_clean_tree_says_what_it_checked(here):
    assert run() == (0, "", OK + "\n")
    assert run("docs") == (0, "", OK + "\n")


def test_problems_are_printed_chinese_first_with_a_count_and_exit_1(here):
    (here / "index.en.md").write_text("# Home\n", encoding="utf-8")
    edit(here, "index.md", "见[自我排查](stages/self-check.md)", "见[自我排查](stages/self-chek.md)")
    assert run() == (1, "docs/index.md:7: broken link: stages/self-chek.md is not a file in docs/ (from index.md)\n"
                        "docs/index.en.md:1: page has no 'description:' in its front matter\n",
                     "2 content problems found\n")


def test_the_messages_name_files_from_where_the_command_runs(docs, monkeypatch):
    monkeypatch.chdir(docs.parent.parent)
    place = f"{docs.parent.name}/docs"
    assert run(place, "--record")[0] == 0
    (docs / "odd.md").mkdir()
    (docs / "includes").mkdir()
    (docs / "includes" / "steps.md").write_text('!!! checklist "x"\n    - [ ] SC-09 x\n', encoding="utf-8")
    edit(docs, "stages/self-check.md", "    - [ ] SC-02 确认是否存在资金挪用。\n", "")
    edit(docs, "stages/self-check.en.md", "    - [ ] SC-02 Look for misused funds.\n", "")
    status, out, _ = run(place)
    assert status == 1
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        f"{place}/includes/steps.md:1", f"{place}/odd.md", f"{place}/stages/self-check.md:9"]
    assert "SC-02 is missing: it stood after SC-01" in out
    status, out, err = run(place, "--record")
    assert (status, err) == (1, "3 content problems found: fix them first; nothing was recorded\n")
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        f"{place}/includes/steps.md:1", f"{place}/odd.md", f"{place}/stages/self-check.md:9"]
    status, out, err = run(place, "--retire", "SC-01")
    assert (status, out) == (1, "")
    assert err.startswith(f"{place}/stages/self-check.md:9: SC-01 is still on the page")


def test_an_out_of_date_translation_is_a_warning_unless_strict(here):
    assert run("--record")[0] == 0
    edit(here, "stages/self-check.md", "确认是否存在资金挪用。", "确认是否存在资金挪用或转移。")
    warning = ("docs/stages/self-check.en.md:10: warning: translation out of date: SC-02 in "
               "docs/stages/self-check.md:10 changed; update the English, then run: make translations "
               "PAGES=stages/self-check.en.md")
    assert run() == (0, warning + "\n", OK + "; 1 translation out of date (warnings above)\n")
    assert run("--strict-translations") == (1, warning.replace(" warning:", "") + "\n", "1 content problem found\n")
    assert run("--record", "stages/self-check.md") == (
        0, "records/published.yml: recorded stages/self-check.en.md: SC-02\n", "")
    assert run("--record") == (0, "records/published.yml: nothing new: the record already matches\n", "")
    assert run() == (0, "", OK + "\n")


def test_the_next_free_id_of_a_stage_never_reuses_a_retired_one(here):
    assert run("--next-id", "self-check") == (0, "SC-03\n", "")
    assert run("--next-id", "ma") == (0, "MA-03\n", "")
    assert run("--next-id", "selfcheck") == (2, "", f"selfcheck: no such stage: use one of {STAGE_NAMES}\n")
    assert run("--record")[0] == 0
    edit(here, "stages/self-check.md", "    - [ ] SC-02 确认是否存在资金挪用。\n", "")
    edit(here, "stages/self-check.en.md", "    - [ ] SC-02 Look for misused funds.\n", "")
    assert run("--retire", "SC-02")[0] == 0
    assert run("--next-id", "SC") == (0, "SC-03\n", "")


def test_a_folder_that_is_not_there(here):
    assert run("doc") == (2, "", "doc: no such folder (run from the repository root or pass DOCS_DIR)\n")


def test_the_count_of_problems_in_the_builds_message():
    one = [Problem("docs/a.md", 1, "x")]
    assert summary(one) == "1 content problem found; nothing was built"
    assert summary(one * 2, built=True) == "2 content problems found; nothing was built"
    assert summary(one * 2, built=False) == "2 content problems found"


def test_help_is_help_not_a_folder(here, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # no wrapping
    assert run("--help") == (0, """\
usage: check_checklists.py [-h] [--strict-translations] [--record [PAGE ...]] [--retire ID [ID ...]] [--next-id STAGE] [DOCS_DIR]

Validate the checklists in DOCS_DIR without building the site.

positional arguments:
  DOCS_DIR

options:
  -h, --help            show this help message and exit
  --strict-translations
                        an out-of-date translation is an error, not a warning
  --record [PAGE ...]   record the Chinese fingerprints of the named English pages (all when none) and every current item ID in records/published.yml
  --retire ID [ID ...]  retire item IDs that were deleted on purpose
  --next-id STAGE       print the stage's next free item ID (stage or prefix)
""", "")


def test_a_translator_names_pages_as_they_like(here):
    assert run("--record")[0] == 0
    edit(here, "stages/self-check.md", "确认是否存在资金挪用。", "确认是否存在资金挪用或转移。")
    edit(here, "stages/application.md", "附上证明材料。", "附上全部证明材料。")
    assert run("--record", "./docs/stages/self-check.md", "stages/application") == (
        0, "records/published.yml: recorded stages/application.en.md: AP-02\n"
           "records/published.yml: recorded stages/self-check.en.md: SC-02\n", "")
    assert run("--record", "stages/self-chek.md") == (
        2, "", "stages/self-chek.md: no translated page by that name in docs/ (name a page such as "
               "stages/self-check.en.md)\n")


def test_a_deleted_article_step_is_told_where_it_stood_as_published_and_cannot_be_retired(here):
    """The published record's commit (git) keeps the pages as published: where the step stood, and
    that it was the article's (no { .editors } mark)."""
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(here.parent), *args], check=True, capture_output=True,
                       env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@t", "PATH": __import__("os").environ["PATH"]})

    assert run("--record")[0] == 0
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "published")
    edit(here, "stages/self-check.md", "    - [ ] SC-01 对企业资产负债表和损益表进行详细审查。\n", "")
    edit(here, "stages/self-check.en.md", "    - [ ] SC-01 Review the balance sheet.\n", "")
    assert run()[1].splitlines() == [
        "docs/stages/self-check.md:9: SC-01 is missing: it stood before SC-02 (docs/stages/self-check.md:9 in the "
        "published record); it is one of the article's steps, which stay as the article has them: put it back, in "
        "both languages, and say what changed in an editor's note attached to it (!!! note SC-01 \"编者注\")"]
    status, out, err = run("--retire", "SC-01")
    assert (status, out) == (1, "")
    assert err.startswith("docs/stages/self-check.md:9: SC-01 is one of the article's steps (as published there): "
                          "only the editors' steps ({ .editors }) are retired")
