#!/usr/bin/env python3
"""Benchmark: the project site against a peer (the same docs/ with Material's defaults).

    python bench/run.py [--runs 5] [--pages /,/en/] [--output bench/REPORT.md]

The report goes to --output, every run's figures next to it (REPORT.json).

Builds both (cold), serves each with gzip the way a static host does, runs Lighthouse
(mobile, Debian's Chromium) ``--runs`` times per page and reports medians side by side
with ratio columns: scores, FCP, LCP, TBT, CLS, bytes transferred, requests, search index
size and build time. Checks the project's budgets and exits 1 if one is broken.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]

from browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from guide.export import page_url  # noqa: E402
from guide.sources import load_pages  # noqa: E402
from static_server import StaticServer  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
BUDGET = {"bytes": 100 * 1024, "html": 14 * 1024, "third_party": 0, "fonts": 0}
TABLES = {
    "Lighthouse": {"performance": "performance", "accessibility": "accessibility",
                   "best-practices": "best practices", "seo": "SEO", "fcp": "FCP", "lcp": "LCP",
                   "tbt": "TBT", "cls": "CLS"},
    "Weight": {"bytes": "transferred (gzip)", "html": "HTML (gzip)", "requests": "requests",
               "third_party": "third-party requests", "fonts": "font downloads"},
}
SLOW_3G = "## Slow 3G"  # a section bench/slow3g.py measures: kept as it is when this report is rewritten
METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint",
           "tbt": "total-blocking-time", "cls": "cumulative-layout-shift"}


def build(name: str, workdir: Path) -> tuple[Path, float]:
    """A cold build (fresh process, empty jieba cache) of the project or the peer."""
    site = workdir / name / "site"
    if name == "project":
        cwd, config = ROOT, ROOT / "mkdocs.yml"
    else:
        cwd = workdir / "peer"
        shutil.copytree(ROOT / "docs", cwd / "docs")
        config = cwd / "mkdocs.yml"
        shutil.copyfile(ROOT / "bench" / "peer.yml", config)
    for cache in Path(tempfile.gettempdir()).glob("jieba.cache"):
        cache.unlink()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   cwd=cwd, env=env, check=True, capture_output=True)
    return site, time.perf_counter() - started


def lighthouse(url: str, output: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=chromium_path() or "")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", f"--chrome-flags={flags}", "--output=json",
                    f"--output-path={output}", "--form-factor=mobile", "--max-wait-for-load=20000"],
                   env=env, check=True, timeout=240, capture_output=True)
    return json.loads(output.read_text(encoding="utf-8"))


def weigh(loaded: list[dict], origin: str) -> dict:
    """The budgeted figures of one page load, each request as {url, type, bytes}: the
    same sums for Lighthouse here and for Chromium in tests/test_budgets.py."""
    host = urlsplit(origin).netloc
    return {
        "bytes": sum(r["bytes"] for r in loaded),
        "html": next((r["bytes"] for r in loaded if r["type"] == "document"), 0),
        "third_party": sum(1 for r in loaded if urlsplit(r["url"]).scheme in ("http", "https")
                           and urlsplit(r["url"]).netloc != host),
        "fonts": sum(1 for r in loaded if r["type"] == "font"),
    }


def measure(report: dict, origin: str) -> dict:
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    row = {name: report["categories"][name]["score"] * 100 for name in
           ("performance", "accessibility", "best-practices", "seo")}
    row |= {key: audits[audit]["numericValue"] for key, audit in METRICS.items()}
    row["requests"] = len(requests)
    row |= weigh([{"url": r["url"], "type": r.get("resourceType", "").lower(), "bytes": r.get("transferSize", 0)}
                  for r in requests], origin)
    return row


def median_row(rows: list[dict]) -> dict:
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]}


def run_sites(sites: dict[str, Path], paths: list[str], runs: int, scratch: Path) -> dict[str, dict]:
    """Per site, per page: every run's row. The sites take turns run by run, so a
    slower spell of the machine costs both alike."""
    raw: dict[str, dict] = {name: {path: [] for path in paths} for name in sites}
    with contextlib.ExitStack() as stack:
        servers = {name: stack.enter_context(StaticServer(site)) for name, site in sites.items()}
        for path in paths:
            for _ in range(runs):
                for name, server in servers.items():
                    origin = server.url.rstrip("/")
                    report = lighthouse(server.url + path.lstrip("/"), scratch / "lh.json")
                    raw[name][path].append(measure(report, origin))
            print("  " + path + ": performance " + " / ".join(
                f"{statistics.median(r['performance'] for r in raw[name][path]):.0f}" for name in sites), flush=True)
    return raw


def index_size(site: Path) -> tuple[int, int]:
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, 6))


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def fmt(key: str, value: float) -> str:
    if key in ("fcp", "lcp", "tbt"):
        return f"{value:,.0f} ms"
    if key == "cls":
        return f"{value:.3f}"
    if key in ("bytes", "html"):
        return f"{value / 1024:.1f} KB"
    return f"{value:.0f}"


def report(project: dict, peer: dict, builds: dict, indexes: dict, runs: int,
           tool: str, commit: str) -> tuple[str, list[str]]:
    broken = []
    lines = [
        "# Benchmark: project site vs. peer (Material defaults)",
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on commit {commit} "
        f"by `make bench` (`python bench/run.py --runs {runs}`), "
        f"on this project's CI machine kind (2 cores). {tool}, mobile profile, "
        f"headless Debian Chromium; each site served locally with gzip. Every figure is the median of {runs} runs. "
        "The peer is the same `docs/` built with Material's defaults (`bench/peer.yml`): no project hooks, "
        "CSS, JS, overrides or privacy plugin. The machine has no internet, so the peer's Google Fonts "
        "requests fail fast here; for readers in mainland China they are slow or blocked.",
        "",
        "## Build and search index",
        "",
        "| | project | peer | ratio |",
        "|---|---:|---:|---:|",
        f"| cold build | {builds['project']:.2f} s | {builds['peer']:.2f} s | {ratio(builds['project'], builds['peer'])} |",
        f"| search index | {fmt('bytes', indexes['project'][0])} | {fmt('bytes', indexes['peer'][0])} | "
        f"{ratio(indexes['project'][0], indexes['peer'][0])} |",
        f"| search index, gzip | {fmt('bytes', indexes['project'][1])} | {fmt('bytes', indexes['peer'][1])} | "
        f"{ratio(indexes['project'][1], indexes['peer'][1])} |",
        "",
        "## Per page (median of runs)",
        "",
        "Each cell: project / peer (ratio).",
        "",
    ]
    for title, keys in TABLES.items():
        lines += [f"### {title}", "", "| page | " + " | ".join(keys.values()) + " |",
                  "|---|" + "---:|" * len(keys)]
        for path, ours in project.items():
            theirs = peer[path]
            cells = [f"{fmt(k, ours[k])} / {fmt(k, theirs[k])} ({ratio(ours[k], theirs[k])})" for k in keys]
            lines.append(f"| `{path}` | " + " | ".join(cells) + " |")
        lines.append("")
    for path, ours in project.items():
        for key, limit in BUDGET.items():
            if ours[key] > limit:
                broken.append(f"{path}: {key} {fmt(key, ours[key])} over the budget of {fmt(key, limit)}")
    lines += ["## Summary", "", "| | project | peer | ratio |", "|---|---:|---:|---:|"]
    for key in [key for keys in TABLES.values() for key in keys]:
        a = statistics.median(row[key] for row in project.values())
        b = statistics.median(row[key] for row in peer.values())
        lines.append(f"| median {key} | {fmt(key, a)} | {fmt(key, b)} | {ratio(a, b)} |")
    worst = min(row["performance"] for row in project.values())
    lines += ["", "## Budgets (project)", "",
              "≤ 100 KB transferred per page, HTML ≤ 14 KB gzip, 0 third-party requests, 0 font downloads; "
              "performance goal ≥ 98 on every page (measured, not asserted in CI).", "",
              f"- Lowest performance score: {worst:.0f} ({'meets' if worst >= 98 else 'misses'} the goal of 98)"]
    lines += [f"- BROKEN: {b}" for b in broken] or ["- All budgets met on every page."]
    return "\n".join(lines) + "\n", broken


def revision() -> str:
    """The commit measured, marked when the working tree differed from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" (with uncommitted changes)" if git("status", "--porcelain", "--", "docs", "hooks", "overrides", "mkdocs.yml") else "")


