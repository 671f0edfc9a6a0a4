"""axe-core (from npm, bench/node_modules) on every page of both languages, in Chromium:
zero violations of WCAG 2.0/2.1/2.2 A and AA and axe's best practices, target-size included."""

from __future__ import annotations

import os

import pytest

from conftest import ROOT
from guide.export import page_url
from guide.sources import load_pages

pytestmark = pytest.mark.browser
AXE = ROOT / "bench" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PATHS = [page_url(p) for p in load_pages(ROOT / "docs", ROOT)] + ["/404.html"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        message = "axe-core is not installed: run `make system` (npm ci in bench/)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def violations(page, axe_source: str) -> list[str]:
    page.evaluate(axe_source)  # evaluated by the test driver, so the page's CSP stays on
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                     rules: {'target-size': {enabled: true}}})""", TAGS)
    return [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in result["violations"]]


@pytest.mark.parametrize("path", PATHS)
def test_no_axe_violations_in_the_light_palette(page, server, axe_source, path):
    page.goto(server.url + path.lstrip("/"))
    page.wait_for_load_state("networkidle")
    assert violations(page, axe_source) == []


@pytest.mark.parametrize("path", ["/", "/stages/self-check/", "/en/stages/maintenance/", "/en/worksheet/"])
def test_no_axe_violations_in_the_dark_palette(context, server, axe_source, path):
    # Material keeps the reader's palette under "<site path>.__palette".
    context.add_init_script("localStorage.setItem('/.__palette', JSON.stringify({index: 1, color: "
                            "{media: '(prefers-color-scheme: dark)', scheme: 'slate', primary: 'indigo', accent: 'indigo'}}))")
    page = context.new_page()
    page.emulate_media(color_scheme="dark")
    page.goto(server.url + path.lstrip("/"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert violations(page, axe_source) == []


def test_no_axe_violations_with_ticks_and_a_changed_step(page, server, axe_source):
    page.goto(server.url + "stages/application/")
    page.locator("#ap-01-box").check()
    page.evaluate("""() => {  // as if AP-02 had been ticked before its text changed
        const data = JSON.parse(  // the key names the site's folder: here the root
            localStorage.getItem('jiebei-guide:progress:/'));
        data.items['AP-02'] = {at: new Date().toISOString(), h: {zh: '00000000'}};
        localStorage.setItem('jiebei-guide:progress:/', JSON.stringify(data));
    }""")
    page.reload()
    assert page.locator(".checklist-changed").count() == 1
    assert violations(page, axe_source) == []


def test_the_gate_can_fail(page, server, axe_source):
    """Material's own task-list markup (an unlabelled checkbox) is what we replaced; axe flags it."""
    page.goto(server.url + "stages/self-check/")
    page.evaluate("document.querySelector('#sc-01 label').remove()")
    assert any(v.startswith("label:") for v in violations(page, axe_source))
