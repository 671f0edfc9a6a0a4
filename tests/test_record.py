"""records/published.yml keeps two promises (issues #13 and #15 §2): a Chinese edit the English
has not followed is reported on the English file, shown to readers and cleared by recording;
a published item ID never vanishes, never comes back retired, and a duplicate is blamed on the
new step. Most tests work on a copy of the real docs/ and record, edited as a contributor would;
the last ones check each part of guide.record on two small pages in memory."""

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
from guide.cli import main
from guide.pipeline import check, stale
from guide.model import Page, item_hash
from guide.parse import parse_page
from guide.record import (RECORD, Record, dump, editors_notes, fingerprints, git_since, items_by_id, load, next_free,
                          published_snapshot, record_path, recorded, rest_of_page, retired, sort_ids,
                          stale_translations, with_stale_note_class)

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
                   ("编者注" in line or "Editors' note" in line))


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


def next_id(project: Path, after: int = 0) -> str:
    """Self-check's next free ID in the copy (``after`` more past it), as `make next-id` says: never
    today's literal, so a step added to the real page (CONTRIBUTING's own recipe) changes nothing here."""
    free = run(project, "--next-id", "self-check")
    assert free.returncode == 0, free.stderr
    prefix, number = free.stdout.strip().split("-")
    return f"{prefix}-{int(number) + after:02d}"


def neighbours(project: Path, item_id: str) -> tuple[str, str]:
    """The steps before and after ``item_id`` on the Chinese self-check page, as it stands."""
    ids = [line.split()[3] for line in lines(project, ZH) if line.lstrip().startswith("- [ ] ")]
    at = ids.index(item_id)
    return ids[at - 1], ids[at + 1]


def test_a_renumbered_id_is_reported_with_the_reason_and_the_next_free_id(project):
    renumbered, then_free = next_id(project), next_id(project, after=1)
    before, after = neighbours(project, "SC-03")
    for page in (ZH, EN):
        replace_in(project, page, "- [ ] SC-03 ", f"- [ ] {renumbered} ")
    assert problems(project) == [
        f"docs/{ZH}:{item_line(project, ZH, renumbered)}: SC-03 is missing: it stood between {before} and "
        f"{after}; {TICKS}, so keep SC-03 for its step (a renumbered step takes its ID back); if the editors' step "
        f"is really gone, run make retire ID=SC-03 (new steps take {then_free}, the next free ID for self-check)"
    ]


