"""A phone in a bank hall (issue #21), in Debian's Chromium with touch at 360×800 and 320×640:
hotlines one tap away, glossary terms on touch and keyboard, the reader's language on the 404
page, storage blocked or JavaScript off, the first screen and the drawer, all derived from the
sources (docs/, mkdocs.yml's pages), not from today's literals.

Screenshots to look at are kept in tests/artifacts/phone/."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, ConsoleWatch
from guide.export import page_url, stage_pages
from guide.html import HOTLINES, NOT_FOUND_WORDS, TOOLBAR_WORDS
from guide.model import LANGUAGES
from guide.sources import load_pages

pytestmark = pytest.mark.browser
PAGES = load_pages(ROOT / "docs", ROOT)
STAGE_PAGES = [p for p in PAGES if p.stage]
ARTIFACTS = ROOT / "tests" / "artifacts" / "phone"
PHONE = {"width": 360, "height": 800}
SMALL = {"width": 320, "height": 640}
HOTLINE = re.compile(r"(?<![0-9])(?:" + "|".join(HOTLINES) + r")(?![0-9])")


def path_of(page) -> str:
    return page_url(page).lstrip("/")


def source_text(page) -> str:
    """The page's Markdown with its snippets (--8<--) taken in, as the build reads it."""
    text = (ROOT / "docs" / page.src_uri).read_text(encoding="utf-8")
    return re.sub(r'--8<-- "([^"]+)"', lambda m: (ROOT / "docs" / m.group(1)).read_text(encoding="utf-8"), text)


@pytest.fixture
def phone(chromium):
    """phone(size, **options) -> a new page in a touch-screen context of that size."""
    contexts = []

    def open_page(size=PHONE, **options):
        context = chromium.new_context(viewport=size, has_touch=True, is_mobile=True, **options)
        contexts.append(context)
        page = context.new_page()
        page.console = ConsoleWatch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


# ---- Hotlines: one tap to call ----------------------------------------------------------

