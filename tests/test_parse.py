"""How guide.parse reads a page: where the front matter ends, what a bad front matter is
reported as, an item's ID and text, and what a line inside a checklist that is not an item
counts as. Expected values are written out here, never computed with the code under test."""

from __future__ import annotations

import pytest

from guide.parse import body_start, parse_page, split_lines


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


def test_a_no_break_space_before_the_id_is_no_separator_so_the_id_is_malformed():
    """Pasted from a web page; the renderer shows no checkbox for it, so the validator must not take it for an ID."""
    page = parse_page('!!! checklist "清单"\n    - [ ] \u00a0SC-01 一步。\n', "docs/x.md", "x.md")
    assert [item.id for item in page.items] == ["\u00a0SC-01"]


@pytest.mark.parametrize("front_matter, line", [
    ("description: x\nstage: self-check", 3),
    ("  description: x\n  stage: self-check", 3),                 # indented front matter
    ("other:\n  stage: nested\nstage: self-check", 4),           # the top-level key, not a nested one
    ("{description: x, stage: self-check}", 2),                    # a flow mapping: its first line
    ("description: x", 0),                                          # no stage
])
def test_the_stage_line_is_where_the_top_level_stage_key_is(front_matter, line):
    assert parse_page(f"---\n{front_matter}\n---\n# 标题\n", "docs/x.md", "x.md").stage_line == line


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
    assert (page.footnotes["1"].line, page.footnotes["1"].text) == (3, "第一行 第二行 第二段。")


def test_a_footnote_definition_starts_at_the_margin():
    page = parse_page("# 标题\n\n正文。\n\n    [^1]: 缩进的不是定义\n", "docs/x.md", "x.md")
    assert page.footnotes == {}


def test_a_front_matter_closed_by_three_dots_is_read():
    assert parse_page("---\nstage: self-check\n...\n\n# 标题\n", "docs/x.md", "x.md").stage == "self-check"


def test_an_editors_note_body_keeps_its_inner_indent_and_loses_trailing_spaces():
    page = parse_page('# 标题\n\n!!! note "编者注"\n    第一条。   \n        缩进的一行。\n', "docs/x.md", "x.md")
    assert page.admonitions[0].body[:2] == ["第一条。", "    缩进的一行。"]


@pytest.mark.parametrize("text, lines", [
    ("\ufeffX 开头\r\n", ["X 开头", ""]),                    # only the byte order mark goes, not what follows it
    ("\t- [ ] SC-01\t一步", ["    - [ ] SC-01\t一步"]),     # a tab indents like 4 spaces; one in the text stays
    ("\t\tX\t甲", ["        X\t甲"]),                        # indentation ends at the first other character
    ("\u3000\u3000\t乙", ["\u3000\u3000\t乙"]),            # a full-width space opens a Chinese paragraph: text
])
def test_lines_are_split_and_only_their_indentation_tabs_expanded(text, lines):
    assert split_lines(text) == lines


def test_a_front_matter_is_not_body_and_a_page_without_a_stage_has_no_stage_line():
    page = parse_page("---\ndescription: x\n---\n# 标题\n", "docs/x.md", "x.md")
    assert (page.body[0], page.stage, page.stage_line) == ((4, "# 标题"), None, 0)


def test_a_front_matter_never_closed_is_body_from_the_first_line():
    page = parse_page("---\ndescription: x\n# 标题\n", "docs/x.md", "x.md")
    assert (page.body[0], page.meta, page.title) == ((1, "---"), {}, "标题")


def test_the_title_is_the_first_heading_at_the_margin():
    page = parse_page("正文。\n\n    # 缩进的是代码\n\n# 标题\n\n# 第二个\n", "docs/x.md", "x.md")
    assert (page.title, page.title_line) == ("标题", 5)


FENCED = """---
description: x
---
# 标题

!!! checklist "清单"
    - [ ] SC-01 一步。

```text
    - [ ] SC-02 代码里的一行。
```
    - [ ] SC-03 栅栏之后。
"""


def test_a_code_fence_at_the_margin_ends_the_checklist_and_its_lines_count_for_nothing():
    page = parse_page(FENCED, "docs/x.md", "x.md")
    assert [(item.line, item.id) for item in page.items] == [(7, "SC-01")]
    assert page.checklists[0].strays == []
    assert [(stray.line, stray.source) for stray in page.stray_tasks] == [(12, "- [ ] SC-03 栅栏之后。")]


KINDS = """!!! checklist "清单"
    - [ ] SC-01 第一步。
    - 普通的列表项
        - 嵌套的列表项
    1. 编号的列表项
    - [ ] SC-02 第二步。

        缩进更深的一段。
"""


def test_what_each_line_inside_a_checklist_counts_as():
    strays = parse_page(KINDS, "docs/x.md", "x.md").checklists[0].strays
    assert [(stray.line, stray.kind) for stray in strays] == [
        (3, "list"), (4, "nested list"), (5, "list"), (8, "continuation")]


def test_an_item_indented_less_than_the_body_is_kept_as_an_item_and_its_indent_named():
    page = parse_page('!!! checklist "清单"\n  - [ ] SC-01 缩进两格。\n    - [ ] SC-02 四格。\n', "docs/x.md", "x.md")
    assert [(item.line, item.source, item.id) for item in page.items] == [
        (2, "- [ ] SC-01 缩进两格。", "SC-01"), (3, "- [ ] SC-02 四格。", "SC-02")]
    assert [(stray.line, stray.kind) for stray in page.checklists[0].strays] == [(2, "indent")]


def test_a_notes_body_has_one_empty_line_per_paragraph_break_and_ends_at_its_last_text():
    page = parse_page('# 标题\n\n!!! note "编者注"\n\n    第一段。\n\n\n    第二段。\n\n正文。\n', "docs/x.md", "x.md")
    note = page.admonitions[0]
    assert (note.body, note.end) == (["第一段。", "", "第二段。", ""], 8)


def test_the_editors_mark_is_read_off_the_item_and_is_not_part_of_its_text():
    page = parse_page('!!! checklist "清单"\n    - [ ] SC-07 编者补的一步。 { .editors }\n    - [ ] SC-08 原文的一步。\n',
                      "docs/x.md", "x.md")
    assert [(item.text, item.editors) for item in page.items] == [("编者补的一步。", True), ("原文的一步。", False)]


def test_a_page_that_opens_with_an_indented_line_is_read():
    page = parse_page("    缩进的第一行\n\n# 标题\n", "docs/x.md", "x.md")
    assert (page.title, page.footnotes) == ("标题", {})
