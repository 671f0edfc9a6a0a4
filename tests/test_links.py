"""Links between pages (hooks/guide/links.py), as the standalone check and the pre-commit hook
report them: each broken link or anchor at its line, every anchor the site really makes accepted.
Expected anchors are the ones Python-Markdown's toc (pymdownx.slugs, case="lower") gives the site."""

from __future__ import annotations

from pathlib import Path

from guide.links import check_links
from guide.sources import load_pages


def page(docs: Path, name: str, *body: str, meta: str = "description: x") -> None:
    """A page: three lines of front matter, so ``body[0]`` is line 4."""
    path = docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{meta}\n---\n" + "\n".join(body) + "\n", encoding="utf-8")


def broken(docs: Path) -> list[str]:
    return [str(problem) for problem in check_links(load_pages(docs), docs)]


def test_every_heading_anchor_the_site_makes_is_accepted_and_no_other(docs):
    page(docs, "index.en.md",
         "# Home",                                   # 4: home
         "## Before you start: read this!",          # 5: punctuation dropped, spaces become hyphens
         "## Use `make check` now",                  # 6: code in a heading keeps its words
         "## Notes", "## Notes", "## Notes",         # 7-9: notes, notes_1, notes_2
         '<a id="kept-here"></a>',                   # 10: an HTML id
         "## Custom title {#custom}",                # 11: an attribute id
         "[a](#home) [b](#before-you-start-read-this) [c](#use-make-check-now) [d](#notes) [e](#notes_1)",
         "[f](#notes_2) [g](#kept-here) [h](#custom)",
         "[i](#notes_3)",                            # 14
         "[j](#before-you-start:-read-this!)",       # 15
         "[k](#Before-You-Start-Read-This)",         # 16: anchors are case-sensitive
         "[l](#before you start)")                   # 17: not a link at all (a space in the target)
    page(docs, "index.md",
         "# 首页",
         "## 第一步：准备材料",                        # 5: 第一步准备材料
         "见[第一步](#第一步准备材料)，不是[这里](#第一步：准备材料)。")  # 6
    def missing(line: int, fragment: str, page: str = "index.en") -> str:
        return (f"docs/{page}.md:{line}: broken link: docs/{page}.md has no heading or item with the anchor "
                f"#{fragment} (#{fragment})")
    assert broken(docs) == [missing(14, "notes_3"), missing(15, "before-you-start:-read-this!"),
                            missing(16, "Before-You-Start-Read-This"), missing(6, "第一步：准备材料", "index")]


def test_code_is_no_link_and_makes_no_anchor(docs):
    page(docs, "index.en.md",
         "# Home",
         "`[in code](gone.md)` and [x]`y`(gone.md) are text, as is `{#fake}` and `<a id=\"fake2\">`.",
         "```",
         "[in a fence](gone.md)",
         "## Fenced heading",
         "```",
         "[a](#fake) [b](#fake2) [c](#fenced-heading)")  # 10
    assert broken(docs) == [
        f"docs/index.en.md:10: broken link: docs/index.en.md has no heading or item with the anchor #{name} (#{name})"
        for name in ("fake", "fake2", "fenced-heading")]


def test_links_are_resolved_from_the_linking_page_to_the_same_language(docs, tmp_path):
    (tmp_path / "README.md").write_text("# Repository\n", encoding="utf-8")  # beside docs/, not in it
    (docs / "assets").mkdir()
    (docs / "assets" / "form.pdf").write_bytes(b"%PDF-1.4\n")
    page(docs, "stages/self-check.en.md",
         "# Self-check",
         "!!! checklist \"Check the finances\"",
         "    - [ ] SC-01 Review the balance sheet.",
         "",
         "Next: [apply](application.md#ap-01), [attach](<application.md#ap-02>), [home](../index.md#home).",  # 8
         "Not there: [apply](application.md#ap-09) and [typo](aplication.md).",  # 9: both reported
         "[The form](../assets/form.pdf) and [gone](gone.md).",  # 10
         "[Repository](../../README.md), [placeholder](#X).")  # 11
    assert broken(docs) == [
        "docs/stages/self-check.en.md:9: broken link: docs/stages/application.en.md has no heading or item with "
        "the anchor #ap-09 (application.md#ap-09)",
        "docs/stages/self-check.en.md:9: broken link: aplication.md is not a file in docs/ (from "
        "stages/self-check.en.md)",
        "docs/stages/self-check.en.md:10: broken link: gone.md is not a file in docs/ (from stages/self-check.en.md)",
        "docs/stages/self-check.en.md:11: broken link: ../../README.md is not a file in docs/ (from "
        "stages/self-check.en.md)",
        "docs/stages/self-check.en.md:11: broken link: docs/stages/self-check.en.md has no heading or item with "
        "the anchor #X (#X)",
    ]


def test_other_sites_addresses_and_site_paths_are_left_to_the_build(docs):
    page(docs, "index.en.md",
         "# Home",
         "[mail](mailto:help@example.org) [site](https://example.org/a.md) [SITE](HTTPS://EXAMPLE.ORG/b.md) "
         "[proto](//example.org/c.md) [root](/stages/d.md) [here](e.md)")
    assert broken(docs) == ["docs/index.en.md:5: broken link: e.md is not a file in docs/ (from index.en.md)"]


def test_an_english_link_to_a_page_only_in_chinese_looks_up_the_chinese_page(docs):
    page(docs, "notes.md", "# 说明", "## 背景")
    page(docs, "index.en.md",
         "# Home",
         "[background](notes.md#背景) [nothing](notes.md#nothing)")
    assert broken(docs) == [
        "docs/index.en.md:5: broken link: docs/notes.md has no heading or item with the anchor #nothing "
        "(notes.md#nothing)"]


def test_anchors_in_the_worksheet_and_snippets_are_not_looked_up(docs):
    """The worksheet's headings and items are written by the build; a snippet is no page."""
    for name in ("worksheet.md", "worksheet.en.md"):
        page(docs, name, "# Worksheet", meta="description: x\nworksheet: true")
    page(docs, "includes/abbreviations.md", "*[NFRA]: National Financial Regulatory Administration")
    page(docs, "index.en.md",
         "# Home",
         "[step](worksheet.md#sc-01) [term](includes/abbreviations.md#nfra) [gone](#gone)")
    assert broken(docs) == [
        "docs/index.en.md:5: broken link: docs/index.en.md has no heading or item with the anchor #gone (#gone)"]
