"""Everything built from the parsed checklists: the downloads (checklists.json, one CSV per
language), their descriptions (datapackage.json, checklists.schema.json) and the printable worksheet.

All of it comes from the same ``Page`` objects the validator checked, never from hand copies of
the content; the fields are defined once (``FIELDS``), the editors' cautions read once from
docs/includes/cautions*.md (``sources.load_cautions``).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .html import editors_badge
from .model import BUILD_MARK, ID_PATTERN, LANGUAGES, STAGES, Admonition, Item, Page, anchor, item_hash
from .sources import Cautions

DOWNLOADS = "downloads"
JSON_NAME = f"{DOWNLOADS}/checklists.json"
SCHEMA_NAME = f"{DOWNLOADS}/checklists.schema.json"  # the JSON Schema of checklists.json
PACKAGE_NAME = "datapackage.json"  # the Frictionless data package describing the three downloads
JSON_FORMAT, JSON_VERSION = "jiebei-guide-checklists", 2  # 2: editors_notes, absolute url, cautions, marks
FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
# A space between Chinese paragraphs once joined (a quotation mark next to a Chinese character counts).
CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef“‘])"
                     r"|(?<=[\u3000-\u9fff\uff00-\uffef”’]) (?=[\u3000-\u9fff\uff00-\uffef])")
INSERTED = re.compile(r"\^\^(.+?)\^\^")  # an editor's insert-only repair of the article
INLINE_MARKUP = (
    (FOOTNOTE_REF, ""),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?"), r"\1"),  # links and images -> their text
    (re.compile(r"(\*\*|__|\^\^|==|~~|\*|`)"), ""),  # emphasis, insert, mark, code
)
WORKSHEET_HEADINGS = {
    "zh": {"id": "编号", "step": "步骤", "done": "完成日期", "notes": "备注",
           "downloads": "下载全部清单", "json": "JSON（两种语言）", "csv": "CSV（中文）",
           "package": "字段说明（datapackage.json）",
           "original": "原文（修补前）：", "note": "【{title}】{text}", "shared": "{title}（{ids}）",
           "legend": "<ins>带下划线</ins>的文字是编者修补时补入的：原文此处漏了字，步骤下方附原文，漏字处标为〔…〕"
                     "（下载文件中补入的文字放在〔〕中）。步骤下方以【标题】开头的文字是编者附在该步骤上的编者注，"
                     "不是原文的内容。“备注”栏留给你自己填写。"},
    "en": {"id": "ID", "step": "Step", "done": "Done on", "notes": "Notes",
           "downloads": "Download every checklist", "json": "JSON (both languages)", "csv": "CSV (English)",
           "package": "What each field means (datapackage.json)",
           "original": "The article's Chinese before the editors' repair: ", "note": "[{title}] {text}",
           "shared": "{title} ({ids})",
           "legend": "<ins>Underlined</ins> words were inserted by the editors where a word is evidently missing "
                     "from the article; below the step is the article's Chinese as published, with 〔…〕 marking "
                     "the gap (in the downloads, inserted words are in square brackets). Lines under a step that "
                     "begin with a title in square brackets are the editors' notes attached to it, not part of the "
                     "article. The Notes column is yours to write in."},
}
COLON = {"zh": "：", "en": ": "}
# The one line every download and the worksheet carry (source, the source's own fiction statement, no advice).
NOTICE = {
    "zh": "来源：静候缘来《借呗账户被关闭后如何重新开通:企业融资视角下的策略与解决方案》，借呗复通指南编者整理、注释。"
          "原文声明其所有信息均为虚构。本指南不构成金融或法律建议。",
    "en": "Source: 借呗账户被关闭后如何重新开通:企业融资视角下的策略与解决方案 (How to reopen a closed Jiebei account), "
          "by 静候缘来, annotated and translated by the editors of the Jiebei Reopening Guide. The source says its contents are "
          "fictional. Not financial or legal advice.",
}


# ---- The one definition of the downloads' fields ----
#
# What each item of checklists.json holds, which of them the CSVs have as columns and in what order,
# each field's type and its description in both languages. The files are written in this order and
# described from it (the data package, the JSON Schema), so the files and their descriptions cannot drift.

GAP = "〔…〕"  # where the article lost words, in its Chinese as published
INSERT_MARK = {"zh": "〔{}〕", "en": "[{}]"}  # the words the editors inserted there, in the item's text


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # its Table Schema type in checklists.json: "string" or "array" (a CSV cell is always a string)
    zh: str
    en: str
    csv: bool = True  # also a column of the CSVs
    required: bool = True  # never empty in an item of checklists.json
    every_row: bool = False  # never empty in a CSV row, the editors' caution rows that open it included
    enum: tuple[str, ...] = ()
    pattern: str = ""  # a whole-value regular expression
    format: str = ""  # Table Schema and JSON Schema both: "uri"
    entries: dict = field(default_factory=dict)  # the JSON Schema of an array's entries
    csv_zh: str = ""  # how the CSV cell writes an array
    csv_en: str = ""

    @property
    def description(self) -> str:
        return f"{self.zh} / {self.en}"


NOTE = {"type": "object", "required": ["title", "text"], "additionalProperties": False,
        "properties": {"title": {"type": "string", "minLength": 1}, "text": {"type": "string"}}}

FIELDS: tuple[Field, ...] = (
    Field("lang", "string", "清单的语言：zh 为中文，en 为英文。", "The language of the checklist: zh Chinese, en English.",
          csv=False, enum=LANGUAGES),
    Field("stage", "string", "所属阶段（页面地址中的名称）。CSV 开头几行编者提醒的这一栏为空。",
          "The stage, as named in its page's address. Empty on the editors' caution rows that open a CSV.",
          enum=tuple(STAGES)),
    Field("page", "string", "阶段页面的标题。", "The title of the stage's page.", csv=False),
    Field("checklist", "string", "清单的标题；CSV 开头几行为编者提醒的标题。",
          "The checklist's title; on a CSV's opening rows, the title of the editors' cautions.", every_row=True),
    Field("id", "string", "步骤编号，在各语言中相同，永不重新编号（读者的勾选记录以它为准）。CSV 开头几行编者提醒的这一栏为空。",
          "The step's ID: the same in both languages and never renumbered (readers' ticks are kept by it). "
          "Empty on the editors' caution rows that open a CSV.", pattern=ID_PATTERN.pattern),
    Field("by", "string", "article：原文的步骤；editors：编者在原文之外补充的步骤或提醒。",
          "article: a step of the article; editors: a step or caution the editors added beyond the article.",
          enum=("article", "editors"), every_row=True),
    Field("text", "string",
          "步骤的文字（纯文本）。编者修补时补入的文字放在〔〕中（英文为 [ ]），见 inserted。",
          "The step's text, as plain text. Words the editors inserted to repair the article are in brackets, "
          "〔〕 in Chinese and [ ] in English: see inserted.", every_row=True),
    Field("original", "string",
          f"编者修补之前原文的中文句子，漏字处标为{GAP}；未经修补的步骤此栏为空。",
          f"The article's Chinese sentence before the editors' repair, with {GAP} where the article lost words "
          "(the same in both languages); empty when the step was not repaired.", required=False),
    Field("inserted", "array", "编者修补时补入的文字（每处一项）；未经修补的为空列表。",
          "The words the editors inserted to repair the step, one entry per insertion; empty when none.",
          entries={"type": "string", "minLength": 1},
          csv_zh="CSV 中各项以“; ”分隔。", csv_en="In a CSV, the entries are separated by “; ”."),
    Field("editors_notes", "array",
          "编者附在该步骤上的编者注（标题与正文），不是原文的内容。",
          "The editors' notes attached to the step (title and text): not part of the article.",
          entries=NOTE,
          csv_zh="CSV 中每条写作“【标题】正文”，以空格分隔。",
          csv_en="In a CSV, each is written “[title] text”, separated by a space."),
    Field("hash", "string", "步骤原文（Markdown）的指纹：读者浏览器据此发现勾选后步骤有改动。",
          "A fingerprint of the step's source text: readers' browsers use it to tell that a step changed "
          "after they ticked it.", csv=False, pattern="[0-9a-f]{8}"),
    Field("url", "string", "阶段页面的完整网址。", "The full address of the stage's page.", format="uri"),
    Field("anchor", "string", "步骤在页面中的锚点（网址 # 之后的部分）。",
          "The step's anchor on its page (what follows # in the address)."),
)

CSV_FIELDS: tuple[Field, ...] = tuple(each for each in FIELDS if each.csv)


# ---- The files ----

def csv_name(lang: str) -> str:
    return f"{DOWNLOADS}/checklists-{lang}.csv"


def plain(text: str) -> str:
    """Item text without Markdown inline markup, for files read outside the site."""
    for pattern, replacement in INLINE_MARKUP:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def page_url(page: Page) -> str:
    """Site-root-relative URL with directory URLs, as MkDocs and the i18n plugin publish it."""
    path = page.key[: -len(".md")]
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    prefix = "" if page.lang == LANGUAGES[0] else f"{page.lang}/"
    return f"/{prefix}{path}"


def page_address(page: Page, site_url: str) -> str:
    """The page's full address under ``site_url`` (mkdocs.yml), which may hold a project path (``/repo/``)."""
    return site_url.rstrip("/") + page_url(page)


