"""Every check of ours reads contributed text in time linear in its size (issue #19, class 6): each
is fed each pathological shape (long runs of backticks, '<', '{', '[', '&', quotes, deep nesting,
'<a ', '<img '), 64 KB of it in `make quick` and 1 MB in `make test`, and must finish within a few
seconds of CPU time (CPU, not wall time: the machine may be shared). A quadratic scan needs minutes
for either size (the old code-span regex: over 20 s for 100 KB of backticks).

Python-Markdown itself is quadratic in some shapes; hooks/guide/limits.py refuses those before the
build renders them, and the last tests check that what the limits allow renders quickly."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from guide import fences, fidelity, frontmatter, limits, links, parse, rendered, search, security, sources

SHAPES = {
    "backticks": "`", "backtick pairs": "`a", "angles": "<", "<a ": "<a ", "<img ": "<img ", "braces": "{",
    "braces and spaces": "{ ", "brackets": "[", "link openers": "[](", "image openers": "![", "ampersands": "&",
    "quotes": '"', "apostrophes": "'", "carets": "^^", "comment openers": "<!--", "tildes": "~",
    "quote nesting": "> ", "lines of <a": "<a \n", "lines of ---": "---\n", "list nesting": "- ",
    "attribute lists": "{ .x ", "headings": "# {", "footnote refs": "[^", "snippet markers": "--8<-- ",
}
MARKDOWN_CHECKS = {
    "security.scan": lambda text: list(security.scan(text, "docs/p.md")),
    "parse.parse_page": lambda text: parse.parse_page(text, "docs/p.md", "p.md"),
    "fences.find_fences": lambda text: fences.find_fences(parse.split_lines(text)),
    "links.anchors": lambda text: links.anchors(parse.parse_page(text, "docs/p.md", "p.md")),
    "links.check_links": lambda text: links.check_links([parse.parse_page(text, "docs/p.md", "p.md")], Path("docs")),
    "fidelity.article_text": fidelity.article_text,
    "frontmatter.problems": lambda text: frontmatter.problems("---\ndescription: " + text + "\n---\n", "docs/p.md"),
    "limits.check": lambda text: limits.check(text, "docs/p.md"),
    "sources.snippet_names": sources.snippet_names,
}
# What the rendered checks read is Markdown's output: markup, and text with '<' and '&' escaped.
HTML_SHAPES = {"escaped <a": "&lt;a ", "paragraphs": "<p>x</p>", "links": '<a href="#x">x</a>', "ampersands": "&",
               "backticks": "`", "braces": "{", "quotes": '"', "nested divs": "<div>"}
HTML_CHECKS = {
    "rendered.check_content": lambda html: rendered.check_content(html, "docs/p.md", [("docs/p.md", "")]),
    "rendered.check_page": lambda html: rendered.check_page(html, "docs/p.md"),
    "search.page_entries": lambda html: search.page_entries("p/", "T", html),
}


def cpu_seconds(check, text: str) -> float:
    started = time.process_time()
    check(text)
    return time.process_time() - started


def repeated(unit: str, size: int) -> str:
    return unit * (size // len(unit))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("check", MARKDOWN_CHECKS)
def test_each_check_reads_64_kb_of_each_shape_in_well_under_a_second(check, shape):
    assert cpu_seconds(MARKDOWN_CHECKS[check], repeated(SHAPES[shape], 64 * 1024)) < 1.0


@pytest.mark.parametrize("shape", HTML_SHAPES)
@pytest.mark.parametrize("check", HTML_CHECKS)
def test_each_rendered_check_reads_64_kb_of_each_shape_in_well_under_a_second(check, shape):
    assert cpu_seconds(HTML_CHECKS[check], repeated(HTML_SHAPES[shape], 64 * 1024)) < 1.0


@pytest.mark.slow
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("check", MARKDOWN_CHECKS)
def test_each_check_reads_1_mb_of_each_shape_in_a_few_seconds(check, shape):
    assert cpu_seconds(MARKDOWN_CHECKS[check], repeated(SHAPES[shape], 1024 * 1024)) < 5.0


@pytest.mark.slow
@pytest.mark.parametrize("shape", HTML_SHAPES)
@pytest.mark.parametrize("check", HTML_CHECKS)
def test_each_rendered_check_reads_1_mb_of_each_shape_in_a_few_seconds(check, shape):
    assert cpu_seconds(HTML_CHECKS[check], repeated(HTML_SHAPES[shape], 1024 * 1024)) < 5.0


# Python-Markdown's own quadratic shapes: refused, with the place, before rendering.

def test_a_paragraph_of_too_many_brackets_is_refused_at_the_line_passing_the_limit():
    text = "# T\n\n" + "[\n" * (limits.MAX_BRACKETS + 5)
    assert [str(p) for p in limits.check(text, "docs/p.md")] == [
        f"docs/p.md:{limits.MAX_BRACKETS + 3}: more than {limits.MAX_BRACKETS} '[' in one paragraph: "
        "Python-Markdown's time grows with the square of their number; split the paragraph or write \\["]


def test_brackets_spread_over_paragraphs_are_allowed():
    assert limits.check("[a]\n\n" * (limits.MAX_BRACKETS * 3), "docs/p.md") == []


def test_a_file_of_too_many_angle_brackets_is_refused_even_one_per_paragraph():
    text = "<a \n\n" * (limits.MAX_ANGLES + 1)
    assert [str(p) for p in limits.check(text, "docs/p.md")] == [
        f"docs/p.md:{2 * limits.MAX_ANGLES + 1}: more than {limits.MAX_ANGLES} '<' in one file: Python-Markdown's "
        "time grows with the square of their number; write &lt; or use fewer"]


def test_a_file_too_large_is_refused_unread():
    assert [str(p) for p in limits.check("x" * (limits.MAX_BYTES + 1), "docs/p.md")] == [
        f"docs/p.md: the file is {limits.MAX_BYTES + 1:,} bytes; at most {limits.MAX_BYTES:,} are built (split the page)"]


def _render(text: str) -> float:
    import markdown
    from guide.markdown_ext import GuideExtension
    extensions = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
                  "pymdownx.caret", "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist", GuideExtension()]
    return cpu_seconds(lambda t: markdown.markdown(t, extensions=extensions), text)


@pytest.mark.parametrize("unit, count", [("[ x\n", limits.MAX_BRACKETS), ("![ x\n", limits.MAX_BRACKETS),
                                         ("<a x\n", limits.MAX_ANGLES), ("<img \n\n", limits.MAX_ANGLES)])
def test_what_the_limits_allow_renders_quickly(unit, count):
    assert _render(unit * count) < 0.5
