"""What the build publishes from the parsed checklists (guide.export): the JSON of both
languages, one CSV per language, the printable worksheet, and each page's URL. Expected
values are written out here, never computed with the code under test."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest

from guide import export
from guide.model import BUILD_MARK
from guide.parse import parse_page

STAGE = """---
description: 测试页面
stage: {stage}
---

# {title}

!!! checklist "{checklist}"
    - [ ] {prefix}-01 {first}
    - [ ] {prefix}-02 {second}
"""


def page(stage: str, prefix: str, lang: str, first: str, second: str = "第二步。", title: str = "标题",
         checklist: str = "清单") -> object:
    src = f"stages/{stage}{'' if lang == 'zh' else '.' + lang}.md"
    text = STAGE.format(stage=stage, prefix=prefix, title=title, checklist=checklist, first=first, second=second)
    return parse_page(text, f"docs/{src}", src)


def short_hash(text: str) -> str:  # the item fingerprint, as the reader's browser keeps it
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


PAGES = [
    page("maintenance", "MA", "zh", "保持良好的还款记录。"),  # given out of order: exports follow the stages
    page("self-check", "SC", "zh", "审查[资产负债表](x.md)和**损益表**。"),
    page("self-check", "SC", "en", "Review the balance sheet, and the `P&L`.", "Second step.", "Self-check",
         "Finances"),
]


def test_the_json_lists_every_item_of_both_languages_in_stage_order():
    data = json.loads(export.to_json(PAGES))
    assert data["format"] == "jiebei-guide-checklists" and data["version"] == 1
    rows = [(item["lang"], item["stage"], item["id"], item["text"]) for item in data["items"]]
    assert rows == [
        ("zh", "self-check", "SC-01", "审查资产负债表和损益表。"),  # links and emphasis become plain text
        ("zh", "self-check", "SC-02", "第二步。"),
        ("zh", "maintenance", "MA-01", "保持良好的还款记录。"),
        ("zh", "maintenance", "MA-02", "第二步。"),
        ("en", "self-check", "SC-01", "Review the balance sheet, and the P&L."),
        ("en", "self-check", "SC-02", "Second step."),
    ]
    first = data["items"][0]
    assert (first["page"], first["checklist"], first["url"], first["anchor"]) == (
        "标题", "清单", "/stages/self-check/", "sc-01")
    assert first["hash"] == short_hash("审查[资产负债表](x.md)和**损益表**。")  # of the source text, as the page's
    english = data["items"][4]
    assert (english["url"], english["page"], english["checklist"]) == ("/en/stages/self-check/", "Self-check", "Finances")


def test_each_csv_holds_its_language_only_with_a_bom_and_crlf():
    text = export.to_csv(PAGES, "en")
    assert text.startswith("\ufeff") and "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text[1:])))
    header = rows.index(["stage", "checklist", "id", "by", "text", "original", "notes", "url", "anchor"])
    body = rows[header + 1:]
    assert [row[2] for row in body] == ["SC-01", "SC-02"]
    assert body[0][4] == "Review the balance sheet, and the P&L."  # the comma is quoted, not a new column
    assert (body[0][7], body[0][8]) == ("/en/stages/self-check/", "sc-01")
    assert export.csv_name("zh") == "downloads/checklists-zh.csv"


def test_quotes_in_a_csv_cell_are_doubled():
    quoted = [page("self-check", "SC", "zh", '核对"应收账款",再看报表。')]
    assert '"核对""应收账款"",再看报表。"' in export.to_csv(quoted, "zh")


@pytest.mark.parametrize("key, lang, url", [
    ("index.md", "zh", "/"),
    ("index.en.md", "en", "/en/"),
    ("causes.md", "zh", "/causes/"),
    ("causes.en.md", "en", "/en/causes/"),
    ("stages/self-check.md", "zh", "/stages/self-check/"),
    ("stages/self-check.en.md", "en", "/en/stages/self-check/"),
    ("stages/index.md", "zh", "/stages/"),
    ("stages/index.en.md", "en", "/en/stages/"),
])
def test_page_urls_for_both_languages(key, lang, url):
    assert export.page_url(parse_page("# x\n", f"docs/{key}", key)) == url


def test_worksheet_text_is_escaped_html_with_insertions_marked():
    assert export.worksheet_text('比较 <b>A</b> & “B” "C"') == '比较 &lt;b&gt;A&lt;/b&gt; &amp; “B” "C"'
    assert export.worksheet_text("账户发生频繁^^大额^^转账[^gap]") == "账户发生频繁<ins>大额</ins>转账"
    assert export.worksheet_text("^^<i>^^") == "<ins>&lt;i&gt;</ins>"


def test_the_worksheet_has_a_row_per_item_with_links_relative_to_the_page():
    unsafe = [page("self-check", "SC", "zh", "审查 <script>alert(1)</script> & 损益表。")]
    sheet = export.worksheet_markdown(unsafe, "zh", src_depth=0, url_depth=1)
    assert "<script>" not in sheet and "审查 &lt;script&gt;alert(1)&lt;/script&gt; &amp; 损益表。" in sheet
    assert '<a href="../stages/self-check/#sc-01">SC-01</a>' in sheet
    assert f'<span class="worksheet-box" data-item="SC-02" data-mark="{BUILD_MARK}"></span>' in sheet
    assert "## [标题](stages/self-check.md)" in sheet
    assert '<a href="../downloads/checklists.json" download>' in sheet
    assert '<a href="../downloads/checklists-zh.csv" download>' in sheet


def test_stage_item_ids_per_language():
    assert export.stage_item_ids(PAGES, "zh") == {"self-check": ["SC-01", "SC-02"], "maintenance": ["MA-01", "MA-02"]}
    assert export.stage_item_ids(PAGES, "en") == {"self-check": ["SC-01", "SC-02"]}


def test_the_json_is_indented_utf8_text_ending_in_a_newline():
    text = export.to_json(PAGES)
    assert text.endswith("}\n") and '\n  "items": [\n    {\n      "lang": "zh",' in text
    assert "审查资产负债表和损益表。" in text and "\\u" not in text


def test_a_step_the_editors_added_says_so_in_the_exports_and_the_worksheet():
    editors = [page("self-check", "SC", "zh", "编者补充的一步。{ .editors }")]
    assert [row["by"] for row in json.loads(export.to_json(editors))["items"]] == ["editors", "article"]
    sheet = export.worksheet_markdown(editors, "zh", src_depth=0, url_depth=0)
    assert '<td>编者补充的一步。 <span class="checklist-by">编者补充</span></td>' in sheet
    assert "<td>第二步。</td>" in sheet


def test_every_csv_line_ends_in_crlf_the_notice_first():
    lines = export.to_csv(PAGES, "zh")[1:].split("\r\n")
    assert lines[0] == export.NOTICE["zh"] and lines[1].startswith("stage,checklist,id,by,text")
    assert lines[-1] == "" and all("\n" not in line for line in lines)


WORKSHEET = """<p class="worksheet-notice">{notice}</p>
<p class="worksheet-legend">{legend}</p>
<p class="worksheet-downloads">下载全部清单: <a href="../downloads/checklists.json" download>JSON（两种语言）</a> · <a href="../downloads/checklists-zh.csv" download>CSV（中文）</a></p>