def test_a_deleted_id_is_reported_until_it_is_retired_and_is_then_never_reused(project):
    free = next_id(project)
    before, after = neighbours(project, "SC-04")
    for page in (ZH, EN):
        text = lines(project, page)
        del text[item_line(project, page, "SC-04") - 1]
        write(project, page, text)
    assert problems(project) == [
        f"docs/{ZH}:{item_line(project, ZH, after)}: SC-04 is missing: it stood between {before} and {after}; "
        f"{TICKS}, so keep SC-04 for its step (a renumbered step takes its ID back); if the editors' step is "
        f"really gone, run make retire ID=SC-04 (new steps take {free}, the next free ID for self-check)"
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
        f"and some may still hold it): use {free}, the next free ID for self-check",
        f"docs/{EN}:{item_line(project, EN, 'SC-04')}: item ID SC-04 was retired and is never reused ({TICKS}, "
        f"and some may still hold it): use {free}, the next free ID for self-check",
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
    free = next_id(project)
    replace_in(project, ZH, "- [ ] SC-01 ", "- [ ] SC-02 新加的一步。\n    - [ ] SC-01 ")
    replace_in(project, EN, "- [ ] SC-01 ", "- [ ] SC-02 A new step.\n    - [ ] SC-01 ")
    published_zh = [n for n, line in enumerate(lines(project, ZH), start=1) if "- [ ] SC-02 " in line][1]
    published_en = [n for n, line in enumerate(lines(project, EN), start=1) if "- [ ] SC-02 " in line][1]
    found = [p for p in problems(project) if "already used" in p]
    assert found == [
        f"docs/{ZH}:{item_line(project, ZH, 'SC-02')}: SC-02 is already used at docs/{ZH}:{published_zh}; a new "
        f"step's ID is {free}, the next free ID for self-check (IDs are unique across the site; {TICKS})",
        f"docs/{EN}:{item_line(project, EN, 'SC-02')}: SC-02 is already used at docs/{EN}:{published_en}; a new "
        f"step's ID is {free}, the next free ID for self-check (IDs are unique across the site; {TICKS})",
    ]


def test_recording_refuses_while_the_checklists_have_problems(project):
    before = (project / RECORD).read_bytes()
    renumbered = next_id(project)
    for page in (ZH, EN):
        replace_in(project, page, "- [ ] SC-03 ", f"- [ ] {renumbered} ")
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


# The record's parts on small pages (quick): what each block's fingerprint covers, every message
# the commands print, and the file's format.

SMALL_ZH = """\
---
stage: self-check
description: 先自查。
---

# 自查

第一段。

!!! checklist "清单"

    - [ ] SC-01 查看额度。
    - [ ] SC-02 查看征信。

!!! note "编者注：说明"

    编者的话。

!!! warning "注意"

    不是编者注。

第二段，
接着写。
"""
SMALL_EN = """\
---
stage: self-check
description: Check first.
---

# Self-check

First paragraph.

!!! checklist "Checklist"

    - [ ] SC-01 Look at the limit.
    - [ ] SC-02 Look at the credit report.

!!! note "Editors' note: why"

    The editors' words.

!!! warning "Careful"

    Not an editor's note.

Second paragraph,
continued.
"""
SMALL = "stages/self-check.md"
SMALL_EN_URI = "stages/self-check.en.md"
UPDATE = f"update the English, then run: make translations PAGES={SMALL_EN_URI}"


def small_pages(zh: str = SMALL_ZH, en: str = SMALL_EN) -> list[Page]:
    return [parse_page(zh, f"docs/{SMALL}", SMALL), parse_page(en, f"docs/{SMALL_EN_URI}", SMALL_EN_URI)]


def small_record(**pages: str) -> Record:
    """The small pages recorded (keyword zh= or en= for other text)."""
    return recorded(small_pages(**pages), None, [])[0]


def small_warnings(zh: str, record: Record | None = None, en: str = SMALL_EN, since=None) -> list[str]:
    """What the English page is told after its Chinese original became ``zh``."""
    record = small_record() if record is None else record
    found = stale_translations(small_pages(zh, en), record, *([since] if since else []))
    return [str(f.problem) for f in found]


def test_each_block_is_fingerprinted_from_its_own_chinese_text():
    zh = small_pages()[0]
    assert [note.title for note in editors_notes(zh)] == ["编者注：说明"]  # not the warning box
    assert [note.title for note in editors_notes(small_pages()[1])] == ["Editors' note: why"]
    # The rest: the description, then every paragraph outside items and editor's notes, as written.
    assert rest_of_page(zh) == ["先自查。", "# 自查", "第一段。", '!!! checklist "清单"', '!!! warning "注意"',
                                "    不是编者注。", "第二段，\n接着写。"]
    assert fingerprints(zh) == {
        "page": item_hash(" ".join(sorted(item_hash(p) for p in [
            "先自查。", "# 自查", "第一段。", '!!! checklist "清单"', '!!! warning "注意"', "不是编者注。",
            "第二段， 接着写。"]))),
        "items": {"SC-01": item_hash("查看额度。"), "SC-02": item_hash("查看征信。")},
        "notes": [item_hash("编者注：说明\n编者的话。")],
    }


def test_the_rest_of_a_page_without_description_or_notes():
    page = parse_page("# 标题\n正文紧接着标题。\n\n\n!!! note \"编者注\"\n最后一段，\n没有换行结尾。", "docs/x.md", "x.md")
    assert editors_notes(page) == [page.admonitions[0]]  # a note with no body: only its title line is its own
    assert rest_of_page(page) == ["", "# 标题\n正文紧接着标题。", "最后一段，\n没有换行结尾。"]


@pytest.mark.parametrize(("old", "new", "kinds"), [
    ("description: 先自查。", "description: 先自查吧。", ["page"]),
    ("第一段。", "第一段改了。", ["page"]),
    ("接着写。", "接着写完。", ["page"]),
    ("不是编者注。", "仍然不是编者注。", ["page"]),
    ("查看额度。", "查看额度和期限。", ["item"]),
    ("编者的话。", "编者的新话。", ["note"]),
    ("编者注：说明", "编者注：新说明", ["note"]),
    ("第一段。", "第一段。\n\n\n", []),  # blank lines between paragraphs
    ("第二段，\n", "第二段，   \n  ", []),  # spaces around a line break
])
def test_a_chinese_edit_reports_only_the_block_it_changed(old, new, kinds):
    found = stale_translations(small_pages(SMALL_ZH.replace(old, new)), small_record())
    assert [f.kind for f in found] == kinds


def test_stale_blocks_name_the_english_line_and_the_chinese_one():
    zh = SMALL_ZH.replace("第一段。", "第一段改了。").replace("查看征信。", "查看征信报告。").replace("编者的话。", "新话。")
    found = stale_translations(small_pages(zh), small_record(), lambda path: f" (since {path} moved)")
    assert [(f.src_uri, f.kind, f.key) for f in found] == [
        (SMALL_EN_URI, "page", ""), (SMALL_EN_URI, "item", "SC-02"), (SMALL_EN_URI, "note", 0)]
    assert [str(f.problem) for f in found] == [
        f"docs/{SMALL_EN_URI}:6: translation out of date: the text of docs/{SMALL} outside its items and notes "
        f"changed (since docs/{SMALL} moved); {UPDATE}",
        f"docs/{SMALL_EN_URI}:13: translation out of date: SC-02 in docs/{SMALL}:13 changed (since docs/{SMALL} "
        f"moved); {UPDATE}",
        f"docs/{SMALL_EN_URI}:15: translation out of date: editor's note 1 (编者注：说明) in docs/{SMALL}:15 "
        f"changed (since docs/{SMALL} moved); {UPDATE}",
    ]


def test_blocks_not_recorded_yet_are_named_as_such():
    assert stale_translations(small_pages(), None) == []  # no record yet: nothing to compare with
    record = small_record()
    del record.translations[SMALL_EN_URI]["items"]["SC-02"]
    assert small_warnings(SMALL_ZH, record) == [
        f"docs/{SMALL_EN_URI}:13: translation not recorded: SC-02 in docs/{SMALL}:13 is new; check the "
        f"translation, then run: make translations PAGES={SMALL_EN_URI}"]
    assert small_warnings(SMALL_ZH, Record()) == [
        f"docs/{SMALL_EN_URI}:6: translation not recorded: no fingerprints of docs/{SMALL} in records/published.yml; "
        f"check the translation, then run: make translations PAGES={SMALL_EN_URI}"]
    # A page not recorded yet, then one recorded and since changed: both are told, the whole first page marked.
    other = [parse_page(SMALL_ZH.replace("查看额度。", "查看额度吧。"), "docs/other.md", "other.md"),
             parse_page(SMALL_EN, "docs/other.en.md", "other.en.md")]
    record = recorded(small_pages() + other, None, [])[0]
    del record.translations[SMALL_EN_URI]
    found = stale_translations(small_pages() + other, record)
    assert [(f.src_uri, f.kind, f.key) for f in found] == [(SMALL_EN_URI, "page", "")]
    found = stale_translations(small_pages() + [parse_page(SMALL_ZH, "docs/other.md", "other.md"), other[1]], record)
    assert [(f.src_uri, f.kind, f.key, f.problem.line) for f in found] == [
        (SMALL_EN_URI, "page", "", 6), ("other.en.md", "item", "SC-01", 12)]


def test_a_page_without_title_is_told_at_its_first_line_and_a_missing_english_note_at_the_title():
    zh, en = SMALL_ZH.replace("# 自查\n", ""), SMALL_EN.replace("# Self-check\n", "")
    record = small_record(zh=zh, en=en)
    assert small_warnings(zh.replace("第一段。", "第一段改了。"), record, en) == [
        f"docs/{SMALL_EN_URI}:1: translation out of date: the text of docs/{SMALL} outside its items and notes "
        f"changed; {UPDATE}"]
    en_without_note = SMALL_EN.replace("!!! note \"Editors' note: why\"", "!!! note \"Why\"")
    assert small_warnings(SMALL_ZH.replace("编者的话。", "新话。"), en=en_without_note) == [
        f"docs/{SMALL_EN_URI}:6: translation out of date: editor's note 1 (编者注：说明) in docs/{SMALL}:15 "
        f"changed; {UPDATE}"]


def test_an_item_missing_from_the_chinese_page_is_left_to_the_parity_rule():
    en = SMALL_EN.replace("    - [ ] SC-02 ", "    - [ ] SC-03 Only in English.\n    - [ ] SC-02 ")
    assert small_warnings(SMALL_ZH, en=en) == []


def test_notes_are_compared_as_a_set():
    """Two notes swapped in Chinese (and English) report nothing; a second copy of a recorded note is not new."""
    two = SMALL_ZH.replace("!!! warning \"注意\"", "!!! note \"编者注：另一条\"\n\n    另一条。\n\n!!! warning \"注意\"")
    record = small_record(zh=two)
    first, second = two.index("!!! note \"编者注：说明\""), two.index("!!! note \"编者注：另一条\"")
    swapped = two[:first] + two[second:two.index("!!! warning")] + two[first:second] + two[two.index("!!! warning"):]
    assert editors_notes(small_pages(swapped)[0])[0].title == "编者注：另一条"
    assert small_warnings(swapped, record) == []
    assert small_warnings(two.replace("另一条。", "另一条改了。"), record) == [
        f"docs/{SMALL_EN_URI}:6: translation out of date: editor's note 2 (编者注：另一条) in docs/{SMALL}:19 "
        f"changed; {UPDATE}"]  # the English has one note: the page's title line is named


ZH_NOTES = """\
# 标题

!!! note "编者注"
    第一条。

??? note "编者注"
    第二条。

  !!! note "编者注"
      第三条。

???+ tip "编者注：提示"
    第四条。
"""


def test_a_stale_note_gets_the_class_on_its_own_opening_line():
    """Notes are found by their line as written, in order, even when several open with the same line."""
    page = parse_page(ZH_NOTES, "docs/x.md", "x.md")
    marked = with_stale_note_class(ZH_NOTES, page, {1, 2, 3, 4}, "stale")  # the English has 4 notes, not 5
    assert marked.split("\n") == [
        "# 标题", "", '!!! note "编者注"', "    第一条。", "", '??? note stale "编者注"', "    第二条。", "",
        '  !!! note stale "编者注"', "      第三条。", "", '???+ tip stale "编者注：提示"', "    第四条。", ""]
    assert with_stale_note_class(ZH_NOTES, page, {0}, "old").split("\n")[2] == '!!! note old "编者注"'
    both = with_stale_note_class(ZH_NOTES, page, {0, 2}, "old").split("\n")  # two stale notes opening alike
    assert (both[2], both[5], both[8]) == ('!!! note old "编者注"', '??? note "编者注"', '  !!! note old "编者注"')
    assert with_stale_note_class(ZH_NOTES, page, set(), "old") == ZH_NOTES
    first_two = ZH_NOTES[:ZH_NOTES.index("  !!! note")]  # a note the Markdown does not hold is left alone
    assert with_stale_note_class(first_two, page, {2}, "old") == first_two
    # The Markdown the build renders lacks the front matter: the note is found all the same.
    with_front_matter = "---\ndescription: x\n---\n" + ZH_NOTES
    page = parse_page(with_front_matter, "docs/x.md", "x.md")
    assert with_stale_note_class(ZH_NOTES, page, {3}, "stale").split("\n")[11] == '???+ tip stale "编者注：提示"'


def git_repository(folder: Path):
    """``git`` in ``folder``, a repository with a fixed author and date."""
    def git(*args: str, date: str = "2026-01-02T03:04:05Z") -> str:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True,
                              env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                                   "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                                   "HOME": str(folder), "PATH": os.environ["PATH"]}).stdout.strip()
    git("init", "-q")
    return git


def test_since_when_a_chinese_file_changed(tmp_path, monkeypatch):
    record_file, page = tmp_path / RECORD, tmp_path / "docs" / SMALL
    page.parent.mkdir(parents=True)
    record_file.parent.mkdir()
    assert git_since(tmp_path, record_file)(f"docs/{SMALL}") == ""  # not a repository
    git = git_repository(tmp_path)
    page.write_text("一\n", encoding="utf-8")
    record_file.write_text("ids: {}\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "published", date="2026-01-01T00:00:00Z")
    assert git_since(tmp_path, record_file)(f"docs/{SMALL}") == " (since commit %s of 2026-01-01)" % git(
        "log", "-1", "--format=%h")  # changed in the very commit that wrote the record: that commit
    page.write_text("二\n", encoding="utf-8")
    assert git_since(tmp_path, record_file)(f"docs/{SMALL}") == " (not committed yet)"
    git("commit", "-qam", "first fix", date="2026-01-02T00:00:00Z")
    first = git("log", "-1", "--format=%h")
    page.write_text("三\n", encoding="utf-8")
    git("commit", "-qam", "second fix", date="2026-01-03T00:00:00Z")
    assert git_since(tmp_path, record_file)(f"docs/{SMALL}") == f" (since commit {first} of 2026-01-02)"
    record_file.write_text("ids: {published: []}\n", encoding="utf-8")  # the record changed later, not the page
    git("commit", "-qam", "another page recorded", date="2026-01-04T00:00:00Z")
    last = git("log", "-1", "--format=%h", "--", f"docs/{SMALL}")
    assert git_since(tmp_path, record_file)(f"docs/{SMALL}") == f" (since commit {last} of 2026-01-03)"
    assert git_since(tmp_path, record_file)("docs/never-committed.md") == ""
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))  # no git at all: nothing said, nothing raised
    assert git_since(tmp_path, record_file)(f"docs/{SMALL}") == ""


