"""Content security: what a contribution may not put into a page, and what the built
pages may carry (only the theme's scripts, a Content-Security-Policy on every page)."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from guide.cli import check
from guide.html import inline_script_hashes, with_content_security_policy
from guide.security import scan

UNSAFE = FIXTURES / "unsafe"


def problems(name: str) -> list[str]:
    path = UNSAFE / name
    return [str(p) for p in scan(path.read_text(encoding="utf-8"), f"docs/{name}")]


@pytest.mark.parametrize("name, expected", [
    ("script.md", 'docs/script.md:7: raw <script> is not allowed in content: "<script>alert(1)</script>"'),
    ("iframe.md", 'docs/iframe.md:7: raw <iframe> is not allowed in content: "<iframe src="https://example.com/"></iframe>"'),
    ("object-embed.md", 'docs/object-embed.md:7: raw <object> is not allowed in content: "<object data="x.swf"></object> <embed src="x.swf">"'),
    ("object-embed.md", 'docs/object-embed.md:7: raw <embed> is not allowed in content: "<object data="x.swf"></object> <embed src="x.swf">"'),
    ("form.md", 'docs/form.md:7: raw <form> is not allowed in content: "<form action="/x"><input name="q"></form>"'),
    ("style.md", 'docs/style.md:7: raw <style> is not allowed in content: "<style>body { display: none }</style>"'),
    ("attr-list-event.md", 'docs/attr-list-event.md:7: inline event attribute onclick= is not allowed: '
                           '"[官方客服](stages/application.md){ onclick="steal()" }"'),
    ("html-event.md", 'docs/html-event.md:7: inline event attribute onmouseover= is not allowed: '
                      '"<span onmouseover="steal()">悬停</span>"'),
    ("javascript-link.md", 'docs/javascript-link.md:7: javascript: URLs are not allowed in links: "[点我](javascript:alert(1))"'),
    ("data-link.md", 'docs/data-link.md:7: data: URLs are not allowed in links: "[下载](data:text/html;base64,PHNjcmlwdD4=)"'),
    ("external-image.md", "docs/external-image.md:7: image from another origin (https://tracker.example/qr.png): "
                          "put the file in docs/assets/"),
    ("external-img-tag.md", "docs/external-img-tag.md:7: <img> loads //tracker.example/pixel.gif from another origin: "
                            "put the file in docs/assets/"),
])
def test_unsafe_content_is_reported_with_its_place(name, expected):
    assert expected in problems(name)


def test_code_and_ordinary_links_are_safe():
    assert problems("safe.md") == []


def test_the_sites_own_content_is_safe():
    root = Path(__file__).resolve().parent.parent
    assert check(root / "docs", root)[1] == []


def test_a_snippet_is_checked_too(docs):
    (docs / "includes").mkdir()
    shutil.copyfile(UNSAFE / "script.md", docs / "includes" / "warning.md")
    assert [str(p) for p in check(docs, docs.parent)[1]] == [
        'docs/includes/warning.md:7: raw <script> is not allowed in content: "<script>alert(1)</script>"'
    ]


# ---- The policy written into every page ----

PAGE = """<!doctype html><html><head><meta charset="utf-8"><script>var a=1</script>
<script id="__config" type="application/json">{"base": "."}</script><script src="x.js"></script>
</head><body><script>var a=1</script><script>var b=2</script></body></html>"""


def sha256(body: str) -> str:  # what the CSP spec hashes: the script's exact text, UTF-8
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_each_distinct_inline_script_gets_a_hash_and_data_blocks_none():
    assert inline_script_hashes(PAGE) == [sha256("var a=1"), sha256("var b=2")]


def test_the_policy_comes_first_in_head_and_allows_no_inline_script_by_default():
    html = with_content_security_policy(PAGE)
    head = html[html.index("<head>"):]
    assert head.index("Content-Security-Policy") < head.index("<script")
    policy = re.search(r'content="([^"]+)"', head[head.index("Content-Security-Policy"):]).group(1)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "http" not in policy and "*" not in policy
    assert "object-src 'none'" in policy and "base-uri 'self'" in policy


# ---- The built pages ----

THEME_SCRIPTS = re.compile(r"^(assets/guide\.js|assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)$")
THEME_INLINE = ("__md_scope=new URL(", "var palette=__md_get(", "var target=document.getElementById(location.hash")
TAG = re.compile(r"<([a-zA-Z][\w-]*)((?:\s+[^\s>=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
EVENT = re.compile(r"\s(on[a-z]+)\s*=", re.I)


def test_built_pages_carry_only_the_themes_scripts_and_no_event_handlers(built_site):
    pages = sorted(built_site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        depth = "../" * (len(page.relative_to(built_site).parts) - 1)
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            src = re.search(r'src="([^"]+)"', attrs)
            if src:
                url = src.group(1)
                url = url[len(depth):] if depth and url.startswith(depth) else url.lstrip("/")
                assert THEME_SCRIPTS.match(url), f"{page}: unexpected script {src.group(1)}"
            elif "application/json" not in attrs:
                assert body.startswith(THEME_INLINE), f"{page}: unexpected inline script {body[:60]!r}"
        for tag, attrs in TAG.findall(html):
            assert not EVENT.search(attrs), f"{page}: event handler in <{tag}{attrs[:80]}>"
        assert html.count('http-equiv="Content-Security-Policy"') == 1, page
