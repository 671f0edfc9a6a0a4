"""`make serve` is a preview that works like one: in Chromium, a page reloads itself after an edit
under the site's Content-Security-Policy; a content error shows on the page (the last good build,
with a banner naming the problem, a broken link included) instead of holding every request; the
published build still stops; the policy of the built site is not widened (only the dev server adds
its own script's hash); it starts on PORT or the next free port (hooks/serve.py), says which, and
Ctrl-C stops it."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

import serve
from conftest import ROOT
from site_build import build, copy_project

PAGE = "stages/self-check/"
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
UNCHECKED = "- [ ] SC-02 "
CHECKED_ERROR = "items must be unchecked in the source: write '[ ]', not '[x]'"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ignoring_sigint() -> None:
    """As a shell without job control starts a background command (`make serve &`, a task runner)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    """What `make serve` runs (hooks/serve.py, then `mkdocs serve`) on a copy of the project, asked
    for a port in use (so it takes the next free one), started with SIGINT ignored."""
    project = copy_project(tmp_path_factory.mktemp("serve"))
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    asked = busy.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")
    log = open(project / "serve.log", "w", encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(ROOT / "hooks" / "serve.py"), str(asked)], cwd=project, env=env,
                               stdout=log, stderr=subprocess.STDOUT, preexec_fn=ignoring_sigint)
    deadline = time.monotonic() + 30
    while not (said := re.search(r"http://127\.0\.0\.1:(\d+)/", (project / "serve.log").read_text(encoding="utf-8"))):
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail("hooks/serve.py named no address:\n" + (project / "serve.log").read_text(encoding="utf-8"))
        time.sleep(0.2)
    port = int(said[1])
    assert port != asked
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
    yield project, url, process
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=30)
    log.close()
    busy.close()


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fetch(url: str, timeout: float = 30) -> str:
    return urllib.request.urlopen(url, timeout=timeout).read().decode("utf-8")


@pytest.mark.browser
def test_the_dev_server_adds_only_its_live_reload_script_to_the_published_policy(dev_server, built_site):
    _, url, _ = dev_server
    served = fetch(url + PAGE)
    published = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    live_reload = re.findall(r"<script>(.*?)</script>", served, re.S)[-1]
    assert "livereload(" in live_reload
    digest = base64.b64encode(hashlib.sha256(live_reload.encode("utf-8")).digest()).decode()
    (served_policy,), (published_policy,) = POLICY.findall(served), POLICY.findall(published)
    assert f"'sha256-{digest}'" not in published_policy
    directive = re.search(r"script-src [^;]*", published_policy)[0]
    assert served_policy == published_policy.replace(directive, f"{directive} 'sha256-{digest}'", 1)


@pytest.mark.browser
def test_a_page_reloads_after_an_edit_and_shows_a_content_error_instead_of_hanging(dev_server, context):
    project, url, _ = dev_server
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


@pytest.mark.browser
def test_a_broken_link_shows_in_the_banner_with_its_line(dev_server, context):
    """`make check` reports a broken link at its line; the preview shows the same message (MkDocs' own
    warning names no line and, outside a strict build, would let the page be built)."""
    project, url, _ = dev_server
    page = context.new_page()
    page.goto(url)
    source = project / "docs" / "index.md"
    link = re.search(r"\]\((stages/[a-z-]+\.md)\)", source.read_text(encoding="utf-8"))[1]
    line = next(n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1) if link in text)
    page.evaluate("window.__before_edit = true")
    edit(source, f"]({link})", "](stages/no-such-page.md)")
    page.wait_for_function("() => !window.__before_edit && document.querySelector('[role=alert]')", timeout=60_000)
    banner = page.locator("[role=alert]").inner_text()
    assert (f"docs/index.md:{line}: broken link: stages/no-such-page.md is not a file in docs/ (from index.md)"
            in banner), banner
    page.evaluate("window.__before_edit = true")
    edit(source, "](stages/no-such-page.md)", f"]({link})")
    page.wait_for_function("() => !window.__before_edit && !document.querySelector('[role=alert]')", timeout=60_000)


@pytest.mark.browser
def test_ctrl_c_stops_the_server_even_when_started_with_sigint_ignored(dev_server):
    """Last: it stops the module's server."""
    project, url, process = dev_server
    fetch(url)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
    assert "Shutting down..." in (project / "serve.log").read_text(encoding="utf-8")


# hooks/serve.py without a server: which port, and what it says.

def start(*args: str, monkeypatch) -> tuple[int, str, str, list[str] | None]:
    """hooks/serve.py ARGS run in this process, `mkdocs serve` not started: the exit status, stdout,
    stderr and the command it would have become."""
    became = []
    monkeypatch.setattr(os, "execv", lambda path, argv: became.append(argv))
    out, err = io.StringIO(), io.StringIO()
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a shell without job control starts it
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = serve.main(list(args))
        if became:  # the server it becomes will see Ctrl-C
            assert signal.getsignal(signal.SIGINT) == signal.SIG_DFL
    finally:
        signal.signal(signal.SIGINT, handler)
    return status, out.getvalue(), err.getvalue(), (became or [None])[0]


def test_the_port_asked_for_when_it_is_free(monkeypatch):
    port = free_port()
    assert start(str(port), monkeypatch=monkeypatch) == (
        0, f"Serving the guide at http://127.0.0.1:{port}/; Ctrl-C stops it\n", "",
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"])


def test_a_port_in_use_gives_the_next_free_one_and_says_so(monkeypatch):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        asked = busy.getsockname()[1]
        status, out, _, command = start(str(asked), monkeypatch=monkeypatch)
        given = serve.free_port(asked)
    assert status == 0 and given is not None and given > asked
    assert out == f"Serving the guide at http://127.0.0.1:{given}/ (port {asked} is in use); Ctrl-C stops it\n"
    assert command[-1] == f"127.0.0.1:{given}"


def test_the_default_port_and_a_port_that_is_no_number(monkeypatch):
    monkeypatch.setattr(serve, "free_port", lambda start: start)
    assert start(monkeypatch=monkeypatch)[1] == "Serving the guide at http://127.0.0.1:8000/; Ctrl-C stops it\n"
    for wrong in ("80a", "0", "65536", "٨٠٠٠"):
        assert start(wrong, monkeypatch=monkeypatch) == (
            2, "", f"make serve: PORT={wrong} is not a port number (1 to 65535): for example, make serve "
                   "PORT=8001\n", None)


def test_no_free_port_is_said(monkeypatch):
    monkeypatch.setattr(serve, "free_port", lambda start: None)
    assert start("65500", monkeypatch=monkeypatch) == (
        1, "", "make serve: ports 65500 to 65535 are all in use: choose another, for example make serve "
               "PORT=9000\n", None)


def test_make_serve_runs_the_launcher_with_port():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nPORT   ?= 8000\n" in makefile
    assert "\n\t$(PY) hooks/serve.py $(PORT)\n" in makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0] + "\n"
