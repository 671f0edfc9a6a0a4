"""Where fenced code is: the one fence tracker (guide.fences) that the checklist parser and
the safety scan share, checked against the site's real renderer, rule by rule and on
random texts. Each marker word ``zqNx`` stands on line N; the renderer says whether it
ended up in code."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide.fences import Fence, code_lines, find_fences
from render import renderer

MARKER = re.compile(r"zq(\d+)x")


class _CodeFinder(HTMLParser):
    """Markers in the rendered HTML: those in a highlighted (fenced) block, and those in any <pre>."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.fenced: set[int] = set()
        self.pre: set[int] = set()
        self.seen: set[int] = set()

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "hr", "img", "input", "meta", "link"):
            self.stack.append((tag, "highlight" in (dict(attrs).get("class") or "").split()))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        numbers = {int(n) for n in MARKER.findall(data)}
        self.seen |= numbers
        if any(tag == "pre" for tag, _ in self.stack):
            self.pre |= numbers
            if any(highlight for _, highlight in self.stack):
                self.fenced |= numbers


def rendered_code(text: str) -> _CodeFinder:
    finder = _CodeFinder()
    finder.feed(renderer(guide=False).convert(text))
    return finder


def marked(lines: list[str]) -> list[str]:
    """Put the marker zqNx (N = line index) wherever a line says {n}."""
    return [line.replace("{n}", f"zq{index}x") for index, line in enumerate(lines)]


def assert_agrees_with_renderer(lines: list[str]) -> None:
    """The tracker never calls Markdown code; and, unless it refuses a fence, it finds all the code."""
    lines = marked(lines)
    fences = find_fences(lines)
    code = code_lines(fences)
    refused = any(not fence.is_code for fence in fences)
    found = rendered_code("\n".join(lines))
    marked_lines = {n for n, line in enumerate(lines) if f"zq{n}x" in line}
    for n in marked_lines & found.seen:
        # What the tracker calls code, the renderer shows as code (or the scan would skip live Markdown) …
        if n in code:
            assert n in found.pre, f"line {n} is code to the tracker, Markdown to the renderer:\n" + "\n".join(lines)
        # … and every line of a fenced block is code to the tracker (or the parser would read code as items).
        if n in found.fenced and not refused:
            assert n in code, f"line {n} is fenced code to the renderer, not to the tracker:\n" + "\n".join(lines)


# ---- The rules, one by one; each example is also rendered ----

