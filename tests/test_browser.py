"""Readers tick, keep and print their progress — in Debian's Chromium, on the built site."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from browser import contrast, parse_rgb
from conftest import ROOT, ConsoleWatch
from guide.export import page_url
from guide.sources import load_pages
from site_build import build, copy_project

pytestmark = pytest.mark.browser
PAGES = load_pages(ROOT / "docs", ROOT)
ARTIFACTS = ROOT / "tests" / "artifacts"
SC = "stages/self-check/"
SC_EN = "en/stages/self-check/"
KEY = "jiebei-guide:progress:/"  # the site is served at the server's root
OLD_KEY = "jiebei-guide:progress"  # the key before it named the site's folder
STAGE_PATHS = [page_url(p).lstrip("/") for p in PAGES if p.stage]
SELF_CHECK = next(p for p in PAGES if p.stage == "self-check" and p.lang == "zh")  # the source of SC's counts


def box(page, item_id: str):
    return page.locator(f"#{item_id.lower()}-box")


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "{}")


def tool(page, name: str):
    """A toolbar button; on a phone the tools open from one button first."""
    button = page.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.locator(".guide-toolbar__menu").click()
    return button


# ---- Keeping progress -------------------------------------------------------------

def test_a_tick_survives_a_reload(page, server):
    page.goto(server.url + SC)
    box(page, "SC-01").check()
    page.reload()
    assert box(page, "SC-01").is_checked()
    assert not box(page, "SC-02").is_checked()
    tick = stored(page)["items"]["SC-01"]
    assert tick["at"].endswith("Z") and len(tick["h"]["zh"]) == 8
    assert page.console.errors == []


def test_a_tick_on_the_chinese_page_shows_on_the_english_page_and_back(page, server):
    page.goto(server.url + SC)
    box(page, "SC-03").check()
    page.goto(server.url + SC_EN)
    assert box(page, "SC-03").is_checked()
    box(page, "SC-04").check()
    page.goto(server.url + SC)
    assert box(page, "SC-04").is_checked()
    assert page.locator(".checklist-changed").count() == 0


def test_progress_counts_per_checklist_page_and_stage_map(page, server):
    # The counts the page should show, from the page's source (a step added to it changes them).
    source = SELF_CHECK
    ticked = ("SC-01", "SC-02", "SC-03")
    first_list = source.checklists[0].items
    page.goto(server.url + SC)
    for item_id in ticked:
        box(page, item_id).check()
    first = page.locator(".checklist").first
    assert first.locator(".checklist-count").inner_text() == (
        f"{sum(i.id in ticked for i in first_list)}/{len(first_list)}")
    done = f"{len(ticked)}/{len(source.items)}"
    assert page.locator(".guide-toolbar__progress").inner_text() == f"已完成 {done}"
    page.goto(server.url)
    assert f"已完成 {done}" in page.locator('[data-stage="self-check"] ~ .stage-map__progress, '
                                          '.stage-map__progress').first.inner_text()
    page.goto(server.url + "en/")
    assert page.locator(".stage-map__progress").first.inner_text() == f"(Done {done})"


def test_reset_asks_first_and_clears_only_this_page(page, server):
    page.goto(server.url + "stages/rectification/")
    box(page, "RE-01").check()
    page.goto(server.url + SC)
    box(page, "SC-01").check()
    page.once("dialog", lambda dialog: dialog.dismiss())
    tool(page, "清除本页勾选").click()
    assert box(page, "SC-01").is_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    tool(page, "清除本页勾选").click()
    assert not box(page, "SC-01").is_checked()
    assert set(stored(page)["items"]) == {"RE-01"}


def test_corrupt_or_foreign_storage_never_breaks_a_page(context, server):
    for value in ["{not json", "[]", '"text"', '{"format":"other","version":1,"items":{}}',
                  '{"format":"jiebei-guide-progress","version":0,"items":{"SC-01":true}}',
                  '{"format":"jiebei-guide-progress","version":1,"items":{"SC-01":true,"bad id":{}}}']:
        page = context.new_page()
        watch = ConsoleWatch(page)
        page.goto(server.url + SC)
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, value])
        page.reload()
        assert page.locator(".checklist-box:checked").count() == 0, value
        box(page, "SC-02").check()
        page.reload()
        assert box(page, "SC-02").is_checked(), value
        assert watch.errors == [], value
        page.evaluate("localStorage.clear()")
        page.close()


def test_a_page_works_with_storage_disabled(context, server):
    context.add_init_script("""
        Object.defineProperty(window, 'localStorage', {
          get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
        });""")
    page = context.new_page()
    watch = ConsoleWatch(page)
    page.goto(server.url + SC)
    box(page, "SC-01").check()
    assert page.locator(".guide-toolbar__progress").inner_text() == f"已完成 1/{len(SELF_CHECK.items)}"
    assert "不允许保存" in page.locator(".guide-no-storage-notice").inner_text()
    assert watch.errors == []


def test_export_then_import_round_trip(page, server, tmp_path):
    page.goto(server.url + SC)
    box(page, "SC-01").check()
    box(page, "SC-05").check()
    with page.expect_download() as download:
        tool(page, "导出进度").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "jiebei-guide-progress" and set(data["items"]) == {"SC-01", "SC-05"}
    page.evaluate("localStorage.clear()")
    page.reload()
    assert page.locator(".checklist-box:checked").count() == 0
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator('.guide-toolbar input[type="file"]').set_input_files(str(saved))
    page.wait_for_function("document.querySelector('.guide-status').textContent.includes('已合并')")
    assert box(page, "SC-01").is_checked() and box(page, "SC-05").is_checked()
    page.reload()
    assert box(page, "SC-05").is_checked()


@pytest.mark.parametrize("content", ["{oops", '{"format":"something-else","version":1,"items":{}}', "[1,2,3]"])
def test_a_malformed_import_is_rejected_and_ticks_are_kept(page, server, tmp_path, content):
    page.goto(server.url + SC)
    box(page, "SC-02").check()
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    page.locator('.guide-toolbar input[type="file"]').set_input_files(str(bad))
    status = page.locator(".guide-status--error")
    status.wait_for()
    assert "无法导入" in status.inner_text()
    assert box(page, "SC-02").is_checked()
    assert set(stored(page)["items"]) == {"SC-02"}


# ---- Site updates: ticks follow IDs; changed text is flagged ---------------------------

@pytest.fixture
def rebuilt(tmp_path):
    """Build an edited copy of the project; returns a function edit -> built site folder."""
    def rebuild(pages: list[str], change) -> Path:
        project = tmp_path / "project"
        if project.exists():
            shutil.rmtree(project)
        copy_project(project)
        for page in pages:
            path = project / "docs" / page
            path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        result = build(project / "site", cwd=project)
        assert result.returncode == 0, result.stderr
        return project / "site"
    return rebuild


def test_ticks_follow_their_ids_when_items_are_reordered(page, server, rebuilt, built_site):
    page.goto(server.url + SC)
    box(page, "SC-01").check()
    first_text = page.locator("#sc-01 label").inner_text()

    def swap(text: str) -> str:
        one = next(line for line in text.splitlines() if "SC-01 " in line)
        two = next(line for line in text.splitlines() if "SC-02 " in line)
        return text.replace(one, "@@").replace(two, one).replace("@@", two)

    server.root = rebuilt(["stages/self-check.md", "stages/self-check.en.md"], swap)
    try:
        page.reload()
        ids = page.locator("li.checklist-item").evaluate_all("els => els.map(e => e.dataset.item)")
        assert ids.index("SC-02") < ids.index("SC-01")  # swapped (an editors' step may stand anywhere)
        assert box(page, "SC-01").is_checked() and not box(page, "SC-02").is_checked()
        assert page.locator("#sc-01 label").inner_text() == first_text
        assert page.locator(".checklist-changed").count() == 0
    finally:
        server.root = built_site


def test_an_edited_item_says_it_changed_since_it_was_ticked(page, server, rebuilt, built_site):
    page.goto(server.url + SC)
    box(page, "SC-02").check()
    box(page, "SC-03").check()
    server.root = rebuilt(["stages/self-check.md"],
                          lambda text: text.replace("确认是否存在资金挪用", "确认是否存在资金被挪用"))
    try:
        page.reload()
        assert box(page, "SC-02").is_checked()
        assert page.locator("#sc-02 .checklist-changed").inner_text() == "此步骤在你勾选后有改动，请重新核对。"
        assert page.locator("#sc-03 .checklist-changed").count() == 0
        box(page, "SC-02").uncheck()
        box(page, "SC-02").check()  # ticking again confirms the new text
        page.reload()
        assert page.locator("#sc-02 .checklist-changed").count() == 0
    finally:
        server.root = built_site


# ---- Printing ---------------------------------------------------------------------

def test_printing_shows_ids_boxes_and_ticks_and_no_navigation(page, server, tmp_path):
    page.goto(server.url + SC)
    box(page, "SC-01").check()
    box(page, "SC-04").check()
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    pdf = tmp_path / "self-check.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = text.splitlines()

    def line_with(item_id: str) -> str:
        return next(line for line in lines if item_id in line)

    for item_id in ("SC-01", "SC-02", "SC-03", "SC-04", "SC-05", "SC-06"):
        assert item_id in text
    assert "☑" in line_with("SC-01") and "☑" in line_with("SC-04")
    assert "☐" in line_with("SC-02") and "☐" in line_with("SC-06")
    for absent in ("打印本页", "导出进度", "Material for MkDocs", "下一页", "搜索"):
        assert absent not in text, absent
    flat = "".join(text.split())
    assert server.url + SC in flat  # the page's address on the sheet
    assert f"<{server.url}glossary/>" in flat  # a link's URL after its text
    assert "打印日期" in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, ARTIFACTS / "print-self-check.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf),
                    str(ARTIFACTS / "print-self-check")], check=True)
    assert list(ARTIFACTS.glob("print-self-check*.png"))


def test_printing_opens_collapsed_checklists(page, server):
    page.goto(server.url + SC)
    page.evaluate("""() => {  // a collapsed checklist, as `??? checklist` renders it
        const div = document.querySelector('div.checklist');
        const details = document.createElement('details');
        details.className = 'checklist';
        details.innerHTML = '<summary>t</summary>' + div.innerHTML.replace(/<p class="admonition-title">.*?<\\/p>/, '');
        div.replaceWith(details);
    }""")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelector('details.checklist').open")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate("document.querySelector('details.checklist').open")


def test_the_worksheet_prints_with_saved_ticks(page, server):
    page.goto(server.url + SC)
    box(page, "SC-02").check()
    page.goto(server.url + "worksheet/")
    assert tool(page, "打印本页").is_visible()
    assert "is-ticked" in page.locator('.worksheet-box[data-item="SC-02"]').get_attribute("class")
    assert "is-ticked" not in page.locator('.worksheet-box[data-item="SC-01"]').get_attribute("class")
    assert page.locator(".worksheet-box").count() == sum(len(p.items) for p in PAGES if p.lang == "zh")


# ---- Accessibility and phones ------------------------------------------------------

def test_ticking_by_keyboard_with_a_visible_focus_ring(page, server):
    page.goto(server.url + SC)
    page.locator("#sc-01-box").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    assert page.evaluate("document.activeElement.id") == "sc-01-box"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + "
                            "getComputedStyle(document.activeElement).outlineWidth")
    assert outline.startswith("solid") and float(outline.split()[1].rstrip("px")) >= 2
    page.keyboard.press("Space")
    assert box(page, "SC-01").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sc-02-box"
    page.keyboard.press("Space")
    page.reload()
    assert box(page, "SC-02").is_checked()


@pytest.mark.parametrize("path", [SC, SC_EN, "stages/maintenance/", "en/stages/application/"])
def test_every_checkbox_has_its_items_text_as_accessible_name(page, server, path):
    page.goto(server.url + path)
    client = page.context.new_cdp_session(page)
    tree = client.send("Accessibility.getFullAXTree")["nodes"]
    names = [n.get("name", {}).get("value", "") for n in tree if n.get("role", {}).get("value") == "checkbox"]
    items = page.locator("li.checklist-item label").all_inner_texts()
    assert len(names) == len(items) > 0
    for name, text in zip(names, items):
        assert name.strip() and name.split()[0] == text.split()[0]  # starts with the item ID
        assert len(name) > 8


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_boxes_are_24px_targets_with_a_3_to_1_border(page, server, scheme):
    page.goto(server.url + SC)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    for element in page.locator(".checklist-box").all():
        size = element.bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24
    border = parse_rgb(page.evaluate("getComputedStyle(document.querySelector('.checklist-box')).borderTopColor"))
    background = parse_rgb(page.evaluate(
        "getComputedStyle(document.querySelector('.md-main') || document.body).backgroundColor"
        " === 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.body).backgroundColor"
        " : getComputedStyle(document.querySelector('.md-main')).backgroundColor"))
    assert contrast(border, background) >= 3


ALL_PAGES = [page_url(p) for p in PAGES]


@pytest.mark.parametrize("path", ALL_PAGES)
def test_no_horizontal_scrolling_at_360px_no_console_errors_no_csp_violations(page, server, path):
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(server.url + path.lstrip("/"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.console.errors == []
    assert page.evaluate("window.__csp") == []
    assert page.evaluate("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]') !== null")


def test_the_policy_blocks_a_script_injected_at_run_time_and_runs_the_themes_own(page, server):
    """A script, an event attribute and a javascript: URL added after the page loaded (as an
    injection would) do not run; the theme's trusted inline scripts did run."""
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective));")
    page.goto(server.url + SC)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof __md_get === 'function' && __md_scope.pathname === '/'")  # trusted: ran
    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.append(script);
        const button = document.createElement('button');
        button.id = 'injected';
        button.textContent = 'x';
        button.setAttribute('onclick', 'window.__clicked = true');
        document.body.prepend(button);
        const link = document.createElement('a');
        link.id = 'injected-link';
        link.textContent = 'y';
        link.href = 'javascript:window.__followed = true';
        document.body.prepend(link);
    }""")
    page.click("#injected")
    page.click("#injected-link")
    page.wait_for_timeout(200)
    assert page.evaluate("[window.__injected, window.__clicked, window.__followed]") == [None, None, None]
    # The script and the javascript: URL (script-src-elem, as Chromium reports it), the attribute.
    assert sorted(page.evaluate("window.__csp")) == ["script-src-attr", "script-src-elem", "script-src-elem"]


@pytest.mark.parametrize("path, query, expected", [
    ("", "芝麻信用", "芝麻"),            # Chinese words inside sentences
    ("", "征信", "征信"),
    ("", "借呗", "借"),
    ("en/", "reopen", "reopen"),        # an English word on the English pages
    ("en/", "Sesame", "Sesame"),
])
def test_search_finds_words_in_both_languages(page, server, path, query, expected):
    page.goto(server.url + path)
    page.locator("label.md-header__button[for='__search']").click()
    page.wait_for_load_state("networkidle")  # the index is loaded in a worker
    search = page.locator("input.md-search__input")
    search.fill(query)
    search.press("End")  # Material searches on key events, as a reader's typing (or IME) makes
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 1
    assert expected.lower() in page.locator(".md-search-result").inner_text().lower()
    assert page.console.errors == []


def test_search_loads_nothing_until_a_reader_starts_one(chromium, server):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    console = ConsoleWatch(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server.url + SC)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in requests if "search" in url or "lunr" in url or "sitemap" in url]
    # The page, three stylesheets, two scripts and the favicon (a file, for link previews). The
    # service worker keeps the search files for offline use in the background, not as the page's
    # requests (tests/test_offline.py).
    assert len(requests) == 7 and server.url + "assets/images/favicon.png" in requests, requests

    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.keyboard.type("征信")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert "征信" in page.locator(".md-search-result").inner_text()
    assert any(url.endswith("/search/search_index.json") for url in requests)
    assert console.errors == []
    context.close()


def test_a_page_opened_from_a_search_result_highlights_the_words(page, server):
    page.goto(server.url + SC + "?h=征信")
    page.locator("article mark").first.wait_for(timeout=15000)
    assert page.locator("article mark").first.inner_text() == "征信"
    assert page.console.errors == []


@pytest.mark.parametrize("path", [SC, "en/worksheet/"])
def test_usable_at_200_percent_zoom(chromium, server, path):
    # 200 % zoom of a 1280 px window leaves 640 CSS px; WCAG reflow asks for 320.
    for width in (640, 320):
        context = chromium.new_context(viewport={"width": width, "height": 700}, device_scale_factor=2)
        page = context.new_page()
        page.goto(server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if page.locator(".checklist-box").count():
            box(page, "SC-01").check()
            assert box(page, "SC-01").is_checked()
        context.close()


def test_without_javascript_everything_stays_readable(chromium, server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + SC)
    assert page.locator("li.checklist-item").count() == len(SELF_CHECK.items)
    assert not page.locator(".guide-toolbar").is_visible()  # it could do nothing without JavaScript
    assert not page.locator(".checklist-count").first.is_visible()
    box(page, "SC-01").check()  # still tickable, and prints as ticked
    assert box(page, "SC-01").is_checked()
    assert "对企业资产负债表" in page.locator("#sc-01").inner_text()
    context.close()


# ---- The first screen on a phone ------------------------------------------------------

@pytest.mark.parametrize("path", STAGE_PATHS)
def test_a_phone_opens_a_stage_page_on_its_first_checklist_item(chromium, server, path):
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(server.url + path)
    first = page.locator("li.checklist-item .checklist-box").first.bounding_box()
    assert first["y"] >= 0 and first["y"] + first["height"] <= 800, f"{path}: first box at {first}"
    # The toolbar takes one line: the count and one button.
    bar = page.locator(".guide-toolbar").bounding_box()
    menu = page.locator(".guide-toolbar__menu")
    assert menu.is_visible() and bar["height"] < 2 * menu.bounding_box()["height"], bar
    # Every tool is one tap away.
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    tools = page.locator(".guide-toolbar__tools button")
    assert tools.count() >= 4 and all(button.is_visible() for button in tools.all())
    # Checklist items at body text size, with 24 px targets.
    sizes = page.evaluate("""() => [getComputedStyle(document.querySelector('li.checklist-item label')).fontSize,
                                    getComputedStyle(document.querySelector('article.md-typeset')).fontSize]""")
    assert sizes[0] == sizes[1], sizes
    for element in page.locator(".checklist-box").all():
        assert element.bounding_box()["width"] >= 24 and element.bounding_box()["height"] >= 24
    # The notes folded above the first checklist still open, and print open.
    folded = page.locator("details.guide-folded")
    if folded.count():
        folded.first.locator("summary").click()
        assert folded.first.evaluate("d => d.open")
    context.close()


def test_notes_stay_open_on_a_wide_screen(chromium, server):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server.url + SC_EN)
    assert page.locator("details.guide-folded").count() == 0
    assert page.locator(".guide-toolbar__tools button").first.is_visible()
    context.close()


# ---- Progress that moves between devices ---------------------------------------------

def progress_file(tmp_path, items: dict, name="progress.json", **extra) -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"format": "jiebei-guide-progress", "version": 1, "items": items, **extra}),
                    encoding="utf-8")
    return str(path)


TICK = {"at": "2026-01-02T03:04:05.000Z", "h": {"zh": "00000000"}}


@pytest.mark.parametrize("answer", ["accept", "dismiss"])
def test_an_import_asks_first_then_merges_with_the_ticks_already_there(page, server, tmp_path, answer):
    page.goto(server.url + SC)
    box(page, "SC-02").check()
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), getattr(dialog, answer)()))
    page.locator('.guide-toolbar input[type="file"]').set_input_files(
        progress_file(tmp_path, {"SC-01": TICK, "SC-05": TICK}))
    page.locator(".guide-status:not(:empty)").wait_for()
    assert "SC-01, SC-05" in questions[0] and "2" in questions[0]
    expected = {"SC-01", "SC-02", "SC-05"} if answer == "accept" else {"SC-02"}
    assert set(stored(page)["items"]) == expected
    assert box(page, "SC-02").is_checked()
    assert box(page, "SC-05").is_checked() == (answer == "accept")


@pytest.mark.parametrize("kind, message", [("empty", "没有有效的勾选"), ("foreign", "无法导入"),
                                           ("oversized", "超过")])
def test_an_empty_foreign_or_oversized_file_is_refused_and_nothing_changes(page, server, tmp_path, kind, message):
    page.goto(server.url + SC)
    box(page, "SC-02").check()
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    file = {
        "empty": lambda: progress_file(tmp_path, {"bad id": TICK, "SC-01": True}),
        "foreign": lambda: progress_file(tmp_path, {"SC-01": TICK}, format="other"),
        "oversized": lambda: progress_file(tmp_path, {"SC-01": TICK}, padding="x" * 300_000),
    }[kind]()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.locator('.guide-toolbar input[type="file"]').set_input_files(file)
    status = page.locator(".guide-status--error")
    status.wait_for()
    assert message in status.inner_text()
    assert dialogs == []
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == before
    assert box(page, "SC-02").is_checked() and not box(page, "SC-01").is_checked()


@pytest.mark.parametrize("answer", ["accept", "dismiss"])
def test_a_progress_link_shows_what_it_holds_and_asks_before_merging(chromium, server, answer):
    phone = chromium.new_context(viewport={"width": 360, "height": 800})
    phone.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    page = phone.new_page()
    page.goto(server.url + SC)
    box(page, "SC-01").check()
    box(page, "SC-05").check()
    tool(page, "复制进度链接").click()
    page.locator(".guide-status:not(:empty)").wait_for()
    link = page.evaluate("navigator.clipboard.readText()")
    phone.close()
    assert link.startswith(server.url + SC + "#progress=")

    computer = chromium.new_context(viewport={"width": 1280, "height": 800})
    requests = []
    page = computer.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url + SC)
    box(page, "SC-02").check()
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), getattr(dialog, answer)()))
    page.goto(link)
    page.locator(".guide-status:not(:empty)").wait_for()
    assert "SC-01, SC-05" in questions[0]
    assert "#" not in page.url  # taken out of the address: a reload does not ask again
    assert not any("progress=" in url for url in requests)  # the fragment never reaches a server
    expected = {"SC-01", "SC-02", "SC-05"} if answer == "accept" else {"SC-02"}
    assert set(stored(page)["items"]) == expected
    assert box(page, "SC-05").is_checked() == (answer == "accept")
    computer.close()


def test_a_broken_progress_link_changes_nothing(page, server):
    page.goto(server.url + SC)
    box(page, "SC-02").check()
    page.goto(server.url + SC_EN + "#progress=not-base64!")
    page.locator(".guide-status--error").wait_for()
    assert set(stored(page)["items"]) == {"SC-02"}


def test_a_tick_made_before_the_script_ran_is_kept(chromium, server, built_site):
    script = (built_site / "assets" / "guide.js").read_text(encoding="utf-8")
    context = chromium.new_context(bypass_csp=True)  # to run the script late, inline
    page = context.new_page()
    page.route("**/assets/guide.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto(server.url + SC)
    box(page, "SC-03").check()  # the reader is quicker than a slow connection
    page.unroute("**/assets/guide.js")
    page.add_script_tag(content=script)
    page.locator(".guide-toolbar__progress", has_text="1/").wait_for()
    assert box(page, "SC-03").is_checked()
    assert set(stored(page)["items"]) == {"SC-03"}
    context.close()


def test_the_changed_notice_describes_the_checkbox_and_is_not_its_name(page, server):
    page.goto(server.url + SC)
    page.evaluate("([key]) => localStorage.setItem(key, JSON.stringify({format: 'jiebei-guide-progress', version: 1,"
                  " items: {'SC-02': {at: '2026-01-01T00:00:00Z', h: {zh: 'ffffffff'}}}}))", [KEY])
    page.reload()
    notice = page.locator("#sc-02 .checklist-changed")
    assert notice.inner_text() == "此步骤在你勾选后有改动，请重新核对。"
    assert page.locator("#sc-02 label .checklist-changed").count() == 0
    assert box(page, "SC-02").get_attribute("aria-describedby") == notice.get_attribute("id")
    client = page.context.new_cdp_session(page)
    nodes = client.send("Accessibility.getFullAXTree")["nodes"]
    checkbox = next(n for n in nodes if n.get("role", {}).get("value") == "checkbox"
                    and "SC-02" in n.get("name", {}).get("value", ""))
    assert "改动" not in checkbox["name"]["value"]
    assert "改动" in checkbox.get("description", {}).get("value", "")


def test_ticks_saved_under_the_old_key_are_kept(page, server):
    old = {"format": "jiebei-guide-progress", "version": 1, "items": {"SC-04": TICK}}
    page.goto(server.url + SC)
    page.evaluate("([key, value]) => { localStorage.clear(); localStorage.setItem(key, value); }",
                  [OLD_KEY, json.dumps(old)])
    page.reload()
    assert box(page, "SC-04").is_checked()
    assert set(stored(page)["items"]) == {"SC-04"}
    box(page, "SC-01").check()
    page.reload()
    assert box(page, "SC-01").is_checked() and box(page, "SC-04").is_checked()


def test_two_guides_on_one_origin_keep_their_own_ticks(chromium, built_site, tmp_path):
    from static_server import StaticServer

    root = tmp_path / "origin"
    root.mkdir()
    (root / "one").symlink_to(built_site, target_is_directory=True)
    (root / "two").symlink_to(built_site, target_is_directory=True)
    with StaticServer(root) as origin:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(origin.url + "one/" + SC)
        box(page, "SC-01").check()
        page.goto(origin.url + "two/" + SC)
        assert not box(page, "SC-01").is_checked()
        box(page, "SC-02").check()
        page.goto(origin.url + "one/" + SC)
        assert box(page, "SC-01").is_checked() and not box(page, "SC-02").is_checked()
        keys = page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('jiebei-guide'))")
        assert sorted(keys) == ["jiebei-guide:progress:/one/", "jiebei-guide:progress:/two/"]
        context.close()


def test_the_drawer_and_search_are_closed_when_the_reader_comes_back(page, server):
    """The build removes Material's (invalid) autocomplete="off" from its drawer and search
    toggles; a browser then restores them checked on the way back, unless guide.js closes them."""
    page.add_init_script("window.addEventListener('unload', function () {});")  # no back-forward cache
    page.goto(server.url + "causes/")
    page.click(".md-header label[for='__drawer']")
    page.evaluate("document.getElementById('__search').checked = true")
    assert page.evaluate("[__drawer.checked, __search.checked]") == [True, True]
    page.goto(server.url + "glossary/")
    page.go_back()
    page.wait_for_load_state("load")
    page.wait_for_function("document.readyState === 'complete'")
    page.wait_for_timeout(200)  # pageshow follows load
    assert page.url == server.url + "causes/"
    assert page.evaluate("[__drawer.checked, __search.checked]") == [False, False]
    assert page.console.errors == []


# ---- Hostile input cannot bind items or fill storage (issue #19, classes 5 and 7) ----------

FORGED = ('<ul><li class="checklist-item" data-item="SC-01" data-hash="00000000" data-mark="{mark}">'
          '<input type="checkbox" class="checklist-box" id="forged-box" data-mark="{mark}"'
          ' style="position:fixed;inset:0;width:100vw;height:100vh;opacity:0.01;z-index:99">'
          '<label for="forged-box">x</label></li></ul>')


@pytest.mark.parametrize("mark", ["", "0123456789abcdef"])
def test_a_forged_raw_html_item_is_not_bound_by_the_script(page, server, mark):
    """Forced into a built page (the build refuses it: test_item_ids.py), a page-sized checkbox
    with the checklist's classes and a guessed mark is not an item: clicking it deletes no tick."""
    page.goto(server.url + SC)
    box(page, "SC-01").check()

    def forged(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("</h1>", "</h1>" + FORGED.format(mark=mark), 1))

    page.route(server.url + SC, forged)
    page.reload()
    assert box(page, "SC-01").is_checked()
    page.mouse.click(180, 400)  # on the forged box, which covers the page
    assert page.locator("#forged-box").is_checked()
    assert set(stored(page)["items"]) == {"SC-01"}
    assert page.locator(".guide-toolbar__progress").inner_text().endswith(f"1/{page.locator('li.checklist-item').count() - 1}")


