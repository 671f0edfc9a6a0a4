"""records/published.yml keeps two promises (issues #13 and #15 §2): a Chinese edit the English
has not followed is reported on the English file, shown to readers and cleared by recording;
a published item ID never vanishes, never comes back retired, and a duplicate is blamed on the
new step. Each test works on a copy of the real docs/ and record, edited as a contributor would."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from guide.cli import check, main, stale
from guide.record import RECORD

CHECK = str(ROOT / "hooks" / "check_checklists.py")
ZH, EN = "stages/self-check.md", "stages/self-check.en.md"
TICKS = "readers' saved ticks are keyed by ID"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of docs/ and of the record, recorded up to date (the real record may lag behind a
    Chinese fix on purpose: that is a warning, and these tests must not depend on it)."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / RECORD).parent.mkdir()
    shutil.copyfile(ROOT / RECORD, tmp_path / RECORD)
    recorded = run(tmp_path, "--record")
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    return tmp_path


def lines(project: Path, page: str) -> list[str]:
    return (project / "docs" / page).read_text(encoding="utf-8").split("\n")


def write(project: Path, page: str, text: list[str]) -> None:
    (project / "docs" / page).write_text("\n".join(text), encoding="utf-8")


def line_of(project: Path, page: str, test) -> int:
    return next(n for n, line in enumerate(lines(project, page), start=1) if test(line))


def item_line(project: Path, page: str, item_id: str) -> int:
    return line_of(project, page, lambda line: line.lstrip().startswith(f"- [ ] {item_id} "))


def note_line(project: Path, page: str) -> int:
    return line_of(project, page, lambda line: line.startswith(("!!!", "???")) and
                   ("编者注" in line or "Editor's note" in line))


def title_of(project: Path, page: str, number: int) -> str:
    return re.search(r'"(.*)"', lines(project, page)[number - 1]).group(1)


def h1_line(project: Path, page: str) -> int:
    return line_of(project, page, lambda line: line.startswith("# "))


def first_paragraph_line(project: Path, page: str) -> int:
    """The first line of plain prose after the title (no box, list, snippet or heading)."""
    title = h1_line(project, page)
    return next(n for n, line in enumerate(lines(project, page), start=1)
                if n > title and line.strip() and not line.startswith((" ", "\t", "!!!", "???", "-", "#", "--8<--")))


def append_to_line(project: Path, page: str, number: int, words: str) -> None:
    text = lines(project, page)
    text[number - 1] += words
    write(project, page, text)


def warnings(project: Path) -> list[str]:
    docs = project / "docs"
    pages, problems = check(docs, project)
    assert [str(p) for p in problems] == []
    return [str(found.problem) for found in stale(docs, pages)]


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`python hooks/check_checklists.py ARGS` from the project folder, run in this process (its
    exit status, stdout and stderr): quick, and `make mutate` can reach the code it runs.
    tests/test_validate.py runs the script itself."""
    out, err, here = io.StringIO(), io.StringIO(), Path.cwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(args))
            except SystemExit as exit_:  # argparse's refusals
                status = exit_.code
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess([CHECK, *args], status, out.getvalue(), err.getvalue())


def edit_one_item_note_and_paragraph(project: Path) -> dict[str, int]:
    """Change the Chinese text of SC-03, of the first editor's note and of the lead paragraph;
    return the English lines that must be reported."""
    append_to_line(project, ZH, item_line(project, ZH, "SC-03"), "（已改）")
    append_to_line(project, ZH, note_line(project, ZH) + 1, "（已改）")
    append_to_line(project, ZH, first_paragraph_line(project, ZH), "（已改）")
    return {"item": item_line(project, EN, "SC-03"), "note": note_line(project, EN), "page": h1_line(project, EN)}


# Stale translations (issue #13).

def test_the_record_describes_the_whole_site(project):
    record = (project / RECORD).read_text(encoding="utf-8")
    english = sorted(p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.en.md")
                     if "includes" not in p.parts)
    assert all(f"\n  {page}:\n" in record for page in english)
    assert run(project).returncode == 0