## [标题](../stages/self-check.md)

### 清单

<table class="worksheet-table">
<thead><tr><th scope="col">编号</th><th scope="col">步骤</th><th scope="col">完成日期</th><th scope="col">备注</th></tr></thead><tbody>
<tr><td><span class="worksheet-box" data-item="SC-01"></span> <a href="../stages/self-check/#sc-01">SC-01</a></td><td>一步。</td><td></td><td></td></tr>
<tr><td><span class="worksheet-box" data-item="SC-02"></span> <a href="../stages/self-check/#sc-02">SC-02</a></td><td>第二步。</td><td></td><td></td></tr>
</tbody></table>
"""


def test_the_worksheet_as_written_out():
    sheet = export.worksheet_markdown([page("self-check", "SC", "zh", "一步。")], "zh", src_depth=1, url_depth=1)
    assert sheet.replace(f' data-mark="{BUILD_MARK}"', "") == WORKSHEET.format(notice=export.NOTICE["zh"], legend=export.WORKSHEET_HEADINGS["zh"]["legend"])


NOTED = """---
description: 测试页面
stage: self-check
---

# 标题

!!! checklist "清单"
    - [ ] SC-02 第一步，编号较大。
    - [ ] SC-01 第二^^步^^。

!!! note SC-02 SC-01 "共同"
    两步都要注意。

!!! note SC-02 "丙"
    只对第一步。

!!! note SC-01 "甲"
    第一条。

!!! note SC-01 "乙"
    第二条。
"""


def noted_page() -> object:
    return parse_page(NOTED, "docs/stages/self-check.md", "stages/self-check.md")


def test_two_notes_on_one_item_are_separate_in_the_csv_and_the_worksheet():
    rows = list(csv.reader(io.StringIO(export.to_csv([noted_page()], "zh")[1:])))
    notes = {row[2]: row[6] for row in rows[2:]}
    assert notes["SC-01"] == "【共同】两步都要注意。 【甲】第一条。 【乙】第二条。"
    sheet = export.worksheet_markdown([noted_page()], "zh", src_depth=0, url_depth=0)
    assert ('<td>第二<ins>步</ins>。<span class="worksheet-note">原文（修补前）：第二。</span>'
            '<span class="worksheet-note">【共同（SC-02, SC-01）】两步都要注意。</span>'
            '<span class="worksheet-note">【甲】第一条。</span>'
            '<span class="worksheet-note">【乙】第二条。</span></td>') in sheet


def test_a_shared_note_is_printed_once_under_the_last_of_its_items_in_page_order():
    # The page lists SC-02 before SC-01, so sorting by ID would put the note under SC-02.
    item_01, item_02 = sorted(noted_page().items, key=lambda item: item.id)
    # ...and the notes after it on an earlier item are still printed.
    assert export.worksheet_notes(noted_page(), item_02, "zh") == '<span class="worksheet-note">【丙】只对第一步。</span>'
    assert "【共同（SC-02, SC-01）】两步都要注意。" in export.worksheet_notes(noted_page(), item_01, "zh")
