"""Small, exact rewrites of the HTML pages the theme writes (no MkDocs import).

A rewrite of the theme's markup that finds nothing to change raises ``RewriteMissed``
(the build then stops, naming it): after a theme upgrade it must fail loudly, not
silently stop doing its job.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from html import escape
from urllib.parse import urljoin

from .model import BUILD_MARK, LANGUAGES
from .theme import INLINE_SCRIPTS

class RewriteMissed(Exception):
    """A rewrite found none of the markup it was written for."""

    def __init__(self, rewrite: str, expected: str) -> None:
        super().__init__(f"the rewrite {rewrite}() in hooks/guide/html.py found no {expected}: the theme's "
                         "markup changed (a Material upgrade?); update the rewrite")


def _matched(count: int, rewrite: str, expected: str) -> None:
    if not count:
        raise RewriteMissed(rewrite, expected)


ALTERNATE = re.compile(r'<link rel="alternate" href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]+)">')


def absolute_alternates(html: str, page_url: str) -> str:
    """hreflang alternates must be absolute URLs (search engines ignore relative ones),
    and ``x-default`` names the page for readers of other languages: the Chinese one."""
    default_href = None

    def absolute(match: re.Match[str]) -> str:
        nonlocal default_href
        href = urljoin(page_url, match.group("href"))
        if match.group("lang") == LANGUAGES[0]:
            default_href = href
        return f'<link rel="alternate" href="{href}" hreflang="{match.group("lang")}">'

    html, count = ALTERNATE.subn(absolute, html)
    _matched(count, "absolute_alternates", '<link rel="alternate" href="…" hreflang="…">')
    if default_href and 'hreflang="x-default"' not in html:
        last = list(ALTERNATE.finditer(html))[-1]
        html = (html[: last.end()] + f'\n      <link rel="alternate" href="{default_href}" hreflang="x-default">'
                + html[last.end():])
    return html


SELECT_LINK = re.compile(r'href="[^"]*" hreflang="(?P<lang>[a-z-]+)" class="md-select__link"')
NOT_FOUND_TITLE = "<h1>404 - Not found</h1>"  # Material's 404.html, in English whatever the language
NOT_FOUND_WORDS = {
    "zh": {"title": "找不到这个页面", "home": "首页",
           "text": "这个地址没有页面：它可能已经移动，或者地址有误。可以从这里继续："},
    "en": {"title": "Page not found", "home": "Home",
           "text": "There is no page at this address: it may have moved, or the address may be mistyped. "
                   "Carry on from here:"},
}


def not_found_page(html: str, site_path: str, links: dict[str, list[tuple[str, str]]]) -> str:
    """The 404 page is no translation of any page: no hreflang alternates, and the language
    menu leads to each language's home page (not to the last page built).

    GitHub Pages serves this one page for every missing address, whatever its language, so
    its body says it in each language, with links (``links``: language -> (title, URL) pairs:
    home and stages) into that language; assets/guide.js keeps only the block of the
    language of the address asked for (all of them show without JavaScript)."""
    html = re.sub(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]+">', "", html)

    def home(match: re.Match[str]) -> str:
        lang = match.group("lang")
        path = site_path if lang == LANGUAGES[0] else f"{site_path}{lang}/"
        return f'href="{path}" hreflang="{lang}" class="md-select__link"'

    html, count = SELECT_LINK.subn(home, html)
    _matched(count, "not_found_page", 'language menu link (href="…" hreflang="…" class="md-select__link")')
    _matched(html.count(NOT_FOUND_TITLE), "not_found_page", NOT_FOUND_TITLE)
    return html.replace(NOT_FOUND_TITLE, "".join(not_found_body(lang, links[lang]) for lang in links), 1)


def not_found_body(lang: str, links: list[tuple[str, str]]) -> str:
    words = NOT_FOUND_WORDS[lang]
    items = "".join(f'<li><a href="{escape(href)}" hreflang="{lang}">{escape(title, quote=False)}</a></li>' for title, href in links)
    return (f'<div class="guide-not-found" lang="{lang}" data-not-found="{lang}"><h1>{words["title"]}</h1>'
            f'<p>{words["text"]}</p><ul>{items}</ul></div>')


# ---- The theme's words, in the page's language ----
GENERATOR = re.compile(r"Made with\s*(<a [^>]*>\s*Material for MkDocs\s*</a>)")
GENERATOR_WORDS = {"zh": "使用 {link} 制作", "en": "Made with {link}"}
FOOTNOTE_BACKLINK_TITLE = {"zh": "跳回正文中的脚注 %d", "en": "Jump back to footnote %d in the text"}


def with_footer_in_language(html: str, lang: str) -> str:
    """Material's footer says "Made with Material for MkDocs" in English on every page."""
    html, count = GENERATOR.subn(lambda m: GENERATOR_WORDS[lang].format(link=m.group(1)), html, count=1)
    _matched(count, "with_footer_in_language", '"Made with <a …>Material for MkDocs</a>" in the footer')
    return html


POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
)


def with_content_security_policy(html: str) -> str:
    """Put a Content-Security-Policy <meta> first in <head>: only this origin, and of inline
    scripts only the theme's own (by hash, from theme.INLINE_SCRIPTS, never from the page),
    so no injected script runs; the build refuses a page with any other (``rendered``)."""
    policy = POLICY.format(hashes=" ".join(INLINE_SCRIPTS))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    html, count = re.subn(r"(<head[^>]*>\s*(?:<meta charset=[^>]*>)?)", lambda m: f"{m.group(1)}\n    {meta}", html,
                          count=1)
    _matched(count, "with_content_security_policy", "<head>")
    return html


TOOLBAR_WORDS = {
    "zh": {"label": "清单工具", "tools": "工具", "print": "打印本页", "reset": "清除本页勾选",
           "link": "复制进度链接", "export": "导出进度", "import": "导入进度",
           "file": "选择要导入的进度文件", "progress": "已完成",
           "noStorage": "此浏览器不允许保存（可能是无痕模式）：勾选只在本页打开期间有效。",
           "noScript": "此浏览器未运行 JavaScript：勾选不会被保存，但仍可打印本页，勾选的事项会打印为已勾选。"},
    "en": {"label": "Checklist tools", "tools": "Tools", "print": "Print this page",
           "reset": "Clear ticks on this page", "link": "Copy progress link", "export": "Export progress",
           "import": "Import progress", "file": "Progress file to import", "progress": "Done",
           "noStorage": "This browser does not allow saving (private mode?): ticks last only while this page is open.",
           "noScript": "JavaScript is off: ticks are not saved, but you can still print this page, ticked boxes "
                       "and all."},
}
# What guide.js says (statuses, questions, notes); it reads them from the toolbar's data-words.
SCRIPT_WORDS = {
    "zh": {
        "confirmReset": "确定清除本页的全部勾选吗？此操作无法撤销。",
        "changed": "此步骤在你勾选后有改动，请重新核对。",
        "cleared": "已清除本页勾选。", "exported": "已导出进度文件。", "printed": "打印日期",
        "askMerge": "{source}有 {n} 个勾选：{ids}。\n此浏览器中已有 {m} 个勾选。把它们合并在一起吗？（已有的勾选不会被删除）",
        "fromFile": "此文件", "fromLink": "此进度链接",
        "merged": "已合并 {n} 个勾选，共 {total} 个。", "notMerged": "未合并：当前的勾选保持不变。",
        "badFile": "无法导入：这不是本指南导出的进度文件，当前的勾选保持不变。",
        "emptyFile": "无法导入：文件里没有有效的勾选，当前的勾选保持不变。",
        "bigFile": "无法导入：文件超过 {kb} KB，不是本指南导出的进度文件。当前的勾选保持不变。",
        "badLink": "无法读取此进度链接：当前的勾选保持不变。",
        "longLink": "此进度链接有 {n} 个字符，太长，不是本指南生成的进度链接：当前的勾选保持不变。",
        "noKnownTicks": "无法导入：其中的 {n} 个勾选都不是本指南的步骤，当前的勾选保持不变。",
        "ignored": "另有 {n} 个勾选不是本指南的步骤，已忽略。",
        "replaced": "其中 {r} 个替换了此浏览器中较早的勾选。",
        "storageFull": "无法保存：此浏览器为本站保留的存储空间已满。勾选只在本页打开期间有效；请导出进度文件保存。",
        "linkCopied": "进度链接已复制。在另一台设备上打开它，会先显示其中的勾选并询问是否合并。",
        "linkHere": "进度链接（复制后在另一台设备上打开）：",
        "more": "展开全文",
    },
    "en": {
        "confirmReset": "Clear every tick on this page? This cannot be undone.",
        "changed": "This step changed since you ticked it: please check it again.",
        "cleared": "Cleared the ticks on this page.", "exported": "Progress file exported.", "printed": "Printed",
        "askMerge": "{source} holds {n} ticks: {ids}.\nThis browser has {m} ticks. Merge them together? "
                    "(No tick already here is removed.)",
        "fromFile": "This file", "fromLink": "This progress link",
        "merged": "Merged {n} ticks; {total} in all.", "notMerged": "Not merged: your current ticks are unchanged.",
        "badFile": "Could not import: this is not a progress file exported by this guide. Your current ticks are unchanged.",
        "emptyFile": "Could not import: the file holds no valid ticks. Your current ticks are unchanged.",
        "bigFile": "Could not import: the file is over {kb} KB, so not a progress file of this guide. "
                   "Your current ticks are unchanged.",
        "badLink": "This progress link cannot be read. Your current ticks are unchanged.",
        "longLink": "This progress link is {n} characters long: too long to be one this guide made. "
                    "Your current ticks are unchanged.",
        "noKnownTicks": "Could not import: none of its {n} ticks is a step of this guide. Your current ticks are unchanged.",
        "ignored": "{n} other ticks are not steps of this guide and were ignored.",
        "replaced": "{r} of them replaced older ticks in this browser.",
        "storageFull": "Could not save: this browser's storage for this site is full. Ticks last only while this page "
                       "is open; export your progress to keep it.",
        "linkCopied": "Progress link copied. Open it on another device: it shows its ticks and asks before merging them.",
        "linkHere": "Progress link (copy it, then open it on another device): ",
        "more": "Read all",
    },
}
# The line a page kept for offline reading shows when the service worker serves it (hooks/guide/sw.js,
# filled in by offline.py): only then, so a reader online sees nothing of it.
SAVED_COPY = {"zh": "此页是你{date}保存的副本：暂时连不上本站。",
              "en": "Shown from your saved copy of {date}: the site can't be reached."}
