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

from .html import editors_badge
from .model import BUILD_MARK, LANGUAGES, STAGES, Admonition, Item, Page, anchor, item_hash

DOWNLOADS = "downloads"
JSON_NAME = f"{DOWNLOADS}/checklists.json"
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
           "original": "原文（修补前）：", "note": "【{title}】{text}", "shared": "{title}（{ids}）",
           "legend": "<ins>带下划线</ins>的文字是编者修补时补入的（原文此处漏字），其下注明原文；"
                     "【编者注】是编者附在该步骤上的提醒，不是原文的内容。"},
    "en": {"id": "ID", "step": "Step", "done": "Done on", "notes": "Notes",
           "downloads": "Download every checklist", "json": "JSON (both languages)", "csv": "CSV (English)",
           "original": "Before the editors' repair: ", "note": "[{title}] {text}", "shared": "{title} ({ids})",
           "legend": "<ins>Underlined</ins> words were inserted by the editors where the article evidently lost a "
                     "word; the text before the repair is given below the step. [Editor's note] marks a caution "
                     "the editors attached to that step: it is not part of the article."},
}
# The one line every download and the worksheet carry (source, the source's own fiction statement, no advice).
NOTICE = {
    "zh": "来源：静候缘来《借呗账户被关闭后如何重新开通:企业融资视角下的策略与解决方案》，借呗复通指南整理、注释。"
          "原文声明其所有信息均为虚构。本指南不构成金融或法律建议。",
    "en": "Source: 借呗账户被关闭后如何重新开通:企业融资视角下的策略与解决方案 (How to reopen a closed Jiebei account), "
          "by 静候缘来, annotated and translated by the Jiebei Reopening Guide. The source says its contents are "
          "fictional. Not financial or legal advice.",
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
                        "by": "editors" if item.editors else "article",
                        "text": plain(item.text),
                        "hash": item_hash(item.text),
                        "url": page_url(page),
                        "anchor": anchor(item.id),
                        "original": unrepaired(item.text),
                        "inserted": [plain(words) for words in INSERTED.findall(item.text)],
                        "notes": [{"title": note.title, "text": note_text(note)} for note in page.notes_for(item.id)],
                    })
    return rows


def unrepaired(text: str) -> str:
    """The item's text before the editors' insert-only repair, or "" when it has none."""
    if not INSERTED.search(text):
        return ""
    return re.sub(r"\s+([.,;:!?])", r"\1", plain(INSERTED.sub("", text)))


def note_text(note: Admonition) -> str:
    """An editor's note as one line of plain text (its paragraphs joined; no space between Chinese ones)."""
    return CJK_GAP.sub("", plain(" ".join(line for line in note.body if line)))


def note_line(lang: str, note: dict[str, str]) -> str:
    return WORKSHEET_HEADINGS[lang]["note"].format(**note)


def to_json(pages: Iterable[Page]) -> str:
    """Every item of both languages. ``by`` is "article", or "editors" for a step the editors added
    beyond the article (``{ .editors }``). ``original`` is the item's text before the editors' repair
    (empty when there is none), ``inserted`` the words they inserted, ``notes`` the editor's notes
    attached to the item."""
    return json.dumps({"format": "jiebei-guide-checklists", "version": 1, "notice": NOTICE,
                       "items": records(pages)}, ensure_ascii=False, indent=2) + "\n"


CSV_FIELDS = ["stage", "checklist", "id", "by", "text", "original", "notes", "url", "anchor"]


def to_csv(pages: Iterable[Page], lang: str) -> str:
    """One row per item, after one line with the notice (so it is read before the items)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\r\n")
    csv.writer(buffer, lineterminator="\r\n").writerow([NOTICE[lang]])
    writer.writeheader()
    writer.writerows(dict(row, notes=" ".join(note_line(lang, note) for note in row["notes"]))
                     for row in records(pages) if row["lang"] == lang)
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
        f'<p class="worksheet-notice">{html.escape(NOTICE[lang], quote=False)}</p>',
        f'<p class="worksheet-legend">{words["legend"]}</p>',
        f'<p class="worksheet-downloads">{words["downloads"]}: '
        f'<a href="{site_root}{JSON_NAME}" download>{words["json"]}</a> · '
        f'<a href="{site_root}{csv_name(lang)}" download>{words["csv"]}</a></p>',
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
                    f'{worksheet_notes(page, item, lang)}</td><td></td><td></td></tr>')
            out += ["</tbody></table>", ""]
    return "\n".join(out)



def worksheet_notes(page: Page, item: Item, lang: str) -> str:
    """Lines under an item's text: the text before the editors' repair, then the attached notes."""
    lines = []
    if unrepaired(item.text):
        lines.append(WORKSHEET_HEADINGS[lang]["original"] + unrepaired(item.text))
    order = [each.id for each in page.items]
    for note in page.notes_for(item.id):
        ids = sorted(set(note.attached) & set(order), key=order.index)
        if ids[-1] != item.id:
            continue  # a note on several items is printed once, under the last of them
        title = note.title if len(ids) == 1 else WORKSHEET_HEADINGS[lang]["shared"].format(
            title=note.title, ids=", ".join(ids))
        lines.append(note_line(lang, {"title": title, "text": note_text(note)}))
    return "".join(f'<span class="worksheet-note">{html.escape(line, quote=False)}</span>' for line in lines)


def worksheet_text(text: str) -> str:
    """Item text as HTML for the worksheet: plain, but an editor's insertion stays marked."""
    marked = INSERTED.sub("\x00\\1\x01", FOOTNOTE_REF.sub("", text))
    escaped = html.escape(plain(marked), quote=False)
    return escaped.replace("\x00", "<ins>").replace("\x01", "</ins>")