def test_a_chinese_edit_reports_exactly_the_english_blocks_it_touches(project):
    where = edit_one_item_note_and_paragraph(project)
    zh_item, zh_note = item_line(project, ZH, "SC-03"), note_line(project, ZH)
    update = f"update the English, then run: make translations PAGES={EN}"
    assert warnings(project) == [
        f"docs/{EN}:{where['page']}: translation out of date: the text of docs/{ZH} outside its items and notes "
        f"changed; {update}",
        f"docs/{EN}:{where['item']}: translation out of date: SC-03 in docs/{ZH}:{zh_item} changed; {update}",
        f"docs/{EN}:{where['note']}: translation out of date: editor's note 1 ({title_of(project, ZH, zh_note)}) "
        f"in docs/{ZH}:{zh_note} changed; {update}",
    ]


def test_stale_translations_are_warnings_unless_strict(project):
    where = edit_one_item_note_and_paragraph(project)
    relaxed = run(project)
    assert relaxed.returncode == 0
    assert f"docs/{EN}:{where['item']}: warning: translation out of date: SC-03 in docs/{ZH}:" in relaxed.stdout
    assert relaxed.stderr.strip().endswith("; 3 translations out of date (warnings above)")
    strict = run(project, "--strict-translations")
    assert strict.returncode == 1
    assert f"docs/{EN}:{where['item']}: translation out of date: SC-03 in docs/{ZH}:" in strict.stdout
    assert strict.stderr.strip() == "3 content problems found"


def test_recording_the_page_clears_its_warnings(project):
    edit_one_item_note_and_paragraph(project)
    recorded = run(project, "--record", EN)
    assert recorded.returncode == 0, recorded.stderr
    assert recorded.stdout == f"{RECORD}: recorded {EN}: the page, SC-03, note 1\n"
    assert warnings(project) == []


def test_a_page_may_be_named_in_either_language_with_or_without_docs(project):
    edit_one_item_note_and_paragraph(project)
    assert run(project, "--record", f"docs/{ZH}").returncode == 0
    assert warnings(project) == []
    unknown = run(project, "--record", "stages/no-such-page.en.md")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("stages/no-such-page.en.md: no translated page by that name in docs/")


def test_recording_other_pages_leaves_a_stale_one_stale(project):
    edit_one_item_note_and_paragraph(project)
    assert run(project, "--record", "stages/maintenance.en.md").returncode == 0
    assert len(warnings(project)) == 3


def test_moving_and_rewrapping_chinese_text_reports_nothing(project):
    for page in (ZH, EN):  # two steps swapped in both languages (parity wants the same order)
        text = lines(project, page)
        a, b = item_line(project, page, "SC-03") - 1, item_line(project, page, "SC-04") - 1
        text[a], text[b] = text[b], text[a]
        write(project, page, text)
    text = lines(project, ZH)
    item = item_line(project, ZH, "SC-05") - 1
    text[item] = text[item].replace("- [ ] SC-05 ", "- [ ] SC-05\u3000 ").rstrip() + "   "
    note = note_line(project, ZH)
    text[note] = "        " + text[note].strip()  # re-indented note text
    lead = first_paragraph_line(project, ZH) - 1
    paragraph = text.pop(lead)
    text.insert(len(text), "")
    text.insert(len(text), paragraph)  # the lead paragraph moved to the end of the page
    write(project, ZH, text)
    assert warnings(project) == []


def test_the_time_of_the_chinese_change_comes_from_git(project):
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, check=True,
                              env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                                   "GIT_AUTHOR_DATE": "2026-01-02T03:04:05Z",
                                   "GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z", "HOME": str(project)}).stdout
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "published")
    append_to_line(project, ZH, item_line(project, ZH, "SC-03"), "（已改）")
    assert warnings(project)[0].endswith(f"changed (not committed yet); update the English, then run: "
                                         f"make translations PAGES={EN}")
    git("commit", "-qam", "a Chinese fix")
    commit = git("log", "-1", "--format=%h").strip()
    assert f"SC-03 in docs/{ZH}:{item_line(project, ZH, 'SC-03')} changed (since commit {commit} of 2026-01-02)" \
        in warnings(project)[0]


# Item IDs are a promise to readers (issue #15, section 2).

def replace_in(project: Path, page: str, old: str, new: str) -> None:
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(project: Path) -> list[str]:
    return [str(p) for p in check(project / "docs", project)[1]]


