"""The service worker's description of a build (hooks/guide/offline.py), on small sites in memory
and on the built site: what is kept for whom, and a version that changes with any file."""

from __future__ import annotations

import json
import re

import pytest

from guide import offline
from guide.html import RewriteMissed
from guide.search import index_name

PAGE = ('<html><head><link rel="stylesheet" href="{up}assets/main.1a2b3c4d.min.css">'
        '<link rel="manifest" href="{up}{lang}manifest.webmanifest"><link rel="icon" href="data:x">'
        '</head><body><script id="__config" type="application/json">{{"search": "{up}assets/javascripts/workers/search.0a1b2c3d.min.js"}}'
        '</script><script src="{up}assets/guide.js?v=00ff00ff"></script></body></html>')


def small_site(tmp_path):
    for path, up, lang in [("index.html", "", ""), ("stages/a/index.html", "../../", ""),
                           ("en/index.html", "../", "en/"), ("en/stages/a/index.html", "../../../", "en/")]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(PAGE.format(up=up, lang=lang), encoding="utf-8")
    for lang, langs in (("zh", ["zh"]), ("en", ["en"])):
        (tmp_path / index_name(lang)).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / index_name(lang)).write_text(json.dumps({"config": {"lang": langs}, "docs": []}), encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("today", encoding="utf-8")
    return tmp_path


def test_each_language_keeps_its_pages_and_files_and_every_page_needs_the_shared_ones(tmp_path):
    described = offline.describe(small_site(tmp_path), index_name)
    assert described["shared"] == ["assets/guide.js?v=00ff00ff", "assets/javascripts/workers/search.0a1b2c3d.min.js",
                                   "assets/main.1a2b3c4d.min.css"]
    assert described["languages"]["zh"] == {
        "pages": ["./", "stages/a/"],
        "files": ["assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "assets/javascripts/lunr/min/lunr.zh.min.js",
                  "manifest.webmanifest", "search/search_index.json"]}
    assert described["languages"]["en"] == {"pages": ["en/", "en/stages/a/"],
                                            "files": ["en/manifest.webmanifest", "en/search/search_index.json"]}
    assert set(described["words"]) == {"zh", "en"} and "{date}" in described["words"]["en"]["saved"]


def test_the_version_changes_with_any_file_but_not_with_the_sitemap(tmp_path):
    site = small_site(tmp_path)
    first = offline.describe(site, index_name)["version"]
    (site / "sitemap.xml").write_text("tomorrow", encoding="utf-8")
    assert offline.describe(site, index_name)["version"] == first
    (site / "stages" / "a" / "index.html").write_text("changed", encoding="utf-8")
    assert offline.describe(site, index_name)["version"] != first


@pytest.mark.parametrize("langs, files", [
    (["en"], []),
    (["zh"], ["lunr.stemmer.support.min.js", "lunr.zh.min.js"]),
    (["zh", "en"], ["lunr.stemmer.support.min.js", "lunr.zh.min.js", "lunr.multi.min.js"]),
    (["ja"], ["lunr.stemmer.support.min.js", "../tinyseg.js", "lunr.ja.min.js"]),
])
def test_the_lunr_files_are_those_materials_worker_imports(langs, files):
    found = offline._lunr_files({"config": {"lang": langs}}, "assets/javascripts/workers/search.1.min.js")
    assert [path.removeprefix("assets/javascripts/lunr/min/") for path in found] == [
        f.replace("../", "assets/javascripts/lunr/") for f in files]


def test_our_assets_get_their_content_hash_and_a_page_without_them_stops_the_build():
    page = '<link rel="stylesheet" href="../assets/guide.css"><script src="../assets/guide.js"></script>'
    versioned = offline.with_versioned_assets(page, {"assets/guide.css": "11111111", "assets/guide.js": "22222222"})
    assert versioned == ('<link rel="stylesheet" href="../assets/guide.css?v=11111111">'
                         '<script src="../assets/guide.js?v=22222222"></script>')
    with pytest.raises(RewriteMissed):
        offline.with_versioned_assets("<p>assets/guide.js</p>", {"assets/guide.js": "22222222"})


def test_the_built_worker_describes_the_built_site(built_site):
    text = (built_site / offline.WORKER).read_text(encoding="utf-8")
    described = json.loads(re.search(r"^var BUILD = (\{.*\});$", text, re.M).group(1))
    for path in described["shared"] + [p for lang in described["languages"].values() for p in lang["files"]]:
        assert (built_site / path.split("?")[0]).is_file(), path
    for lang in described["languages"].values():
        for page in lang["pages"]:
            assert (built_site / page.removeprefix("./") / "index.html").is_file(), page
    assert "var BUILD = {};" not in text
