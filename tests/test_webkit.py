"""WebKit (WebKitGTK, the engine family of iPhone Safari) with the service worker: after one visit,
with the site gone, every page of the language opens from the kept copy, saying so, and the tick
made online is still there. Driven by tests/webkit.py in Debian's python3 (GObject bindings) under
xvfb-run; `make system` installs them (gir1.2-webkit2-4.1, xvfb)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from guide.html import SAVED_COPY
from static_server import StaticServer
from test_offline import pages_of

pytestmark = pytest.mark.browser
DRIVER = Path(__file__).with_name("webkit.py")
SYSTEM_PYTHON = "/usr/bin/python3"


def webkit_missing() -> str | None:
    if not shutil.which("xvfb-run"):
        return "xvfb-run"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('WebKit2', '4.1')"],
                           capture_output=True, text=True)
    return None if probe.returncode == 0 else "WebKitGTK's GObject bindings (gir1.2-webkit2-4.1)"


def test_webkit_opens_every_page_of_the_language_offline_after_one_visit(built_site):
    missing = webkit_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} is not installed: run `make system`")
        pytest.skip(f"{missing} is not installed: run `make system`")
    server = StaticServer(built_site).__enter__()
    try:
        pages = [server.url + path.removeprefix("./") for path in pages_of(built_site, "zh")]
        driver = subprocess.Popen(["xvfb-run", "-a", SYSTEM_PYTHON, str(DRIVER), server.url + "stages/self-check/", *pages],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert driver.stdout.readline().strip() == "kept"
    finally:
        server.__exit__(None, None, None)  # the site is gone: offline
    out, _ = driver.communicate("offline\n", timeout=120)
    report = json.loads(out.strip().splitlines()[-1])
    assert report["problem"] is None, report
    before = SAVED_COPY["zh"].split("{date}")[0]
    for url, shown in report["pages"].items():
        assert shown["h1"] and shown["saved"].startswith(before) and shown["controlled"], (url, shown)
    assert report["ticked"] in report["pages"][server.url + "stages/self-check/"]["ticked"]