def stage_pages(pages: Iterable[Page], lang: str) -> list[Page]:
    """The language's stage pages in the order of the stages."""
    order = list(STAGES)
    found = [p for p in pages if p.lang == lang and p.stage in STAGES]
    return sorted(found, key=lambda p: order.index(p.stage))


def records(pages: Iterable[Page], site_url: str) -> list[dict]:
    """Every item of both languages, with the fields of ``FIELDS`` in their order."""
    pages = list(pages)
    originals = article_originals(pages)
    rows = []
    for lang in LANGUAGES:
        for page in stage_pages(pages, lang):
            for checklist in page.checklists:
                for item in checklist.items:
                    row = {
                        "lang": lang,
                        "stage": page.stage,
                        "page": page.title,
                        "checklist": checklist.title,
                        "id": item.id,
                        "by": "editors" if item.editors else "article",
                        "text": marked_text(item.text, lang),
                        "original": originals.get((page.key, item.id), ""),
                        "inserted": [plain(words) for words in INSERTED.findall(item.text)],
                        "editors_notes": [{"title": note.title, "text": note_text(note)}
                                          for note in page.notes_for(item.id)],
                        "hash": item_hash(item.text),
                        "url": page_address(page, site_url),
                        "anchor": anchor(item.id),
                    }
                    rows.append({field.name: row[field.name] for field in FIELDS})
    return rows


