"""`make serve` is a preview that works like one: in Chromium, a page reloads itself after an edit
under the site's Content-Security-Policy; a content error shows on the page (the last good build,
with a banner naming the problem) instead of holding every request; the published build still stops;
and the policy of the built site is not widened (only the dev server adds its own script's hash)."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from site_build import build, copy_project

pytestmark = pytest.mark.browser

PAGE = "stages/self-check/"
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
UNCHECKED = "- [ ] SC-02 "
CHECKED_ERROR = "items must be unchecked in the source: write '[ ]', not '[x]'"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    """`mkdocs serve` (what `make serve` runs) on a copy of the project, on a free port."""
    project = copy_project(tmp_path_factory.mktemp("serve"))
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")
    log = open(project / "serve.log", "w", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(url + PAGE, timeout=5).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("mkdocs serve did not start:\n" + (project / "serve.log").read_text(encoding="utf-8"))
            time.sleep(0.5)
    yield project, url
    process.terminate()
    process.wait(timeout=30)
    log.close()


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fetch(url: str, timeout: float = 30) -> str:
    return urllib.request.urlopen(url, timeout=timeout).read().decode("utf-8")


def test_the_dev_server_adds_only_its_live_reload_script_to_the_published_policy(dev_server, built_site):
    _, url = dev_server
    served = fetch(url + PAGE)
    published = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    live_reload = re.findall(r"<script>(.*?)</script>", served, re.S)[-1]
    assert "livereload(" in live_reload
    digest = base64.b64encode(hashlib.sha256(live_reload.encode("utf-8")).digest()).decode()
    (served_policy,), (published_policy,) = POLICY.findall(served), POLICY.findall(published)
    assert f"'sha256-{digest}'" not in published_policy
    directive = re.search(r"script-src [^;]*", published_policy)[0]
    assert served_policy == published_policy.replace(directive, f"{directive} 'sha256-{digest}'", 1)


def test_a_page_reloads_after_an_edit_and_shows_a_content_error_instead_of_hanging(dev_server, context):
    project, url = dev_server
    page = context.new_page()
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.add_init_script("document.addEventListener('securitypolicyviolation',"
                         " e => console.log('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));")
    page.goto(url + PAGE)
    deadline = time.monotonic() + 10
    while "Enabled live reload" not in messages and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    violations = [m for m in messages if "CSP violation" in m or "Content Security Policy" in m]
    assert "Enabled live reload" in messages and violations == [], messages
    # No service worker in a preview: it would keep pages an edit is about to change.
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(found => found.length)") == 0

    source = project / "docs" / "stages" / "self-check.md"
    page.evaluate("window.__before_edit = true")
    edit(source, "# ", "# 已预览 ")  # the page's title, in the source
    page.wait_for_function("() => !window.__before_edit && document.querySelector('h1')?.textContent.includes('已预览')",
                           timeout=60_000)

    # Saving the Chinese page before its English twin, or a slip: the page says so and the server keeps serving.
    page.evaluate("window.__before_edit = true")
    edit(source, UNCHECKED, "- [x] SC-02 ")
    page.wait_for_function("() => !window.__before_edit && document.querySelector('[role=alert]')", timeout=60_000)
    banner = page.locator("[role=alert]").inner_text()
    assert re.search(r"docs/stages/self-check\.md:\d+: " + re.escape(CHECKED_ERROR), banner), banner
    assert "Build failed" in banner and "构建失败" in banner
    assert page.locator("h1").inner_text().startswith("已预览")  # the last good build, still on show
    started = time.monotonic()
    other = fetch(url + "en/" + PAGE, timeout=10)  # every page answers at once, with the same banner
    assert time.monotonic() - started < 5 and CHECKED_ERROR.replace("'", "&#x27;") in other

    # The published build still stops on the same file.
    published = build(project / "published", cwd=project)
    assert published.returncode == 1 and CHECKED_ERROR in published.stderr, published.stderr

    page.evaluate("window.__before_edit = true")
    edit(source, "- [x] SC-02 ", UNCHECKED)
    page.wait_for_function("() => !window.__before_edit && !document.querySelector('[role=alert]')", timeout=60_000)
    assert [m for m in messages if "CSP violation" in m or "Content Security Policy" in m] == []
