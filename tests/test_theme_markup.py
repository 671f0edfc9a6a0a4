"""What the build changes in Material's markup, checked on the built pages: valid HTML where the
theme's was not (issue: outside validators), heading links titled in the page's language, the
site name once in the sidebar and in each title, and each term's tooltip once per page."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from guide.html import RewriteMissed, without_invalid_theme_markup
from test_site import PAGES, Page, all_built_pages, built

SITE_NAME = {"zh": "借呗复通指南", "en": "Jiebei Reopening Guide"}
HOME = {"zh": "首页", "en": "Home"}


def test_the_theme_markup_fix_removes_only_what_the_standard_forbids():
    material = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
                '<input type="text" class="md-search__input" name="query" autocomplete="off">'
                '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="">'
                '<label class="md-nav__link" for="__nav_4" tabindex="0">')
    assert without_invalid_theme_markup(material) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input type="text" class="md-search__input" name="query" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_3" id="__nav_3_label">'
        '<label class="md-nav__link" for="__nav_4" tabindex="0">')


def test_the_theme_markup_fix_fails_loudly_when_the_theme_no_longer_writes_its_toggles():
    with pytest.raises(RewriteMissed, match="without_invalid_theme_markup"):
        without_invalid_theme_markup('<input class="md-toggle" type="checkbox" id="__drawer">')


def test_no_page_has_an_empty_tabindex_or_autocomplete_on_a_checkbox(built_site):
    for path in all_built_pages(built_site):
        html = Page(path.read_text(encoding="utf-8"))
        assert not [a for _, a in html.tags if a.get("tabindex", None) == ""], path
        assert not [a for t, a in html.tags if t == "input" and a.get("type") == "checkbox"
                    and "autocomplete" in a], path


def test_the_favicon_is_a_file_the_site_ships_and_favicon_ico_too(built_site):
    """A file, not a data: URI: link-preview crawlers fetch it (and /favicon.ico, which they try first)."""
    for path in all_built_pages(built_site):
        if path.name == "404.html":  # served for every missing path: its links start at the site's root
            continue
        icons = Page(path.read_text(encoding="utf-8")).find("link", rel="icon")
        assert len(icons) == 1, path
        target = (path.parent / icons[0]["href"]).resolve()
        assert target.is_file() and target.read_bytes().startswith(b"\x89PNG"), (path, icons[0]["href"])
    assert (built_site / "favicon.ico").read_bytes()[:4] == b"\0\0\1\0"  # an icon file's signature


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_heading_links_are_titled_in_the_pages_language(built_site, page):
    titles = [a.get("title") for a in Page(built(built_site, page).read_text(encoding="utf-8")).classes("headerlink")]
    assert titles and set(titles) == {{"zh": "本节链接", "en": "Permanent link"}[page.lang]}


class PrimaryNavText(HTMLParser):
    """The text a reader sees in the site navigation (the sidebar, or the drawer on a phone)."""

    def __init__(self, text: str):
        super().__init__()
        self.depth = 0
        self.chunks: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "nav" and (self.depth or "md-nav--primary" in (dict(attrs).get("class") or "")):
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and data.strip():
            self.chunks.append(data.strip())


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_the_sidebar_names_the_site_once_and_calls_the_home_page_home(built_site, page):
    chunks = PrimaryNavText(built(built_site, page).read_text(encoding="utf-8")).chunks
    assert chunks.count(SITE_NAME[page.lang]) == 1 and chunks[0] == SITE_NAME[page.lang]
    assert chunks[1] == HOME[page.lang]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_each_title_names_the_site_once_and_a_home_page_is_the_site_name(built_site, page):
    text = built(built_site, page).read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.S).group(1).strip()
    if page.key == "index.md":
        assert title == SITE_NAME[page.lang]
    else:
        assert title.endswith(" - " + SITE_NAME[page.lang]) and title.count(SITE_NAME[page.lang]) == 1, title


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_each_term_has_its_tooltip_once_per_page_and_never_in_a_heading(built_site, page):
    text = built(built_site, page).read_text(encoding="utf-8")
    content = text[text.index('<article class="md-content__inner'):text.index("</article>")]
    marked = Counter(re.findall(r"<abbr title=\"[^\"]*\">([^<]+)</abbr>", text))
    assert set(marked.values()) <= {1}, marked  # (the English worksheet uses no term)
    headings = re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", content, re.S)
    assert not [h for h in headings if "<abbr" in h]
    # The tooltip is on the first use in the body: no plain use of the term comes before it.
    for term in marked:
        before = content[:re.search(rf'<abbr title="[^"]*">{re.escape(term)}</abbr>', content).start()]
        body_text = re.sub(r"<h[1-6][^>]*>.*?</h[1-6]>|<code>.*?</code>|<[^>]+>", "", before, flags=re.S)
        # A longer term that holds this one (征信中心 holds 征信) is a use of that term, not of this one.
        for other in sorted(marked, key=len, reverse=True):
            if term in other and other != term:
                body_text = body_text.replace(other, "")
        if re.search(r"[\u3000-\u9fff]", term):
            assert term not in body_text, term
        else:
            assert not re.search(rf"(?<!\w){re.escape(term)}(?!\w)", body_text), term
