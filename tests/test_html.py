"""The rewrites of the theme's pages (guide.html): what each one does, and that each fails
loudly, naming itself, when the markup it was written for is not there."""

from __future__ import annotations

import re

import pytest

from guide import html
from guide.html import RewriteMissed
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


def test_the_404_page_has_no_alternates_and_its_menu_leads_to_each_home_page():
    page = html.not_found_page(HEAD.replace("<body>", "<body>" + MENU), "/guide/")
    assert "alternate" not in page
    assert re.findall(r'href="([^"]+)" hreflang="([a-z]+)"', page) == [("/guide/", "zh"), ("/guide/en/", "en")]


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
    assert html.with_toolbar("<h1>t</h1><p>x</p>", "en") == "<h1>t</h1><p>x</p>"


@pytest.mark.parametrize("rewrite, args, name", [
    (html.absolute_alternates, ("https://guide.example/",), "absolute_alternates"),
    (html.not_found_page, ("/",), "not_found_page"),
    (html.with_content_security_policy, (), "with_content_security_policy"),
    (html.with_named_search_dialog, ("zh",), "with_named_search_dialog"),
])
def test_a_rewrite_that_finds_nothing_to_change_says_which_it_is(rewrite, args, name):
    with pytest.raises(RewriteMissed, match=rf"^the rewrite {name}\(\) in hooks/guide/html.py found no .+: "
                                            "the theme's markup changed"):
        rewrite("<html><body><p>no theme markup here</p></body></html>".replace("<html>", ""), *args)


def test_the_toolbar_rewrite_fails_when_a_page_with_items_has_no_title():
    with pytest.raises(RewriteMissed, match=r"with_toolbar\(\)"):
        html.with_toolbar('<ul><li class="checklist-item">a</li></ul>', "zh")
