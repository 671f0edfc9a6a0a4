"""Search as readers use it, in Chromium on the built site (issue #14)."""

from __future__ import annotations

import re
from urllib.parse import unquote

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


# The query table: what readers type, and the page that best answers it (judged by reading
# the pages, not by running the search). ``pages``: the best page, or the pages that answer
# it equally well; ``anchor``: the item, term or section its result must link to.
STAGE_PAGES = ("stages/self-check/", "stages/rectification/", "stages/application/", "stages/maintenance/")
QUERIES = {
    "zh": [
        # query, pages, anchor
        ("逾期", ("causes/", "stages/rectification/"), None),
        # Both stages tell the reader what to do about their 征信 record: stage 1 (SC-06's note)
        # where to get the report free, stage 2 (RE-02's note) what can and cannot be corrected
        # and that paid "征信修复" is a scam. (The table first named stage 1 alone.)
        ("征信", ("stages/self-check/", "stages/rectification/"), None),
        ("复通", ("stages/application/",), None),
        ("芝麻信用分", ("stages/self-check/",), "sc-05"),
        ("以贷养贷", ("stages/rectification/",), None),
        ("诈骗", STAGE_PAGES + ("",), None),  # the scam warning on every stage page and the home page
        ("人工审核", ("stages/application/",), "ap-05"),
        ("资本公积", ("stages/maintenance/",), "ma-18"),
        ("供应链金融", ("stages/maintenance/",), "ma-07"),
        ("资金挪用", ("stages/self-check/",), "sc-02"),
        ("工作表", ("worksheet/",), None),
        ("整改", ("stages/rectification/",), None),
        ("贷后维护", ("stages/maintenance/",), None),
        ("关闭原因", ("causes/",), None),
        ("蚂蚁金服", ("glossary/",), "蚂蚁金服"),
        # The readers' questions (issue #20 §2): one query per question, each answered on its own section.
        ("已经借的钱还要还吗", ("questions/",), "keep-repaying"),
        ("额度关闭 信用报告", ("questions/",), "closure-and-credit-report"),
        ("免费查信用报告", ("questions/",), "report"),
        ("12378 恢复额度", ("questions/",), "complaint"),
        ("交钱删除逾期记录", ("questions/",), "delete-for-a-fee"),
        ("借呗 做生意", ("questions/",), "business-use"),
    ],
    "en": [
        # Since issue #20, the readers' questions answer these too: what an overdue record is and is
        # not (a closure is not one), and how to get your own credit report free.
        ("overdue", ("causes/", "stages/rectification/", "questions/"), None),
        ("credit report", ("stages/self-check/", "questions/"), None),
        ("credit reports", ("stages/self-check/", "questions/"), None),  # stemming
        ("reopen", ("stages/application/",), None),
        ("recopen", ("stages/application/",), None),  # one typo
        ("scam", STAGE_PAGES + ("",), None),
        ("Sesame Credit", ("stages/self-check/",), "sc-05"),
        ("manual review", ("stages/application/",), "ap-05"),
        ("capital reserve", ("stages/maintenance/",), "ma-18"),
        ("supply chain finance", ("stages/maintenance/",), "ma-07"),
        ("misappropriated funds", ("stages/self-check/",), "sc-02"),
        ("worksheet", ("worksheet/",), None),
        ("rectification plan", ("stages/rectification/",), None),
        ("borrowing to repay", ("stages/rectification/",), None),
        ("account closed", ("causes/",), None),
        ("Ant Financial", ("glossary/",), "ant-financial"),
        ("pay back existing loans", ("questions/",), "keep-repaying"),
        ("closure on my credit report", ("questions/",), "closure-and-credit-report"),
        ("free credit report", ("questions/",), "report"),
        ("12378 restore credit line", ("questions/",), "complaint"),
        ("delete overdue record for a fee", ("questions/",), "delete-for-a-fee"),
        ("Jiebei money for my business", ("questions/",), "business-use"),
    ],
}
PREFIX = {"zh": "", "en": "en/"}
# Characters in one result's title and snippet: well under a 360 px phone screen (about 20
# Chinese characters or 45 Latin letters a line); the glossary was one 2,900-character block.
SCREEN = {"zh": 500, "en": 1000}
INTERFACE_WORDS = ("打印本页", "导出进度", "Print this page", "Export progress", "Done 0/", "已完成 0/")


