"""What the site trusts of its theme is pinned with the theme's version (guide.theme): an
upgrade of Material fails here until each pinned fact is checked again."""

from __future__ import annotations

import hashlib
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import material

from guide.rendered import script_hash
from guide.theme import INLINE_SCRIPTS, MATERIAL_VERSION, UPSTREAM_FILES

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = Path(material.__file__).resolve().parent.parent  # site-packages: where "material/…" lives


def test_the_pins_name_the_installed_material():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert f"mkdocs-material=={MATERIAL_VERSION}" in project["dependencies"]
    assert version("mkdocs-material") == MATERIAL_VERSION


def test_each_trusted_script_is_in_its_template():
    """The hash of every <script> in the named template (the theme's, or our override)."""
    for expression, template in INLINE_SCRIPTS.items():
        path = ROOT / template if template.startswith("overrides/") else PACKAGES / template
        bodies = re.findall(r"<script[^>]*>(.*?)</script>", path.read_text(encoding="utf-8"), re.S)
        assert expression in [script_hash(body) for body in bodies], f"{template} no longer holds {expression}"


def test_the_upstream_files_we_override_are_the_pinned_ones():
    for name, digest in UPSTREAM_FILES.items():
        assert hashlib.sha256((PACKAGES / name).read_bytes()).hexdigest() == digest, (
            f"{name} changed with the theme: compare it with our override, then update guide/theme.py")


def test_built_pages_trust_exactly_the_allowlist_and_hold_only_its_scripts(built_site):
    expected = "script-src 'self' " + " ".join(INLINE_SCRIPTS) + ";"
    used = set()
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert expected in html, page
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            if "src=" not in attrs and "application/json" not in attrs:
                assert script_hash(body) in INLINE_SCRIPTS, f"{page}: {body[:60]!r}"
                used.add(script_hash(body))
    assert used == set(INLINE_SCRIPTS)  # no hash is trusted that no page needs


# ---- What assets/guide.js's request and worker wrapper relies on (A1-A6 there) ----

GUIDE_JS = (ROOT / "docs/assets/guide.js").read_text(encoding="utf-8")
TEMPLATES = PACKAGES / "material/templates"
BUNDLE_NAME = re.search(r"assets/javascripts/(bundle\.[0-9a-f]+\.min\.js)", (TEMPLATES / "base.html").read_text(
    encoding="utf-8")).group(1)
BUNDLE = (TEMPLATES / "assets/javascripts" / BUNDLE_NAME).read_text(encoding="utf-8")


def js_pattern(name: str) -> re.Pattern[str]:
    """A regular expression literal of guide.js, found by what it is tested against (JS and
    Python read these few the same way)."""
    literals = re.findall(r"/((?:\\/|[^/\n])+?\$)/", GUIDE_JS)  # /…$/, slashes escaped inside
    literal = next(found for found in literals if found.startswith(f"\\/{name}"))
    return re.compile(literal.replace("\\/", "/"))


def test_a1_the_bundle_fetches_only_with_xmlhttprequest():
    assert re.search(r'new XMLHttpRequest;return \w+\.open\("GET"', BUNDLE)
    assert BUNDLE.count("XMLHttpRequest") == 1 and "fetch(" not in BUNDLE


def test_a2_sitemaps_next_to_alternate_links_and_abort_ends_a_request_quietly():
    assert '"link[rel=alternate]"' in BUNDLE and 'new URL("sitemap.xml",' in BUNDLE
    assert re.search(r'addEventListener\("abort",\(\)=>\{\w+\.complete\(\)\}\)', BUNDLE)
    assert js_pattern("sitemap").search("https://guide.example/en/sitemap.xml")


def test_a3_the_search_index_url():
    assert 'new URL("search/search_index.json",' in BUNDLE
    assert js_pattern("search").search("https://guide.example/search/search_index.json")


def test_a4_the_worker_is_started_with_the_configured_script():
    assert re.search(r"new Worker\(\w+\)", BUNDLE)
    configured = re.search(r'"search": "(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"',
                           (TEMPLATES / "base.html").read_text(encoding="utf-8")).group(1)
    assert (TEMPLATES / configured).is_file()
    assert js_pattern("workers").search("https://guide.example/" + configured)


def test_a5_the_worker_is_used_only_by_messages():
    assert BUNDLE.count("postMessage(") == 1 and BUNDLE.count('"message"') == 1
    assert not any(word in BUNDLE for word in ("onmessage", "onerror", "terminate("))


def test_a6_the_search_box_selectors_are_the_themes():
    templates = "".join(path.read_text(encoding="utf-8") for path in TEMPLATES.rglob("*.html"))
    assert 'class="md-search"' in templates and 'for="__search"' in templates and 'id="__search"' in templates
    assert ".closest(\".md-search, [for='__search'], #__search\")" in GUIDE_JS


# ---- What guide.js's search functions rely on in the search worker (A8-A10 there) ----

def sources(map_path: Path) -> str:
    """The TypeScript sources of a pinned script, from its source map."""
    import json

    return "\n".join(c or "" for c in json.loads(map_path.read_text(encoding="utf-8"))["sourcesContent"])


WORKER_NAME = re.search(r'"search": "assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)"',
                        (TEMPLATES / "base.html").read_text(encoding="utf-8")).group(1)
WORKER_SOURCES = sources(TEMPLATES / "assets/javascripts/workers" / (WORKER_NAME + ".map"))
BUNDLE_SOURCES = sources(TEMPLATES / "assets/javascripts" / (BUNDLE_NAME + ".map"))


def test_a8_the_worker_messages_and_the_highlight_parameter():
    assert re.search(r"enum SearchMessageType \{\s*SETUP,[^\n]*\s*READY,[^\n]*\s*QUERY,[^\n]*\s*RESULT",
                     BUNDLE_SOURCES)  # numbered 0-3 in that order, in the bundle and the worker alike
    assert "data: index.search(query)" in WORKER_SOURCES and "items: [...groups.values()]" in WORKER_SOURCES
    assert "type: SearchMessageType.QUERY,\n        data: value" in BUNDLE_SOURCES
    assert re.search(r'url\.searchParams\.set\("h", Object\.entries\(document\.terms\)\s*\.filter\(\(\[, match\]\) => match\)',
                     BUNDLE_SOURCES)
    assert "SEARCH_SETUP = 0" in GUIDE_JS and "SEARCH_QUERY = 2" in GUIDE_JS and "SEARCH_RESULT = 3" in GUIDE_JS


def test_a9_the_worker_never_looks_up_the_last_word_of_a_chinese_query():
    assert "for (let j = i + 1; j < query.length; j++)" in WORKER_SOURCES  # j < length: never the whole rest
    assert "query = query.replace(/\\p{sc=Han}+/gu" in WORKER_SOURCES


def test_a10_the_bundle_searches_on_key_release_only():
    assert 'fromEvent(el, "keyup")' in BUNDLE_SOURCES and 'fromEvent(el, "input")' not in BUNDLE_SOURCES
