"""The benchmark report (bench/run.py): side by side, with ratios, and budgets that can fail."""

from __future__ import annotations

import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import run as bench  # noqa: E402

ROW = {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100, "fcp": 1200.0,
       "lcp": 1200.0, "tbt": 90.0, "cls": 0.001, "bytes": 78 * 1024, "html": 8 * 1024, "requests": 12,
       "third_party": 0, "fonts": 0}
PEER = ROW | {"performance": 100, "accessibility": 88, "bytes": 99 * 1024, "third_party": 1}
BUILDS = {"project": 2.0, "peer": 1.6}
INDEXES = {"project": (75_000, 20_000), "peer": (110_000, 23_000)}


def render(project: dict) -> tuple[str, list[str]]:
    return bench.report(project, {path: PEER for path in project}, BUILDS, INDEXES, 5, "Lighthouse 12", "abc1234")


def test_each_page_shows_project_peer_and_ratio():
    text, broken = render({"/": ROW})
    assert broken == []
    assert "| `/` | 99 / 100 (0.99×) | 100 / 88 (1.14×) |" in text
    assert "78.0 KB / 99.0 KB (0.79×)" in text
    assert "| cold build | 2.00 s | 1.60 s | 1.25× |" in text
    assert "| search index, gzip | 19.5 KB | 22.5 KB | 0.87× |" in text
    assert "- All budgets met on every page." in text
    assert "on commit abc1234 by `make bench`" in text
    assert "Lowest performance score: 99 (meets the goal of 98)" in text


def test_a_page_over_a_budget_is_reported_broken():
    heavy = ROW | {"bytes": 101 * 1024, "third_party": 1, "performance": 96}
    text, broken = render({"/": ROW, "/en/": heavy})
    assert broken == ["/en/: bytes 101.0 KB over the budget of 100.0 KB",
                      "/en/: third_party 1 over the budget of 0"]
    assert "- BROKEN: /en/: bytes 101.0 KB over the budget of 100.0 KB" in text
    assert "Lowest performance score: 96 (misses the goal of 98)" in text


def test_medians_are_taken_per_figure():
    rows = [ROW | {"tbt": 50.0}, ROW | {"tbt": 300.0}, ROW | {"tbt": 90.0}]
    assert bench.median_row(rows)["tbt"] == 90.0


def quoted_figures(readme: str) -> list[str]:
    """The measured figures in a README's benchmark table: '1,203 ms', '21.5 KB', '0.001'."""
    section = readme.split("make bench", 1)[1]
    table = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return re.findall(r"\d[\d,]*(?:\.\d+)? (?:ms|KB)", "\n".join(table))


def test_the_readmes_quote_the_committed_report():
    report = (ROOT / "bench" / "REPORT.md").read_text(encoding="utf-8")
    for name in ("README.md", "README.zh-CN.md"):
        figures = quoted_figures((ROOT / name).read_text(encoding="utf-8"))
        assert len(figures) >= 10, name
        assert [f for f in figures if f not in report] == [], f"{name} quotes figures not in bench/REPORT.md"


def test_weight_counts_bytes_html_fonts_and_other_origins():
    loaded = [
        {"url": "http://127.0.0.1:8000/", "type": "document", "bytes": 8000},
        {"url": "http://127.0.0.1:8000/a.woff2", "type": "font", "bytes": 1000},
        {"url": "http://127.0.0.1:8001/x.js", "type": "script", "bytes": 10},  # another port: another origin
        {"url": "https://fonts.googleapis.com/css", "type": "stylesheet", "bytes": 0},
        {"url": "data:image/svg+xml,<svg/>", "type": "image", "bytes": 0},  # inline, nothing fetched
    ]
    assert bench.weigh(loaded, "http://127.0.0.1:8000/") == {"bytes": 9010, "html": 8000, "third_party": 2, "fonts": 1}
