"""The checklist contract, rule by rule: a valid page passes, each defect is reported
with its exact ``path:line: message``. Paths are relative to the folder above docs/."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import use_defect
from guide.pipeline import check
from guide.model import item_hash
from guide.parse import parse_page
from guide.record import Record
from guide.validate import duplicate_ids, parity, published_ids


def problems(docs: Path) -> list[str]:
    return [str(problem) for problem in check(docs, docs.parent)[1]]


def test_the_valid_fixture_has_no_problems(docs):
    assert problems(docs) == []


def test_fenced_code_is_not_a_checklist(docs):
    use_defect(docs, "in-code-block.md")
    assert problems(docs) == []


# Every page: front matter that parses, with a description.

def test_front_matter_that_is_not_yaml(docs):
    page = docs / "index.en.md"
    page.write_text("---\ndescription: Closed: what now\n---\n# Home\n", encoding="utf-8")
    assert problems(docs) == [
        "docs/index.en.md:2: front matter is not valid YAML (mapping values are not allowed here); "
        "quote values that contain ': ' or '#'"
    ]


def test_a_page_without_a_description(docs):
    page = docs / "index.en.md"
    page.write_text("# Home\n", encoding="utf-8")
    assert problems(docs) == ["docs/index.en.md:1: page has no 'description:' in its front matter"]


def test_a_description_the_theme_would_not_escape(docs):
    page = docs / "index.en.md"
    page.write_text("---\ndescription: 'With \"done\" columns'\n---\n# Home\n", encoding="utf-8")
    assert problems(docs) == [
        'docs/index.en.md:2: the description must not contain " < or >: use “ ” or 「 」 ("With "done" columns")'
    ]


# Rule 1: each stage has exactly one page per language, holding at least one checklist.

def test_a_stage_page_without_a_checklist(docs):
    use_defect(docs, "no-checklist.md")
    assert "docs/stages/self-check.md:3: stage page 'self-check' holds no checklist" in problems(docs)


def test_two_pages_for_one_stage(docs):
    use_defect(docs, "duplicate-stage.md", "stages/rectification.md")
    assert ("docs/stages/self-check.md:3: 'stage: self-check' is already declared by "
            "docs/stages/rectification.md") in problems(docs)


def test_a_stage_no_page_declares(docs):
    (docs / "stages/maintenance.md").unlink()
    (docs / "stages/maintenance.en.md").unlink()
    assert problems(docs) == [  # no page to point at, and no line: the folder
        "docs/: no page declares 'stage: maintenance': each stage needs one page per language"
    ]


def test_a_stage_page_that_lost_its_stage_line_is_named(docs):
    for name in ("stages/maintenance.md", "stages/maintenance.en.md"):
        page = docs / name
        page.write_text(page.read_text(encoding="utf-8").replace("stage: maintenance\n", ""), encoding="utf-8")
    assert ("docs/stages/maintenance.md:1: no page declares 'stage: maintenance': add it to the front matter "
            "of this page and of its translation") in problems(docs)


def test_an_unknown_stage(docs):
    use_defect(docs, "unknown-stage.md")
    assert ('docs/stages/self-check.md:3: unknown stage "self-checks": use one of '
            "self-check, rectification, application, maintenance") in problems(docs)


# Rule 2: a checklist has a title, at least one item, and nothing but task items.

def test_a_checklist_without_a_title(docs):
    use_defect(docs, "untitled-checklist.md")
    assert problems(docs) == [
        'docs/stages/self-check.md:8: checklist has no title: write !!! checklist "title"'
    ]


def test_a_checklist_without_items(docs):
    use_defect(docs, "empty-checklist.md")
    assert 'docs/stages/self-check.md:12: checklist "分析账户异常原因" has no items' in problems(docs)


def test_prose_in_a_checklist(docs):
    use_defect(docs, "prose-in-checklist.md")
    assert problems(docs) == [
        'docs/stages/self-check.md:9: a checklist holds only task items; move this text outside '
        'the checklist: "先看报表。"'
    ]


def test_a_nested_list(docs):
    use_defect(docs, "nested-list.md")
    assert problems(docs) == [
        'docs/stages/self-check.md:10: nested lists are not allowed in a checklist: "- 资产负债表"'
    ]


def test_a_nested_admonition(docs):
    use_defect(docs, "nested-admonition.md")
    assert problems(docs) == [
        'docs/stages/self-check.md:10: admonitions cannot be nested in a checklist: "!!! note "编者注""'
    ]


# Rule 3: a well-formed ID with the page's prefix, unique per language, followed by text.

def test_a_malformed_id(docs):
    use_defect(docs, "malformed-id.md")
    assert (
        "docs/stages/self-check.md:9: item has no well-formed ID (like SC-01) after the checkbox: "
        '"- [ ] SC-1 对企业资产负债表和损益表进行详细审查。"'
    ) in problems(docs)


def test_an_id_from_another_stage(docs):
    use_defect(docs, "wrong-prefix.md")
    assert ("docs/stages/self-check.md:9: item ID RE-01 does not match the stage 'self-check': "
            'use the prefix SC- ("- [ ] RE-01 对企业资产负债表和损益表进行详细审查。")') in problems(docs)


def test_an_id_used_twice(docs):
    use_defect(docs, "duplicate-id.md")
    assert ("docs/stages/self-check.md:10: SC-01 is already used at docs/stages/self-check.md:9; a new step's ID "
            "is SC-03, the next free ID for self-check (IDs are unique across the site; readers' saved ticks are "
            "keyed by ID)") in problems(docs)


def test_an_id_used_on_two_pages(docs):
    text = (docs / "stages/rectification.md").read_text(encoding="utf-8")
    (docs / "stages/rectification.md").write_text(text.replace("RE-02", "SC-02"), encoding="utf-8")
    assert ("docs/stages/self-check.md:10: SC-02 is already used at docs/stages/rectification.md:10; a new step's "
            "ID is SC-03, the next free ID for self-check (IDs are unique across the site; readers' saved ticks are "
            "keyed by ID)") in problems(docs)


def test_an_item_without_text(docs):
    use_defect(docs, "missing-text.md")
    assert "docs/stages/self-check.md:10: item SC-02 has no text after its ID" in problems(docs)


def test_a_checklist_on_a_page_without_a_stage(docs):
    use_defect(docs, "checklist-without-stage.md", "index.md")
    assert ("docs/index.md:7: checklists belong on a stage page: add 'stage: …' to the front matter"
            in problems(docs))


# Rule 4: items are unchecked in the source.

def test_a_checked_item(docs):
    use_defect(docs, "checked-item.md")
    assert problems(docs) == [
        "docs/stages/self-check.md:10: items must be unchecked in the source: write '[ ]', not '[x]' "
        '("- [x] SC-02 确认是否存在资金挪用。")'
    ]


# Rule 5: task items only inside checklists; a misspelt 'checklist' is named.

def test_a_task_item_outside_a_checklist(docs):
    use_defect(docs, "stray-task.md")
    assert problems(docs) == [
        "docs/stages/self-check.md:12: task item outside a checklist (it could never be saved): "
        '"- [ ] SC-03 调取借呗账户的详细使用记录。"'
    ]


def test_a_misspelt_checklist_type(docs):
    use_defect(docs, "misspelt-type.md")
    assert problems(docs) == [
        "docs/stages/self-check.md:12: unknown admonition type \"checklsit\": did you mean 'checklist'?"
    ]


# Rule 6: zh and en hold the same checklists with the same IDs in the same order.

def test_items_in_another_order(docs):
    use_defect(docs, "reordered.en.md", "stages/self-check.en.md")
    assert problems(docs) == [
        'docs/stages/self-check.en.md:8: checklist 1 "Check the finances" has items SC-02 SC-01 '
        "but docs/stages/self-check.md:8 has SC-01 SC-02 (same IDs, same order)"
    ]


def test_an_extra_checklist_in_the_translation(docs):
    use_defect(docs, "extra-checklist.en.md", "stages/self-check.en.md")
    assert problems(docs) == [
        "docs/stages/self-check.en.md:12: 2 checklists here but 1 in docs/stages/self-check.md"
    ]


def test_a_missing_translation(docs):
    (docs / "stages/application.en.md").unlink()
    assert problems(docs) == [
        "docs/stages/application.md:1: missing en translation: expected docs/stages/application.en.md"
    ]


def test_a_page_without_its_chinese_original(docs):
    (docs / "extra.en.md").write_text("---\ndescription: Extra\n---\n# Extra\n", encoding="utf-8")
    assert problems(docs) == ["docs/extra.en.md:1: missing zh translation: expected docs/extra.md"]


# What editors produce is tolerated.

def test_crlf_bom_tabs_other_markers_and_a_full_width_space(docs):
    page = docs / "stages/self-check.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("    - [ ] SC-01 ", "\t* [ ] SC-01\u3000").replace("    - [ ] SC-02", "\t+ [ ] SC-02")
    page.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert problems(docs) == []


def test_every_problem_in_one_run_chinese_files_first_then_by_place(docs):
    """CONTRIBUTING says to fix the Chinese page first: its problems come first."""
    use_defect(docs, "checked-item.md")
    use_defect(docs, "reordered.en.md", "stages/self-check.en.md")
    use_defect(docs, "malformed-id.md", "stages/rectification.md")
    found = problems(docs)
    assert {line.split(":")[0] for line in found} == {
        "docs/stages/rectification.md", "docs/stages/self-check.md", "docs/stages/rectification.en.md",
        "docs/stages/self-check.en.md"}
    assert found == sorted(found, key=lambda line: (".en.md:" in line, line.split(":")[0], int(line.split(":")[1])))


@pytest.mark.parametrize("defect", sorted(p.name for p in (Path(__file__).parent / "fixtures/defects").iterdir()))
def test_every_defect_fixture_is_reported_except_the_code_block(docs, defect):
    target = "stages/self-check.en.md" if defect.endswith(".en.md") else (
        "index.md" if defect == "checklist-without-stage.md" else "stages/self-check.md")
    use_defect(docs, defect, target)
    found = problems(docs)
    assert bool(found) is (defect != "in-code-block.md")
    assert all(line.startswith("docs/") and line.split(":")[1].isdigit() for line in found)


# Messages a newcomer can act on (issue #15, section 4).

def edit(docs: Path, page: str, old: str, new: str) -> None:
    path = docs / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {page}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_items_indented_by_two_spaces_are_named_once(docs):
    edit(docs, "stages/self-check.md", "    - [ ] SC-01 ", "  - [ ] SC-01 ")
    assert problems(docs) == [
        'docs/stages/self-check.md:9: indent items by 4 spaces inside !!! checklist: '
        '"- [ ] SC-01 对企业资产负债表和损益表进行详细审查。"'
    ]


def test_every_item_indented_by_two_spaces(docs):
    edit(docs, "stages/self-check.md", "    - [ ] SC-01 ", "  - [ ] SC-01 ")
    edit(docs, "stages/self-check.md", "    - [ ] SC-02 ", "  - [ ] SC-02 ")
    assert problems(docs) == [
        'docs/stages/self-check.md:9: indent items by 4 spaces inside !!! checklist: '
        '"- [ ] SC-01 对企业资产负债表和损益表进行详细审查。"',
        'docs/stages/self-check.md:10: indent items by 4 spaces inside !!! checklist: '
        '"- [ ] SC-02 确认是否存在资金挪用。"',
    ]


def test_a_title_without_quotes(docs):
    edit(docs, "stages/self-check.md", '!!! checklist "全面检查财务状况"', "!!! checklist 全面检查财务状况")
    assert problems(docs) == [
        'docs/stages/self-check.md:8: the checklist title must be in double quotes: '
        'write !!! checklist "全面检查财务状况"'
    ]


def test_a_title_in_full_width_quotes(docs):
    """What a Chinese keyboard types: Markdown reads no title (nor even a box) from it."""
    edit(docs, "stages/self-check.md", '!!! checklist "全面检查财务状况"', "!!! checklist “全面检查财务状况”")
    assert problems(docs) == [
        "docs/stages/self-check.md:8: the checklist title is in full-width quotes, which Markdown does not read "
        'as a title: use straight double quotes (switch the keyboard to half-width): !!! checklist "全面检查财务状况"'
    ]


def test_a_step_missing_from_the_translation_is_named_with_the_file_to_add_it_to(docs):
    edit(docs, "stages/self-check.md", "    - [ ] SC-02 确认是否存在资金挪用。",
         "    - [ ] SC-02 确认是否存在资金挪用。\n    - [ ] SC-03 调取使用记录。")
    assert problems(docs) == [
        'docs/stages/self-check.en.md:8: checklist 1 "Check the finances" lacks SC-03: translate '
        "docs/stages/self-check.md:11 and add it to this checklist in docs/stages/self-check.en.md, in the same place"
    ]


def test_a_step_only_the_translation_has(docs):
    edit(docs, "stages/self-check.en.md", "    - [ ] SC-02 Look for misused funds.",
         "    - [ ] SC-02 Look for misused funds.\n    - [ ] SC-03 Pull the records.")
    assert problems(docs) == [
        "docs/stages/self-check.en.md:11: SC-03 is not in checklist 1 of docs/stages/self-check.md:8: the Chinese "
        "page is the original, so add the step there first (or remove it here)"
    ]


# A flaky property-test finding, kept as a regression test (issue #15, section 5).

def test_a_misspelt_stage_in_indented_front_matter_is_reported_at_its_line(docs):
    page = docs / "stages/self-check.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("description: 测试页面\nstage: self-check\n",
                                 "  description: 测试页面\n  stage: selfcheck\n"), encoding="utf-8")
    assert ('docs/stages/self-check.md:3: unknown stage "selfcheck": use one of '
            "self-check, rectification, application, maintenance") in problems(docs)


def test_a_stage_written_as_a_flow_mapping_is_reported_inside_the_front_matter(docs):
    page = docs / "stages/self-check.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("description: 测试页面\nstage: self-check\n",
                                 "{description: 测试页面, stage: selfcheck}\n"), encoding="utf-8")
    assert ('docs/stages/self-check.md:2: unknown stage "selfcheck": use one of '
            "self-check, rectification, application, maintenance") in problems(docs)


def test_a_step_marked_as_the_editors_in_one_language_only(docs):
    edit(docs, "stages/self-check.md", "确认是否存在资金挪用。", "确认是否存在资金挪用。{ .editors }")
    assert problems(docs) == [
        "docs/stages/self-check.en.md:10: SC-02 is marked as the editors' step ({ .editors }) in "
        "docs/stages/self-check.md but not in docs/stages/self-check.en.md: mark it the same in both languages"
    ]


# Links between pages: the check (so the pre-commit hook, the build and the preview's banner) reports
# them with a line; MkDocs' own warning names none, and only a strict build stops on it.


def test_a_broken_link_and_anchor_are_reported_at_their_lines_chinese_first(docs):
    (docs / "index.md").write_text("---\ndescription: 首页\n---\n# 首页\n\n见[第 1 阶段](stages/self-chek.md)。\n\n"
                                   "见[第一步](stages/self-check.md#sc-09)和`[代码](x.md)`。\n", encoding="utf-8")
    (docs / "index.en.md").write_text("---\ndescription: Home\n---\n# Home\n\n## Read this {#read}\n\n"
                                      "See [the steps](stages/self-check.md#sc-01), [above](#read) and "
                                      "[the title](#home), not [this](#nothing).\n", encoding="utf-8")
    assert problems(docs) == [
        "docs/index.md:6: broken link: stages/self-chek.md is not a file in docs/ (from index.md)",
        "docs/index.md:8: broken link: docs/stages/self-check.md has no heading or item with the anchor #sc-09 "
        "(stages/self-check.md#sc-09)",
        "docs/index.en.md:8: broken link: docs/index.en.md has no heading or item with the anchor #nothing "
        "(#nothing)",
    ]


# Bad input gets a message, never a traceback (issue #11, section 3).

def test_a_folder_named_like_a_page(docs):
    (docs / "odd.md").mkdir()
    (docs / "odd.md" / "inner.txt").write_text("x", encoding="utf-8")
    assert problems(docs) == [
        "docs/odd.md: a folder named like a page: rename it (pages are files ending in .md)",
        "docs/odd.md/inner.txt: not a kind of file docs/ may hold: Markdown (.md), images (.gif, .ico, .jpeg, .jpg, "
        ".png, .svg, .webp) and our own assets/guide.css and assets/guide.js (to publish another kind, allow it in "
        "hooks/guide/allowlist.py: DOC_SUFFIXES, IMAGE_SUFFIXES or DOC_FILES)",
    ]


def test_a_quoted_front_matter_key_is_reported_at_its_line(docs):
    page = docs / "stages/self-check.md"
    page.write_text(page.read_text(encoding="utf-8").replace("stage: self-check", '"stage": selfcheck'),
                    encoding="utf-8")
    assert ('docs/stages/self-check.md:3: unknown stage "selfcheck": use one of '
            "self-check, rectification, application, maintenance") in problems(docs)


def test_a_checklist_in_a_snippet_is_refused(docs):
    (docs / "includes").mkdir()
    (docs / "includes" / "steps.md").write_text(
        '说明\n\n!!! checklist "步骤"\n    - [ ] SC-09 一步\n\n- [ ] SC-10 又一步\n', encoding="utf-8")
    assert problems(docs) == [
        "docs/includes/steps.md:3: checklists belong on a stage page, not in a snippet (docs/includes/): "
        "move it to the stage page",
        'docs/includes/steps.md:6: task items belong in a checklist on a stage page, not in a snippet '
        '(docs/includes/): "- [ ] SC-10 又一步"',
    ]


def test_the_command_line_explains_itself_and_refuses_what_it_does_not_know(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    command = [sys.executable, str(ROOT / "hooks" / "check_checklists.py")]
    shown = subprocess.run(command + ["--help"], capture_output=True, text=True, cwd=tmp_path)
    assert shown.returncode == 0 and shown.stdout.startswith("usage: check_checklists.py") and not shown.stderr
    wrong = subprocess.run(command + ["--no-such-option"], capture_output=True, text=True, cwd=tmp_path)
    assert wrong.returncode == 2 and "unrecognized arguments: --no-such-option" in wrong.stderr
    missing = subprocess.run(command + ["nowhere"], capture_output=True, text=True, cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr and "nowhere" in missing.stderr


# Rules a mutation audit found untested (issue #11, section 4).

@pytest.mark.parametrize("character", ["<", ">"])
def test_a_description_with_an_angle_bracket(docs, character):
    (docs / "index.en.md").write_text(f"---\ndescription: a {character} b\n---\n# Home\n", encoding="utf-8")
    assert problems(docs) == [
        f'docs/index.en.md:2: the description must not contain " < or >: use “ ” or 「 」 ("a {character} b")'
    ]


def test_a_type_that_starts_like_check_is_taken_for_a_misspelt_checklist(docs):
    edit(docs, "stages/self-check.md", "!!! checklist", "!!! checkbox")  # too unlike 'checklist' by letters alone
    assert "docs/stages/self-check.md:8: unknown admonition type \"checkbox\": did you mean 'checklist'?" \
        in problems(docs)


def test_a_nested_task_item_is_no_item(docs):
    edit(docs, "stages/self-check.md", "    - [ ] SC-02 ", "        - [ ] SC-03 细项\n    - [ ] SC-02 ")
    assert problems(docs) == [
        'docs/stages/self-check.md:10: nested lists are not allowed in a checklist: "- [ ] SC-03 细项"'
    ]
    page = next(p for p in check(docs, docs.parent)[0] if p.path == "docs/stages/self-check.md")
    assert [item.id for item in page.items] == ["SC-01", "SC-02"]


def test_a_translation_that_declares_another_stage(docs):
    edit(docs, "stages/self-check.en.md", "stage: self-check", "stage: rectification")
    assert ("docs/stages/self-check.en.md:3: stage is 'rectification' but docs/stages/self-check.md says "
            "'self-check'") in problems(docs)


def test_an_offending_line_is_quoted_whole_up_to_60_characters_and_control_characters_show():
    from guide.validate import quote

    assert quote("一" * 60) == '"' + "一" * 60 + '"'
    assert quote("一" * 61) == '"' + "一" * 60 + '…"'
    assert quote("a\x1bb") == '"a\ufffdb"'


def test_an_unquoted_title_is_suggested_as_written(docs):
    edit(docs, "stages/self-check.md", '!!! checklist "全面检查财务状况"', "!!! checklist X光片与报表X")
    assert problems(docs) == [
        'docs/stages/self-check.md:8: the checklist title must be in double quotes: write !!! checklist "X光片与报表X"'
    ]


def test_a_duplicate_id_of_no_stage_names_its_prefix(docs):
    edit(docs, "stages/self-check.md", "SC-01", "ZZ-01")
    edit(docs, "stages/self-check.md", "SC-02", "ZZ-01")
    assert ("docs/stages/self-check.md:10: ZZ-01 is already used at docs/stages/self-check.md:9; a new step's ID "
            "is ZZ-02, the next free ID for ZZ (IDs are unique across the site; readers' saved ticks are keyed by "
            "ID)") in problems(docs)


def test_a_translation_that_lost_its_stage_line_is_reported_at_its_first_line(docs):
    edit(docs, "stages/self-check.en.md", "stage: self-check\n", "")
    assert ("docs/stages/self-check.en.md:1: stage is None but docs/stages/self-check.md says 'self-check'"
            in problems(docs))


def test_a_plain_list_item_and_a_second_line_of_an_item_are_named(docs):
    edit(docs, "stages/self-check.md", "    - [ ] SC-02 确认是否存在资金挪用。",
         "    - [ ] SC-02 确认是否存在资金挪用。\n    接着写的一行。\n    - 普通的列表项")
    assert problems(docs) == [
        'docs/stages/self-check.md:11: an item must stay on one line; join this line to the item above: "接着写的一行。"',
        "docs/stages/self-check.md:12: a checklist holds only task items ('- [ ] ID text'), not plain list items: "
        '"- 普通的列表项"',
    ]


def test_a_malformed_id_is_shown_how_to_write_it_with_the_pages_prefix(docs):
    edit(docs, "stages/rectification.md", "RE-01", "RE-1")
    assert ("docs/stages/rectification.md:9: item has no well-formed ID (like RE-01) after the checkbox: "
            '"- [ ] RE-1 与平台协商调整还款安排。"') in problems(docs)


def test_with_no_page_at_all_every_stage_is_missing_in_the_docs_folder():
    from guide.validate import validate

    found = validate([])
    assert [str(problem) for problem in found] == [
        f"docs/: no page declares 'stage: {stage}': each stage needs one page per language"
        for stage in ("application", "maintenance", "rectification", "self-check")]
    assert [problem.line for problem in found] == [0, 0, 0, 0]  # no line to name: 0, as the model says


def test_a_missing_stage_is_reported_at_the_docs_folder_whatever_its_name(docs):
    guide = docs.rename(docs.parent / "guide")
    (guide / "stages/maintenance.md").unlink()
    (guide / "stages/maintenance.en.md").unlink()
    assert [str(problem) for problem in check(guide, guide.parent)[1]] == [
        "guide/: no page declares 'stage: maintenance': each stage needs one page per language"]


def test_a_step_renamed_in_the_translation_is_named_step_by_step(docs):
    edit(docs, "stages/self-check.en.md", "SC-02", "SC-03")
    assert problems(docs) == [
        'docs/stages/self-check.en.md:8: checklist 1 "Check the finances" lacks SC-02: translate '
        "docs/stages/self-check.md:10 and add it to this checklist in docs/stages/self-check.en.md, in the same place",
        "docs/stages/self-check.en.md:10: SC-03 is not in checklist 1 of docs/stages/self-check.md:8: the Chinese "
        "page is the original, so add the step there first (or remove it here)",
    ]


def test_three_differences_are_shown_as_the_two_lists_of_ids(docs):
    edit(docs, "stages/self-check.en.md", "    - [ ] SC-02 Look for misused funds.", "")
    edit(docs, "stages/self-check.en.md", "SC-01", "SC-03")
    assert problems(docs) == [
        'docs/stages/self-check.en.md:8: checklist 1 "Check the finances" has items SC-03 but '
        "docs/stages/self-check.md:8 has SC-01 SC-02 (same IDs, same order)"
    ]


def test_a_checklist_missing_from_the_translation_is_reported_at_its_first_line(docs):
    edit(docs, "stages/self-check.md", "    - [ ] SC-02 确认是否存在资金挪用。",
         '    - [ ] SC-02 确认是否存在资金挪用。\n\n!!! checklist "第二份"\n    - [ ] SC-03 再查一遍。')
    assert ("docs/stages/self-check.en.md:1: 1 checklists here but 2 in docs/stages/self-check.md"
            in problems(docs))


def test_a_step_marked_as_the_editors_in_the_translation_only(docs):
    edit(docs, "stages/self-check.en.md", "Look for misused funds.", "Look for misused funds. { .editors }")
    assert problems(docs) == [
        "docs/stages/self-check.en.md:10: SC-02 is marked as the editors' step ({ .editors }) in "
        "docs/stages/self-check.en.md but not in docs/stages/self-check.md: mark it the same in both languages"
    ]


def test_a_note_on_a_page_without_items_says_there_are_none(docs):
    edit(docs, "index.md", "见[自我排查]", '!!! note SC-01 "编者注"\n    先读这一段。\n\n见[自我排查]')
    assert ("docs/index.md:7: note is attached to SC-01, which is not an item on this page (items here: none)"
            in problems(docs))


@pytest.mark.parametrize("kind, misspelt", [
    ("cheque-list", True),   # 70 % like 'checklist', letter by letter: the least taken for a misspelling
    ("todo-checks", False),  # 60 %: some other type, rendered as a plain admonition
    ("check", False),        # Material's own type, though it starts like 'checklist'
])
def test_how_like_checklist_a_type_must_be_to_be_named_a_misspelling(docs, kind, misspelt):
    edit(docs, "index.md", "见[自我排查]", f'!!! {kind} "提示"\n    先读这一段。\n\n见[自我排查]')
    expected = [f"docs/index.md:7: unknown admonition type \"{kind}\": did you mean 'checklist'?"] if misspelt else []
    assert problems(docs) == expected


def test_a_malformed_id_used_twice_is_named_malformed_not_duplicate(docs):
    edit(docs, "stages/self-check.md", "SC-01", "SC-1")
    edit(docs, "stages/self-check.md", "SC-02", "SC-1")
    assert [line for line in problems(docs) if line.startswith("docs/stages/self-check.md:")] == [
        "docs/stages/self-check.md:9: item has no well-formed ID (like SC-01) after the checkbox: "
        '"- [ ] SC-1 对企业资产负债表和损益表进行详细审查。"',
        "docs/stages/self-check.md:10: item has no well-formed ID (like SC-01) after the checkbox: "
        '"- [ ] SC-1 确认是否存在资金挪用。"',
    ]


def test_an_emptied_chinese_checklist_is_compared_as_none(docs):
    edit(docs, "stages/self-check.md", "    - [ ] SC-01 对企业资产负债表和损益表进行详细审查。\n    - [ ] SC-02 确认是否存在资金挪用。", "")
    edit(docs, "stages/self-check.en.md", "    - [ ] SC-02 Look for misused funds.",
         "    - [ ] SC-02 Look for misused funds.\n    - [ ] SC-03 Pull the records.")
    assert ('docs/stages/self-check.en.md:8: checklist 1 "Check the finances" has items SC-01 SC-02 SC-03 but '
            "docs/stages/self-check.md:8 has (none) (same IDs, same order)") in problems(docs)


def test_an_untitled_checklist_does_not_hide_the_notes_after_it(docs):
    edit(docs, "stages/self-check.md", '!!! checklist "全面检查财务状况"', "!!! checklist 全面检查财务状况")
    edit(docs, "stages/self-check.md", "    - [ ] SC-02 确认是否存在资金挪用。",
         '    - [ ] SC-02 确认是否存在资金挪用。\n\n!!! note SC-09 "编者注"\n    注意。')
    assert ("docs/stages/self-check.md:12: note is attached to SC-09, which is not an item on this page "
            "(items here: SC-01 SC-02)") in problems(docs)


def test_attached_notes_are_compared_whichever_language_comes_first():
    from guide.parse import parse_page
    from guide.validate import note_attachments

    page = '---\nstage: rectification\n---\n!!! checklist "清单"\n    - [ ] RE-01 一步。\n\n!!! note {}"编者注"\n    注意。\n'
    zh = parse_page(page.format("RE-01 "), "docs/stages/rectification.md", "stages/rectification.md")
    en = parse_page(page.format(""), "docs/stages/rectification.en.md", "stages/rectification.en.md")
    assert [str(problem) for problem in note_attachments([zh, en])] == [
        "docs/stages/rectification.md:7: 0 notes attached to items in docs/stages/rectification.en.md but 1 in "
        'docs/stages/rectification.md: attach the same notes in both languages ("!!! note RE-01 "编者注"")']


def test_a_description_may_hold_any_letter_but_the_three_the_theme_would_not_escape(docs):
    edit(docs, "index.en.md", "description: Home", "description: X-rays, tax & 'quotes'")
    assert problems(docs) == []


def test_a_page_without_its_chinese_original_does_not_stop_the_comparison_of_the_others(docs):
    (docs / "a-extra.en.md").write_text("---\ndescription: Extra\n---\n# Extra\n", encoding="utf-8")
    use_defect(docs, "reordered.en.md", "stages/self-check.en.md")
    assert problems(docs) == [
        "docs/a-extra.en.md:1: missing zh translation: expected docs/a-extra.md",
        'docs/stages/self-check.en.md:8: checklist 1 "Check the finances" has items SC-02 SC-01 '
        "but docs/stages/self-check.md:8 has SC-01 SC-02 (same IDs, same order)",
    ]


def test_a_malformed_id_on_a_page_without_a_stage_is_shown_with_the_first_stages_prefix(docs):
    use_defect(docs, "checklist-without-stage.md", "index.md")
    edit(docs, "index.md", "SC-09", "SC-9")
    assert ('docs/index.md:8: item has no well-formed ID (like SC-01) after the checkbox: "- [ ] SC-9 阅读免责声明。"'
            in problems(docs))


# Rules 7 and 9 with a record, on pages in memory: which copy of a duplicated ID keeps it, and
# what a published ID that disappeared is told (a whole docs copy reaches few of these cases).

TICKS = "readers' saved ticks are keyed by ID"


def self_check_page(lang: str, *items: str, checklist: bool = True):
    """A self-check page whose items are on lines 9, 10, … (a page with no checklist: stage on line 2)."""
    uri = "stages/self-check.md" if lang == "zh" else "stages/self-check.en.md"
    body = "".join(f"    - [ ] {item}\n" for item in items)
    text = "---\nstage: self-check\ndescription: d\n---\n\n# T\n\n" + (f'!!! checklist "C"\n{body}' if checklist else "")
    return parse_page(text, f"docs/{uri}", uri)


def rule_7(pages, record) -> list[str]:
    return [str(problem) for problem in duplicate_ids(pages, record)]


def rule_9(pages, record) -> list[str]:
    return [str(problem) for problem in published_ids(pages, record)]


def duplicate(path: str, line: int, kept_at: str, free: str) -> str:
    return (f"{path}:{line}: SC-01 is already used at {kept_at}; a new step's ID is {free}, the next free ID for "
            f"self-check (IDs are unique across the site; {TICKS})")


def test_the_recorded_copy_keeps_its_id_and_a_translation_with_fewer_copies_keeps_its_first():
    zh = self_check_page("zh", "SC-01 一", "SC-01 二", "SC-01 三")
    en = self_check_page("en", "SC-01 One", "SC-01 Two")
    # The third Chinese step is the published one; the English has only two copies, so its first keeps the ID.
    record = Record(["SC-01", "SC-07"], [], {"stages/self-check.en.md": {"items": {"SC-01": item_hash("三")}}})
    zh_path, en_path = "docs/stages/self-check.md", "docs/stages/self-check.en.md"
    assert rule_7([zh, en], record) == [
        duplicate(zh_path, 9, f"{zh_path}:11", "SC-08"),
        duplicate(zh_path, 10, f"{zh_path}:11", "SC-08"),
        duplicate(en_path, 10, f"{en_path}:9", "SC-08"),  # one past SC-07, which only the record knows
    ]


def test_a_duplicate_only_the_translation_has_keeps_its_first_copy():
    zh = self_check_page("zh", "SC-01 一", "SC-02 二")
    en = self_check_page("en", "SC-01 One", "SC-01 Two")
    en_path = "docs/stages/self-check.en.md"
    assert rule_7([zh, en], None) == [duplicate(en_path, 10, f"{en_path}:9", "SC-03")]


def test_a_published_id_is_looked_for_on_the_chinese_pages():
    zh = self_check_page("zh", "SC-01 一", "SC-02 二")
    en = self_check_page("en", "SC-01 One")  # SC-02 missing here is the parity rule's to report
    assert rule_9([zh, en], Record(["SC-01", "SC-02"], [])) == []


def test_a_retired_id_in_use_is_given_the_next_id_the_record_leaves_free():
    zh = self_check_page("zh", "SC-01 一", "SC-03 三")
    assert rule_9([zh], Record(["SC-01"], ["SC-03", "SC-09"])) == [
        f"docs/stages/self-check.md:10: item ID SC-03 was retired and is never reused ({TICKS}, and some may "
        "still hold it): use SC-10, the next free ID for self-check"
    ]


def disappeared(line: int, item_id: str, free: str, stood: str = "") -> str:
    return (f"docs/stages/self-check.md:{line}: {item_id} is missing{stood}; {TICKS}, so keep {item_id} for its "
            f"step (a renumbered step takes its ID back); if the editors' step is really gone, run make retire "
            f"ID={item_id} (new steps take {free}, the next free ID for self-check)")


def test_a_disappeared_id_of_a_stage_without_a_page_is_left_to_rule_1_and_the_others_are_still_told():
    zh = self_check_page("zh", "SC-01 一")
    assert rule_9([zh], Record(["AP-01", "SC-01", "SC-05"], [])) == [disappeared(8, "SC-05", "SC-06")]


def test_a_disappeared_id_on_a_page_without_a_checklist_is_told_at_its_stage_line():
    zh = self_check_page("zh", checklist=False)
    assert rule_9([zh], Record(["SC-01"], [])) == [disappeared(2, "SC-01", "SC-02")]


def test_a_translation_whose_checklist_lost_all_its_items_is_compared_as_none():
    zh = self_check_page("zh", "SC-01 一", "SC-02 二", "SC-03 三")
    en = self_check_page("en")  # the checklist is there, without items (checklist_shape reports that too)
    assert [str(problem) for problem in parity([zh, en])] == [
        'docs/stages/self-check.en.md:8: checklist 1 "C" has items (none) but docs/stages/self-check.md:8 has '
        "SC-01 SC-02 SC-03 (same IDs, same order)"]


def published(*items: str) -> dict[str, str]:
    """A record's snapshot: the self-check page as published, its items on lines 9, 10, …"""
    body = "".join(f"    - [ ] {item}\n" for item in items)
    return {"stages/self-check.md": f'---\nstage: self-check\ndescription: d\n---\n\n# T\n\n!!! checklist "C"\n{body}'}