def test_the_next_free_id_is_one_past_every_number_ever_used():
    pages = small_pages()
    assert next_free("SC", pages, None) == "SC-03"
    assert next_free("RE", pages, None) == "RE-01"
    assert next_free("SC", pages, Record(["SC-01", "SC-02", "RE-09"], [])) == "SC-03"
    assert next_free("SC", pages, Record(["SC-01", "SC-04"], ["SC-07"])) == "SC-08"
    assert next_free("SC", pages, Record(["SC-09", "SC-1x", "XSC-12"], [])) == "SC-10"
    assert next_free("SC", [], Record([], ["SC-05"])) == "SC-06"
    assert next_free("MA", [], None) == "MA-01"


def test_items_by_id_in_one_language():
    zh, en = small_pages(SMALL_ZH.replace("SC-02", "SC-01"))
    assert items_by_id([en, zh], "zh") == {"SC-01": [(zh, zh.items[0]), (zh, zh.items[1])]}
    assert list(items_by_id([en, zh], "en")) == ["SC-01", "SC-02"]


def test_recording_reports_what_changed_page_by_page():
    record, report = recorded(small_pages(), None, [])
    assert report == ["published SC-01 SC-02", f"recorded {SMALL_EN_URI}: every block (new)"]
    assert record.published == ["SC-01", "SC-02"] and record.retired == []
    assert list(record.translations) == [SMALL_EN_URI]
    assert recorded(small_pages(), small_record(), [])[1] == []
    zh = SMALL_ZH.replace("第一段。", "第一段改了。").replace("查看征信。", "改了。").replace("编者的话。", "新话。")
    assert recorded(small_pages(zh), small_record(), [SMALL_EN_URI])[1] == [
        f"recorded {SMALL_EN_URI}: the page, SC-02, note 1"]
    zh = SMALL_ZH.replace("    - [ ] SC-02 查看征信。", "    - [ ] SC-02 查看征信。\n    - [ ] SC-03 新的一步。")
    en = SMALL_EN.replace("    - [ ] SC-02 ", "    - [ ] SC-02 x\n    - [ ] SC-03 A new step.\n    - [ ] SC-09 ")
    assert recorded(small_pages(zh, en), small_record(), [])[1] == [
        "published SC-03", f"recorded {SMALL_EN_URI}: SC-03"]  # English-only IDs are not published
    without_note = SMALL_ZH.replace("!!! note \"编者注：说明\"", "!!! note \"说明\"")
    assert recorded(small_pages(without_note), small_record(), [])[1] == [
        f"recorded {SMALL_EN_URI}: the page"]
    record = small_record()
    record.translations[SMALL_EN_URI]["items"]["SC-00"] = "00000000"  # a block that is gone
    assert recorded(small_pages(), record, [])[1] == [
        f"recorded {SMALL_EN_URI}: no change in the text (blocks moved or removed)"]


