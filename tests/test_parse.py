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


def test_a_byte_order_mark_and_old_mac_line_ends_are_read_like_any_page():
    page = parse_page('\ufeff# 标题\r\r!!! checklist "清单"\r    - [ ] SC-01 一步。\r', "docs/x.md", "x.md")
    assert (page.title, [(item.line, item.id, item.text) for item in page.items]) == ("标题", [(4, "SC-01", "一步。")])


def test_a_footnote_continues_on_its_indented_lines_blank_ones_between_until_an_unindented_one():
    page = parse_page("# 标题\n\n[^1]: 第一行\n    第二行\n\n    第二段。\n\n不是它的。\n", "docs/x.md", "x.md")
    assert page.footnotes["1"].text == "第一行 第二行 第二段。"


def test_a_front_matter_closed_by_three_dots_is_read():
    assert parse_page("---\nstage: self-check\n...\n\n# 标题\n", "docs/x.md", "x.md").stage == "self-check"


def test_an_editors_note_body_keeps_its_inner_indent_and_loses_trailing_spaces():
    page = parse_page('# 标题\n\n!!! note "编者注"\n    第一条。   \n        缩进的一行。\n', "docs/x.md", "x.md")
    assert page.admonitions[0].body[:2] == ["第一条。", "    缩进的一行。"]
