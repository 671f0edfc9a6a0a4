"""Each hostile fixture, forced into a real built page, in Chromium: what it does to a reader when
nothing stops it (a redirect, a request to another host, a dialog, ticks lost), and that the gate
refuses every page that does anything. A page the gate passes (the real one) does nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from guide import shipped
from static_server import StaticServer
from test_shipped import HOSTILE_CASES, forced, real_site

pytestmark = pytest.mark.browser
FORCED = "stages/self-check/index.html"
OTHER = "stages/rectification/"
KEY = "jiebei-guide:progress:/"


def effects(chromium, root: Path) -> list[str]:
    """What opening site/stages/self-check/ does to a reader who ticked RE-01 on another page."""
    seen: list[str] = []
    context = chromium.new_context()
    try:
        def route(request_route):
            host = urlsplit(request_route.request.url).hostname
            if host not in ("127.0.0.1", "localhost"):
                seen.append(f"request to {request_route.request.url}")
                return request_route.abort()
            return request_route.continue_()

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda dialog: (seen.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        with StaticServer(root) as server:
            page.goto(server.url + OTHER)
            page.locator("#re-01-box").check()
            before = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["items"]
            page.goto(server.url + FORCED.removesuffix("index.html"))
            try:  # a refresh of 0 s, a script, an image's error: all well within this
                page.wait_for_url(lambda url: not url.startswith(server.url), timeout=3000)
            except PlaywrightError:  # no navigation (timeout), or one to a host the route aborted
                pass
            if not page.url.startswith(server.url):
                seen.append(f"left the site for {page.url}")
            page.close()
            page = context.new_page()
            page.goto(server.url + OTHER)
            after = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "{}").get("items", {})
            if after.keys() != before.keys():
                seen.append(f"ticks lost: {sorted(before.keys() - after.keys())}")
    finally:
        context.close()
    return seen


def test_the_real_page_does_nothing_to_a_reader(chromium, built_site):
    assert effects(chromium, built_site) == []


@pytest.mark.parametrize("name", sorted(HOSTILE_CASES) + ["walk-around.md"])
def test_what_a_hostile_page_would_do_the_gate_refuses(chromium, built_site, tmp_path, name):
    root = tmp_path / "site"
    shutil.copytree(built_site, root)
    html, origin = forced(built_site, name, FORCED)
    (root / FORCED).write_text(html, encoding="utf-8")
    refused = shipped.check_page(html, FORCED, origin, real_site(root, site_dir=root))
    done = effects(chromium, root)
    assert refused, "the gate must refuse every hostile page"
    if name in ("front-matter-refresh.md", "noscript-backticks.md"):  # the payload is live: proof the test can fail
        assert any("evil.example" in effect for effect in done), done