def lighthouse_version() -> str:
    return subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", help="comma-separated site paths (default: every page of both languages)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "REPORT.md")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists() or chromium_path() is None:
        print("Lighthouse or Chromium missing: run `make system` first", file=sys.stderr)
        return 2
    paths = args.pages.split(",") if args.pages else [page_url(p) for p in load_pages(ROOT / "docs", ROOT)]
    commit = revision()  # before building: the tree may change during a long run
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        sites, builds, indexes = {}, {}, {}
        for name in ("project", "peer"):
            sites[name], builds[name] = build(name, scratch)
            indexes[name] = index_size(sites[name])
            print(f"{name}: built in {builds[name]:.2f} s", flush=True)
        print(f"Lighthouse, {len(paths)} pages × {args.runs} runs, project and peer in turn", flush=True)
        raw = run_sites(sites, paths, args.runs, scratch)
    medians = {name: {path: median_row(rows) for path, rows in pages.items()} for name, pages in raw.items()}
    text, broken = report(medians["project"], medians["peer"], builds, indexes, args.runs,
                          f"Lighthouse {lighthouse_version()}", commit)
    args.output.with_suffix(".json").write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    kept = args.output.read_text(encoding="utf-8").partition(SLOW_3G)[1:] if args.output.is_file() else ("", "")
    args.output.write_text(text + ("\n" + "".join(kept) if kept[0] else ""), encoding="utf-8")
    print(f"Report written to {args.output}")
    for line in broken:
        print(f"budget broken: {line}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
