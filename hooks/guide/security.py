"""Content security for contributed Markdown.

Python-Markdown passes raw HTML through and attr_list writes any attribute, so a
pull request could add a script, an event handler or a tracker. These rules read
the Markdown source (fenced code and inline code excepted) and report each such
thing as ``path:line: message``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .model import Problem
from .parse import FENCE, indent_of, split_lines
from .sources import read_text, shown_path
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
    fence: str | None = None
    for number, line in enumerate(split_lines(text), start=1):
        content = line[indent_of(line):]
        if fence is not None:
            if content.startswith(fence) and not content[len(fence):].strip():
                fence = None
            continue
        match = FENCE.match(content)
        if match:
            fence = match.group("fence")
            continue
        code_free = INLINE_CODE.sub("``", line)
        yield from _scan_line(code_free, path, number)


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


def check_content(docs_dir: Path, root: Path) -> list[Problem]:
    """Every Markdown file under docs/, snippets included (they end up in pages)."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        problems.extend(scan(read_text(path), shown_path(path, root)))
    return sorted(set(problems))
