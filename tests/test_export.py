"""What the build publishes from the parsed checklists (guide.export): the JSON of both
languages, one CSV per language, the printable worksheet, and each page's URL. Expected
values are written out here, never computed with the code under test."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest

from conftest import ROOT
from guide import export
from guide.model import BUILD_MARK
from guide.parse import parse_page
from guide.sources import Cautions

SITE = "https://someone.github.io/repo/"  # a project path: the address is not the host's root
CAUTIONS = {"zh": Cautions("编者注：提醒", ("不能保证**复通**。", "官方电话 95188。"),
                           '!!! warning "编者注：提醒"\n    - 不能保证**复通**。\n    - 官方电话 95188。\n'),
            "en": Cautions("Editors' note: cautions", ("No reopening is *guaranteed*.", "Official line 95188."),
                           '!!! warning "Editors\' note: cautions"\n    - No reopening is *guaranteed*.\n'
                           '    - Official line 95188.\n')}

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
    data = json.loads(export.to_json(PAGES, SITE, CAUTIONS))
    assert data["format"] == "jiebei-guide-checklists" and data["version"] == 2
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
        "标题", "清单", "https://someone.github.io/repo/stages/self-check/", "sc-01")
    assert first["hash"] == short_hash("审查[资产负债表](x.md)和**损益表**。")  # of the source text, as the page's
    english = data["items"][4]
    assert (english["url"], english["page"], english["checklist"]) == (
        "https://someone.github.io/repo/en/stages/self-check/", "Self-check", "Finances")
    assert list(first) == ["lang", "stage", "page", "checklist", "id", "by", "text", "original", "inserted",
                           "editors_notes", "hash", "url", "anchor"]


def test_the_json_carries_the_cautions_of_both_languages_as_plain_text():
    data = json.loads(export.to_json(PAGES, SITE, CAUTIONS))
    assert data["cautions"] == {"zh": {"title": "编者注：提醒", "lines": ["不能保证复通。", "官方电话 95188。"]},
                                "en": {"title": "Editors' note: cautions",
                                       "lines": ["No reopening is guaranteed.", "Official line 95188."]}}
    assert data["$schema"] == "https://someone.github.io/repo/downloads/checklists.schema.json"


@pytest.mark.parametrize("site_url", ["https://someone.github.io/repo/", "https://someone.github.io/repo"])
def test_a_page_address_keeps_the_sites_project_path(site_url):
    english = PAGES[2]
    assert export.page_address(english, site_url) == "https://someone.github.io/repo/en/stages/self-check/"


def test_each_csv_holds_its_language_only_with_a_bom_and_crlf():
    text = export.to_csv(PAGES, "en", SITE, CAUTIONS["en"])
    assert text.startswith("\ufeff") and "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))  # no options: the header is the first row
    assert list(rows[0]) == ["stage", "checklist", "id", "by", "text", "original", "inserted", "editors_notes", "url",
                             "anchor"]
    body = rows[2:]
    assert [row["id"] for row in body] == ["SC-01", "SC-02"]
    assert body[0]["text"] == "Review the balance sheet, and the P&L."  # the comma is quoted, not a new column
    assert (body[0]["url"], body[0]["anchor"]) == ("https://someone.github.io/repo/en/stages/self-check/", "sc-01")
    assert export.csv_name("zh") == "downloads/checklists-zh.csv"


def test_the_cautions_open_each_csv_one_row_each_marked_as_the_editors():
    rows = list(csv.DictReader(io.StringIO(export.to_csv(PAGES, "zh", SITE, CAUTIONS["zh"])[1:])))
    assert [(row["checklist"], row["by"], row["text"], row["id"], row["stage"], row["url"]) for row in rows[:2]] == [
        ("编者注：提醒", "editors", "不能保证复通。", "", "", ""),
        ("编者注：提醒", "editors", "官方电话 95188。", "", "", "")]
    assert [row["id"] for row in rows[2:]] == ["SC-01", "SC-02", "MA-01", "MA-02"]


def test_quotes_in_a_csv_cell_are_doubled():
    quoted = [page("self-check", "SC", "zh", '核对"应收账款",再看报表。')]
    assert '"核对""应收账款"",再看报表。"' in export.to_csv(quoted, "zh", SITE, CAUTIONS["zh"])


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
    sheet = export.worksheet_markdown(unsafe, "zh", src_depth=0, url_depth=1, cautions=CAUTIONS["zh"])
    assert "<script>" not in sheet and "审查 &lt;script&gt;alert(1)&lt;/script&gt; &amp; 损益表。" in sheet
    assert '<a href="../stages/self-check/#sc-01">SC-01</a>' in sheet
    assert f'<span class="worksheet-box" data-item="SC-02" data-mark="{BUILD_MARK}"></span>' in sheet
    assert "## [标题](stages/self-check.md)" in sheet
    assert '<a href="../downloads/checklists.json" download>' in sheet
    assert '<a href="../downloads/checklists-zh.csv" download>' in sheet
    assert '<a href="../datapackage.json" download>' in sheet


def test_stage_item_ids_per_language():
    assert export.stage_item_ids(PAGES, "zh") == {"self-check": ["SC-01", "SC-02"], "maintenance": ["MA-01", "MA-02"]}
    assert export.stage_item_ids(PAGES, "en") == {"self-check": ["SC-01", "SC-02"]}


def test_the_json_is_indented_utf8_text_ending_in_a_newline():
    text = export.to_json(PAGES, SITE, CAUTIONS)
    assert text.endswith("}\n") and '\n  "items": [\n    {\n      "lang": "zh",' in text
    assert "审查资产负债表和损益表。" in text and "\\u" not in text


def test_a_step_the_editors_added_says_so_in_the_exports_and_the_worksheet():
    editors = [page("self-check", "SC", "zh", "编者补充的一步。{ .editors }")]
    assert [row["by"] for row in json.loads(export.to_json(editors, SITE, CAUTIONS))["items"]] == ["editors", "article"]
    sheet = export.worksheet_markdown(editors, "zh", src_depth=0, url_depth=0, cautions=CAUTIONS["zh"])
    assert '<td>编者补充的一步。 <span class="checklist-by">编者补充</span></td>' in sheet
    assert "<td>第二步。</td>" in sheet


def test_every_csv_line_ends_in_crlf_the_header_first():
    lines = export.to_csv(PAGES, "zh", SITE, CAUTIONS["zh"])[1:].split("\r\n")
    assert lines[0] == "stage,checklist,id,by,text,original,inserted,editors_notes,url,anchor"
    assert lines[-1] == "" and all("\n" not in line for line in lines)
    assert export.NOTICE["zh"] not in "".join(lines)  # the notice is the data package's


WORKSHEET = """!!! warning "编者注：提醒"
    - 不能保证**复通**。
    - 官方电话 95188。

