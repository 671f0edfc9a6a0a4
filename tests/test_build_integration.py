"""The real ``mkdocs build`` on a copy of the project with one defect injected:
it stops with a non-zero exit, a ``path:line: message`` naming the file, and no traceback."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from guide.fidelity import ARTICLE, article_units, is_sentence
from guide.pipeline import check
from site_build import build, copy_project

pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of everything the build reads."""
    return copy_project(tmp_path)


def edit(project: Path, page: str, old: str, new: str) -> None:
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {page}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, page: str, needle: str) -> int:
    lines = (project / "docs" / page).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def failed_build(project: Path, strict: bool = False) -> str:
    result = build(project / "site", cwd=project, strict=strict)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    return output


DEFECTS = {
    # rule: (page, old text, new text, the line reported, the message)
    "2 prose in a checklist": (
        "stages/self-check.md", "    - [ ] SC-01 ", "    先看报表。\n    - [ ] SC-01 ", "先看报表。",
        'a checklist holds only task items; move this text outside the checklist: "先看报表。"'),
    "3 malformed ID": (
        "stages/application.md", "- [ ] AP-03 ", "- [ ] AP-3 ", "AP-3 ",
        "item has no well-formed ID (like AP-01) after the checkbox"),
    "4 checked item": (
        "stages/maintenance.md", "- [ ] MA-07 ", "- [x] MA-07 ", "MA-07 ",
        "items must be unchecked in the source: write '[ ]', not '[x]'"),
    "5 task outside a checklist": (
        "causes.md", "## ", "- [ ] SC-07 自查\n\n## ", "SC-07",
        'task item outside a checklist (it could never be saved): "- [ ] SC-07 自查"'),
    "5 misspelt type": (
        "stages/self-check.md", '!!! checklist "分析账户异常原因"', '!!! checklsit "分析账户异常原因"', "checklsit",
        "unknown admonition type \"checklsit\": did you mean 'checklist'?"),
    "6 parity": (
        "stages/rectification.en.md", "- [ ] RE-02 ", "- [ ] RE-09 ", "!!! checklist",
        "lacks RE-02: translate docs/stages/rectification.md:"),
}


@pytest.mark.parametrize("rule", DEFECTS)
def test_a_checklist_defect_stops_the_build_without_strict(project, rule):
    page, old, new, reported, message = DEFECTS[rule]
    edit(project, page, old, new)
    output = failed_build(project, strict=False)
    location = f"docs/{page}:{line_of(project, page, reported)}: "
    assert any(line.split(" -  ", 1)[-1].startswith(location) and message in line
               for line in output.splitlines()), output
    assert "found; nothing was built" in output


def test_a_stage_page_emptied_of_checklists(project):
    path = project / "docs/stages/rectification.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("!!! checklist", "!!! note"), encoding="utf-8")
    output = failed_build(project)
    assert f"docs/stages/rectification.md:{line_of(project, 'stages/rectification.md', 'stage:')}: " \
           "stage page 'rectification' holds no checklist" in output


def test_a_missing_translation(project):
    (project / "docs/glossary.en.md").unlink()
    output = failed_build(project)
    assert "docs/glossary.md:1: missing en translation: expected docs/glossary.en.md" in output


def test_missing_or_malformed_cautions_stop_the_build_at_their_place(project):
    (project / "docs/includes/cautions.en.md").unlink()
    edit(project, "includes/cautions.md", "    - ", "    这一段不是列表。\n    - ")
    output = failed_build(project)
    assert ("docs/includes/cautions.md:1: the cautions' note holds a list and nothing else, one caution per line "
            '("- …")') in output
    assert "docs/includes/cautions.en.md: missing: the editors' cautions every download and the worksheet carry" in output
    assert "2 content problems found; nothing was built" in output


def test_a_broken_internal_link(project):
    """At its line, and without --strict (as `make serve` builds: its banner shows it)."""
    edit(project, "about.md", "[术语表](glossary.md)", "[术语表](glosary.md)")
    output = failed_build(project)
    line = line_of(project, "about.md", "(glosary.md)")
    assert f"docs/about.md:{line}: broken link: glosary.md is not a file in docs/ (from about.md)" in output


def test_a_broken_anchor(project):
    edit(project, "about.md", "[术语表](glossary.md)", "[术语表](glossary.md#no-such-term)")
    output = failed_build(project, strict=True)
    assert "about.md" in output and "no-such-term" in output


def test_an_external_image_in_content(project):
    edit(project, "about.md", "## 原文出处", "## 原文出处\n\n![logo](https://example.com/logo.png)")
    output = failed_build(project)
    line = line_of(project, "about.md", "![logo]")
    assert (f"docs/about.md:{line}: image from another origin (https://example.com/logo.png): "
            "put the file in docs/assets/") in output


def test_an_external_asset_in_the_configuration(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "extra_css:\n", "extra_css:\n  - https://cdn.example.com/x.css\n"), encoding="utf-8")
    output = failed_build(project, strict=True)
    line = config.read_text(encoding="utf-8").splitlines().index("  - https://cdn.example.com/x.css") + 1
    assert f'mkdocs.yml:{line}: extra_css: "https://cdn.example.com/x.css" is not one the site' in output
    assert "CONFIGURATION['extra_css'] in hooks/guide/allowlist.py" in output


def test_the_check_runs_once_per_build_and_costs_under_a_tenth_of_it(project):
    started = time.perf_counter()
    result = build(project / "site", cwd=project)
    build_seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(" checklists on ") == 1  # not once per language
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        check(project / "docs", project)
        runs.append(time.perf_counter() - started)
    check_seconds = statistics.median(runs)
    print(f"build {build_seconds:.2f} s, checklist check {check_seconds * 1000:.1f} ms "
          f"({100 * check_seconds / build_seconds:.2f} %)")
    assert check_seconds < 0.1 * build_seconds


