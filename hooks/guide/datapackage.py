"""The downloads' descriptions, for standard tools (issue #20, §6), both made from ``fields.FIELDS``:
``datapackage.json``, a Frictionless Data package (https://specs.frictionlessdata.io/) with the
title, licence, source, notice and cautions, and each file's fields with their types and
descriptions in both languages; and ``checklists.schema.json``, the JSON Schema (2020-12) of
checklists.json. ``make test`` validates the built downloads against both.
"""

from __future__ import annotations

import json

from .cautions import Cautions
from .export import (JSON_FORMAT, JSON_NAME, JSON_VERSION, NOTICE, PACKAGE_NAME, SCHEMA_NAME, caution_lines, csv_name,
                     plain, to_csv, to_json)
from .fields import CSV_FIELDS, FIELDS, Field
from .model import LANGUAGES, Page

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
    base = site_url.rstrip("/") + "/"
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
                       f"Schema: {base}{SCHEMA_NAME} / JSON：说明、编者提醒和两种语言的全部步骤（items）。"
                       f"JSON Schema 见 {base}{SCHEMA_NAME}",
        "path": JSON_NAME, "profile": "tabular-data-resource", "format": "json", "mediatype": "application/json",
        "encoding": "utf-8",
        "dialect": {"json": {"property": "items", "keyed": True}},  # the table is the file's "items"
        "schema": {"fields": [_table_field(each, in_csv=False) for each in FIELDS]},
    })
    return {
        "name": "jiebei-guide-checklists",
        "title": TITLE,
        "description": f"{NOTICE['zh']}\n\n{NOTICE['en']}",
        "homepage": base,
        "version": f"{JSON_VERSION}.0.0",
        "licenses": [LICENSE],
        "sources": [SOURCE],
        "notice": NOTICE,
        "cautions": {lang: {"title": plain(cautions[lang].title), "lines": caution_lines(cautions[lang])}
                     for lang in LANGUAGES},
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
        "$id": site_url.rstrip("/") + "/" + SCHEMA_NAME,
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