def test_recording_named_pages_keeps_the_others_and_recording_all_drops_pages_that_are_gone():
    record = small_record()
    record.translations["gone.en.md"] = {"page": "00000000", "items": {}, "notes": []}
    named = recorded(small_pages(), Record(record.published, [], dict(record.translations)), [SMALL_EN_URI])[0]
    assert list(named.translations) == [SMALL_EN_URI, "gone.en.md"]
    assert list(recorded(small_pages(), record, ["other.en.md"])[0].translations) == [SMALL_EN_URI, "gone.en.md"]
    assert list(recorded(small_pages(), record, [])[0].translations) == [SMALL_EN_URI]


def test_retiring_an_id():
    pages = small_pages()
    record = small_record()
    assert retired(pages, record, "SC-3") == (None, "SC-3: not an item ID (like SC-03)")
    assert retired(pages, record, "SC-033") == (None, "SC-033: not an item ID (like SC-03)")
    assert retired(pages[::-1], record, "SC-02") == (None, (
        f"docs/{SMALL}:13: SC-02 is still on the page: delete the item in both languages first, then retire it"))
    assert retired(pages[1:], record, "SC-02")[1].startswith(f"docs/{SMALL_EN_URI}:13: SC-02 is still on the page")
    assert retired(pages, None, "SC-05") == (None, "SC-05 was never published: nothing to retire (only published "
                                                   "IDs are kept)")
    gone = small_pages(SMALL_ZH.replace("    - [ ] SC-02 查看征信。\n", ""),
                       SMALL_EN.replace("    - [ ] SC-02 Look at the credit report.\n", ""))
    updated, message = retired(gone, record, "SC-02")
    assert message == ("retired SC-02: it will never be given to another step, so readers' saved ticks for it can "
                       "never tick a different step")
    assert (updated.published, updated.retired) == (["SC-01", "SC-02"], ["SC-02"])
    assert updated.translations[SMALL_EN_URI]["items"] == {"SC-01": item_hash("查看额度。")}
    assert retired(gone, updated, "SC-02") == (None, "SC-02 is already retired")
    record = small_record()
    record.translations["other.en.md"] = {"page": "00000000", "items": {}, "notes": []}  # no SC-02 there: fine
    assert retired(gone, record, "SC-02")[0].retired == ["SC-02"]


