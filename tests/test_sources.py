"""Which files are pages and how they are read (hooks/guide/sources.py): as editors save them,
named in messages relative to the repository, snippets and hidden files kept apart."""

from __future__ import annotations

from pathlib import Path

from guide.pipeline import check
from guide.sources import load_pages, load_snippets, read_text, shown_path, snippet_paths


def test_a_byte_order_mark_and_bad_bytes_are_read_never_fatal_and_bad_bytes_are_named(docs):
    (docs / "index.md").write_bytes("\ufeff---\ndescription: 首页\n---\n# 首页\n\n坏字节：".encode("utf-8")
                                    + b"\xff\xfe\n")
    assert read_text(docs / "index.md").startswith("---\ndescription: 首页\n")
    home = next(page for page in load_pages(docs) if page.src_uri == "index.md")
    assert home.meta == {"description": "首页"}  # the BOM does not hide the front matter
    assert dict(home.body)[6] == "坏字节：\ufffd\ufffd"
    # MkDocs reads pages as strict UTF-8 and would stop with a traceback: the line is named first.
    assert [str(problem) for problem in check(docs)[1]] == [
        "docs/index.md:6: this line holds bytes that are not UTF-8: save the file as UTF-8"]


def test_pages_snippets_and_hidden_files(docs):
    (docs / "includes").mkdir()
    (docs / "includes" / "abbreviations.md").write_text("*[NFRA]: 国家金融监督管理总局\n", encoding="utf-8")
    (docs / ".drafts").mkdir()
    (docs / ".drafts" / "next.md").write_text("# 草稿\n", encoding="utf-8")
    (docs / "stages" / ".old-self-check.md").write_text("# 旧稿\n", encoding="utf-8")
    assert sorted(page.src_uri for page in load_pages(docs)) == [
        "index.en.md", "index.md", "stages/application.en.md", "stages/application.md", "stages/maintenance.en.md",
        "stages/maintenance.md", "stages/rectification.en.md", "stages/rectification.md", "stages/self-check.en.md",
        "stages/self-check.md"]
    assert [(page.path, page.src_uri) for page in load_snippets(docs)] == [
        ("docs/includes/abbreviations.md", "includes/abbreviations.md")]


def test_files_are_named_relative_to_the_repository_or_as_given_outside_it(docs, tmp_path):
    assert {page.path for page in load_pages(docs)} >= {"docs/index.md", "docs/stages/self-check.en.md"}
    assert {page.path for page in load_pages(docs, tmp_path.parent)} >= {f"{tmp_path.name}/docs/index.md"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert shown_path(docs / "index.md", elsewhere) == (docs / "index.md").as_posix()
    assert shown_path(Path("docs/index.md"), Path.cwd()) == "docs/index.md"
    (docs / "includes").mkdir()
    (docs / "includes" / "steps.md").write_text("!!! checklist \"x\"\n    - [ ] SC-09 x\n", encoding="utf-8")
    assert [page.path for page in load_snippets(docs)] == ["docs/includes/steps.md"]
    assert [page.path for page in load_snippets(docs, tmp_path.parent)] == [f"{tmp_path.name}/docs/includes/steps.md"]


def test_the_snippets_a_page_takes_in():
    text = ('# 术语\n\n--8<-- "includes/abbreviations.md"\n    -8<- \'includes/indented.md\'\n'
            ";--8<-- \"includes/escaped.md\"\n正文 --8<-- \"includes/inline.md\"\n")
    assert snippet_paths(text) == ["includes/abbreviations.md", "includes/indented.md"]