NUMBERS_IN_TEXT = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    for (const match of node.data.matchAll(/(?<![0-9])(95188|12378|96110|110)(?![0-9])/g)) {
      const link = node.parentElement.closest("a");
      found.push({number: match[1], href: link ? link.getAttribute("href") : null,
                  heading: Boolean(node.parentElement.closest("h1, h2, h3, h4, h5, h6"))});
    }
  }
  return found;
}"""


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_every_hotline_a_page_shows_is_a_tel_link(phone, server, page):
    tab = phone()
    tab.goto(server.url + path_of(page))
    found = tab.evaluate(NUMBERS_IN_TEXT)
    assert [f for f in found if f["href"] != f"tel:{f['number']}" and not f["heading"]] == []
    # What the sources say is there: every number in the page's own text (snippets taken in)
    # and, on the worksheet, every number in the notes attached to its steps.
    expected = set(HOTLINE.findall(re.sub(r"^\*\[.*$", "", source_text(page), flags=re.M)))
    linked = {f["number"] for f in found if f["href"]}
    if page.meta.get("worksheet"):  # it gathers more than its source: at least the notes attached to steps
        expected |= {number for stage in STAGE_PAGES if stage.lang == page.lang for note in stage.admonitions
                     if note.attached for number in HOTLINE.findall("\n".join(note.body))}
        assert expected <= linked
    else:
        assert linked == expected
    assert tab.console.errors == []


@pytest.mark.parametrize("size", [PHONE, SMALL], ids=["360x800", "320x640"])
@pytest.mark.parametrize("page", [p for p in PAGES if "includes/red-flag" in (ROOT / "docs" / p.src_uri).read_text(
                         encoding="utf-8")],
                         ids=lambda p: p.src_uri)
def test_the_scam_warnings_hotlines_show_without_a_tap(phone, server, page, size):
    tab = phone(size)
    tab.goto(server.url + path_of(page))
    warning = tab.locator(".admonition.danger, details.danger").first
    for number in HOTLINES:
        assert warning.locator(f'a[href="tel:{number}"]').first.is_visible(), number
    more = warning.locator("button.guide-more")
    if more.count():  # folded on a stage page: the rest of the warning opens from a button
        rest = tab.locator("#" + more.get_attribute("aria-controls"))
        assert not rest.is_visible() and more.get_attribute("aria-expanded") == "false"
        more.tap()
        assert rest.is_visible() and more.get_attribute("aria-expanded") == "true"
    if page.stage and size == SMALL:
        shoot(tab, f"scam-warning-{page.lang}-{page.stage}-320")


# ---- Glossary terms on touch and keyboard ---------------------------------------------

def open_term_in_an_item(tab, server, lang: str):
    """Open the first stage page of the language with a defined term (<abbr>, from the glossary
    snippet) in a checklist item's text; returns (page, item ID, the term's locator)."""
    for page in STAGE_PAGES:
        if page.lang == lang:
            tab.goto(server.url + path_of(page))
            terms = tab.locator("li.checklist-item label abbr")
            if terms.count():
                item_id = terms.first.evaluate("a => a.closest('li').dataset.item")
                return page, item_id.lower(), tab.locator(f"#{item_id.lower()} abbr").first
    raise AssertionError(f"no checklist item in {lang} uses a glossary term")


def boxes(tab) -> list[tuple[float, float]]:
    return tab.evaluate("[...document.querySelectorAll('li.checklist-item')].map(li => "
                        "[li.getBoundingClientRect().x, li.getBoundingClientRect().y + scrollY])")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_tap_on_a_term_shows_the_editors_definition_next_to_it(phone, server, lang):
    tab = phone()
    page, item, term = open_term_in_an_item(tab, server, lang)
    term.scroll_into_view_if_needed()
    definition = term.get_attribute("title")
    before = boxes(tab)
    term.tap()
    tip = tab.locator("#" + term.get_attribute("aria-controls"))
    assert tip.is_visible() and term.get_attribute("aria-expanded") == "true"
    assert " ".join(tip.inner_text().split()) == " ".join(re.sub(r"^([^:：]+[:：])\s*", r"\1 ", definition).split())
    label = re.match(r"^([^:：]+)[:：]", definition).group(1)  # the editors' label, from the glossary
    assert tip.locator("strong").inner_text().rstrip(":：") == label
    assert term.get_attribute("aria-describedby") == tip.get_attribute("id") and tip.get_attribute("role") == "tooltip"
    # Next to the term, on the screen, over the text: the checklist did not move, the box did not tick.
    at, shown = term.bounding_box(), tip.bounding_box()
    assert 0 <= shown["y"] - (at["y"] + at["height"]) <= 12
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= PHONE["width"]
    assert boxes(tab) == before
    assert not tab.locator(f"#{item}-box").is_checked()
    shoot(tab, f"term-{lang}")
    term.tap()  # a second tap closes it
    assert not tip.is_visible() and term.get_attribute("aria-expanded") == "false"
    term.tap()
    tab.locator("h1").tap()  # and so does a tap elsewhere
    assert not tip.is_visible() and term.get_attribute("aria-describedby") is None
    assert not tab.locator(f"#{item}-box").is_checked()
    assert tab.console.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_enter_on_a_focused_term_shows_its_definition_and_escape_hides_it(phone, server, lang):
    tab = phone()
    page, item, term = open_term_in_an_item(tab, server, lang)
    assert term.get_attribute("role") == "button" and term.get_attribute("tabindex") == "0"
    tab.locator(f"#{item}-box").focus()
    tab.keyboard.press("Tab")  # from the item's box, the next stop is the term in its text
    assert tab.evaluate("document.activeElement.tagName") == "ABBR"
    tab.keyboard.press("Enter")
    tip = tab.locator("#" + term.get_attribute("aria-controls"))
    assert tip.is_visible()
    assert not tab.locator(f"#{item}-box").is_checked()
    tab.keyboard.press("Escape")
    assert not tip.is_visible() and tab.evaluate("document.activeElement.tagName") == "ABBR"


# ---- The reader's language: the 404 page ------------------------------------------------

def expected_links(lang: str) -> list[tuple[str, str]]:
    home = "/" if lang == LANGUAGES[0] else f"/{lang}/"
    return [(NOT_FOUND_WORDS[lang]["home"], home)] + [(p.title, page_url(p)) for p in stage_pages(PAGES, lang)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_404_page_speaks_the_language_of_the_address(phone, server, lang):
    tab = phone()
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    response = tab.goto(server.url + prefix + "stages/no-such-page/")
    assert response.status == 404
    shown = tab.locator(f'[data-not-found="{lang}"]')
    assert shown.is_visible() and shown.get_attribute("lang") == lang
    assert shown.locator("h1").inner_text() == NOT_FOUND_WORDS[lang]["title"]
    for other in LANGUAGES:
        if other != lang:
            assert not tab.locator(f'[data-not-found="{other}"]').is_visible()
    links = [(a.inner_text(), a.get_attribute("href")) for a in shown.locator("a").all()]
    assert links == expected_links(lang)
    assert tab.locator("h1:visible").count() == 1
    shoot(tab, f"404-{lang}")
    # The one error is the page's own status; every asset it asks for is there.
    assert tab.console.errors == ["console.error: Failed to load resource: the server responded with a status of 404 "
                                  "(Not Found)"]


def test_without_javascript_the_404_page_shows_every_language(chromium, server):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "en/no-such-page/")
    assert all(page.locator(f'[data-not-found="{lang}"]').is_visible() for lang in LANGUAGES)
    context.close()


# ---- Storage blocked, JavaScript off ----------------------------------------------------

SET_ITEM_THROWS = ("Storage.prototype.setItem = function () {"
                   " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };")


@pytest.mark.parametrize("page", [p for p in STAGE_PAGES if p.lang == LANGUAGES[0]][:1] +
                         [p for p in STAGE_PAGES if p.lang != LANGUAGES[0]][:1], ids=lambda p: p.src_uri)
def test_blocked_storage_is_said_on_load_and_ticking_moves_nothing(phone, server, page):
    tab = phone()
    tab.context.add_init_script(SET_ITEM_THROWS)
    tab.goto(server.url + path_of(page))
    notice = tab.locator(".guide-no-storage-notice")
    assert notice.is_visible() and notice.inner_text() == TOOLBAR_WORDS[page.lang]["noStorage"]
    first, second = (f"#{item.id.lower()}-box" for item in page.items[:2])
    before = boxes(tab)
    tab.locator(first).tap()
    assert boxes(tab) == before, "the first tick moved the list"
    tab.locator(second).tap()  # the second tap lands on the second item, as aimed
    assert tab.locator(first).is_checked() and tab.locator(second).is_checked()
    assert tab.console.errors == []


def test_the_blocked_storage_notice_needs_no_late_script(phone, server):
    # Shown by the head's script before the page is drawn, not by assets/guide.js at the end of it.
    tab = phone()
    tab.context.add_init_script(SET_ITEM_THROWS)
    tab.route("**/assets/guide.js", lambda route: route.abort())
    page = STAGE_PAGES[0]
    tab.goto(server.url + path_of(page))
    assert tab.locator(".guide-no-storage-notice").is_visible()


def test_with_storage_allowed_no_notice_shows(phone, server):
    tab = phone()
    tab.goto(server.url + path_of(STAGE_PAGES[0]))
    assert not tab.locator(".guide-no-storage-notice").is_visible()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_without_javascript_ticks_are_said_unsaved_and_nothing_is_wider_than_320px(chromium, server, page):
    context = chromium.new_context(viewport=SMALL, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server.url + path_of(page))
    assert tab.evaluate("document.documentElement.scrollWidth") <= SMALL["width"]
    line = tab.locator(".guide-noscript")
    if page.items:
        assert line.is_visible() and line.inner_text() == TOOLBAR_WORDS[page.lang]["noScript"]
    else:
        assert line.count() == 0
    context.close()


# ---- Small screens and the keyboard -----------------------------------------------------

@pytest.mark.parametrize("page", STAGE_PAGES, ids=lambda p: p.src_uri)
def test_the_first_item_is_on_the_first_screen_at_320_by_640(phone, server, page):
    tab = phone(SMALL)
    tab.goto(server.url + path_of(page))
    box = tab.locator("li.checklist-item .checklist-box").first.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= SMALL["height"], f"first box at {box}"
    assert tab.evaluate("document.documentElement.scrollWidth") <= SMALL["width"]
    if page.stage == STAGE_PAGES[0].stage:
        shoot(tab, f"first-screen-{page.lang}-320")


def test_the_closed_drawers_links_are_out_of_the_tab_order(phone, server):
    tab = phone()
    tab.goto(server.url + path_of(STAGE_PAGES[0]))
    drawer_links = tab.locator(".md-sidebar--primary a").count()
    assert drawer_links > 5
    stops = []
    for _ in range(drawer_links + 10):
        tab.keyboard.press("Tab")
        stops.append(tab.evaluate("Boolean(document.activeElement.closest('.md-sidebar--primary'))"))
    assert not any(stops), f"Tab stops {[n + 1 for n, inside in enumerate(stops) if inside]} are in the closed drawer"
    tab.locator(".md-header label[for='__drawer']").tap()  # opened, its links are there to use
    link = tab.locator(".md-sidebar--primary a.md-nav__link[href]").first
    link.wait_for(state="visible")
    link.focus()
    assert tab.evaluate("Boolean(document.activeElement.closest('.md-sidebar--primary'))")