CASES = {
    "a plain fence": (["```", "{n}", "```"], [Fence(0, "```", 2)]),
    "a language and options": (['``` python title="x" linenums="1"', "{n}", "```"], [Fence(0, "```", 2)]),
    "attributes": (['```{ .python #id data-x="1" }', "{n}", "```"], [Fence(0, "```", 2)]),
    "tildes": (["~~~", "{n}", "~~~"], [Fence(0, "~~~", 2)]),
    "three backticks are not closed by four": (
        ["```", "{n}", "````", "{n}", "```", "{n}"], [Fence(0, "```", 4)]),
    "~~~ is not closed by ~~~~": (["~~~", "{n}", "~~~~", "", "<b>{n}</b>"], [Fence(0, "~~~", None)]),
    "four backticks are not closed by three": (["````", "{n}", "```", "{n}"], [Fence(0, "````", None)]),
    "backticks are not closed by tildes": (["```", "{n}", "~~~", "{n}"], [Fence(0, "```", None)]),
    "a closing fence with text after it closes nothing": (["```", "{n}", "``` x", "{n}"], [Fence(0, "```", None)]),
    "an unknown option makes no fence": (["``` python foo", "{n}", "```", "{n}"], [Fence(2, "```", None)]),
    "text after the language makes no fence": (["``` py x-y", "{n}", "```", "{n}"], [Fence(2, "```", None)]),
    "a malformed option value makes no fence": (['``` py hl_lines="a"', "{n}", "```"], [Fence(2, "```", None)]),
    "in a list item": (["- {n}", "", "    ```", "    {n}", "", "    {n}", "    ```", "", "{n}"],
                       [Fence(2, "```", 6)]),
    "in an admonition": (['!!! note "{n}"', "    ```", "    {n}", "    ```"], [Fence(1, "```", 3)]),
    "in a checklist": (['!!! checklist "t"', "    - [ ] SC-01 {n}", "", "    ```", "    - [ ] SC-02 {n}", "    ```"],
                       [Fence(3, "```", 5)]),
    "a less indented line abandons it": (["- {n}", "", "    ```", "    {n}", "{n}", "    ```", "{n}"],
                                         [Fence(2, "```", None, 4), Fence(5, "```", None, 6)]),
    "the closing fence must be indented like the opening one": (
        ["    ```", "    {n}", "      ```", "    {n}", "    ```"], [Fence(0, "```", 4)]),
    "in a quote": (["> ```", "> {n}", "> ```", "{n}"], [Fence(0, "```", 2)]),
    "a quote marker within its indentation abandons a fence": (["  ```", "  {n}", "> {n}", "  ```", "{n}"],
                                                 [Fence(0, "```", None, 2), Fence(3, "```", None, 4)]),
    "a deeper quote abandons a quoted fence": (["  > ```", "> > {n}", "  > ```", "{n}"],
                                               [Fence(0, "```", None, 1), Fence(2, "```", None, 3)]),
    "a fence right after an indented line is refused": (["    {n}", "```", "{n}", "```"],
                                                        [Fence(1, "```", 3, reverted=True)]),
    "a blank line before it is enough": (["    {n}", "", "```", "{n}", "```"], [Fence(2, "```", 4)]),
    "so is one at the very start that holds spaces": (["    ", "```", "{n}", "```"],
                                                      [Fence(1, "```", 3, reverted=True)]),
    "an earlier fence counts as one line": (["```", "    {n}", "```", "```", "{n}", "```"],
                                            [Fence(0, "```", 2), Fence(3, "```", 5)]),
    "an indented line two lines up counts too": (["    {n}", "{n}", "```", "{n}", "```"],
                                                 [Fence(2, "```", 4, reverted=True)]),
    "a line less indented by one column abandons it": (["  ```", " {n}", "  ```"],
                                                      [Fence(0, "```", None, 1), Fence(2, "```", None)]),
    "a blank line inside a quoted fence": (["> ```", "> {n}", "", "> {n}", "> ```"], [Fence(0, "```", 4)]),
    "an unquoted line in a quoted fence continues it": (["> ```", "> {n}", "  {n}", "> ```"], [Fence(0, "```", 3)]),
    "but not after a blank line": (["> ```", "> {n}", "", "  {n}", "> ```", "{n}"],
                                   [Fence(0, "```", None, 3), Fence(4, "```", None, 5)]),
    "a less quoted line first continues it too": (["> ```", "  {n}", "> ```"], [Fence(0, "```", 2)]),
    "a line of spaces is a blank line": (["    {n}", "   ", "```", "{n}", "```"], [Fence(2, "```", 4)]),
    "a line of full-width spaces is not": (["    {n}", "\u3000", "```", "{n}", "```"],
                                           [Fence(2, "```", 4, reverted=True)]),
    "a bare option without its value makes no fence": (["``` py hl_lines", "{n}", "```", "{n}"],
                                                       [Fence(2, "```", None)]),
    "a bare title is a title": (["``` py title", "{n}", "```"], [Fence(0, "```", 2)]),
    "tabs are four columns": (["\t```", "\t{n}", "    ```", "{n}"], [Fence(0, "```", 2)]),
    "never closed": (["# {n}", "```", "{n}", "", "{n}"], [Fence(1, "```", None)]),
}


@pytest.mark.parametrize("case", CASES)
def test_the_tracker_follows_the_renderers_rules(case):
    lines, fences = CASES[case]
    assert find_fences(marked(lines)) == fences
    assert_agrees_with_renderer(lines)


def test_a_text_of_blank_lines_has_no_fence():
    assert find_fences(["", "  ", ""]) == []
    assert find_fences(["", ""]) == []  # not even a space on any line


def test_what_a_never_closed_fence_hides_is_rendered_as_markdown():
    found = rendered_code("\n".join(marked(CASES["never closed"][0])))
    assert {2, 4} <= found.seen and not found.pre


# ---- And on random texts ----

PREFIXES = ["", "  ", "    ", "\t", "> ", "  > ", "- "]
FENCES = ["```", "````", "~~~", "~~~~"]
HEADERS = ["", "python", ' py title="a b"', "{ .py }", " py foo", ' py hl_lines="a"', " a-b"]
TEXTS = ["{n}", "- [ ] SC-01 {n}", '!!! note "{n}"', ""]


@st.composite
def block(draw) -> list[str]:
    """A fence, what it holds, and an attempt at closing it that is often, not always, right."""
    prefix, fence = draw(st.sampled_from(PREFIXES)), draw(st.sampled_from(FENCES))
    header = draw(st.sampled_from(HEADERS[:1] * 3 + HEADERS))
    body = [(draw(st.sampled_from([prefix] * 3 + PREFIXES)) + text) for text in
            draw(st.lists(st.sampled_from(TEXTS), max_size=3))]
    closing = (draw(st.sampled_from([prefix] * 3 + PREFIXES)) + draw(st.sampled_from([fence] * 3 + FENCES))
               + draw(st.sampled_from(["", "", " ", " x"])))
    return [prefix + fence + header, *body] + draw(st.sampled_from([[closing]] * 4 + [[]]))


text_line = st.builds(lambda prefix, text: prefix + text, st.sampled_from(PREFIXES), st.sampled_from(TEXTS))
document = st.lists(st.one_of(block(), st.builds(lambda line: [line], text_line)), min_size=1, max_size=5).map(
    lambda parts: [line for part in parts for line in part])


@settings(max_examples=200, deadline=None)
@given(document)
def test_the_tracker_agrees_with_the_renderer_on_random_texts(lines):
    assert_agrees_with_renderer(lines)