SHORT_SITE_NAME = {"zh": "借呗复通", "en": "Jiebei Guide"}  # under the icon on a phone's home screen
LOCALES = {"zh": "zh-CN", "en": "en-GB"}  # each language's dates (guide.js prints with the same)
FIRST_H1_END = re.compile(r"</h1>")


def toolbar(lang: str, total: int, ids: Iterable[str] = ()) -> str:
    """The progress count and one "tools" button, on one line on a phone; the tools (print,
    reset, progress link, export, import) open under it there and sit in line on wider screens.
    Rendered at build time so nothing shifts when the script wires them up; ``guide-js`` hides
    it when JavaScript is off (it could do nothing). ``data-search-exclude`` keeps its words
    out of the search index (they are no content). ``data-ids``: every item ID the site publishes
    (what an import or a progress link may keep); ``data-mark``: this build's mark (model.BUILD_MARK),
    which the script asks of every item it binds.

    On a page with items, two notices are in the HTML from the start, so neither moves the
    list when it shows: that this browser won't keep ticks (shown by the ``guide-no-storage``
    class the head script puts on <html>) and, in <noscript>, that without JavaScript ticks
    are not saved but the page prints."""
    words = TOOLBAR_WORDS[lang]
    script_words = json.dumps(SCRIPT_WORDS[lang], ensure_ascii=False, separators=(",", ":"))
    progress = f'<span class="guide-toolbar__progress" aria-live="polite">{words["progress"]} 0/{total}</span>'
    reset = f'<button type="button" class="guide-button" data-action="reset">{words["reset"]}</button>'
    return (
        f'<div class="guide-toolbar guide-js" role="group" aria-label="{words["label"]}" data-search-exclude'
        f" data-words='{single_quoted(script_words)}' data-ids=\"{' '.join(ids)}\" data-mark=\"{BUILD_MARK}\">"
        + (progress if total else "")
        + f'<button type="button" class="guide-button guide-toolbar__menu" aria-expanded="false"'
          f' aria-controls="guide-tools">{words["tools"]}</button>'
        + '<div class="guide-toolbar__tools" id="guide-tools">'
        + f'<button type="button" class="guide-button" data-action="print">{words["print"]}</button>'
        + (reset if total else "")
        + f'<button type="button" class="guide-button" data-action="link">{words["link"]}</button>'
        + f'<button type="button" class="guide-button" data-action="export">{words["export"]}</button>'
        + f'<button type="button" class="guide-button" data-action="import">{words["import"]}</button>'
        + '</div>'
        + f'<input type="file" accept="application/json,.json" hidden aria-label="{words["file"]}">'
        + '<p class="guide-status" role="status"></p>'
        + (f'<p class="guide-no-storage-notice">{words["noStorage"]}</p>' if total else "")
        + "</div>"
        + (f'<noscript><p class="guide-noscript" data-search-exclude>{words["noScript"]}</p></noscript>' if total else "")
    )