def marked_text(text: str, lang: str) -> str:
    """Plain text with the editors' inserted words in brackets (〔〕 in Chinese, [ ] in English)."""
    mark = INSERT_MARK.get(lang, INSERT_MARK["en"])
    return plain(INSERTED.sub(lambda found: mark.format(found.group(1)), text))


def unrepaired(text: str) -> str:
    """The article's sentence before the editors' insert-only repair, the gap marked; "" when none."""
    if not INSERTED.search(text):
        return ""
    return plain(INSERTED.sub(GAP, text))


def article_originals(pages: Iterable[Page]) -> dict[tuple[str, str], str]:
    """Per (page, item ID), the article's Chinese before the repair: for every language, since a
    translation of the unrepaired sentence would be the editors' invention, not the article."""
    return {(page.key, item.id): unrepaired(item.text)
            for page in pages if page.lang == LANGUAGES[0] for item in page.items if unrepaired(item.text)}


def note_text(note: Admonition) -> str:
    """An editor's note as one line of plain text (its paragraphs joined; no space between Chinese ones)."""
    return CJK_GAP.sub("", plain(" ".join(line for line in note.body if line)))


def note_line(lang: str, note: dict[str, str]) -> str:
    return WORKSHEET_HEADINGS[lang]["note"].format(**note)