def test_an_import_of_6000_unknown_ids_keeps_none(page, server, tmp_path):
    page.goto(server.url + SC)
    box(page, "SC-02").check()
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    unknown = {f"{a}{b}-{n:02d}": {"at": "2026-01-02", "h": {}} for a in "QUVWXYZJKL" for b in "ABCDEFGHIJKL"
               for n in range(50)}
    assert len(unknown) == 6000 and not set(unknown) & {i.id for p in PAGES for i in p.items}
    file = tmp_path / "unknown.json"  # compact, so it stays under the import's 256 KB
    file.write_text(json.dumps({"format": "jiebei-guide-progress", "version": 1, "items": unknown},
                               separators=(",", ":")), encoding="utf-8")
    assert file.stat().st_size < 256 * 1024
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.locator('.guide-toolbar input[type="file"]').set_input_files(str(file))
    status = page.locator(".guide-status--error")
    status.wait_for()
    assert status.inner_text() == "无法导入：其中的 1000 个勾选都不是本指南的步骤，当前的勾选保持不变。"
    assert dialogs == [] and page.evaluate(f"localStorage.getItem('{KEY}')") == before


def test_an_import_keeps_only_published_ids_and_says_what_it_ignored_and_replaced(page, server, tmp_path):
    page.goto(server.url + SC)
    box(page, "SC-02").check()
    mine = stored(page)["items"]["SC-02"]
    newer = {"at": "2099-01-01T00:00:00.000Z", "h": {"zh": "00000000"}}  # in the future: not a tick
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator('.guide-toolbar input[type="file"]').set_input_files(progress_file(
        tmp_path, {"SC-01": TICK, "ZZ-01": TICK, "SC-02": newer}))
    status = page.locator(".guide-status:not(:empty)")
    status.wait_for()
    assert status.inner_text() == "已合并 1 个勾选，共 2 个。 另有 1 个勾选不是本指南的步骤，已忽略。"
    assert stored(page)["items"]["SC-02"] == mine and set(stored(page)["items"]) == {"SC-01", "SC-02"}


