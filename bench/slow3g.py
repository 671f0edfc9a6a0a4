#!/usr/bin/env python3
"""Slow 3G: when is a stage page's first checklist item painted, first visit and repeat visit?

    python bench/slow3g.py [--site DIR] [--label NAME] [--runs 3]

Serves a built site (default: a fresh build of the project; ``--peer``: the peer of bench/run.py)
through a simulated Slow 3G link — every request waits a 2 s round trip, and all responses share
50 KB/s — with gzip, the way a static host compresses. The throttling is in the server, so it
holds for every request, the service worker's included. Chromium (360×800, touch) opens each
stage page of the default language in a new profile (first visit), waits until the page's
language is kept for offline reading if the site has a service worker, then opens it again
(repeat visit). The figure is the time from the start of the navigation to the first frame
drawn with a checklist item in the page (stylesheets block drawing, so it is a painted item).
Prints a Markdown table; bench/REPORT.md keeps the measured one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks"), str(ROOT / "bench")]

from browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from guide.export import page_url  # noqa: E402
from guide.model import LANGUAGES  # noqa: E402
from guide.sources import load_pages  # noqa: E402
from static_server import StaticServer  # noqa: E402

ROUND_TRIP = 2.0  # s
BANDWIDTH = 50 * 1024  # bytes per second, shared by every response
FIRST_ITEM = "li.checklist-item, li.task-list-item"  # the project's items; the peer's plain task lists
PAINTED = """(() => {
  const look = () => {
    if (document.querySelector(%r)) { window.__firstItem = performance.now(); return; }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();""" % FIRST_ITEM


class Link:
    """One shared link: each chunk takes its share of the bandwidth, in turn."""

    def __init__(self, rate: float):
        self.rate, self.free, self.lock = rate, time.monotonic(), threading.Lock()

    def send(self, size: int) -> None:
        with self.lock:
            self.free = max(self.free, time.monotonic()) + size / self.rate
            until = self.free
        time.sleep(max(0.0, until - time.monotonic()))


def slow(server: StaticServer) -> StaticServer:
    link = Link(BANDWIDTH)
    base = server.httpd.RequestHandlerClass

    class SlowHandler(base):
        def send_head(self):
            time.sleep(ROUND_TRIP)  # the request's way there and the first byte's way back
            return super().send_head()

        def copyfile(self, source, outputfile):
            while chunk := source.read(1460):
                link.send(len(chunk))
                outputfile.write(chunk)

    server.httpd.RequestHandlerClass = SlowHandler
    return server


def measure(site: Path, paths: list[str], runs: int) -> dict[str, dict[str, list[float]]]:
    from playwright.sync_api import sync_playwright

    results = {path: {"first": [], "repeat": []} for path in paths}
    has_worker = (site / "sw.js").is_file()
    with slow(StaticServer(site)) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for path in paths:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 360, "height": 800}, has_touch=True, is_mobile=True)
                context.add_init_script(PAINTED)
                page = context.new_page()
                url = server.url + path.lstrip("/")
                page.goto(url, timeout=120_000)
                page.wait_for_function("() => window.__firstItem !== undefined", timeout=120_000)
                results[path]["first"].append(page.evaluate("window.__firstItem"))
                if has_worker:  # until this page is kept (its language is kept one file at a time)
                    deadline = time.monotonic() + 300
                    while not page.evaluate("async (url) => Boolean(navigator.serviceWorker.controller && "
                                            "await caches.match(url))", url):
                        assert time.monotonic() < deadline, f"{url} not kept after 300 s"
                        page.wait_for_timeout(1000)
                else:
                    page.wait_for_load_state("load", timeout=120_000)
                page.goto("about:blank")
                page.goto(url, timeout=120_000)
                page.wait_for_function("() => window.__firstItem !== undefined", timeout=120_000)
                results[path]["repeat"].append(page.evaluate("window.__firstItem"))
                context.close()
            print(f"  {path}: first {results[path]['first']}, repeat {results[path]['repeat']}", flush=True)
        browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the project)")
    parser.add_argument("--peer", action="store_true", help="build and measure the peer of bench/run.py")
    parser.add_argument("--label", default="project")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    paths = [page_url(p) for p in load_pages(ROOT / "docs", ROOT) if p.stage and p.lang == LANGUAGES[0]]
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            from run import build
            site, _ = build("peer" if args.peer else "project", Path(scratch))
        results = measure(site, paths, args.runs)
    print(f"\n| page ({args.label}) | first visit | repeat visit |\n|---|---:|---:|")
    for path, row in results.items():
        print(f"| `{path}` | {statistics.median(row['first']) / 1000:.2f} s | {statistics.median(row['repeat']) / 1000:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
