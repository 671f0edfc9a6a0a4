"""Content security for contributed Markdown.

Python-Markdown passes raw HTML through and attr_list writes any attribute, so a
pull request could add a script, an event handler or a tracker. These rules read
the Markdown source (fenced code and inline code excepted) and report each such
thing as ``path:line: message``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Problem
from .fences import Fence, code_lines, find_fences
from .parse import body_start, split_lines
from .sources import Source
from .validate import quote

FORBIDDEN_TAG = re.compile(r"<\s*(script|iframe|object|embed|form|style|frame|frameset|base|meta|link)\b", re.I)
EVENT_IN_TAG = re.compile(r"<[a-z][^>]*?[\s\"'/](on[a-z]+)\s*=", re.I)
EVENT_IN_ATTR_LIST = re.compile(r"\{[^}]*?(?:^|[\s{])(on[a-z]+)\s*=", re.I)
UNSAFE_SCHEME = re.compile(
    r"(?:\]\(\s*<?|\]:\s*<?|\b(?:href|src|action|formaction|xlink:href|poster|data)\s*=\s*[\"']?\s*|<)"
    r"(?P<scheme>javascript|vbscript|data)\s*:", re.I)
EXTERNAL_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<url>(?:https?:)?//[^\s)>]+)", re.I)
EXTERNAL_RESOURCE = re.compile(
    r"<\s*(?P<tag>img|source|video|audio|track|input|image|svg|use)\b[^>]*?\b(?P<attr>src|srcset|poster|href|xlink:href)"
    r"\s*=\s*[\"']?\s*(?P<url>(?:https?:)?//[^\s\"'>]+)", re.I)
EXTERNAL_REFERENCE_IMAGE = re.compile(r"!\[[^\]]*\]\[(?P<ref>[^\]]*)\]")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")


def scan(text: str, path: str) -> Iterable[Problem]:
    lines = split_lines(text)
    start = body_start(lines)
    fences = find_fences(lines[start:])
    # An opening fence's { attributes } reach the page, so that line is read too.
    code = {start + index for index in code_lines(fences)} - {start + fence.opening for fence in fences}
    for fence in fences:
        if not fence.is_code:
            yield _not_code(fence, start, path)
    for number, line in enumerate(lines, start=1):
        if number - 1 not in code:
            yield from _scan_line(INLINE_CODE.sub("``", line), path, number)


def _not_code(fence: Fence, start: int, path: str) -> Problem:
    """A fence the renderer drops, or may put back as text: what follows it is Markdown."""
    if fence.reverted:
        return Problem(path, start + fence.opening + 1,
                       f"code fence {fence.marker} directly follows an indented line, so it may be rendered as "
                       "Markdown, not code: put a blank line before it")
    where = ("the end of the file" if fence.abandoned_at is None
             else f"line {start + fence.abandoned_at + 1}, which is indented less than the fence or quoted differently")
    return Problem(path, start + fence.opening + 1,
                   f"code fence {fence.marker} is not closed before {where}, so what follows is rendered as "
                   f"Markdown, not code: close it with exactly {fence.marker} (same characters, same length), "
                   "indented like the opening fence")


def _scan_line(line: str, path: str, number: int) -> Iterable[Problem]:
    for match in FORBIDDEN_TAG.finditer(line):
        yield Problem(path, number, f"raw <{match.group(1).lower()}> is not allowed in content: {quote(line.strip())}")
    for pattern in (EVENT_IN_TAG, EVENT_IN_ATTR_LIST):
        for match in pattern.finditer(line):
            yield Problem(path, number, f"inline event attribute {match.group(1)}= is not allowed: {quote(line.strip())}")
    for match in UNSAFE_SCHEME.finditer(line):
        yield Problem(path, number, f"{match.group('scheme').lower()}: URLs are not allowed in links: {quote(line.strip())}")
    for match in EXTERNAL_IMAGE.finditer(line):
        yield Problem(path, number, f"image from another origin ({match.group('url')}): put the file in docs/assets/")
    for match in EXTERNAL_RESOURCE.finditer(line):
        yield Problem(path, number,
                      f"<{match.group('tag').lower()}> loads {match.group('url')} from another origin: put the file in docs/assets/")


def check_content(sources: Iterable[Source]) -> list[Problem]:
    """Every Markdown file under docs/, snippets included (they end up in pages)."""
    problems = []
    for source in sources:
        problems.extend(scan(source.text, source.path))
    return sorted(set(problems))