def test_a_renumbered_id_is_reported_with_the_reason_and_the_next_free_id(project):
    for page in (ZH, EN):
        replace_in(project, page, "- [ ] SC-03 ", "- [ ] SC-07 ")
    assert problems(project) == [
        f"docs/{ZH}:{item_line(project, ZH, 'SC-07')}: published item ID SC-03 has disappeared (renumbered or "
        f"deleted without being retired): {TICKS}, so keep SC-03 for its step; if the step is really gone, run "
        "make retire ID=SC-03 (new steps take SC-08, the next free ID for self-check)"
    ]


def test_a_deleted_id_is_reported_until_it_is_retired_and_is_then_never_reused(project):
    for page in (ZH, EN):
        text = lines(project, page)
        del text[item_line(project, page, "SC-04") - 1]
        write(project, page, text)
    assert problems(project) == [
        f"docs/{ZH}:{line_of(project, ZH, lambda line: line.startswith('!!! checklist'))}: published item ID "
        f"SC-04 has disappeared (renumbered or deleted without being retired): {TICKS}, so keep SC-04 for its "
        "step; if the step is really gone, run make retire ID=SC-04 (new steps take SC-07, the next free ID for "
        "self-check)"
    ]
    retired = run(project, "--retire", "SC-04")
    assert retired.returncode == 0, retired.stderr
    assert retired.stdout == (f"{RECORD}: retired SC-04: it will never be given to another step, so readers' "
                              "saved ticks for it can never tick a different step\n")
    assert "  retired:\n  - SC-04\n" in (project / RECORD).read_text(encoding="utf-8")
    assert problems(project) == []
    replace_in(project, ZH, "- [ ] SC-05 ", "- [ ] SC-04 新的一步。\n    - [ ] SC-05 ")
    replace_in(project, EN, "- [ ] SC-05 ", "- [ ] SC-04 A new step.\n    - [ ] SC-05 ")
    assert problems(project) == [
        f"docs/{ZH}:{item_line(project, ZH, 'SC-04')}: item ID SC-04 was retired and is never reused ({TICKS}, "
        "and some may still hold it): use SC-07, the next free ID for self-check",
        f"docs/{EN}:{item_line(project, EN, 'SC-04')}: item ID SC-04 was retired and is never reused ({TICKS}, "
        "and some may still hold it): use SC-07, the next free ID for self-check",
    ]


def test_retiring_an_id_still_in_use_or_never_published_is_refused(project):
    before = (project / RECORD).read_bytes()
    still = run(project, "--retire", "SC-02")
    assert (still.returncode, still.stderr) == (1, f"docs/{ZH}:{item_line(project, ZH, 'SC-02')}: SC-02 is still "
                                                   "on the page: delete the item in both languages first, then "
                                                   "retire it\n")
    never = run(project, "--retire", "SC-42")
    assert (never.returncode, never.stderr) == (1, "SC-42 was never published: nothing to retire (only published "
                                                   "IDs are kept)\n")
    assert (project / RECORD).read_bytes() == before


def test_a_duplicate_is_reported_at_the_new_step_even_when_it_comes_first(project):
    """The step whose Chinese text is the recorded one keeps its ID; the newcomer, wherever it is, is told."""
    replace_in(project, ZH, "- [ ] SC-01 ", "- [ ] SC-02 新加的一步。\n    - [ ] SC-01 ")
    replace_in(project, EN, "- [ ] SC-01 ", "- [ ] SC-02 A new step.\n    - [ ] SC-01 ")
    published_zh = [n for n, line in enumerate(lines(project, ZH), start=1) if "- [ ] SC-02 " in line][1]
    published_en = [n for n, line in enumerate(lines(project, EN), start=1) if "- [ ] SC-02 " in line][1]
    found = [p for p in problems(project) if "already used" in p]
    assert found == [
        f"docs/{ZH}:{item_line(project, ZH, 'SC-02')}: item ID SC-02 is already used by the step at "
        f"docs/{ZH}:{published_zh} (IDs are unique across the site; {TICKS}): give this new step SC-07, the next "
        "free ID for self-check",
        f"docs/{EN}:{item_line(project, EN, 'SC-02')}: item ID SC-02 is already used by the step at "
        f"docs/{EN}:{published_en} (IDs are unique across the site; {TICKS}): give this new step SC-07, the next "
        "free ID for self-check",
    ]


