"""Where a page's fenced code is, found by the renderer's own rules.

The checklist parser and the Markdown-level safety scan both skip fenced code, so
they must agree with pymdownx.superfences (the renderer; pinned in pyproject.toml)
about where it is, or a line they skip is rendered as ordinary Markdown. Its rules,
which differ from CommonMark's:

- An opening fence is three or more backticks or tildes after any mix of spaces,
  tabs and ``>``, optionally followed by a language, ``{ attributes }`` or known
  options; any other text after it and it is no fence (the line stays Markdown).
- Only the very same fence closes it (three backticks are not closed by four, nor
  ``~~~`` by ``~~~~``), on a line of its own, indented exactly like the opening one.
- A non-blank line indented less than the opening fence (or, outside a quote, a
  quoted line) abandons the fence; so does the end of the text. An abandoned fence
  is no code at all: every line after it is rendered as Markdown.
- A fence directly after an indented code block (no blank line between) is put back
  as text after that code block: Markdown again, not code. Since what counts as an
  indented code block depends on every block rule of Markdown, a fence directly after
  any line four or more columns in counts as such ("reverted"): the scan and the
  parser read it as Markdown, and the safety scan refuses it (a blank line fixes it).

``tests/test_fences.py`` checks these rules against the real renderer.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass

from .model import Rule

# pymdownx.superfences' RE_NESTED_FENCE_START, matched after the line's prefix.
OPENING = re.compile(
    r"""(?x)
    (?P<fence>~{3,}|`{3,})
    (?:[ \t]*\.?(?P<lang>[\w\#.+-]+)(?=[\t ]|$))?
    (?:
        [ \t]*(\{(?P<attrs>[^\n]*)\}) |
        (?P<options>(?:(?:[ \t]*[a-zA-Z][a-zA-Z0-9_]*(?:=(?P<quot>"|').*?(?P=quot))?)(?=[\t ]|$))+) |
        (?P<unrecognized>(?:([ \t]*[^\s]+)(?=[\t ]|$))+)
    )?[ \t]*$
    """
)
OPTION = re.compile(r"""(?P<key>[a-zA-Z][a-zA-Z0-9_]*)(?:=(?P<quot>"|')(?P<value>.*?)(?P=quot))?""")
# The options the highlighter takes (with Pygments, as this site renders); any other
# option, or a malformed value, makes the line no fence at all.
OPTION_VALUES = {
    "hl_lines": re.compile(r"^\d+(?:-\d+)?(?:[ \t]+\d+(?:-\d+)?)*$"),
    "linenums": re.compile(r"\d+"),
    "title": None,
    "title_mode": None,
}
PREFIX = " \t>"  # what may stand before a fence: indentation and quote markers
TAB = 4  # Python-Markdown's tab_length


@dataclass(frozen=True)
class Fence:
    """A fence the text opens; lines are 0-based indexes into the text's lines."""

    opening: int
    marker: str  # the exact fence, e.g. "```" or "~~~~"
    closing: int | None  # the line that closes it; None when the renderer abandons it
    abandoned_at: int | None = None  # the line that made the renderer give up; None: the end of the text
    reverted: bool = False  # closed, but directly after an indented line: maybe rendered as Markdown

    @property
    def is_code(self) -> bool:
        return self.closing is not None and not self.reverted


def as_rendered(lines: list[str]) -> list[str]:
    """Lines as the renderer sees them: Python-Markdown expands tabs and empties every
    blank line but a first one (MkDocs drops empty lines before it, but not spaces)."""
    lines = [line.expandtabs(TAB) for line in lines]
    first = next((index for index, line in enumerate(lines) if line), len(lines))
    return [line if index <= first or line.replace(" ", "") else "" for index, line in enumerate(lines)]


def find_fences(lines: list[str]) -> list[Fence]:
    """Every fence the renderer opens, in order. Only the closed ones are code."""
    lines = as_rendered(lines)
    fences = []
    index = 0
    while index < len(lines):
        prefix_length = len(lines[index]) - len(lines[index].lstrip(PREFIX))
        opening = OPENING.match(lines[index], prefix_length)
        if not _is_opening(opening):
            index += 1
            continue
        fence = _follow(lines, index, opening.group("fence"), lines[index][:prefix_length])
        if fence.closing is not None and _follows_indented_lines(lines, index, fences):
            fence = dataclasses.replace(fence, reverted=True)
        fences.append(fence)
        # The renderer reads on after the line that closed (or abandoned) the fence.
        ended = fence.closing if fence.closing is not None else fence.abandoned_at
        index = len(lines) if ended is None else ended + 1
    return fences


def code_lines(fences: list[Fence]) -> set[int]:
    """The lines the renderer shows as code: each closed fence, its opening and closing lines included."""
    return {index for fence in fences if fence.is_code for index in range(fence.opening, fence.closing + 1)}


def _follows_indented_lines(lines: list[str], opening: int, fences: list[Fence]) -> bool:
    """True when the run of lines the fence continues (no blank line between) has a line
    four or more columns in (counting spaces and quote markers).

    The renderer replaces each fence by one line. An indented code block that starts on
    such a line takes that line in and puts the fence's text back; the part after the
    code is then rendered as Markdown. Where an indented code block starts depends on
    every block rule of Markdown (and on lists and admonitions around it), so every
    fence that could be caught that way counts as reverted, and is refused."""
    ends = {fence.closing: fence.opening for fence in fences if fence.closing is not None}
    index = opening - 1
    while index >= 0 and lines[index]:
        index = ends.get(index, index)  # an earlier fence counts as its opening line
        line = lines[index]
        if len(line) - len(line.lstrip(PREFIX)) >= TAB:
            return True
        index -= 1
    return False


def _is_opening(match: re.Match[str] | None) -> bool:
    """A fence with nothing after it, a language, ``{ attributes }`` or options the highlighter knows."""
    if match is None or match.group("unrecognized"):
        return False
    for option in OPTION.finditer(match.group("options") or ""):
        key = option.group("key")
        value = option.group("value") if option.group("value") is not None else key
        if key not in OPTION_VALUES or (OPTION_VALUES[key] and not OPTION_VALUES[key].match(value)):
            return False
    return True


def _follow(lines: list[str], opening: int, marker: str, prefix: str) -> Fence:
    """Read on from an opening fence until it closes or the renderer abandons it."""
    closing = re.compile(re.escape(marker) + r"[ \t]*$")
    quotes = prefix.count(">")
    after_blank = False  # in a quote, a blank line and then a less quoted line ends the fence
    for index in range(opening + 1, len(lines)):
        line = lines[index]
        taken = 0  # the line's own prefix, read only as far as the opening fence's
        while taken < len(prefix) and taken < len(line) and line[taken] in PREFIX:
            taken += 1
        head, content = line[:taken], line[taken:]
        level = head.count(">")
        if not quotes:
            if level:
                return Fence(opening, marker, None, index)
            if not (head + content).strip():
                continue
            if len(head) != len(prefix) and content:
                return Fence(opening, marker, None, index)
            if closing.match(content):
                return Fence(opening, marker, index)
        else:  # inside a block quote
            if level > quotes:
                return Fence(opening, marker, None, index)
            if content == "":
                after_blank = True
                continue
            if len(head) < len(prefix) or (after_blank and level < quotes):
                return Fence(opening, marker, None, index)
            if closing.match(content):
                return Fence(opening, marker, index)
        after_blank = False
    return Fence(opening, marker, None)


BACKTICKS = re.compile(r"`+")


def without_code_spans(line: str, replacement: str) -> str:
    """The line with each inline code span (a run of n backticks up to the next run of exactly n)
    replaced, found in one pass over the runs (a regex with a backreference rescans the line from
    every run: minutes for a line of backticks)."""
    runs = list(BACKTICKS.finditer(line))
    same_length: dict[int, list[int]] = {}  # run length -> indexes of the runs of that length, in order
    for index, run in enumerate(runs):
        same_length.setdefault(len(run.group()), []).append(index)
    parts, done, index = [], 0, 0
    while index < len(runs):
        same = same_length[len(runs[index].group())]
        position = bisect_right(same, index)
        if position == len(same):  # never closed: the backticks are text
            index += 1
            continue
        parts += [line[done:runs[index].start()], replacement]
        done = runs[same[position]].end()
        index = same[position] + 1
    return "".join(parts) + line[done:]


# What this module's rule means to a contributor, in both languages: the one home of its part of
# REFERENCE.md and REFERENCE.en.md (`make reference`; tests/test_reference.py keeps them up to date).
REFERENCE = [
    Rule(code=('find_fences',),
         title={'en': 'Code fences', 'zh': '围栏代码块'},
         text={"en": 'The validator skips fenced code (```` ``` ```` or `~~~`), so to show checklist syntax on a page, put it in a code block. Close a fence with exactly the line that opened it (the same characters, the same number of them, indented the same way: three backticks are not closed by four), and leave a blank line before a fence that follows an indented line. The renderer shows a fence it cannot close as ordinary text, so the build stops at one: `docs/x.md:7: code fence ``` is not closed before the end of the file, …`.',
               "zh": '校验程序会跳过围栏代码块（```` ``` ```` 或 `~~~`），所以在页面中展示清单写法时，放进代码块即可。关闭围栏的那一行必须和开启的那一行完全相同（同样的字符、同样的个数、同样的缩进：三个反引号不能用四个来关闭）；如果围栏紧跟在缩进的行后面，要在它前面空一行。渲染器会把无法关闭的围栏当成普通文字显示，所以构建会在这里中止：`docs/x.md:7: code fence ``` is not closed before the end of the file, …`。'}),
]
