"""Links between pages, checked in the source with a line number (the build checks them too,
but names no line, and the pre-commit hook does not build).

A link to ``x.md#anchor`` from an English page lands on the English twin (the i18n plugin
rewrites it), so its anchor is looked up among the twin's headings and items.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from pathlib import Path

from .model import LANGUAGES, Page, Problem, anchor, language_of
from .fences import code_lines, find_fences, without_code_spans

# Each expression here reads a long run of the same character once: a character class stops at the
# next opener, a link's text is matched by counting brackets (links_in), code spans are found by run.
BRACKET = re.compile(r"[\[\]]")
LINK_TARGET = re.compile(r"\((?P<target><[^<>\n]*>|[^()<>\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.+)$")
HEADING_ATTRS = re.compile(r"\{(?P<attrs>[^{}]*)\}[ \t]*$")
EXPLICIT_ID = re.compile(r"""(?:\{[^{}]*#(?P<attr>[\w-]+)[^{}]*\}|\bid=["'](?P<html>[^"']+)["'])""")
INLINE = ((re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)"), r"\1"), (re.compile(r"\*\*|__|\*|`|\^\^|=="), ""),
          (re.compile(r"<[^<>]*>"), ""))


def heading_text(line: str) -> str | None:
    """An ATX heading's text, without closing #s and a trailing { attribute list }."""
    heading = HEADING.match(line)
    if not heading:
        return None
    text = heading.group("text")
    attrs = HEADING_ATTRS.search(text)
    text = (text[:attrs.start()] if attrs else text).rstrip(" \t#")
    return text or None


def links_in(line: str):
    """Each inline link's target match: ``[text](target)`` (not an image), the text's brackets balanced."""
    opened: list[int] = []
    for bracket in BRACKET.finditer(line):
        if bracket.group() == "[":
            opened.append(bracket.start())
        elif opened:
            start = opened.pop()
            if not opened and not (start and line[start - 1] == "!"):
                target = LINK_TARGET.match(line, bracket.end())
                if target:
                    yield target


def slug(text: str) -> str:
    """A heading's anchor as the site makes it (toc with pymdownx.slugs.slugify(case="lower"))."""
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    text = unicodedata.normalize("NFC", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _lines(page: Page):
    """(line, text) of the page outside fenced code."""
    code = code_lines(find_fences([line for _, line in page.body]))
    for index, (number, line) in enumerate(page.body):
        if index not in code:
            yield number, line


def _without_code(line: str) -> str:
    """Inline code is no link and no id: each span becomes a space (so "[a]`b`(c)" does not join into a link)."""
    return without_code_spans(line, " ")


def anchors(page: Page) -> set[str]:
    found = {anchor(item.id) for item in page.items}
    seen: dict[str, int] = {}
    for _, line in _lines(page):
        text = heading_text(line)  # with its code: the site's anchor keeps the code's words
        if text:
            name = slug(text)
            if seen.get(name):  # toc makes repeated headings unique: x, x_1, x_2
                found.add(f"{name}_{seen[name]}")
            seen[name] = seen.get(name, 0) + 1
            found.add(name)
        found |= {m.group("attr") or m.group("html") for m in EXPLICIT_ID.finditer(_without_code(line))}
    return found


def check_links(pages: list[Page], docs_dir: Path) -> list[Problem]:
    """Every relative link to a file that is not there, or to an anchor its page does not have."""
    by_place = {(page.key, page.lang): page for page in pages}
    problems = []
    for page in pages:
        here = posixpath.dirname(page.src_uri)
        for number, line in _lines(page):
            for match in links_in(_without_code(line)):
                target = match.group("target").strip("<>")
                if re.match(r"^[a-zA-Z][\w+.-]*:|^//|^/", target):
                    continue  # another site, an e-mail address, or a site-absolute path (the build warns)
                path, _, fragment = target.partition("#")
                if path:
                    resolved = posixpath.normpath(posixpath.join(here, path))
                    if resolved.startswith("../") or not (docs_dir / resolved).exists():
                        problems.append(Problem(page.path, number, f"broken link: {target} is not a file in "
                                                f"{docs_dir.name}/ (from {page.src_uri})"))
                        continue
                    if not resolved.endswith(".md"):
                        continue
                    key = language_of(resolved)[1]
                else:
                    key = page.key
                target_page = by_place.get((key, page.lang)) or by_place.get((key, LANGUAGES[0]))
                if target_page is None or target_page.meta.get("worksheet"):
                    continue  # the worksheet's headings are written by the build
                if fragment and fragment not in anchors(target_page):
                    problems.append(Problem(page.path, number, f"broken link: {target_page.path} has no heading or "
                                            f"item with the anchor #{fragment} ({target})"))
    return problems