def cautions_data(cautions: dict[str, Cautions]) -> dict[str, dict]:
    """The editors' cautions of each language as plain text, as the JSON and the data package carry them."""
    return {lang: {"title": plain(cautions[lang].title), "lines": [plain(line) for line in cautions[lang].lines]}
            for lang in LANGUAGES}


def published(site_url: str, name: str) -> str:
    """A published file's full address under ``site_url``."""
    return f"{site_url.rstrip('/')}/{name}"


def to_json(pages: Iterable[Page], site_url: str, cautions: dict[str, Cautions]) -> str:
    """Every item of both languages, after the notice and the editors' cautions of each language.
    The fields are ``FIELDS`` (described, published, by the data package and the JSON Schema)."""
    data = {
        "$schema": published(site_url, SCHEMA_NAME),
        "format": JSON_FORMAT, "version": JSON_VERSION, "notice": NOTICE,
        "cautions": cautions_data(cautions),
        "items": records(pages, site_url),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(pages: Iterable[Page], lang: str, site_url: str, cautions: Cautions) -> str:
    """RFC 4180: the header first, then the editors' cautions (one row each, so they travel with the
    file), then one row per item. UTF-8 with a BOM, so that spreadsheet programs read it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[field.name for field in CSV_FIELDS], extrasaction="ignore",
                            lineterminator="\r\n")
    writer.writeheader()
    title = plain(cautions.title)
    writer.writerows({"checklist": title, "by": "editors", "text": plain(line)} for line in cautions.lines)
    writer.writerows(dict(row, inserted="; ".join(row["inserted"]),
                          editors_notes=" ".join(note_line(lang, note) for note in row["editors_notes"]))
                     for row in records(pages, site_url) if row["lang"] == lang)
    return "\ufeff" + buffer.getvalue()


# ---- Their descriptions, for standard tools (issue #20, §6) ----
#
# datapackage.json, a Frictionless Data package (https://specs.frictionlessdata.io/): title, licence,
# source, notice, cautions, and each file's fields with their types and descriptions in both languages;
# checklists.schema.json, the JSON Schema (2020-12) of checklists.json. Both made from FIELDS;
# `make test` validates the built downloads against them.

TITLE = "借呗复通指南 · 全部清单 / Jiebei Reopening Guide: every checklist"
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0 International"}
SOURCE = {"title": "静候缘来《借呗账户被关闭后如何重新开通:企业融资视角下的策略与解决方案》 "
                   "(How to reopen a closed Jiebei account; the article says its contents are fictional)"}
LANGUAGE_NAMES = {"zh": "中文 / Chinese", "en": "英文 / English"}


def _table_field(each: Field, in_csv: bool) -> dict:
    """A Table Schema field. In a CSV every cell is text: an array is written out as the field says."""
    kind = "string" if in_csv else each.type
    described = each.description
    if in_csv and each.type == "array":
        described += f" {each.csv_zh} / {each.csv_en}"
    constraints: dict = {}
    if each.every_row or (each.required and not in_csv):
        constraints["required"] = True
    if each.enum:
        constraints["enum"] = list(each.enum)
    if each.pattern:
        constraints["pattern"] = each.pattern
    found = {"name": each.name, "type": kind, "description": described}
    if each.format:
        found["format"] = each.format
    return found | ({"constraints": constraints} if constraints else {})


def descriptor(site_url: str, cautions: dict[str, Cautions]) -> dict:
    csv_schema = {"fields": [_table_field(each, in_csv=True) for each in CSV_FIELDS]}
    resources = [{
        "name": f"checklists-{lang}",
        "title": f"全部清单（{LANGUAGE_NAMES[lang]}） / Every checklist ({LANGUAGE_NAMES[lang]})",
        "description": "RFC 4180 CSV, UTF-8 with a BOM; the header first, then the editors' cautions, then one row "
                       "per step. / RFC 4180 CSV，UTF-8（带 BOM）；首行为表头，其后是编者提醒，再后每个步骤一行。",
        "path": csv_name(lang), "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True},
        "schema": csv_schema,
    } for lang in LANGUAGES]
    resources.append({
        "name": "checklists",
        "title": "全部清单（两种语言） / Every checklist (both languages)",
        "description": f"JSON: the notice, the editors' cautions and every step of both languages (items). Its JSON "
                       f"Schema: {published(site_url, SCHEMA_NAME)} / JSON：说明、编者提醒和两种语言的全部步骤（items）。"
                       f"JSON Schema 见 {published(site_url, SCHEMA_NAME)}",
        "path": JSON_NAME, "profile": "tabular-data-resource", "format": "json", "mediatype": "application/json",
        "encoding": "utf-8",
        "dialect": {"json": {"property": "items", "keyed": True}},  # the table is the file's "items"
        "schema": {"fields": [_table_field(each, in_csv=False) for each in FIELDS]},
    })
    return {
        "name": "jiebei-guide-checklists",
        "title": TITLE,
        "description": f"{NOTICE['zh']}\n\n{NOTICE['en']}",
        "homepage": published(site_url, ""),
        "version": f"{JSON_VERSION}.0.0",
        "licenses": [LICENSE],
        "sources": [SOURCE],
        "notice": NOTICE,
        "cautions": cautions_data(cautions),
        "resources": resources,
    }


def to_datapackage(site_url: str, cautions: dict[str, Cautions]) -> str:
    return json.dumps(descriptor(site_url, cautions), ensure_ascii=False, indent=2) + "\n"


def _json_property(each: Field) -> dict:
    found: dict = {"description": each.description}
    if each.type == "array":
        return found | {"type": "array", "items": each.entries}
    found["type"] = "string"
    if each.enum:
        found["enum"] = list(each.enum)
    if each.pattern:
        found["pattern"] = f"^(?:{each.pattern})$"
    if each.format:
        found["format"] = each.format
    if each.required and not each.enum and not each.pattern:
        found["minLength"] = 1
    return found


def schema(site_url: str) -> dict:
    """The JSON Schema of checklists.json."""
    by_language = {"type": "object", "required": list(LANGUAGES), "additionalProperties": False}
    lines = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
    caution = {"type": "object", "required": ["title", "lines"], "additionalProperties": False,
               "properties": {"title": {"type": "string", "minLength": 1}, "lines": lines}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": published(site_url, SCHEMA_NAME),
        "title": TITLE,
        "description": f"{NOTICE['zh']}\n\n{NOTICE['en']}",
        "type": "object",
        "required": ["format", "version", "notice", "cautions", "items"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string", "format": "uri"},
            "format": {"const": JSON_FORMAT},
            "version": {"const": JSON_VERSION},
            "notice": by_language | {"description": "来源与原文的虚构声明 / The source and its fiction statement",
                                     "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGUAGES}},
            "cautions": by_language | {"description": "编者提醒 / The editors' cautions",
                                       "properties": {lang: caution for lang in LANGUAGES}},
            "items": {"type": "array", "items": {
                "type": "object", "required": [each.name for each in FIELDS], "additionalProperties": False,
                "properties": {each.name: _json_property(each) for each in FIELDS}}},
        },
    }


def to_schema(site_url: str) -> str:
    return json.dumps(schema(site_url), ensure_ascii=False, indent=2) + "\n"


def downloads(pages: list[Page], site_url: str, cautions: dict[str, Cautions]) -> dict[str, str]:
    """Every file the build publishes for download, by its path in the site."""
    files = {JSON_NAME: to_json(pages, site_url, cautions), SCHEMA_NAME: to_schema(site_url),
             PACKAGE_NAME: to_datapackage(site_url, cautions)}
    return files | {csv_name(lang): to_csv(pages, lang, site_url, cautions[lang]) for lang in LANGUAGES}


# ---- The worksheet ----

def stage_item_ids(pages: Iterable[Page], lang: str) -> dict[str, list[str]]:
    return {page.stage: [item.id for item in page.items] for page in stage_pages(pages, lang)}


def worksheet_markdown(pages: Iterable[Page], lang: str, src_depth: int, url_depth: int,
                       cautions: Cautions) -> str:
    """The worksheet's body: the editors' cautions (their Markdown, rendered like any page's) and the
    notice, then every checklist of the four stages, in order, one table row per item.

    Headings are Markdown, with links relative to the source file (``src_depth`` folders
    below docs/). The tables are HTML with a class of their own, so the theme leaves them
    alone (wrapping 19 tables cost ~0.5 s of layout on a phone); their links are relative
    to the page's URL (``url_depth`` folders below the site root).
    """
    pages = list(pages)
    words = WORKSHEET_HEADINGS[lang]
    originals = article_originals(pages)
    up = "../" * src_depth
    site_root = "../" * url_depth
    out = [
        cautions.markdown,  # first: the glossary's tooltips mark a term at its first use, and HTML gets none
        f'<p class="worksheet-notice">{html.escape(NOTICE[lang], quote=False)}</p>',
        f'<p class="worksheet-legend">{words["legend"]}</p>',
        f'<p class="worksheet-downloads">{words["downloads"]}{COLON[lang]}'
        f'<a href="{site_root}{JSON_NAME}" download>{words["json"]}</a> · '
        f'<a href="{site_root}{csv_name(lang)}" download>{words["csv"]}</a> · '
        f'<a href="{site_root}{PACKAGE_NAME}" download>{words["package"]}</a></p>',
        "",
    ]
    # Four columns: the box goes with the ID, so that on paper the step text keeps half
    # of the width and the two columns to write in keep room for a date and a phrase.
    head = "".join(f'<th scope="col">{words[key]}</th>' for key in ("id", "step", "done", "notes"))
    for page in stage_pages(pages, lang):
        out += [f"## [{page.title}]({up}{page.src_uri})", ""]
        for checklist in page.checklists:
            out += [f"### {checklist.title}", "", '<table class="worksheet-table">',
                    f"<thead><tr>{head}</tr></thead><tbody>"]
            for item in checklist.items:
                link = f"{site_root}{page_url(page).removeprefix('/')}#{anchor(item.id)}"
                out.append(
                    f'<tr><td><span class="worksheet-box" data-item="{item.id}" data-mark="{BUILD_MARK}"></span> <a href="{link}">{item.id}</a></td>'
                    f'<td>{worksheet_text(item.text)}'
                    f'{(" " + editors_badge(lang)) if item.editors else ""}'
                    f'{worksheet_notes(page, item, lang, originals)}</td><td></td><td></td></tr>')
            out += ["</tbody></table>", ""]
    return "\n".join(out)



def worksheet_notes(page: Page, item: Item, lang: str, originals: dict[tuple[str, str], str]) -> str:
    """Lines under an item's text: the article's Chinese before the editors' repair, then the attached notes."""
    lines = []
    original = originals.get((page.key, item.id), "")
    if original:
        lead = html.escape(WORKSHEET_HEADINGS[lang]["original"], quote=False)
        quoted = html.escape(original, quote=False)
        if lang != LANGUAGES[0]:
            quoted = f'<span lang="{LANGUAGES[0]}">{quoted}</span>'
        lines.append(lead + quoted)
    order = [each.id for each in page.items]
    for note in page.notes_for(item.id):
        ids = sorted(set(note.attached) & set(order), key=order.index)
        if ids[-1] != item.id:
            continue  # a note on several items is printed once, under the last of them
        title = note.title if len(ids) == 1 else WORKSHEET_HEADINGS[lang]["shared"].format(
            title=note.title, ids=", ".join(ids))
        lines.append(html.escape(note_line(lang, {"title": title, "text": note_text(note)}), quote=False))
    return "".join(f'<span class="worksheet-note">{line}</span>' for line in lines)


def worksheet_text(text: str) -> str:
    """Item text as HTML for the worksheet: plain, but an editor's insertion stays marked."""
    marked = INSERTED.sub("\x00\\1\x01", FOOTNOTE_REF.sub("", text))
    escaped = html.escape(plain(marked), quote=False)
    return escaped.replace("\x00", "<ins>").replace("\x01", "</ins>")