def single_quoted(text: str) -> str:
    """Text for an attribute in single quotes (JSON's double quotes stay as they are)."""
    return text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;")


def with_toolbar(html: str, lang: str, ids: Iterable[str] = ()) -> str:
    """Add the toolbar after the page title on pages with checklist items or the worksheet."""
    total = html.count('class="checklist-item"')
    if not total and "worksheet-box" not in html:
        return html
    html, count = FIRST_H1_END.subn(lambda m: m.group(0) + toolbar(lang, total, ids), html, count=1)
    _matched(count, "with_toolbar", "</h1> (the page title) to put the toolbar after")
    return html


STAGE_LINK = re.compile(r'(<a [^>]*?data-stage="(?P<stage>[a-z-]+)"[^>]*>.*?</a>)', re.S)


def with_stage_progress(html: str, item_ids: dict[str, list[str]], lang: str) -> str:
    """Give each stage-map link its stage's item IDs, and a progress badge the script fills in."""
    word = TOOLBAR_WORDS[lang]["progress"]

    def annotate(match: re.Match[str]) -> str:
        ids = item_ids.get(match.group("stage"), [])
        link = match.group(1).replace(
            f'data-stage="{match.group("stage")}"', f'data-stage="{match.group("stage")}" data-items="{" ".join(ids)}"', 1)
        return f'{link} <span class="stage-map__progress guide-js" data-search-exclude>({word} 0/{len(ids)})</span>'

    return STAGE_LINK.sub(annotate, html)


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_NAME = {"zh": "搜索", "en": "Search"}
PERMALINK_TITLE = {"zh": "本节链接", "en": "Permanent link"}  # the ¶ after each heading


def with_named_search_dialog(html: str, lang: str) -> str:
    """Material's search dialog has no accessible name (axe: aria-dialog-name)."""
    _matched(html.count(SEARCH_DIALOG), "with_named_search_dialog", SEARCH_DIALOG)
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{SEARCH_NAME.get(lang, "Search")}">', 1)


STALE_WORDS = {  # only translations can fall behind; the Chinese page is the original
    "en": {"title": "Translation out of date",
           "notice": "The Chinese original of this page changed after it was translated, and the marked parts "
                     "may not say the same yet.",
           "link": "Read the Chinese original", "mark": "translation out of date"},
}
STALE_CLASS = "guide-stale"  # on a stale item's <li>, and on a stale note (added to its Markdown)


def stale_notice(lang: str, original_href: str) -> str:
    words = STALE_WORDS.get(lang, STALE_WORDS["en"])
    return (f'<div class="admonition warning guide-stale-notice" role="note" data-search-exclude>'
            f'<p class="admonition-title">{words["title"]}</p>'
            f'<p>{words["notice"]} <a href="{original_href}" hreflang="{LANGUAGES[0]}">{words["link"]}</a></p></div>')


def stale_mark(lang: str) -> str:
    words = STALE_WORDS.get(lang, STALE_WORDS["en"])
    return f'<span class="guide-stale-mark" data-search-exclude>{words["mark"]}</span>'


def with_stale_marks(html: str, lang: str, original_href: str, item_ids: set[str]) -> str:
    """A translation that fell behind its Chinese original says so: a notice under the title
    linking to the original, and a mark on each stale item and on each stale note (whose
    Markdown got the ``guide-stale`` class). Called only for a page with something stale."""
    html = FIRST_H1_END.sub(lambda m: m.group(0) + stale_notice(lang, original_href), html, count=1)
    for item_id in item_ids:
        item = re.compile(rf'<li class="checklist-item"(?P<attrs>[^>]*\bdata-item="{item_id}"[^>]*)>(?P<body>.*?</label>)',
                          re.S)
        html = item.sub(lambda m: f'<li class="checklist-item {STALE_CLASS}"{m.group("attrs")}>{m.group("body")} '
                                  f'{stale_mark(lang)}', html, count=1)
    note_title = re.compile(rf'(<(?:div|details) class="(?:[^"]* )?{STALE_CLASS}(?: [^"]*)?"[^>]*>\s*'
                            rf'<(?:p class="admonition-title"|summary)>.*?)(</p>|</summary>)', re.S)
    return note_title.sub(lambda m: f"{m.group(1)} {stale_mark(lang)}{m.group(2)}", html)


