"""Offline after one visit, in Chromium on a 360×800 touch screen, on the built site: the service
worker (hooks/guide/sw.js, written by the build) keeps every page of the reader's language (the
pages are found in the build), ticks and search work offline, a kept copy says it is one, and a
new build reaches a reader online on the next load, never mixed with the previous one."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from conftest import ConsoleWatch
from guide import offline
from guide.model import LANGUAGES
from guide.html import SAVED_COPY
from site_build import build, copy_project

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 360, "height": 800}, "has_touch": True, "is_mobile": True}
STAGE = {"zh": "stages/self-check/", "en": "en/stages/self-check/"}


def build_description(site: Path) -> dict:
    text = (site / offline.WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"^var BUILD = (\{.*\});$", text, re.M).group(1))


def pages_of(site: Path, lang: str) -> list[str]:
    """Every page of a language, from the build's files (not from the worker's own list)."""
    found = [offline.page_url(p.relative_to(site).as_posix()) for p in site.rglob("index.html")]
    return sorted(url for url in found if offline.language_of_path(url) == lang)


def kept(page) -> list[str]:
    return page.evaluate("""async () => {
        const names = await caches.keys();
        const urls = [];
        for (const name of names) { for (const r of await (await caches.open(name)).keys()) urls.push(r.url); }
        return urls; }""")


def visit_once(page, url: str, expected: list[str]) -> None:
    """Open a page online and wait until the worker has kept ``expected`` (absolute URLs)."""
    page.goto(url)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if page.evaluate("navigator.serviceWorker.controller !== null") and set(expected) <= set(kept(page)):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"not kept after 30 s: {sorted(set(expected) - set(kept(page)))}")


@pytest.fixture
def phone(chromium):
    context = chromium.new_context(**PHONE)
    yield context
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_after_one_visit_every_page_of_the_language_opens_offline_and_a_tick_survives(phone, server, built_site,
                                                                                        lang):
    page = phone.new_page()
    console = ConsoleWatch(page)
    pages = pages_of(built_site, lang)
    assert len(pages) >= 8
    visit_once(page, server.url + STAGE[lang], [server.url + p.removeprefix("./") for p in pages])
    page.locator("input.checklist-box").first.check()
    first = page.locator("li.checklist-item").first.get_attribute("data-item")

    phone.set_offline(True)
    for path in pages:
        page.goto(server.url + path.removeprefix("./"))
        assert page.locator("h1").first.is_visible(), path
        assert page.evaluate("document.documentElement.lang").startswith(lang), path
        saved = page.locator(".guide-saved")
        assert saved.count() == 1, path
        words = SAVED_COPY[lang].split("{date}")
        assert saved.inner_text().startswith(words[0]) and saved.inner_text().endswith(words[1]), path
        assert re.search(r"20\d\d", saved.inner_text())
    page.goto(server.url + STAGE[lang])
    page.reload()
    assert page.locator(f"li.checklist-item[data-item='{first}'] input.checklist-box").is_checked()
    assert page.locator(".guide-saved").count() == 1
    page.screenshot(path=str(Path(__file__).parent / "artifacts" / f"offline-{lang}-360.png"))
    assert [e for e in console.errors if "ERR_INTERNET_DISCONNECTED" not in e] == []

    phone.set_offline(False)
    page.reload()
    assert page.locator(".guide-saved").count() == 0  # online: nothing is said


def test_search_works_offline(phone, server, built_site):
    page = phone.new_page()
    kept_zh = build_description(built_site)["languages"]["zh"]
    visit_once(page, server.url + STAGE["zh"], [server.url + p.removeprefix("./") for p in kept_zh["files"] + kept_zh["pages"]])
    phone.set_offline(True)
    page.goto(server.url + "stages/application/")
    page.locator("label.md-header__button[for='__search']").click()
    search = page.locator("input.md-search__input")
    search.fill("征信")
    search.press("End")  # Material searches on key events
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert "征信" in page.locator(".md-search-result").inner_text()


def next_build(project: Path) -> Path:
    """The project with the self-check page's title and our stylesheet changed, built."""
    copy_project(project)
    page = project / "docs" / "stages" / "self-check.md"
    page.write_text(re.sub(r"^# (.*)$", r"# \1（新版）", page.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    css = project / "docs" / "assets" / "guide.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* the next build */\n", encoding="utf-8")
    result = build(project / "site", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_new_build_reaches_a_reader_online_on_the_next_load_never_mixed(phone, server, built_site, tmp_path):
    page = phone.new_page()
    old = build_description(built_site)
    visit_once(page, server.url + STAGE["zh"], [server.url + p.removeprefix("./") for p in old["languages"]["zh"]["pages"]])
    new_site = next_build(tmp_path / "project")
    new = build_description(new_site)
    assert new["version"] != old["version"]
    server.root = new_site
    try:
        page.goto(server.url + STAGE["zh"])
        assert "（新版）" in page.locator("h1").first.inner_text()  # the next load, at once
        assert page.locator(".guide-saved").count() == 0
        loaded = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet], script[src]')]"
                               ".map(e => (e.href || e.src).replace(location.origin + '/', ''))")
        assert set(loaded) <= set(new["shared"]), "every file the page loads is the new build's"
        assert any(url.startswith("assets/guide.css?v=") for url in loaded)
        assert [u for u in loaded if u.startswith("assets/guide.css")] != [u for u in old["shared"] if u.startswith("assets/guide.css")]
        # The new worker takes over and keeps only the new build.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            names = page.evaluate("caches.keys()")
            if len(names) == 1 and names[0].endswith(new["version"]):
                break
            page.wait_for_timeout(200)
        assert len(names) == 1 and names[0].endswith(":" + new["version"]), names
        phone.set_offline(True)
        page.reload()
        assert "（新版）" in page.locator("h1").first.inner_text()
    finally:
        server.root = built_site
