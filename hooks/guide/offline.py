"""Offline after one visit: the service worker, generated from the build (no MkDocs import).

``site/sw.js`` is ``hooks/guide/sw.js`` with one line filled in: what this build is made of.

- ``version``: a hash of every file the build wrote (one build = one cache; the worker drops the
  others when it takes over);
- ``shared``: what every page needs (stylesheets, scripts, icons), kept when the worker installs;
- ``languages``: per language, its pages and what only they need (its manifest, its search index,
  the search worker and the lunr files that worker imports for it), kept once a page of that
  language asks (assets/guide.js), so a reader keeps the language they read;
- ``words``: the line a kept copy shows ("shown from your saved copy of DATE"), per language.

Our own files are named with a hash of their content (``?v=``, see ``with_versioned_assets``), as
Material names its own: a page and the files it loads always come from one build, whichever of
its copies (network or kept) the worker serves.
"""

from __future__ import annotations

import hashlib
import json
import re
from html import unescape
from pathlib import Path, PurePosixPath

from .html import LOCALES, SAVED_COPY, RewriteMissed
from .model import LANGUAGES

WORKER = "sw.js"
TEMPLATE = Path(__file__).with_name("sw.js")
BUILD_LINE = "var BUILD = {};"  # in the template; the build's description replaces the {}
# What the hash leaves out: the worker itself, and the sitemap, whose dates change every day.
UNHASHED = {WORKER, "sitemap.xml", "sitemap.xml.gz"}
OUR_ASSETS = ("assets/guide.css", "assets/guide.js")  # from docs/; Material's names carry a hash already
# The files a page loads: its stylesheets, scripts and icons, and its manifest.
LOADED = re.compile(r'<(?:script\b[^>]*?\bsrc|link\b[^>]*?\brel="(?:stylesheet|icon|apple-touch-icon|manifest)"'
                    r'[^>]*?\bhref)="(?P<url>[^"]+)"')
SEARCH_WORKER = re.compile(r'"search": "(?P<url>[^"]+)"')  # in Material's __config


def content_version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def asset_versions(docs_dir: Path) -> dict[str, str]:
    """Our own assets' site paths -> a hash of their content (the ``?v=`` of their URLs)."""
    return {path: content_version((docs_dir / path).read_bytes()) for path in OUR_ASSETS
            if (docs_dir / path).is_file()}


def with_versioned_assets(html: str, versions: dict[str, str]) -> str:
    """``…/assets/guide.js"`` -> ``…/assets/guide.js?v=1a2b3c4d"``: a new version is a new URL,
    so a page never runs with the previous build's script or stylesheet (kept by the worker or
    by the browser's cache)."""
    count = 0
    for path, version in versions.items():
        html, found = re.subn(rf'((?:"|/){re.escape(path)})"', rf'\1?v={version}"', html)
        count += found
    if versions and not count:
        raise RewriteMissed("with_versioned_assets", " or ".join(versions))
    return html


def language_of_path(path: str) -> str:
    """The language of a site path: the folder of a language other than the default, else the default."""
    first = path.split("/", 1)[0]
    return first if first in LANGUAGES[1:] else LANGUAGES[0]


def page_url(path: str) -> str:
    """``stages/self-check/index.html`` -> ``stages/self-check/``; ``index.html`` -> ``./``."""
    folder = path.removesuffix("index.html")
    return folder or "./"


def _site_path(page_path: str, url: str) -> str | None:
    """A URL a page loads, as a site path (None for data:, other origins and absolute paths)."""
    url = unescape(url)
    if re.match(r"[a-z][a-z0-9+.-]*:|//|/", url):
        return None
    parts: list[str] = []
    for part in (str(PurePosixPath(page_path).parent) + "/" + url).split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


def _lunr_files(index: dict, worker_path: str) -> list[str]:
    """What Material's search worker (9.8.1) imports for an index's languages, as its importScripts
    does; tests/test_offline.py searches offline, so a changed worker is noticed."""
    langs = index.get("config", {}).get("lang", [])
    base = str(PurePosixPath(worker_path).parent.parent / "lunr")
    files = [f"{base}/tinyseg.js" for lang in langs if lang == "ja"]
    files += [f"{base}/wordcut.js" for lang in langs if lang in ("hi", "th")]
    files += [f"{base}/min/lunr.{lang}.min.js" for lang in langs if lang != "en"]
    files += [f"{base}/min/lunr.multi.min.js"] if len(langs) > 1 else []
    return [f"{base}/min/lunr.stemmer.support.min.js"] + files if files else []


def describe(site: Path, search_index) -> dict:
    """What the worker keeps, from the built site: ``search_index(lang)`` is the site path of a
    language's search index."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    digest = hashlib.sha256()
    for file in files:
        rel = file.relative_to(site).as_posix()
        if rel not in UNHASHED:
            digest.update(rel.encode() + b"\0" + hashlib.sha256(file.read_bytes()).digest())
    languages: dict[str, dict[str, list[str]]] = {}
    for file in files:
        rel = file.relative_to(site).as_posix()
        if not rel.endswith("index.html"):
            continue
        lang = language_of_path(rel)
        entry = languages.setdefault(lang, {"pages": [], "files": []})
        entry["pages"].append(page_url(rel))
        html = file.read_text(encoding="utf-8")
        loaded = [m["url"] for m in LOADED.finditer(html)]
        search = SEARCH_WORKER.search(html)
        loaded += [search["url"]] if search else []
        for url in loaded:
            path = _site_path(rel, url)
            if path and path not in entry["files"]:
                entry["files"].append(path)
        if search:
            index_path = search_index(lang)
            index = json.loads((site / index_path).read_text(encoding="utf-8"))
            worker = _site_path(rel, search["url"])
            for path in [index_path] + _lunr_files(index, worker.split("?")[0]):
                if path not in entry["files"]:
                    entry["files"].append(path)
    everyone = set.intersection(*(set(entry["files"]) for entry in languages.values())) if languages else set()
    shared = sorted(everyone)
    for entry in languages.values():
        entry["pages"].sort()
        entry["files"] = sorted(set(entry["files"]) - everyone)
    return {
        "version": digest.hexdigest()[:12],
        "shared": shared,
        "languages": languages,
        "words": {lang: {"saved": SAVED_COPY[lang], "locale": LOCALES[lang]} for lang in languages},
    }


def worker_script(description: dict) -> str:
    template = TEMPLATE.read_text(encoding="utf-8")
    if template.count(BUILD_LINE) != 1:
        raise ValueError(f"{TEMPLATE}: expected the line {BUILD_LINE!r} once")
    filled = json.dumps(description, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return template.replace(BUILD_LINE, f"var BUILD = {filled};")
