"""Checkers nobody here wrote, on the built site: the W3C Nu Html Checker (vnu, from npm in
bench/, on Debian's Java) finds no error on any page, and linkchecker (PyPI), crawling the site
served on 127.0.0.1, finds no broken link or anchor and no warning."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from guide.sources import load_pages

VNU = ROOT / "bench" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKCHECKER = Path(sys.executable).parent / "linkchecker"
PAGES = load_pages(ROOT / "docs", ROOT)
pytestmark = pytest.mark.slow  # about half a minute together: kept out of `make quick`

# Accepted, and why: every other warning fails like an error.
# - "… violates Content Security Policy (meta tag) …": vnu reads the pages as files, and a file:
#   URL is no origin that 'self' matches, so it reports every stylesheet and script of the site;
#   it also counts Material's JSON data block (<script type="application/json">, never run) as an
#   inline script. Chromium, on the site served over HTTP, reports no CSP violation (test_browser).
# vnu's "info" messages are not warnings and are not counted (for example "Trailing slash on void
# elements has no effect": Python-Markdown writes <br />, which is valid HTML).
ACCEPTED_WARNINGS = re.compile(r"violates Content Security Policy \(meta tag\)")


def missing(tool: str, what: str):
    message = f"{tool} is not installed: {what}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def problems(messages: list[dict]) -> list[dict]:
    """vnu's errors, and its warnings other than the accepted ones."""
    return [m for m in messages if m["type"] in ("error", "non-document-error")
            or (m.get("subType") == "warning" and not ACCEPTED_WARNINGS.search(m["message"]))]


def with_the_themes_defects(html: str) -> str:
    """A built page with the three defects Material's markup had before the build fixed them."""
    icon = re.search(r'<link rel="icon" href="([^"]*)"', html)  # a raw space in a URL, as the theme's data: URI had
    html = html.replace(icon.group(0), icon.group(0).replace("favicon", "fav icon"), 1)
    html = html.replace('<label class="md-nav__link"', '<label class="md-nav__link" tabindex=""', 1)
    return html.replace('id="__drawer"', 'id="__drawer" autocomplete="off"', 1)


@pytest.fixture(scope="module")
def vnu(built_site: Path, tmp_path_factory) -> dict[str, list[dict]]:
    """One JVM over every built page and a canary page (see below): messages per file, by path."""
    if not shutil.which("java"):
        missing("Java", "run `make system` (Debian's default-jre-headless)")
    if not VNU.is_file():
        missing("vnu.jar", "run `make system` (npm ci in bench/)")
    canary = tmp_path_factory.mktemp("canary") / "canary.html"
    canary.write_text(with_the_themes_defects((built_site / "index.html").read_text(encoding="utf-8")),
                      encoding="utf-8")
    pages = sorted(built_site.rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always",
                             *map(str, pages), str(canary)], capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr)
    by_file: dict[str, list[dict]] = {str(p.relative_to(built_site)): [] for p in pages}
    by_file["canary"] = []
    for message in report["messages"]:
        path = Path(message.get("url", "").removeprefix("file:"))
        key = "canary" if path == canary else str(path.relative_to(built_site))
        by_file[key].append(message)
    return by_file


def test_the_nu_checker_sees_every_page_of_both_languages_and_the_404_page(vnu):
    pages = set(vnu) - {"canary"}
    assert "404.html" in pages
    assert len(pages) == len(PAGES) + 1  # every page in its language, plus the one 404 page
    assert sum(p.startswith("en/") for p in pages) == len(PAGES) // 2


def test_the_nu_checker_finds_no_error_on_any_page(vnu):
    found = [f"site/{path}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
             for path, messages in sorted(vnu.items()) if path != "canary" for m in problems(messages)]
    assert found == [], "\n".join(found)


def test_the_nu_checker_would_catch_the_theme_defects_the_build_removes(vnu):
    """The canary is the built home page with Material's three defects put back: vnu must
    report each, or a pass above proves nothing."""
    errors = [m["message"] for m in problems(vnu["canary"])]
    assert any("“href” on element “link”" in e and "space is not allowed" in e.lower() for e in errors), errors
    assert any("“tabindex” on element “label”" in e for e in errors), errors
    assert any("Attribute “autocomplete” is only allowed" in e for e in errors), errors
    assert len(errors) == 3, errors


def test_linkchecker_finds_no_broken_link_or_anchor_and_no_warning(built_site, tmp_path):
    if not LINKCHECKER.is_file():
        missing("linkchecker", "install the test extras (make test)")
    from static_server import StaticServer

    config = tmp_path / "linkcheckerrc"
    # AnchorCheck: every #fragment must name an element of its page. The server sends a
    # "LinkChecker" header, which is what lets linkchecker go faster than 10 requests a second.
    config.write_text("[checking]\nmaxrequestspersecond=200\n\n[AnchorCheck]\n", encoding="utf-8")
    with StaticServer(built_site, headers={"LinkChecker": "local test server"}) as server:
        only_this_site = "^(?!" + re.escape(server.url) + ")"  # nothing else is requested, not even DNS
        result = subprocess.run(
            [str(LINKCHECKER), "--config", str(config), "--no-status", "--output", "text",
             "--ignore-url", only_this_site, server.url, server.url + "404.html"],
            capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "0 warnings found. 0 errors found." in output, output
    checked = int(re.search(r"(\d+) links? in \d+ URLs? checked", output).group(1))
    assert checked > 10 * len(PAGES), output  # it crawled the site, not just its start pages
