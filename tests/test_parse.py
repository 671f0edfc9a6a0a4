"""How guide.parse reads a page: where the front matter ends, what a bad front matter is
reported as, an item's ID and text, and what a line inside a checklist that is not an item
counts as. Expected values are written out here, never computed with the code under test."""

from __future__ import annotations

import pytest

from guide.parse import body_start, parse_page


@pytest.mark.parametrize("lines, start", [
    ([], 0),
    (["# 标题"], 0),                              # no front matter
    (["---", "stage: x", "---", "# 标题"], 3),
    (["---", "stage: x", "...", "# 标题"], 3),    # YAML's document end closes it too
    (["---", "---", "# 标题"], 2),                 # an empty front matter
    (["---", "stage: x", "# 标题"], 0),           # never closed: MkDocs reads it all as body
])
def test_where_the_body_starts(lines, start):
    assert body_start(lines) == start


def test_a_front_matter_yaml_error_is_reported_at_its_line_with_yamls_words():
    page = parse_page("---\ndescription: x\nstage: a: b\n---\n\n# 标题\n", "docs/x.md", "x.md")
    assert page.front_matter_error == (3, "mapping values are not allowed here")


@pytest.mark.parametrize("front_matter, error", [
    ("stage: a\x07", (2, "invalid YAML")),  # a character YAML refuses: no line or words of its own
    ("- a\n- b", (2, "front matter must be 'key: value' lines")),
])
def test_a_front_matter_that_is_not_key_value_lines_is_reported_at_its_first_line(front_matter, error):
    assert parse_page(f"---\n{front_matter}\n---\n\n# 标题\n", "docs/x.md", "x.md").front_matter_error == error


def test_an_items_id_and_text_lose_surrounding_spaces_ideographic_ones_too():
    page = parse_page('!!! checklist "清单"\n    - [ ] SC-01\u3000填写表格 X\u3000\n', "docs/x.md", "x.md")
    assert [(item.id, item.text) for item in page.items] == [("SC-01", "填写表格 X")]


CHECKLIST = """# 标题

!!! checklist "清单"
    - [ ] SC-01 第一步。
    接着写，紧跟上一行。

    另起一段。
"""


def test_a_line_right_after_an_item_continues_it_and_one_after_a_blank_is_prose():
    strays = parse_page(CHECKLIST, "docs/x.md", "x.md").checklists[0].strays
    assert [(stray.line, stray.kind) for stray in strays] == [(5, "continuation"), (7, "prose")]
