"""Search as readers use it, in Chromium on the built site (issue #14)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


READY = {"zh": "键入以开始搜索", "en": "Type to start searching"}  # Material's words, once its index is ready


def open_search(page, url: str, lang: str):
    """Open the search box on ``url`` and wait until the index is ready (until then
    Material shows "Initializing search" and searches once ready, whatever the box holds)."""
    page.goto(url)
    page.locator("label.md-header__button[for='__search']").click()
    page.locator(".md-search-result__meta", has_text=READY[lang]).wait_for(timeout=15000)
    return page.locator("input.md-search__input")


@pytest.mark.parametrize("lang, path, text", [("zh", "", "征信"), ("en", "en/", "reopen")])
def test_a_pasted_or_dictated_query_searches_without_any_key(page, server, lang, path, text):
    box = open_search(page, server.url + path, lang)
    box.focus()
    page.keyboard.insert_text(text)  # an input event and no key event, as paste, voice input and IMEs make
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=5000)
    assert text in page.locator(".md-search-result").inner_text().lower()
    assert page.console.errors == []
