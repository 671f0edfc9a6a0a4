"""Editors' notes attached to items, and the editors' repairs, travel with the items into
the worksheet, checklists.json and the CSVs (issue #9, §5). The contract: a note names
items of its own page (``!!! note RE-01 "编者注"``), the same in both languages."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from guide import export
from guide.pipeline import check
from guide.sources import load_cautions

NOTES = FIXTURES / "notes"
SITE = "https://example.org/guide/"
CAUTIONS = load_cautions(ROOT / "docs", ROOT)[0]


@pytest.fixture
def noted(docs: Path) -> Path:
    """The valid fixture with a rectification page that attaches a note and holds a repair."""
    for name in ("rectification.md", "rectification.en.md"):
        shutil.copyfile(NOTES / name, docs / "stages" / name)
    return docs


def problems(docs: Path) -> list[str]:
    return [str(problem) for problem in check(docs, docs.parent)[1]]


def edit(page: Path, old: str, new: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new), encoding="utf-8")


def rows(docs: Path, lang: str) -> dict[str, dict]:
    pages = check(docs, docs.parent)[0]
    return {row["id"]: row for row in export.records(pages, SITE) if row["lang"] == lang}


# The contract

def test_a_note_attached_to_an_item_of_its_page_is_valid(noted):
    assert problems(noted) == []


def test_a_note_attached_to_an_item_of_another_page(noted):
    edit(noted / "stages/rectification.md", 'warning RE-01 "', 'warning SC-01 "')
    assert ("docs/stages/rectification.md:12: note is attached to SC-01, which is not an "
            "item on this page (items here: RE-01 RE-02)") in problems(noted)


def test_a_malformed_id_in_an_attachment(noted):
    edit(noted / "stages/rectification.md", 'warning RE-01 "', 'warning RE-1 "')
    assert ('docs/stages/rectification.md:12: "RE-1" is not an item ID: attach a note with the IDs between the '
            'type and the title, like !!! note SC-06 "编者注" ("!!! warning RE-1 "编者注：风险提示"")') in problems(noted)


def test_twins_attach_a_note_to_different_items(noted):
    edit(noted / "stages/rectification.en.md", 'warning RE-01 "', 'warning RE-02 "')
    assert problems(noted) == [
        "docs/stages/rectification.en.md:12: attached note 1 is attached to RE-02 but its twin at "
        "docs/stages/rectification.md:12 is attached to RE-01 (same items, same order)"]


def test_a_note_attached_in_one_language_only(noted):
    edit(noted / "stages/rectification.en.md", 'warning RE-01 "', 'warning "')
    assert problems(noted) == [
        "docs/stages/rectification.md:12: 0 notes attached to items in docs/stages/rectification.en.md but 1 in "
        'docs/stages/rectification.md: attach the same notes in both languages ("!!! warning RE-01 "编者注：风险提示"")']


def test_a_checklist_cannot_be_attached(noted):
    edit(noted / "stages/rectification.md", '!!! checklist "', '!!! checklist RE-01 "')
    assert problems(noted)[0].startswith(
        "docs/stages/rectification.md:8: only editor's notes are attached to items, not checklists: remove \"RE-01\"")


def test_material_layout_modifiers_are_not_attachments(noted):
    for name in ("rectification.md", "rectification.en.md"):
        edit(noted / "stages" / name, '!!! warning RE-01 "', '!!! warning inline end RE-01 "')
    assert problems(noted) == []


# What the exports carry

def test_the_records_carry_the_attached_note_and_the_repair(noted):
    zh, en = rows(noted, "zh"), rows(noted, "en")
    assert zh["RE-01"]["editors_notes"] == [{"title": "编者注：风险提示",
                                             "text": "以贷养贷可能让债务越滚越多。“代还”中介不可信。"}]
    assert en["RE-01"]["editors_notes"] == [{"title": "Editors' note: risk warning", "text": (
        'Borrowing to repay can make debts snowball. Never pay a "repayment" agent.')}]
    assert zh["RE-02"]["editors_notes"] == [] and zh["RE-02"]["original"] == "包括经营状况、〔…〕等关键信息。"
    assert zh["RE-02"]["text"] == "包括经营状况、〔联系方式〕等关键信息。" and zh["RE-02"]["inserted"] == ["联系方式"]
    assert en["RE-02"]["original"] == "包括经营状况、〔…〕等关键信息。"  # the article's words, not an invented English one
    assert zh["RE-01"]["original"] == ""


def test_the_json_carries_notes_repairs_the_notice_and_the_cautions(noted):
    data = json.loads(export.to_json(check(noted, noted.parent)[0], SITE, CAUTIONS))
    assert "虚构" in data["notice"]["zh"] and "not financial or legal advice" in data["notice"]["en"].lower()
    assert data["cautions"]["zh"]["lines"] and data["cautions"]["en"]["lines"]
    item = next(i for i in data["items"] if i["lang"] == "zh" and i["id"] == "RE-01")
    assert item["editors_notes"][0]["text"].startswith("以贷养贷")


@pytest.mark.parametrize("lang, caution", [("zh", "【编者注：风险提示】以贷养贷"),
                                           ("en", "[Editors' note: risk warning] Borrowing to repay")])
def test_the_csv_has_editors_notes_original_and_inserted_columns(noted, lang, caution):
    text = export.to_csv(check(noted, noted.parent)[0], lang, SITE, CAUTIONS[lang])
    table = {row["id"]: row for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))}
    assert table["RE-01"]["editors_notes"].startswith(caution)
    assert table["RE-02"]["original"] == "包括经营状况、〔…〕等关键信息。" and table["RE-01"]["original"] == ""
    assert table["RE-02"]["inserted"] and table["RE-01"]["inserted"] == ""


def test_the_worksheet_carries_the_notice_the_cautions_the_legend_notes_and_originals(noted):
    sheet = export.worksheet_markdown(check(noted, noted.parent)[0], "zh", src_depth=0, url_depth=1,
                                      cautions=CAUTIONS["zh"])
    assert export.NOTICE["zh"] in sheet and "worksheet-legend" in sheet and CAUTIONS["zh"].markdown in sheet
    row = next(line for line in sheet.splitlines() if 'data-item="RE-01"' in line)
    assert '<span class="worksheet-note">【编者注：风险提示】以贷养贷可能让债务越滚越多。' in row
    row = next(line for line in sheet.splitlines() if 'data-item="RE-02"' in line)
    assert "包括经营状况、<ins>联系方式</ins>等关键信息。" in row
    assert '<span class="worksheet-note">原文（修补前）：包括经营状况、〔…〕等关键信息。</span>' in row


# The guide's own cautions

@pytest.mark.parametrize("item_id, words", [
    ("RE-02", "以贷养贷"), ("MA-18", "资本公积转增股本"), ("AP-01", "入口"),
    ("SC-06", "蚂蚁集团"), ("AP-05", "蚂蚁集团"), ("MA-13", "国家金融监督管理总局"),
])
def test_the_guides_cautions_travel_with_their_items(item_id, words):
    from conftest import ROOT

    pages = check(ROOT / "docs", ROOT)[0]
    by_id = {(row["lang"], row["id"]): row for row in export.records(pages, SITE)}
    assert any(words in note["text"] for note in by_id["zh", item_id]["editors_notes"])
    assert len(by_id["en", item_id]["editors_notes"]) == len(by_id["zh", item_id]["editors_notes"])


def test_a_note_on_several_items_is_printed_once_under_the_last(noted):
    for name in ("rectification.md", "rectification.en.md"):
        edit(noted / "stages" / name, 'warning RE-01 "', 'warning RE-02 RE-01 "')
    assert problems(noted) == []
    sheet = export.worksheet_markdown(check(noted, noted.parent)[0], "en", src_depth=0, url_depth=1,
                                      cautions=CAUTIONS["en"])
    lines = {item: next(line for line in sheet.splitlines() if f'data-item="{item}"' in line) for item in ("RE-01", "RE-02")}
    assert "Borrowing to repay" not in lines["RE-01"]
    assert "[Editors' note: risk warning (RE-01, RE-02)] Borrowing to repay" in lines["RE-02"]
    assert all(rows(noted, "en")[item]["editors_notes"] for item in ("RE-01", "RE-02"))  # each exported row keeps it


def test_a_note_attached_in_the_translation_only(noted):
    edit(noted / "stages/rectification.md", 'warning RE-01 "', 'warning "')
    assert problems(noted) == [
        "docs/stages/rectification.en.md:12: 1 notes attached to items in docs/stages/rectification.en.md but 0 in "
        "docs/stages/rectification.md: attach the same notes in both languages "
        '("!!! warning RE-01 "Editors\' note: risk warning"")']


def test_twins_attach_a_note_to_different_lists_of_items(noted):
    edit(noted / "stages/rectification.md", 'warning RE-01 "', 'warning RE-01 RE-02 "')
    assert problems(noted) == [
        "docs/stages/rectification.en.md:12: attached note 1 is attached to RE-01 but its twin at "
        "docs/stages/rectification.md:12 is attached to RE-01 RE-02 (same items, same order)"]


def test_a_translation_attaching_a_note_to_more_items_is_quoted_in_full(noted):
    edit(noted / "stages/rectification.en.md", 'warning RE-01 "', 'warning RE-01 RE-02 "')
    assert problems(noted) == [
        "docs/stages/rectification.en.md:12: attached note 1 is attached to RE-01 RE-02 but its twin at "
        "docs/stages/rectification.md:12 is attached to RE-01 (same items, same order)"]