def test_a_padded_progress_link_of_1_35_million_characters_is_refused_with_a_clear_message(page, server):
    page.goto(server.url + SC)
    box(page, "SC-02").check()
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    padded = "#progress=" + "A" * 1_350_000
    page.goto(server.url + SC_EN + padded)
    status = page.locator(".guide-status--error")
    status.wait_for()
    assert status.inner_text() == (f"This progress link is {len(padded):,} characters long: too long to be one "
                                   "this guide made. Your current ticks are unchanged.")
    assert dialogs == [] and set(stored(page)["items"]) == set(json.loads(before)["items"]) == {"SC-02"}
    assert len(page.evaluate(f"localStorage.getItem('{KEY}')")) < 300


def test_a_full_storage_is_named_as_such_not_as_private_mode(page, server):
    page.goto(server.url + SC)
    page.evaluate("""() => { Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }; }""")
    box(page, "SC-04").check()
    status = page.locator(".guide-status--error")
    status.wait_for()
    assert status.inner_text() == "无法保存：此浏览器为本站保留的存储空间已满。勾选只在本页打开期间有效；请导出进度文件保存。"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_phone_opens_the_home_page_on_the_start_here_block(chromium, server, lang):
    """Issue #20 §2: on a 360×800 phone, the editors' “Start here” block comes straight after the
    title, and it, its four stage links and the 95188 number are on the first screen."""
    from guide.record import EDITORS_NOTE
    home = next(p for p in PAGES if p.key == "index.md" and p.lang == lang)
    from guide.model import STAGES
    stages = [page_url(p) for p in sorted((p for p in PAGES if p.stage and p.lang == lang),
                                          key=lambda p: list(STAGES).index(p.stage))]
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(server.url + page_url(home).lstrip("/"))
    block = page.locator("article h1 + .admonition")
    assert block.count() == 1, "the block right under the h1"
    assert block.locator(".admonition-title").inner_text().startswith(EDITORS_NOTE[lang])
    box = block.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    links = block.locator("a[href]")
    hrefs = [a.evaluate("a => new URL(a.href).pathname") for a in links.all()]
    assert [h for h in hrefs if h in stages] == stages, hrefs
    for link in links.all():
        found = link.bounding_box()
        assert found["y"] + found["height"] <= 800, (link.inner_text(), found)
    number = block.get_by_text("95188").first.bounding_box()
    assert number["y"] + number["height"] <= 800, number
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"start-here-{lang}-360x800.png"))
    context.close()
