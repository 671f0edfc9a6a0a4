"""The rewrites of the theme's pages (guide.html): what each one does, and that each fails
loudly, naming itself, when the markup it was written for is not there."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from guide import html
from guide.html import RewriteMissed
from guide.model import BUILD_MARK
from guide.theme import INLINE_SCRIPTS

HEAD = ('<!doctype html><html><head><meta charset="utf-8">\n'
        '      <link rel="alternate" href="../" hreflang="zh">\n'
        '      <link rel="alternate" href="../en/causes/" hreflang="en">\n'
        '</head><body></body></html>')


def test_alternates_become_absolute_and_the_chinese_page_is_the_default():
    page = html.absolute_alternates(HEAD, "https://guide.example/causes/")
    assert re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', page) == [
        ("https://guide.example/", "zh"),
        ("https://guide.example/en/causes/", "en"),
        ("https://guide.example/", "x-default"),
    ]


def test_an_existing_x_default_is_not_repeated():
    page = HEAD.replace("</head>", '<link rel="alternate" href="/" hreflang="x-default"></head>')
    assert html.absolute_alternates(page, "https://guide.example/causes/").count('hreflang="x-default"') == 1


MENU = ('<a href="../../causes/" hreflang="zh" class="md-select__link">简体中文</a>'
        '<a href="../../en/causes/" hreflang="en" class="md-select__link">English</a>')


NOT_FOUND_LINKS = {"zh": [("首页", "/guide/"), ("第 1 阶段 · 自查 & 定位", "/guide/stages/self-check/")],
                   "en": [("Home", "/guide/en/"), ("Stage 1", "/guide/en/stages/self-check/")]}


def not_found(body: str = html.NOT_FOUND_TITLE) -> str:
    return html.not_found_page(HEAD.replace("<body>", "<body>" + MENU + body), "/guide/", NOT_FOUND_LINKS)


def test_the_404_page_has_no_alternates_and_its_menu_leads_to_each_home_page():
    page = not_found()
    assert "alternate" not in page
    assert re.findall(r'href="([^"]+)" hreflang="([a-z]+)" class="md-select__link"', page) == [
        ("/guide/", "zh"), ("/guide/en/", "en")]


def test_the_404_page_says_it_in_each_language_with_links_into_that_language():
    page = not_found()
    assert html.NOT_FOUND_TITLE not in page
    for lang, links in NOT_FOUND_LINKS.items():
        block = re.search(rf'<div class="guide-not-found" lang="{lang}" data-not-found="{lang}">(.*?)</div>',
                          page).group(1)
        assert f"<h1>{html.NOT_FOUND_WORDS[lang]['title']}</h1>" in block
        assert re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)">([^<]+)</a>', block) == [
            (href, lang, title.replace("&", "&amp;")) for title, href in links]


def test_the_404_rewrite_fails_when_the_themes_title_is_gone():
    with pytest.raises(RewriteMissed, match="found no <h1>404 - Not found</h1>"):
        not_found("<h1>Not found</h1>")


@pytest.mark.parametrize("lang, words", [("zh", "使用 <a href=\"m/\">Material for MkDocs</a> 制作"),
                                         ("en", "Made with <a href=\"m/\">Material for MkDocs</a>")])
def test_the_footer_speaks_the_pages_language(lang, words):
    footer = '<div class="md-copyright">\n    Made with\n    <a href="m/">Material for MkDocs</a>\n</div>'
    assert words in html.with_footer_in_language(footer, lang)


def test_the_policy_is_first_in_head_and_lists_exactly_the_theme_allowlist():
    page = html.with_content_security_policy(HEAD)
    assert page.index('<meta http-equiv="Content-Security-Policy"') < page.index('<link rel="alternate"')
    script_src = re.search(r"script-src ([^;]+);", page).group(1).split()
    assert script_src == ["'self'", *INLINE_SCRIPTS]


def test_the_search_dialog_gets_a_name_in_the_pages_language():
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert 'role="dialog" aria-label="搜索">' in html.with_named_search_dialog(dialog, "zh")
    assert 'role="dialog" aria-label="Search">' in html.with_named_search_dialog(dialog, "en")


def test_the_toolbar_follows_the_title_on_pages_with_items_only():
    items = '<h1>t</h1><ul><li class="checklist-item">a</li><li class="checklist-item">b</li></ul>'
    page = html.with_toolbar(items, "en")
    assert page.startswith('<h1>t</h1><div class="guide-toolbar guide-js"') and "Done 0/2" in page
    assert '<button type="button" class="guide-button" data-action="reset">Clear ticks on this page</button>' in page
    assert html.with_toolbar("<h1>t</h1><p>x</p>", "en") == "<h1>t</h1><p>x</p>"


@pytest.mark.parametrize("rewrite, args, expected", [
    (html.absolute_alternates, ("https://guide.example/",), 'absolute_alternates() in hooks/guide/html.py found no '
                                                            '<link rel="alternate" href="…" hreflang="…">'),
    (html.not_found_page, ("/", {}), 'not_found_page() in hooks/guide/html.py found no language menu link '
                                  '(href="…" hreflang="…" class="md-select__link")'),
    (html.with_content_security_policy, (), "with_content_security_policy() in hooks/guide/html.py found no <head>"),
    (html.with_footer_in_language, ("zh",), 'with_footer_in_language() in hooks/guide/html.py found no '
                                            '"Made with <a …>Material for MkDocs</a>" in the footer'),
    (html.with_named_search_dialog, ("zh",), 'with_named_search_dialog() in hooks/guide/html.py found no '
                                             '<div class="md-search" data-md-component="search" role="dialog">'),
    (html.without_invalid_theme_markup, (), 'without_invalid_theme_markup() in hooks/guide/html.py found no checkbox '
                                            'with autocomplete="off" (the drawer and search toggles)'),
])
def test_a_rewrite_that_finds_nothing_to_change_says_which_it_is(rewrite, args, expected):
    with pytest.raises(RewriteMissed) as missed:
        rewrite("<body><p>no theme markup here</p></body>", *args)
    assert str(missed.value) == (f"the rewrite {expected}: the theme's markup changed (a Material upgrade?); "
                                 "update the rewrite")


def test_the_toolbar_rewrite_fails_when_a_page_with_items_has_no_title():
    with pytest.raises(RewriteMissed) as missed:
        html.with_toolbar('<ul><li class="checklist-item">a</li></ul>', "zh")
    assert str(missed.value).startswith(
        "the rewrite with_toolbar() in hooks/guide/html.py found no </h1> (the page title) to put the toolbar after:")


def test_x_default_follows_the_last_alternate():
    page = HEAD.replace("</head>", '<link rel="alternate" href="../fr/causes/" hreflang="fr">\n</head>')
    page = html.absolute_alternates(page, "https://guide.example/causes/")
    assert page.index('hreflang="fr"') < page.index('hreflang="x-default"')


def test_the_404_page_loses_its_alternates_and_nothing_else():
    page = html.not_found_page(HEAD.replace("<body>", "<body>" + MENU + html.NOT_FOUND_TITLE + "<p>x</p>"), "/", {})
    assert page == ('<!doctype html><html><head><meta charset="utf-8">\n</head><body>'
                    '<a href="/" hreflang="zh" class="md-select__link">简体中文</a>'
                    '<a href="/en/" hreflang="en" class="md-select__link">English</a><p>x</p></body></html>')


def test_the_policy_goes_into_head_once_not_into_a_header():
    page = html.with_content_security_policy("<html><head><title>t</title></head><body><header>x</header></body>")
    assert page.count("Content-Security-Policy") == 1 and page.index("Content-Security-Policy") < page.index("<title>")


def test_the_worksheet_toolbar_has_no_progress_and_no_reset():
    page = html.with_toolbar('<h1>t</h1><span class="worksheet-box" data-item="SC-01"></span>', "zh")
    toolbar = page[len("<h1>t</h1>"):page.index('<span class="worksheet-box"')]
    assert toolbar.startswith('<div class="guide-toolbar guide-js"') and 'data-action="print"' in toolbar
    assert toolbar.endswith('<p class="guide-status" role="status"></p></div>')
    text = re.sub(r"<[^>]*>", "", toolbar.split("'>", 1)[-1])  # what it shows, after its words for the script
    assert "已完成" not in text and "清除" not in text and "XX" not in text and 'data-action="reset"' not in toolbar


def test_the_toolbar_follows_the_first_title_only():
    page = html.with_toolbar('<h1>t</h1><li class="checklist-item">a</li><h1>u</h1>', "zh")
    assert page.count('<div class="guide-toolbar ') == 1


def test_another_language_gets_english_words():
    dialog = '<div class="md-search" data-md-component="search" role="dialog">' * 2
    named = html.with_named_search_dialog(dialog, "fr")
    assert named.count('aria-label="Search"') == 1  # Material writes one dialog; only it is named
    assert html.editors_badge("fr") == '<span class="checklist-by">Added by the editors</span>'


def test_each_stage_map_link_gets_its_item_ids_and_a_progress_badge():
    page = ('<p><a href="stages/self-check.md" data-stage="self-check">自查</a> · '
            '<a href="stages/maintenance.md" data-stage="maintenance">维护</a></p>')
    done = html.with_stage_progress(page, {"self-check": ["SC-01", "SC-02"]}, "zh")
    assert done == (
        '<p><a href="stages/self-check.md" data-stage="self-check" data-items="SC-01 SC-02">自查</a> '
        '<span class="stage-map__progress guide-js" data-search-exclude>(已完成 0/2)</span> · '
        '<a href="stages/maintenance.md" data-stage="maintenance" data-items="">维护</a> '
        '<span class="stage-map__progress guide-js" data-search-exclude>(已完成 0/0)</span></p>')


STALE_PAGE = ('<h1>Self-check</h1><ul class="checklist-items">'
              '<li class="checklist-item" data-hash="a" data-item="SC-01" id="sc-01"><input><label for="sc-01-box">'
              '<span class="checklist-id">SC-01</span> one</label></li>'
              '<li class="checklist-item" data-hash="b" data-item="SC-02" id="sc-02"><input><label for="sc-02-box">'
              '<span class="checklist-id">SC-02</span> two</label></li></ul>'
              '<div class="admonition note guide-stale"><p class="admonition-title">Editors\' note</p><p>x</p></div>')


def test_a_stale_translation_says_so_under_its_title_on_its_items_and_notes():
    page = html.with_stale_marks(STALE_PAGE, "en", "../../stages/self-check/", {"SC-02"})
    mark = '<span class="guide-stale-mark" data-search-exclude>translation out of date</span>'
    assert page.startswith(
        '<h1>Self-check</h1><div class="admonition warning guide-stale-notice" role="note" data-search-exclude>'
        '<p class="admonition-title">Translation out of date</p><p>The Chinese original of this page changed after '
        'it was translated, and the marked parts may not say the same yet. <a href="../../stages/self-check/" '
        'hreflang="zh">Read the Chinese original</a></p></div>')
    assert '<li class="checklist-item" data-hash="a"' in page  # SC-01 is up to date
    assert ('<li class="checklist-item guide-stale" data-hash="b" data-item="SC-02" id="sc-02"><input>'
            f'<label for="sc-02-box"><span class="checklist-id">SC-02</span> two</label> {mark}</li>') in page
    assert f'<p class="admonition-title">Editors\' note {mark}</p>' in page
    assert html.stale_mark("fr") == mark  # another language: English words


def test_the_toolbar_is_the_markup_the_script_and_the_stylesheet_expect():
    page = html.with_toolbar('<h1>t</h1><li class="checklist-item">a</li><li class="checklist-item">b</li>', "en")
    toolbar = re.sub(r" data-words='[^']*'", "", page[len("<h1>t</h1>"):page.index('<li class="checklist-item">')])
    assert toolbar == (
        '<div class="guide-toolbar guide-js" role="group" aria-label="Checklist tools" data-search-exclude'
        f' data-ids="" data-mark="{BUILD_MARK}">'
        '<span class="guide-toolbar__progress" aria-live="polite">Done 0/2</span>'
        '<button type="button" class="guide-button guide-toolbar__menu" aria-expanded="false" '
        'aria-controls="guide-tools">Tools</button>'
        '<div class="guide-toolbar__tools" id="guide-tools">'
        '<button type="button" class="guide-button" data-action="print">Print this page</button>'
        '<button type="button" class="guide-button" data-action="reset">Clear ticks on this page</button>'
        '<button type="button" class="guide-button" data-action="link">Copy progress link</button>'
        '<button type="button" class="guide-button" data-action="export">Export progress</button>'
        '<button type="button" class="guide-button" data-action="import">Import progress</button></div>'
        '<input type="file" accept="application/json,.json" hidden aria-label="Progress file to import">'
        '<p class="guide-status" role="status"></p>'
        '<p class="guide-no-storage-notice">This browser does not allow saving (private mode?): ticks last only while '
        'this page is open.</p></div>'
        '<noscript><p class="guide-noscript" data-search-exclude>JavaScript is off: ticks are not saved, but you can '
        'still print this page, ticked boxes and all.</p></noscript>')


def test_the_toolbar_gives_the_script_its_words_as_compact_json():
    page = html.with_toolbar('<h1>t</h1><li class="checklist-item">a</li>', "zh")
    # Chinese as it is (not \uXXXX escapes) and no spaces after separators: the words are on every page.
    assert (" data-words='{\"confirmReset\":\"确定清除本页的全部勾选吗？此操作无法撤销。\","
            "\"changed\":\"此步骤在你勾选后有改动，请重新核对。\",") in page
    words = json.loads(unescape(re.search(r"data-words='([^']*)'", page).group(1)))
    assert words["cleared"] == "已清除本页勾选。" and words["merged"] == "已合并 {n} 个勾选，共 {total} 个。"
    assert words["askMerge"].endswith("\n此浏览器中已有 {m} 个勾选。把它们合并在一起吗？（已有的勾选不会被删除）")


def test_text_for_a_single_quoted_attribute_cannot_end_it_or_open_a_tag():
    assert html.single_quoted('{"a":"it\'s <b> & \'c\'"}') == '{"a":"it&#39;s &lt;b> &amp; &#39;c&#39;"}'
    assert html.single_quoted("&#39;") == "&amp;#39;"  # an ampersand already in the text stays text


def test_only_the_stage_links_attribute_gets_the_item_ids_not_its_text():
    page = '<a href="s.md" data-stage="self-check">the <code>data-stage="self-check"</code> link</a>'
    assert html.with_stage_progress(page, {"self-check": ["SC-01"]}, "en") == (
        '<a href="s.md" data-stage="self-check" data-items="SC-01">the <code>data-stage="self-check"</code> link</a> '
        '<span class="stage-map__progress guide-js" data-search-exclude>(Done 0/1)</span>')


def test_a_stale_translation_has_one_notice_under_its_title_and_marks_an_item_written_over_two_lines():
    page = ('<h1>Self-check</h1><li class="checklist-item" data-hash="a" data-item="SC-01" id="sc-01"><input>'
            '<label for="sc-01-box"><span class="checklist-id">SC-01</span> first line\n  continued</label></li>'
            '<h1>Another title</h1><h1>And another</h1>')
    page = html.with_stale_marks(page, "en", "../", {"SC-01"})
    assert page.count('class="admonition warning guide-stale-notice"') == 1
    assert page.index("guide-stale-notice") < page.index("SC-01")
    assert ('<li class="checklist-item guide-stale" data-hash="a" data-item="SC-01" id="sc-01"><input>'
            '<label for="sc-01-box"><span class="checklist-id">SC-01</span> first line\n  continued</label> '
            '<span class="guide-stale-mark" data-search-exclude>translation out of date</span></li>') in page


def test_a_stale_notice_in_another_language_has_english_words():
    assert html.stale_notice("fr", "../") == (
        '<div class="admonition warning guide-stale-notice" role="note" data-search-exclude>'
        '<p class="admonition-title">Translation out of date</p><p>The Chinese original of this page changed after '
        'it was translated, and the marked parts may not say the same yet. <a href="../" hreflang="zh">Read the '
        'Chinese original</a></p></div>')


def test_the_theme_markup_fix_keeps_going_past_the_checklists_own_checkboxes():
    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
            '<input class="checklist-box" id="sc-01-box" type="checkbox" />')
    assert html.without_invalid_theme_markup(page) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
        '<input class="checklist-box" id="sc-01-box" type="checkbox" />')


# ---- Hotlines: one tap to call ----

def tel(number: str) -> str:
    return f'<a href="tel:{number}" class="guide-tel">{number}</a>'


@pytest.mark.parametrize("number", html.HOTLINES)
@pytest.mark.parametrize("text", ["拨打 {}。", "拨打{}报警", "call {}.", "({})", "{}；", "line {}, or"])
def test_a_hotline_in_running_text_becomes_a_tel_link(number, text):
    page = f"<p>{text.format(number)}</p>"
    assert html.with_hotline_links(page) == f"<p>{text.format(tel(number))}</p>"


@pytest.mark.parametrize("text", [
    "1100", "2110", "961100", "951880", "110.5", "1.110", "2021-110", "110-120", "v110", "110x", "#110",
    "110%", "110 万元", "110万", "110 年", "110日", "+12378", "1,110", "12:110",
])
def test_a_number_that_only_contains_a_hotline_stays_text(text):
    assert html.with_hotline_links(f"<p>{text}</p>") == f"<p>{text}</p>"


@pytest.mark.parametrize("page", [
    '<p><a href="x/">call 110</a></p>',
    "<p><code>110</code></p>",
    "<pre><code>95188\n</code></pre>",
    '<h2 id="110">110 报警</h2>',
    '<p><abbr title="报警电话 110">报警</abbr></p>',
    '<p><button type="button">110</button></p>',
    '<p title="110" data-phone="95188" id="n-12378">x</p>',
    "<!-- 110 --><p>x</p>",
    "<script>var a = 110;</script>",
])
def test_links_code_headings_terms_attributes_and_comments_are_left_alone(page):
    assert html.with_hotline_links(page) == page


def test_text_after_a_skipped_element_is_linked_again():
    page = '<p><a href="x/">95188</a> or 95188, <code>110</code> then 110<br/>12378</p>'
    assert html.with_hotline_links(page) == (f'<p><a href="x/">95188</a> or {tel("95188")}, <code>110</code> '
                                             f"then {tel('110')}<br/>{tel('12378')}</p>")


def test_an_attribute_holding_a_bracket_does_not_end_its_tag_early():
    page = '<p data-x="a>110">96110 或 110</p>'
    assert html.with_hotline_links(page) == f'<p data-x="a>110">{tel("96110")} 或 {tel("110")}</p>'