def test_ids_are_sorted_by_stage_then_number_once_each():
    assert sort_ids(["MA-02", "SC-10", "XX-01", "SC-02", "AP-01", "SC-02", "RE-01", "AB-03", "SC-09"]) == [
        "SC-02", "SC-09", "SC-10", "RE-01", "AP-01", "MA-02", "AB-03", "XX-01"]


RECORD_TEXT = """\
ids:
  published:
  - SC-01
  - SC-02
  - RE-01
  retired:
  - SC-03
translations:
  stages/self-check.en.md:
    page: 0badf00d
    items:
      SC-02: '12345678'
      SC-01: deadbeef
    notes:
    - cafe0123
  阶段/很长很长的 一个页面的名字，长到超过八十个字符也还是写在一行里，不会折行，因为记录要一行一条，方便看差异 页面.en.md:
    page: '00000001'
    items: {}
    notes: []
"""


def test_the_record_file_reads_back_as_written(tmp_path):
    path = tmp_path / "records" / "published.yml"
    assert record_path(tmp_path / "docs") == path
    assert load(path) is None  # no record yet
    path.parent.mkdir()
    path.write_text("# only a comment\n", encoding="utf-8")
    assert load(path) == Record([], [], {})
    path.write_text(RECORD_TEXT, encoding="utf-8")
    long_name = "阶段/很长很长的 一个页面的名字，长到超过八十个字符也还是写在一行里，不会折行，因为记录要一行一条，方便看差异 页面.en.md"
    record = load(path)
    assert record == Record(["SC-01", "SC-02", "RE-01"], ["SC-03"], {
        "stages/self-check.en.md": {"page": "0badf00d", "items": {"SC-02": "12345678", "SC-01": "deadbeef"},
                                    "notes": ["cafe0123"]},
        long_name: {"page": "00000001", "items": {}, "notes": []},
    })
    written = dump(record)
    assert written.startswith("# What the guide has published; written by `make translations` and `make retire`")
    assert written.endswith("\n" + RECORD_TEXT)
    path.write_text("ids:\n  published: [SC-01]\ntranslations:\n  x.en.md:\n    items:\n      SC-01: 12345678\n"
                    "  y.en.md:\n    page: 12345678\n    items:\n    notes:\n", encoding="utf-8")
    assert load(path) == Record(["SC-01"], [], {
        "x.en.md": {"page": "", "items": {"SC-01": "12345678"}, "notes": []},
        "y.en.md": {"page": "12345678", "items": {}, "notes": []}})
    path.write_text("ids:\n  retired: [SC-01, 12]\ntranslations:\n", encoding="utf-8")
    assert load(path) == Record([], ["SC-01", "12"], {})