def search(page, box, lang: str, base: str, query: str) -> list[dict]:
    """Type ``query`` as a reader would and return the result groups, best first: each
    with its page (path from the site root ``base``), its links and its articles' text."""
    box.fill("")
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text=READY[lang]).wait_for(timeout=5000)
    box.fill(query)
    box.press("End")  # key events too, so that the same helper measures the site before #14
    meta.filter(has_not_text=READY[lang]).wait_for(timeout=5000)
    groups = page.evaluate("""base => [...document.querySelectorAll('.md-search-result__item')].map(item => {
        const links = [...item.querySelectorAll('a.md-search-result__link')].map(a => a.href);
        return {page: links[0].split(/[?#]/)[0].slice(base.length), links,
                articles: [...item.querySelectorAll('article')].map(a => a.innerText),
                titles: [...item.querySelectorAll('article')].map(a => a.querySelector('h1, h2').textContent)};
    })""", base)
    for group in groups:
        group["links"] = [unquote(link) for link in group["links"]]
    return groups


@pytest.fixture(scope="module")
def search_pages(chromium, server):
    """One page per language with search open and ready, shared by the whole table."""
    opened = {}
    contexts = []
    for lang in ("zh", "en"):
        context = chromium.new_context(viewport={"width": 390, "height": 844})
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        opened[lang] = (page, open_search(page, server.url + PREFIX[lang], lang), errors)
    yield opened
    for context in contexts:
        context.close()


# Still ranked below the top two (measured; see the closing note): xfail, not strict, so one
# coming into the top two (XPASS in the summary) does not stop a change; take it off this list then.
NOT_YET: dict[tuple[str, str], str] = {}  # none at the last measure: 31 of 31 in the top two

# Why the ranking is judged among the table's own pages (issue #22): the table was written by reading
# these pages, so it can only say which of them answers a query best. A page it does not name (a new
# FAQ that uses 复通, say) may rightly rank high, and this browser test runs only in CI: a new page must
# not fail it by accident, long after `make quick` passed. So the results are first narrowed to the
# pages the table names anywhere; a new page is judged once its author adds it to a row. Every result,
# whatever its page, is still held to the snippet rules below.
JUDGED = {lang: {PREFIX[lang] + page for _, pages, _ in rows for page in pages} for lang, rows in QUERIES.items()}


def table_rows():
    for lang, rows in QUERIES.items():
        for query, pages, anchor in rows:
            reason = NOT_YET.get((lang, query))
            marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
            yield pytest.param(lang, query, pages, anchor, marks=marks, id=f"{lang}-{query}")


def test_the_table_judges_among_pages_that_exist(built_site):
    """JUDGED is narrowed to pages that are built: a renamed page must not leave the table judging nothing."""
    missing = [page for lang in JUDGED for page in JUDGED[lang] if not (built_site / page / "index.html").is_file()]
    assert missing == [], f"pages named in QUERIES but not built: {missing}"


@pytest.mark.parametrize("lang, query, pages, anchor", list(table_rows()))  # a list: pytest deprecates generators here
def test_the_right_page_comes_first_or_second_in_the_readers_language(search_pages, server, lang, query, pages,
                                                                        anchor):
    page, box, errors = search_pages[lang]
    groups = search(page, box, lang, server.url, query)
    expected = {PREFIX[lang] + p for p in pages}
    found = [g["page"] for g in groups]
    assert found, f"{query!r}: no results"
    # Every result is in the page's language.
    assert all(p.startswith("en/") == (lang == "en") for p in found), f"{query!r}: {found}"
    # The page that best answers it is first or second among the pages the table judges (see JUDGED).
    judged = [g for g in groups if g["page"] in JUDGED[lang]]
    ranked = [g["page"] for g in judged]
    assert expected & set(ranked[:2]), (f"search for {query!r} ({lang}): expected {' or '.join(sorted(expected))} in "
                                        f"the top two of the table's pages, but {ranked[:2]} outranked it "
                                        f"(all results: {found[:5]})")
    best = next(g for g in judged[:2] if g["page"] in expected)
    # A result for a checklist item or a glossary term links to its own anchor.
    if anchor:
        assert any(link.endswith(f"#{anchor}") for link in best["links"]), f"{query!r}: {best['links']}"
    for group in groups:
        text = "\n".join(group["articles"])
        # Every link highlights what it found on arrival: no empty "h=".
        assert all(re.search(r"[?&]h=[^&#]", link) for link in group["links"]), f"{query!r}: {group['links']}"
        # Every result has a title: an item's is its checklist's.
        assert all(title.strip() for title in group["titles"]), f"{query!r}: {group['titles']}"
        # Snippets are the guide's words, a phone screen at most, never the toolbar.
        assert not [w for w in INTERFACE_WORDS if w in text], f"{query!r}: {text[:200]}"
        assert not re.search(r"\b\d+/\d+$", text, re.M), f"{query!r}: {text[:200]}"  # "接受人工审核0/2"
        assert all(len(article) <= SCREEN[lang] for article in group["articles"]), f"{query!r}: {group['articles']}"
    assert errors == []
