"""Everything built from the parsed checklists: JSON, CSV and the printable worksheet.

All of it comes from the same ``Page`` objects the validator checked, never
from hand copies of the content.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable

from .model import LANGUAGES, STAGES, Page, anchor, item_hash

DOWNLOADS = "downloads"
JSON_NAME = f"{DOWNLOADS}/checklists.json"
FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
INLINE_MARKUP = (
    (FOOTNOTE_REF, ""),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?"), r"\1"),  # links and images -> their text
    (re.compile(r"(\*\*|__|\^\^|==|~~|\*|`)"), ""),  # emphasis, insert, mark, code
)
WORKSHEET_HEADINGS = {
    "zh": {"box": "完成", "id": "编号", "step": "步骤", "done": "完成日期", "notes": "备注",
           "downloads": "下载全部清单", "json": "JSON（两种语言）", "csv": "CSV（中文）"},
    "en": {"box": "Done", "id": "ID", "step": "Step", "done": "Done on", "notes": "Notes",
           "downloads": "Download every checklist", "json": "JSON (both languages)", "csv": "CSV (English)"},
}


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


def stage_pages(pages: Iterable[Page], lang: str) -> list[Page]:
    """The language's stage pages in the order of the stages."""
    order = list(STAGES)
    found = [p for p in pages if p.lang == lang and p.stage in STAGES]
    return sorted(found, key=lambda p: order.index(p.stage))


def records(pages: Iterable[Page]) -> list[dict[str, str]]:
    pages = list(pages)
    rows = []
    for lang in LANGUAGES:
        for page in stage_pages(pages, lang):
            for checklist in page.checklists:
                for item in checklist.items:
                    rows.append({
                        "lang": lang,
                        "stage": page.stage,
                        "page": page.title,
                        "checklist": checklist.title,
                        "id": item.id,
                        "text": plain(item.text),
                        "hash": item_hash(item.text),
                        "url": page_url(page),
                        "anchor": anchor(item.id),
                    })
    return rows


def to_json(pages: Iterable[Page]) -> str:
    return json.dumps({"format": "jiebei-guide-checklists", "version": 1, "items": records(pages)},
                      ensure_ascii=False, indent=2) + "\n"


def to_csv(pages: Iterable[Page], lang: str) -> str:
    buffer = io.StringIO()
    fields = ["stage", "checklist", "id", "text", "url", "anchor"]
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(row for row in records(pages) if row["lang"] == lang)
    # A BOM so that spreadsheet programs open the Chinese text as UTF-8.
    return "\ufeff" + buffer.getvalue()


def stage_item_ids(pages: Iterable[Page], lang: str) -> dict[str, list[str]]:
    return {page.stage: [item.id for item in page.items] for page in stage_pages(pages, lang)}


def worksheet_markdown(pages: Iterable[Page], lang: str, src_depth: int, url_depth: int) -> str:
    """The worksheet's body: every checklist of the four stages, in order, one table row per item.

    Headings are Markdown, with links relative to the source file (``src_depth`` folders
    below docs/). The tables are HTML with a class of their own, so the theme leaves them
    alone (wrapping 19 tables cost ~0.5 s of layout on a phone); their links are relative
    to the page's URL (``url_depth`` folders below the site root).
    """
    words = WORKSHEET_HEADINGS[lang]
    up = "../" * src_depth
    site_root = "../" * url_depth
    out = [
        f'<p class="worksheet-downloads">{words["downloads"]}: '
        f'<a href="{site_root}{JSON_NAME}" download>{words["json"]}</a> · '
        f'<a href="{site_root}{csv_name(lang)}" download>{words["csv"]}</a></p>',
        "",
    ]
    head = "".join(f'<th scope="col">{words[key]}</th>' for key in ("box", "id", "step", "done", "notes"))
    for page in stage_pages(pages, lang):
        out += [f"## [{page.title}]({up}{page.src_uri})", ""]
        for checklist in page.checklists:
            out += [f"### {checklist.title}", "", '<table class="worksheet-table">',
                    f"<thead><tr>{head}</tr></thead><tbody>"]
            for item in checklist.items:
                link = f"{site_root}{page_url(page).lstrip('/')}#{anchor(item.id)}"
                out.append(
                    f'<tr><td><span class="worksheet-box" data-item="{item.id}"></span></td>'
                    f'<td><a href="{link}">{item.id}</a></td><td>{worksheet_text(item.text)}</td><td></td><td></td></tr>')
            out += ["</tbody></table>", ""]
    return "\n".join(out)


INSERTED = re.compile(r"\^\^(.+?)\^\^")


def worksheet_text(text: str) -> str:
    """Item text as HTML for the worksheet: plain, but an editor's insertion stays marked."""
    marked = INSERTED.sub("\x00\\1\x01", FOOTNOTE_REF.sub("", text))
    escaped = html.escape(plain(marked), quote=False)
    return escaped.replace("\x00", "<ins>").replace("\x01", "</ins>")


def compact_search_index(text: str) -> str:
    """The theme writes the index with every Chinese character escaped (\\uXXXX, 6 bytes
    instead of 3) and with indentation; the same JSON, written compactly as UTF-8, is
    about half the size and 2 KB smaller gzipped, for every reader who searches."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