ARTICLE_STEP = ("; it is one of the article's steps, which stay as the article has them: put it back, in both "
                'languages, and say what changed in an editor\'s note attached to it (!!! note SC-02 "编者注")')


def test_a_missing_article_step_is_told_where_it_stood_and_to_stay():
    """Where it was (before the step that followed it), its neighbours and its place as published;
    an article step is never retired: keep it, attach a note."""
    zh = self_check_page("zh", "SC-01 一", "SC-03 三")
    record = Record(["SC-01", "SC-02", "SC-03"], [], snapshot=lambda: published("SC-01 一", "SC-02 二", "SC-03 三"))
    assert rule_9([zh], record) == [
        "docs/stages/self-check.md:10: SC-02 is missing: it stood between SC-01 and SC-03 "
        "(docs/stages/self-check.md:10 in the published record)" + ARTICLE_STEP]


def test_a_missing_editors_step_may_be_retired():
    zh = self_check_page("zh", "SC-01 一")
    record = Record(["SC-01", "SC-02"], [], snapshot=lambda: published("SC-01 一", "SC-02 二 { .editors }"))
    assert rule_9([zh], record) == [disappeared(9, "SC-02", "SC-03", stood=": it stood after SC-01 "
                                                "(docs/stages/self-check.md:10 in the published record)")]


def test_a_renumbered_step_is_told_at_its_new_id():
    zh = self_check_page("zh", "SC-01 一", "SC-04 二", "SC-03 三")
    record = Record(["SC-01", "SC-02", "SC-03"], [], snapshot=lambda: published("SC-01 一", "SC-02 二", "SC-03 三"))
    assert [p.split(": ")[0] for p in rule_9([zh], record)] == ["docs/stages/self-check.md:10"]


def test_without_git_the_neighbours_come_from_the_records_item_order():
    zh = self_check_page("zh", "SC-03 三", "SC-01 一")
    record = Record(["SC-01", "SC-02", "SC-03"], [], {"stages/self-check.en.md": {
        "page": "", "notes": [], "items": {"SC-02": "x", "SC-03": "y", "SC-01": "z"}}})
    assert rule_9([zh], record) == [disappeared(9, "SC-02", "SC-04", stood=": it stood before SC-03")]
