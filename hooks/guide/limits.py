"""Shapes of Markdown that Python-Markdown reads in time growing with the square of their size,
refused before the build renders them (the checks of our own are linear; these limits are for the
renderer, which we do not change).

Measured with the site's extensions (issue #19): one paragraph with 4,000 ``[`` takes 9 s to render
(20,000: over a minute), and a file with 4,000 ``<a`` or ``<img`` (even one per paragraph) 2.5 s, each
doubling costing four times as much. The real pages use at most 20 ``[`` in a paragraph and 2 ``<``
in a file, so the limits below are far above any page and far below a slow build.
"""

from __future__ import annotations

import re

from .model import Problem

MAX_BYTES = 256 * 1024  # the largest page is under 16 KB
MAX_BRACKETS = 300  # '[' in one paragraph (Markdown's link and footnote processors rescan them)
MAX_ANGLES = 300  # '<' in one file (the raw-HTML parser rescans from each one it cannot close)
BLANK = re.compile(r"\n[ \t]*\n")


def check(text: str, path: str) -> list[Problem]:
    """The first place where ``text`` (one Markdown file) passes a limit, with what to do."""
    problems = []
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        return [Problem(path, 0, f"the file is {size:,} bytes; at most {MAX_BYTES:,} are built (split the page)")]
    angles = _nth(text, "<", MAX_ANGLES + 1)
    if angles >= 0:
        problems.append(Problem(path, text.count("\n", 0, angles) + 1,
                                f"more than {MAX_ANGLES} '<' in one file: Python-Markdown's time grows with the "
                                "square of their number; write &lt; or use fewer"))
    start = 0
    for blank in [*BLANK.finditer(text), None]:
        end = blank.start() if blank else len(text)
        brackets = _nth(text, "[", MAX_BRACKETS + 1, start, end)
        if brackets >= 0:
            problems.append(Problem(path, text.count("\n", 0, brackets) + 1,
                                    f"more than {MAX_BRACKETS} '[' in one paragraph: Python-Markdown's time grows "
                                    "with the square of their number; split the paragraph or write \\["))
            break
        start = blank.end() if blank else end
    return problems


def _nth(text: str, char: str, n: int, start: int = 0, end: int | None = None) -> int:
    """The index of the n-th ``char`` in text[start:end], or -1."""
    end = len(text) if end is None else end
    if text.count(char, start, end) < n:
        return -1
    index = start - 1
    for _ in range(n):
        index = text.find(char, index + 1, end)
    return index
