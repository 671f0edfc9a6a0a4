"""Content security: what a contribution may not put into a page, and what the built
pages may carry (only the theme's scripts, a Content-Security-Policy on every page)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from guide.pipeline import check
from guide.html import with_content_security_policy
from guide.rendered import script_hash
from guide.security import scan
from guide.theme import INLINE_SCRIPTS

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
                           '"[官方客服](#安全){ onclick="steal()" }"'),
    ("html-event.md", 'docs/html-event.md:7: inline event attribute onmouseover= is not allowed: '
                      '"<span onmouseover="steal()">悬停</span>"'),
    ("javascript-link.md", 'docs/javascript-link.md:7: javascript: URLs are not allowed in links: "[点我](javascript:alert(1))"'),
    ("data-link.md", 'docs/data-link.md:7: data: URLs are not allowed in links: "[下载](data:text/html;base64,PHNjcmlwdD4=)"'),
    ("external-image.md", "docs/external-image.md:7: image from another origin (https://tracker.example/qr.png): "
                          "put the file in docs/assets/"),
    ("external-img-tag.md", "docs/external-img-tag.md:7: <img> loads //tracker.example/pixel.gif from another origin: "
                            "put the file in docs/assets/"),
    ("base.md", 'docs/base.md:7: raw <base> is not allowed in content: "<base href="https://evil.example/">"'),
    ("link.md", 'docs/link.md:7: raw <link> is not allowed in content: "<link rel="stylesheet" href="https://evil.example/x.css">"'),
    ("meta.md", 'docs/meta.md:7: raw <meta> is not allowed in content: "<meta http-equiv="refresh" content="0; url=https://evil.exam…"'),
    ("frameset.md", 'docs/frameset.md:7: raw <frame> is not allowed in content: "<frameset><frame src="https://evil.example/"></frameset>"'),
    ("vbscript-link.md", 'docs/vbscript-link.md:7: vbscript: URLs are not allowed in links: "[点我](vbscript:msgbox(1))"'),
    ("poster.md", "docs/poster.md:7: <video> loads https://tracker.example/p.jpg from another origin: put the file in docs/assets/"),
    # Fenced code the renderer does not close hides nothing: the fence is an error, and what follows is read.
    ("fence-longer-close.md", "docs/fence-longer-close.md:7: code fence ``` is not closed before the end of the file, "
                              "so what follows is rendered as Markdown, not code: close it with exactly ``` "
                              "(same characters, same length), indented like the opening fence"),
    ("fence-longer-close.md", 'docs/fence-longer-close.md:11: raw <script> is not allowed in content: "<script>alert(1)</script>"'),
    ("fence-tilde.md", "docs/fence-tilde.md:7: code fence ~~~ is not closed before the end of the file, so what follows "
                       "is rendered as Markdown, not code: close it with exactly ~~~ (same characters, same length), "
                       "indented like the opening fence"),
    ("fence-tilde.md", "docs/fence-tilde.md:11: <img> loads https://tracker.example/pixel.gif from another origin: "
                       "put the file in docs/assets/"),
    ("fence-after-indented.md", "docs/fence-after-indented.md:8: code fence ~~~ directly follows an indented line, "
                                "so it may be rendered as Markdown, not code: put a blank line before it"),
    ("fence-after-indented.md", 'docs/fence-after-indented.md:9: raw <script> is not allowed in content: '
                                '"<script>alert(1)</script>"'),
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
</head><body><script>var b=2</script></body></html>"""


def test_the_policy_comes_first_in_head_and_trusts_only_the_themes_scripts():
    html = with_content_security_policy(PAGE)
    head = html[html.index("<head>"):]
    assert head.index("Content-Security-Policy") < head.index("<script")
    policy = re.search(r'content="([^"]+)"', head[head.index("Content-Security-Policy"):]).group(1)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'", *INLINE_SCRIPTS]  # never the page's own scripts
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "http" not in policy and "*" not in policy
    assert "object-src 'none'" in policy and "base-uri 'self'" in policy


# ---- The built pages ----

# Our script carries a hash of its content (?v=, for the service worker: hooks/guide/offline.py).
THEME_SCRIPTS = re.compile(r"^(assets/guide\.js\?v=[0-9a-f]{8}|assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)$")
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
                assert script_hash(body) in INLINE_SCRIPTS, f"{page}: unexpected inline script {body[:60]!r}"
        for tag, attrs in TAG.findall(html):
            assert not EVENT.search(attrs), f"{page}: event handler in <{tag}{attrs[:80]}>"
        assert html.count('http-equiv="Content-Security-Policy"') == 1, page


def test_a_fence_in_the_front_matter_is_no_fence():
    text = "---\ndescription: x\nexample: |\n  ```\n---\n\n# t\n"
    assert list(scan(text, "docs/x.md")) == []


def test_the_opening_line_of_a_fence_is_read_its_attributes_reach_the_page():
    text = '---\ndescription: x\n---\n\n```{ .py onclick="steal()" }\nprint(1)\n```\n'
    assert [str(p) for p in scan(text, "docs/x.md")] == [
        'docs/x.md:5: inline event attribute onclick= is not allowed: "```{ .py onclick="steal()" }"']


def test_a_fence_abandoned_by_a_less_indented_line_is_named_with_that_line():
    text = "---\ndescription: x\n---\n\n- 列表\n\n    ```\n    代码\n正文\n"
    assert [str(p) for p in scan(text, "docs/x.md")] == [
        "docs/x.md:7: code fence ``` is not closed before line 9, which is indented less than the fence or quoted "
        "differently, so what follows is rendered as Markdown, not code: close it with exactly ``` (same characters, "
        "same length), indented like the opening fence"]


def test_blanked_inline_code_leaves_no_letters_that_could_start_a_tag():
    # "a<`b` onload=…" renders as text (a code span, not a tag): nothing to report.
    text = "---\ndescription: x\n---\n\nIf a<`b` onload=c, then stop.\n"
    assert list(scan(text, "docs/x.md")) == []