NEW_NOTE_ZH = SMALL_ZH.replace("!!! warning \"注意\"", "!!! note SC-02 \"编者注\"\n\n    新的一条。\n\n!!! warning \"注意\"")
NEW_NOTE_EN = SMALL_EN.replace("!!! warning \"Careful\"", "!!! note SC-02 \"Editors' note\"\n\n    A new one.\n\n"
                                                            "!!! warning \"Careful\"")


def test_a_newly_attached_note_is_reported_as_new_not_as_changed():
    """Every recorded note is still there word for word: the one not recorded was added."""
    assert small_warnings(NEW_NOTE_ZH, en=NEW_NOTE_EN) == [
        f"docs/{SMALL_EN_URI}:19: translation not recorded: new note attached to SC-02 in docs/{SMALL}:19; check "
        f"the translation, then run: make translations PAGES={SMALL_EN_URI}"]
    assert recorded(small_pages(NEW_NOTE_ZH, NEW_NOTE_EN), small_record(), [])[1] == [
        f"recorded {SMALL_EN_URI}: new note attached to SC-02"]
    unattached = NEW_NOTE_ZH.replace("!!! note SC-02 \"编者注\"", "!!! note \"编者注：新\"")
    assert recorded(small_pages(unattached), small_record(), [])[1] == [
        f"recorded {SMALL_EN_URI}: new editor's note (编者注：新)"]