<p class="worksheet-notice">{notice}</p>
<p class="worksheet-legend">{legend}</p>
<p class="worksheet-downloads">下载全部清单：<a href="../downloads/checklists.json" download>JSON（两种语言）</a> · <a href="../downloads/checklists-zh.csv" download>CSV（中文）</a> · <a href="../datapackage.json" download>字段说明（datapackage.json）</a></p>

## [标题](../stages/self-check.md)

### 清单

<table class="worksheet-table">
<thead><tr><th scope="col">编号</th><th scope="col">步骤</th><th scope="col">完成日期</th><th scope="col">备注</th></tr></thead><tbody>
<tr><td><span class="worksheet-box" data-item="SC-01"></span> <a href="../stages/self-check/#sc-01">SC-01</a></td><td>一步。</td><td></td><td></td></tr>
<tr><td><span class="worksheet-box" data-item="SC-02"></span> <a href="../stages/self-check/#sc-02">SC-02</a></td><td>第二步。</td><td></td><td></td></tr>
</tbody></table>
"""


def test_the_worksheet_as_written_out():
    sheet = export.worksheet_markdown([page("self-check", "SC", "zh", "一步。")], "zh", src_depth=1, url_depth=1,
                                      cautions=CAUTIONS["zh"])
    assert sheet.replace(f' data-mark="{BUILD_MARK}"', "") == WORKSHEET.format(
        notice=export.NOTICE["zh"], legend=export.WORKSHEET_HEADINGS["zh"]["legend"])


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
    rows = list(csv.DictReader(io.StringIO(export.to_csv([noted_page()], "zh", SITE, CAUTIONS["zh"])[1:])))
    notes = {row["id"]: row["editors_notes"] for row in rows[2:]}
    assert notes["SC-01"] == "【共同】两步都要注意。 【甲】第一条。 【乙】第二条。"
    sheet = export.worksheet_markdown([noted_page()], "zh", src_depth=0, url_depth=0, cautions=CAUTIONS["zh"])
    assert ('<td>第二<ins>步</ins>。<span class="worksheet-note">原文（修补前）：第二〔…〕。</span>'
            '<span class="worksheet-note">【共同（SC-02, SC-01）】两步都要注意。</span>'
            '<span class="worksheet-note">【甲】第一条。</span>'
            '<span class="worksheet-note">【乙】第二条。</span></td>') in sheet


def test_a_shared_note_is_printed_once_under_the_last_of_its_items_in_page_order():
    # The page lists SC-02 before SC-01, so sorting by ID would put the note under SC-02.
    item_01, item_02 = sorted(noted_page().items, key=lambda item: item.id)
    # ...and the notes after it on an earlier item are still printed.
    originals = export.article_originals([noted_page()])
    assert export.worksheet_notes(noted_page(), item_02, "zh", originals) == (
        '<span class="worksheet-note">【丙】只对第一步。</span>')
    assert "【共同（SC-02, SC-01）】两步都要注意。" in export.worksheet_notes(noted_page(), item_01, "zh", originals)


REPAIRED = [page("maintenance", "MA", "zh", "包括经营状况、^^联系方式^^等关键信息。[^gap]"),
            page("maintenance", "MA", "en", "Such as the state of the business ^^and contact details^^.[^gap]")]


def test_a_repair_is_marked_in_the_text_and_the_original_is_the_articles_chinese_in_both_languages():
    items = {(row["lang"], row["id"]): row for row in json.loads(export.to_json(REPAIRED, SITE, CAUTIONS))["items"]}
    zh, en = items["zh", "MA-01"], items["en", "MA-01"]
    assert (zh["text"], zh["inserted"]) == ("包括经营状况、〔联系方式〕等关键信息。", ["联系方式"])
    assert (en["text"], en["inserted"]) == ("Such as the state of the business [and contact details].",
                                            ["and contact details"])
    # Not "Such as the state of the business.": an English sentence the article never had.
    assert zh["original"] == en["original"] == "包括经营状况、〔…〕等关键信息。"
    assert items["en", "MA-02"]["original"] == "" and items["en", "MA-02"]["inserted"] == []


def test_the_csv_has_the_inserted_words_marked_and_in_their_own_column():
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(export.to_csv(REPAIRED, "en", SITE,
                                                                               CAUTIONS["en"])[1:]))}
    assert rows["MA-01"]["text"] == "Such as the state of the business [and contact details]."
    assert (rows["MA-01"]["inserted"], rows["MA-01"]["original"]) == ("and contact details", "包括经营状况、〔…〕等关键信息。")
    assert (rows["MA-02"]["inserted"], rows["MA-02"]["original"]) == ("", "")


def test_several_insertions_in_one_step_are_listed_apart():
    twice = [page("maintenance", "MA", "zh", "包括^^经营^^状况、^^联系方式^^等关键信息。")]
    rows = list(csv.DictReader(io.StringIO(export.to_csv(twice, "zh", SITE, CAUTIONS["zh"])[1:])))
    assert rows[2]["inserted"] == "经营; 联系方式" and rows[2]["original"] == "包括〔…〕状况、〔…〕等关键信息。"
    assert rows[2]["text"] == "包括〔经营〕状况、〔联系方式〕等关键信息。"


def test_the_english_worksheet_shows_the_articles_chinese_marked_as_chinese():
    sheet = export.worksheet_markdown(REPAIRED, "en", src_depth=0, url_depth=0, cautions=CAUTIONS["en"])
    assert ("Such as the state of the business <ins>and contact details</ins>.<span class=\"worksheet-note\">"
            "The article's Chinese before the editors' repair: <span lang=\"zh\">包括经营状况、〔…〕等关键信息。</span>"
            "</span></td>") in sheet


# The downloads' descriptions, made from the one definition of the fields

def test_the_data_package_describes_both_csvs_and_the_json_with_their_own_columns():
    package = export.descriptor(SITE, CAUTIONS)
    assert (package["homepage"], package["notice"], package["licenses"][0]["name"]) == (SITE, export.NOTICE, "CC-BY-4.0")
    assert package["cautions"]["zh"] == {"title": "编者注：提醒", "lines": ["不能保证复通。", "官方电话 95188。"]}
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert [(name, r["path"], r["format"]) for name, r in resources.items()] == [
        ("checklists-zh", "downloads/checklists-zh.csv", "csv"), ("checklists-en", "downloads/checklists-en.csv", "csv"),
        ("checklists", "downloads/checklists.json", "json")]
    header = next(csv.reader(io.StringIO(export.to_csv(PAGES, "zh", SITE, CAUTIONS["zh"])[1:])))
    fields = {f["name"]: f for f in resources["checklists-zh"]["schema"]["fields"]}
    assert list(fields) == header
    assert {name for name, f in fields.items() if f.get("constraints", {}).get("required")} == {"checklist", "by", "text"}
    assert fields["id"]["constraints"] == {"pattern": export.ID_PATTERN.pattern}
    assert fields["by"]["constraints"] == {"enum": ["article", "editors"], "required": True}
    assert fields["stage"]["constraints"] == {"enum": ["self-check", "rectification", "application", "maintenance"]}
    assert fields["inserted"]["type"] == "string" and fields["inserted"]["description"].endswith(
        "CSV 中各项以“; ”分隔。 / In a CSV, the entries are separated by “; ”.")
    assert fields["url"]["format"] == "uri"
    item = json.loads(export.to_json(PAGES, SITE, CAUTIONS))["items"][0]
    described = {f["name"]: f for f in resources["checklists"]["schema"]["fields"]}
    assert list(described) == list(item)
    assert described["inserted"]["type"] == "array" and described["inserted"]["description"] == (
        "编者修补时补入的文字（每处一项）；未经修补的为空列表。 / The words the editors inserted to repair the step, one entry "
        "per insertion; empty when none.")
    assert described["lang"]["constraints"] == {"required": True, "enum": ["zh", "en"]}
    assert "required" not in described["original"].get("constraints", {})
    assert described["hash"]["constraints"] == {"required": True, "pattern": "[0-9a-f]{8}"}


def json_schema_errors(data: dict) -> list[str]:
    import jsonschema

    schema = export.schema(SITE)
    jsonschema.Draft202012Validator.check_schema(schema)
    return sorted(error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_the_json_schema_accepts_the_json_and_names_what_is_wrong_with_a_changed_one():
    data = json.loads(export.to_json(REPAIRED + PAGES, SITE, CAUTIONS))
    assert json_schema_errors(data) == []
    assert export.schema(SITE)["$id"] == "https://someone.github.io/repo/downloads/checklists.schema.json"
    item = data["items"][0]
    item["notes"] = item.pop("editors_notes")
    item["id"], item["stage"], item["hash"], item["text"] = "SC-1", "intro", "XYZ", ""
    item["inserted"] = [""]
    data["cautions"]["en"]["lines"] = []
    data["version"] = 1
    assert json_schema_errors(data) == sorted([
        f"'SC-1' does not match {'^(?:' + export.ID_PATTERN.pattern + ')$'!r}",
        "'intro' is not one of ['self-check', 'rectification', 'application', 'maintenance']",
        "'XYZ' does not match '^(?:[0-9a-f]{8})$'", "'' should be non-empty", "'' should be non-empty",
        "'editors_notes' is a required property", "Additional properties are not allowed ('notes' was unexpected)",
        "[] should be non-empty", "2 was expected"])


def test_the_downloads_are_valid_for_frictionless_as_a_package(tmp_path):
    import frictionless

    for name, text in export.downloads(REPAIRED + PAGES, SITE, CAUTIONS).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = frictionless.validate(str(tmp_path / export.PACKAGE_NAME))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with (tmp_path / "downloads/checklists-en.csv").open(encoding="utf-8-sig", newline="") as file:
        assert [row["id"] for row in csv.DictReader(file)] == ["", "", "SC-01", "SC-02", "MA-01", "MA-02"]
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.*")) == [
        "datapackage.json", "downloads/checklists-en.csv", "downloads/checklists-zh.csv",
        "downloads/checklists.json", "downloads/checklists.schema.json"]


# The two descriptions as published, written out (and read through) in tests/fixtures/downloads/. The item-ID
# pattern is the one shared with guide.js (model.ID_PATTERN), so it stands there as {ID_PATTERN}.

DESCRIBED = ROOT / "tests" / "fixtures" / "downloads"


def written_out(name: str) -> str:
    text = (DESCRIBED / name).read_text(encoding="utf-8")
    return text.replace("{ID_PATTERN}", json.dumps(export.ID_PATTERN.pattern)[1:-1])


def test_the_json_schema_as_published():
    assert export.to_schema(SITE) == written_out("checklists.schema.json")


def test_the_data_package_as_published():
    assert export.to_datapackage(SITE, CAUTIONS) == written_out("datapackage.json")