EDITORS_STEP = {"zh": "编者补充", "en": "Added by the editors"}  # a step beyond the article ({ .editors })
EDITORS_ITEM_ID = re.compile(r'(<li class="checklist-item[^"]*"[^>]*\bdata-by="editors"[^>]*>.*?<span class="checklist-id"[^>]*>'
                             r'[^<]*</span>)', re.S)


def editors_badge(lang: str) -> str:
    return f'<span class="checklist-by">{EDITORS_STEP.get(lang, EDITORS_STEP["en"])}</span>'


def with_editors_badges(html: str, lang: str) -> str:
    """A step the editors added beyond the article says so, after its ID, in words (and in print)."""
    return EDITORS_ITEM_ID.sub(lambda m: f"{m.group(1)} {editors_badge(lang)}", html)


# ---- Hotlines: one tap to call ----
# The phone lines the scam warning and the glossary name. Each becomes a tel: link wherever a
# page's text says it (stage pages, glossary, worksheet, home), by this one rule on the rendered
# content, so no contributor has to remember to write the link.
HOTLINES = ("95188", "12378", "96110", "110")
# A hotline is a number standing alone: not part of a longer number (1100, 2110, 110.5, 2021-110),
# a word or code (v110, 110x), a quantity (110%, 110 万元, 110 年) or a date.
HOTLINE = re.compile(
    r"(?<![0-9A-Za-z_.,:/+#\-])(?P<number>" + "|".join(HOTLINES) + r")"
    r"(?![0-9A-Za-z_%‰]|[.,:/\-–][0-9]|\s?[万亿元年月日号天个次分秒岁])")
# Text inside these is left alone: a link cannot hold a link; code is quoted as written;
# a heading's text is its anchor and a title; a button or a term already does something on a tap.
HOTLINE_SKIPPED = {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "title", "button", "select",
                   "option", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "math"}
TAG = re.compile(r"<!--.*?-->|<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def with_hotline_links(html: str) -> str:
    """Every hotline number in the text of a page's content becomes ``<a href="tel:N">N</a>``;
    tags, attributes and the text of HOTLINE_SKIPPED elements are left as they are."""
    out: list[str] = []
    skipped: list[str] = []  # the open skipped elements, innermost last
    at = 0
    for tag in TAG.finditer(html):
        out.append(_hotlines_in(html[at:tag.start()]) if not skipped else html[at:tag.start()])
        out.append(tag.group(0))
        at = tag.end()
        name = (tag.group("name") or "").lower()
        if name not in HOTLINE_SKIPPED or name in VOID_TAGS or tag.group(0).endswith("/>"):
            continue
        if not tag.group("end"):
            skipped.append(name)
        elif name in skipped:
            del skipped[len(skipped) - 1 - skipped[::-1].index(name):]
    out.append(_hotlines_in(html[at:]) if not skipped else html[at:])
    return "".join(out)


def _hotlines_in(text: str) -> str:
    return HOTLINE.sub(lambda m: f'<a href="tel:{m.group("number")}" class="guide-tel">{m.group("number")}</a>', text)


CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')


def without_invalid_theme_markup(html: str) -> str:
    """Two things in Material's markup that the HTML standard forbids (Nu Html Checker errors):

    - ``tabindex=""`` on the section labels of ``navigation.sections``: an empty tabindex is
      no integer, and browsers ignore it, so leaving it out changes nothing;
    - ``autocomplete="off"`` on the drawer and search toggles (checkboxes, where the attribute
      is not allowed). Material used it so a browser does not restore an open drawer or
      search when the reader comes back to the page; assets/guide.js closes them instead."""
    html = html.replace(' tabindex=""', "")  # not on every page: only where the nav has a section
    toggles = 0

    def without_autocomplete(match: re.Match[str]) -> str:
        nonlocal toggles
        toggles += ' autocomplete="off"' in match.group(0)
        return match.group(0).replace(' autocomplete="off"', "")

    html = CHECKBOX.sub(without_autocomplete, html)
    _matched(toggles, "without_invalid_theme_markup", 'checkbox with autocomplete="off" (the drawer and search toggles)')
    return html