def test_recording_refuses_while_the_checklists_have_problems(project):
    before = (project / RECORD).read_bytes()
    for page in (ZH, EN):
        replace_in(project, page, "- [ ] SC-03 ", "- [ ] SC-07 ")
    result = run(project, "--record")
    assert result.returncode == 1
    assert result.stderr == "1 content problem found: fix them first; nothing was recorded\n"
    assert (project / RECORD).read_bytes() == before


# In a real build (slow): the notice and the marks, and the deploy setting.

def build(project: Path, strict_translations: str = "") -> subprocess.CompletedProcess:
    from site_build import copy_project, mkdocs

    shutil.rmtree(project / "build", ignore_errors=True)
    copy_project(project / "build")
    shutil.rmtree(project / "build" / "docs")
    shutil.copytree(project / "docs", project / "build" / "docs")
    shutil.copytree(project / "records", project / "build" / "records")
    os.environ["GUIDE_STRICT_TRANSLATIONS"], before = strict_translations, os.environ.get("GUIDE_STRICT_TRANSLATIONS")
    try:
        return mkdocs("build", "--strict", "--site-dir", str(project / "site"), cwd=project / "build")
    finally:
        os.environ.pop("GUIDE_STRICT_TRANSLATIONS")
        if before is not None:
            os.environ["GUIDE_STRICT_TRANSLATIONS"] = before


def marks(html: str) -> dict[str, object]:
    notice = re.search(r'<div class="admonition warning guide-stale-notice" role="note" data-search-exclude>(.*?)</div>',
                       html, re.S)
    return {
        "notice": notice.group(1) if notice else None,
        "items": re.findall(r'<li class="checklist-item guide-stale"[^>]*data-item="([A-Z]{2}-\d{2})"', html),
        "item marks": len(re.findall(r'</label> <span class="guide-stale-mark" data-search-exclude>translation out '
                                     r'of date</span></li>', html)),
        "notes": re.findall(r'<p class="admonition-title">([^<]*) <span class="guide-stale-mark" data-search-exclude>'
                            r'translation out of date</span></p>', html),
    }


@pytest.mark.slow
def test_a_stale_english_page_tells_its_readers_until_it_is_recorded(project):
    where = edit_one_item_note_and_paragraph(project)
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert f"INFO    -  docs/{EN}:{where['item']}: warning: translation out of date: SC-03" in result.stderr
    english = (project / "site/en/stages/self-check/index.html").read_text(encoding="utf-8")
    assert marks(english) == {
        "notice": ('<p class="admonition-title">Translation out of date</p><p>The Chinese original of this page '
                   "changed after it was translated, and the marked parts may not say the same yet. "
                   '<a href="../../../stages/self-check/" hreflang="zh">Read the Chinese original</a></p>'),
        "items": ["SC-03"], "item marks": 1, "notes": [title_of(project, EN, where["note"])],
    }
    assert (project / "site/stages/self-check/index.html").is_file()  # the link's target
    for other in ("site/stages/self-check/index.html", "site/en/stages/maintenance/index.html"):
        assert "guide-stale" not in (project / other).read_text(encoding="utf-8")
    # The build prints none of jieba's or the i18n plugin's chatter.
    assert "prefix dict" not in result.stderr and "Overriding" not in result.stderr

    failed = build(project, strict_translations="1")
    assert failed.returncode != 0
    assert f"ERROR   -  docs/{EN}:{where['item']}: translation out of date: SC-03" in failed.stderr
    assert "3 content problems found; nothing was built" in failed.stderr

    assert run(project, "--record", EN).returncode == 0
    assert build(project).returncode == 0
    english = (project / "site/en/stages/self-check/index.html").read_text(encoding="utf-8")
    assert "guide-stale" not in english


def test_the_deploy_builds_with_stale_translations_as_errors():
    import yaml

    from mkdocs_guide import STRICT_TRANSLATIONS

    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = [step for job in deploy["jobs"].values() for step in job.get("steps", [])]
    builds = [step for step in steps if "make build" in step.get("run", "")]
    assert builds and all(step.get("env", {}).get(STRICT_TRANSLATIONS) == "1" for step in builds)