def test_a_note_changed_while_another_is_added_is_told_as_changed():
    """A recorded note no longer there: which one was edited and which added cannot be told apart."""
    zh = NEW_NOTE_ZH.replace("编者的话。", "编者的新话。")
    assert recorded(small_pages(zh, NEW_NOTE_EN), small_record(), [])[1] == [
        f"recorded {SMALL_EN_URI}: note 1, note 2"]
    assert [w.split(": ", 2)[2].split(" in ")[0] for w in small_warnings(zh, en=NEW_NOTE_EN)] == [
        "editor's note 1 (编者注：说明)", "editor's note 2 (编者注)"]


def test_an_article_step_is_never_retired_an_editors_step_is():
    """The pages as published (the record's snapshot) say which step was the article's."""
    gone = small_pages(SMALL_ZH.replace("    - [ ] SC-02 查看征信。\n", ""),
                       SMALL_EN.replace("    - [ ] SC-02 Look at the credit report.\n", ""))
    record = small_record()
    record.snapshot = lambda: {SMALL: SMALL_ZH}
    assert retired(gone, record, "SC-02") == (None, (
        f"docs/{SMALL}:13: SC-02 is one of the article's steps (as published there): only the editors' steps "
        "({ .editors }) are retired; the article's sentence stays on the page, so put the step back, in both "
        "languages, and say what changed in an editor's note attached to it (!!! note SC-02 \"编者注\")"))
    record.snapshot = lambda: {SMALL: SMALL_ZH.replace("SC-02 查看征信。", "SC-02 查看征信。 { .editors }")}
    assert retired(gone, record, "SC-02")[0].retired == ["SC-02"]


def test_the_pages_as_published_are_the_chinese_ones_at_the_records_last_commit(tmp_path, monkeypatch):
    docs, record_file = tmp_path / "docs", tmp_path / RECORD
    (docs / "stages").mkdir(parents=True)
    record_file.parent.mkdir()
    assert published_snapshot(docs, record_file)() == {}  # not a repository
    git = git_repository(tmp_path)
    (docs / SMALL).write_text(SMALL_ZH, encoding="utf-8")
    (docs / SMALL_EN_URI).write_text(SMALL_EN, encoding="utf-8")
    assert published_snapshot(docs, record_file)() == {}  # nothing committed yet
    record_file.write_text("ids: {}\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "published")
    (docs / SMALL).write_text("changed since", encoding="utf-8")
    (docs / "new.md").write_text("new since", encoding="utf-8")
    git("add", "-A")
    git("commit", "-qm", "a later change")
    assert published_snapshot(docs, record_file)() == {SMALL: SMALL_ZH}  # not the English, nor what came later
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))  # no git at all: nothing known, nothing raised
    assert published_snapshot(docs, record_file)() == {}