# ---- Content security, on a real build ----

def test_a_fence_closed_by_a_longer_fence_hides_nothing(project):
    """The attack of issue #11: three backticks "closed" by four, then a script. The renderer
    never closes that fence, so the script would be published; the build stops instead."""
    edit(project, "about.md", "## 原文出处", "```\n代码\n````\n\n<script>alert(1)</script>\n\n## 原文出处")
    output = failed_build(project, strict=True)
    fence, script = line_of(project, "about.md", "```"), line_of(project, "about.md", "<script>")
    assert f"docs/about.md:{fence}: code fence ``` is not closed before the end of the file" in output
    assert f'docs/about.md:{script}: raw <script> is not allowed in content: "<script>alert(1)</script>"' in output


def add_pages(project: Path, names: list[str]) -> None:
    """Each unsafe fixture as a page in both languages (so only its safety is at fault)."""
    (project / "docs/unsafe").mkdir()
    for name in names:
        text = (FIXTURES / "unsafe" / name).read_text(encoding="utf-8")
        for target in (name, name.replace(".md", ".en.md")):
            (project / "docs/unsafe" / target).write_text(text, encoding="utf-8")


def test_every_unsafe_fixture_stops_the_build_with_its_place_in_one_run(project):
    from test_rendered import CAUGHT

    add_pages(project, sorted(CAUGHT))
    output = failed_build(project)
    assert "content problems found; the build failed" in output
    errors = [line.split(" -  ", 1)[-1] for line in output.splitlines() if line.startswith("ERROR")]
    for name, message in CAUGHT.items():
        place = message.split(": ", 1)[0].replace(f"docs/{name}", "docs/unsafe/{}")
        for page in (name, name.replace(".md", ".en.md")):
            assert any(error.startswith(place.format(page) + ": ") for error in errors), (page, output)
    # What the Markdown-level scan cannot see (entities, style, SVG, reference images), the
    # check of the rendered pages reports, at the source line, in the same run.
    for name in ("entity-external-img.md", "entity-javascript-link.md", "reference-image.md", "style-url.md",
                 "svg-animate.md", "tab-in-scheme.md"):
        assert CAUGHT[name].replace(f"docs/{name}", f"docs/unsafe/{name}") in errors


def test_a_script_the_theme_does_not_own_stops_the_build_naming_each_page(project):
    """An inline script added to a template (not to content) is in every built page:
    the whole-page check names each page's source file."""
    main = project / "overrides/main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block extrahead %}", "{% block extrahead %}\n  <script>window.injected = 1</script>"), encoding="utf-8")
    output = failed_build(project)
    message = "inline script that is not one of the theme's (hooks/guide/theme.py): \"window.injected = 1\""
    for page in ("docs/index.md", "docs/index.en.md", "docs/stages/self-check.md", "404.html (a theme template)"):
        assert f"{page}: {message}" in output
    assert "content problems found; the build failed" in output


# ---- Bad input: a message, never a traceback ----

def test_a_folder_named_like_a_page(project):
    (project / "docs/odd.md").mkdir()
    (project / "docs/odd.md/note.txt").write_text("x", encoding="utf-8")
    output = failed_build(project)
    assert "docs/odd.md: a folder named like a page: rename it (pages are files ending in .md)" in output


def test_a_checklist_in_a_snippet(project):
    snippet = project / "docs/includes/red-flag.md"
    snippet.write_text(snippet.read_text(encoding="utf-8") + '\n!!! checklist "步骤"\n    - [ ] SC-99 一步\n',
                       encoding="utf-8")
    output = failed_build(project)
    line = len(snippet.read_text(encoding="utf-8").splitlines()) - 1
    assert (f"docs/includes/red-flag.md:{line}: checklists belong on a stage page, not in a snippet "
            "(docs/includes/): move it to the stage page") in output


def test_a_theme_change_a_rewrite_depends_on_stops_the_build_naming_the_rewrite(project):
    """As if a Material upgrade had changed the search dialog's markup."""
    import material

    upstream = Path(material.__file__).parent / "templates/partials/search.html"
    changed = upstream.read_text(encoding="utf-8").replace('role="dialog"', 'role="search"')
    assert changed != upstream.read_text(encoding="utf-8")
    (project / "overrides/partials/search.html").write_text(changed, encoding="utf-8")
    output = failed_build(project)
    assert ("docs/index.md: the rewrite with_named_search_dialog() in hooks/guide/html.py found no "
            '<div class="md-search" data-md-component="search" role="dialog">: the theme\'s markup changed') in output
    assert "content problems found; the build failed" in output


def test_a_changed_article_sentence_stops_the_build(project):
    """With provenance/ beside docs/ (as in the repository), the build checks the article's wording
    as `make check` does."""
    shutil.copytree(ROOT / "provenance", project / "provenance")
    page = (project / "docs" / "stages" / "maintenance.md").read_text(encoding="utf-8")
    number, sentence = next((number, unit) for number, unit in article_units(project / ARTICLE)
                            if is_sentence(unit) and unit in page)
    edit(project, "stages/maintenance.md", sentence, sentence[:-1] + "啊" + sentence[-1])
    output = failed_build(project)
    line = line_of(project, "stages/maintenance.md", sentence[:-1] + "啊")
    assert (f"docs/stages/maintenance.md:{line}: this line should hold the article's sentence word for word "
            f"({ARTICLE}:{number}): “{sentence}”") in output
