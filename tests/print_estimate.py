"""A fast estimate of how many pages the printed worksheet takes, from its rows and lines, so that
`make quick` reports a content change (a long note, say) that may push the printout past its limit
before CI prints it in Chromium (tests/test_print.py). tests/test_print.py also checks this estimate
against the real PDF, so it cannot drift from what Chromium prints."""

from __future__ import annotations

import math
import re
import unicodedata
from html import unescape
from pathlib import Path

from guide.export import plain, worksheet_markdown
from guide.sources import load_cautions

ROOT = Path(__file__).resolve().parent.parent

LIMIT = 5  # pages, on A4 and on US Letter (tests/test_print.py)
# Width units of one printed line: of the step column for the step, of the notes under it for
# a note (a Chinese character counts two, a Latin letter one).
STEP_LINE = 46
# Lines of a page, per language and paper, measured: the worksheet printed by Chromium (pdftotext
# -bbox: pages used, the last one by the bottom of its last word) against LINES below, at commit
# ca8188f: zh A4 2.78 and Letter 2.92 pages, en A4 3.91 and Letter 4.22 pages.
LINES_PER_PAGE = {("zh", "A4"): 54.4, ("zh", "Letter"): 51.7, ("en", "A4"): 61.7, ("en", "Letter"): 57.1}
HEADING, TABLE_HEAD, INTRO = 3, 2, 8  # lines a stage heading, a table's heading row and the introduction take
CAUTIONS_BOX, CAUTION_LINE = 3, 130  # the editors' cautions: the box's title and padding; a line's width units (small type, full width)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def lines(pages, lang: str) -> int:
    """Printed lines of the worksheet: headings, table heads, and each row's step and notes wrapped."""
    cautions = load_cautions(ROOT / "docs", ROOT)[0][lang]
    markdown = worksheet_markdown(pages, lang, 0, 0, cautions)
    total = INTRO + CAUTIONS_BOX
    total += sum(max(1, math.ceil(width(plain(line)) / CAUTION_LINE)) for line in cautions.lines)
    total += HEADING * len(re.findall(r"^##? ", markdown, re.M)) + TABLE_HEAD * markdown.count("<thead>")
    for row in re.findall(r"<tr><td>.*?</td><td>(.*?)</td><td></td><td></td></tr>", markdown):
        step, *notes = re.split(r'<span class="worksheet-note">', row)
        texts = [unescape(re.sub(r"<[^>]+>", "", part)) for part in [step, *notes]]
        total += sum(max(1, math.ceil(width(text) / STEP_LINE)) for text in texts)
    return total


def estimate(pages, lang: str, paper: str) -> float:
    return lines(pages, lang) / LINES_PER_PAGE[lang, paper]
