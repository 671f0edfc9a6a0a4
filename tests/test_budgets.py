"""Page-weight budgets, in Chromium, on every page of both languages, as a reader's first
visit loads it (the site served with gzip, nothing cached). Unlike performance scores,
bytes and requests do not vary from run to run, so they are asserted here; the benchmark
(``make bench``) reports the same budgets with Lighthouse."""

from __future__ import annotations

import gzip
import sys

import pytest

from conftest import ROOT
from guide.export import page_url
from guide.sources import load_pages

sys.path.insert(0, str(ROOT / "bench"))
from run import BUDGET, weigh  # noqa: E402  (the benchmark's budgets and sums, shared)

pytestmark = pytest.mark.browser
PATHS = [page_url(p) for p in load_pages(ROOT / "docs", ROOT)]


@pytest.fixture
def context(chromium):
    """Every page as on a first visit: nothing cached, and no service worker (the first page would
    register one after "load", and it would answer the next page's requests: tests/test_offline.py)."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    yield context
    context.close()


def first_visit(context, url: str) -> list[dict]:
    """Every request the page makes until the network is idle: URL, type and bytes on the wire."""
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    loaded = []
    for request in finished:
        sizes = request.sizes()
        loaded.append({"url": request.url, "type": request.resource_type,
                       "bytes": sizes["responseHeadersSize"] + sizes["responseBodySize"]})
    page.close()
    return loaded


@pytest.mark.parametrize("path", PATHS)
def test_every_page_keeps_to_the_budgets(context, server, path):
    loaded = first_visit(context, server.url + path.lstrip("/"))
    figures = weigh(loaded, server.url)
    over = {key: value for key, value in figures.items() if value > BUDGET[key]}
    assert over == {}, f"{path}: {over} (budgets: {BUDGET}); loaded: {[r['url'] for r in loaded]}"


def test_the_measure_counts_compressed_bytes_of_everything_loaded(context, server, built_site):
    # A page opened from a search result loads the search index too: the measure sees it,
    # at its gzip size plus headers.
    plain = first_visit(context, server.url + "stages/self-check/")
    searching = first_visit(context, server.url + "stages/self-check/?h=征信")
    index = next(r for r in searching if r["url"].endswith("/search/search_index.json"))
    raw = (built_site / "search" / "search_index.json").read_bytes()
    assert gzip_size(raw) < index["bytes"] < gzip_size(raw) + 1024 < len(raw)
    assert sum(r["bytes"] for r in searching) - sum(r["bytes"] for r in plain) > index["bytes"]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 6))  # as tests/static_server.py serves it
