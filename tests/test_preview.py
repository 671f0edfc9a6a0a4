"""The dev server's additions to a served page (hooks/guide/preview.py); in Chromium: test_serve.py."""

from __future__ import annotations

import pytest

from guide.preview import allow_appended_script, problems_page, with_problems

PAGE = (b'<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="default-src '
        b"'self'; script-src 'self' 'sha256-AAA='; style-src 'self'\"></head>"
        b'<body dir="ltr"><h1>x</h1><script>theme()</script></body></html>')
# sha256 of b"reload()", base64 (by `printf 'reload()' | openssl dgst -sha256 -binary | base64`)
RELOAD_HASH = b"'sha256-sC0PQhdi5wMoECrBbPZDMcg4gm1Z2uOfLRLceVFG7RY='"


def served(page: bytes, script: bytes = b"<script>reload()</script>") -> bytes:
    end = page.rindex(b"</body>")
    return page[:end] + script + page[end:]


def test_the_appended_script_and_only_it_is_added_to_script_src():
    result = allow_appended_script(PAGE, served(PAGE))
    assert result == served(PAGE).replace(b"'sha256-AAA='", b"'sha256-AAA=' " + RELOAD_HASH)


def test_any_other_change_to_the_page_is_refused():
    with pytest.raises(ValueError, match="update hooks/guide/preview.py"):
        allow_appended_script(PAGE, served(PAGE).replace(b"<h1>x</h1>", b"<h1>y</h1>"))
    with pytest.raises(ValueError):
        allow_appended_script(PAGE, served(PAGE, b'<script src="/x.js"></script>'))


def test_the_problems_come_first_in_the_body_escaped():
    result = with_problems(PAGE, ["docs/a.md:3: raw <script> is not allowed & 'quoted'"])
    body = result.index(b'<body dir="ltr">') + len(b'<body dir="ltr">')
    assert result[body:].startswith(b'<div role="alert"')
    assert b"docs/a.md:3: raw &lt;script&gt; is not allowed &amp; &#x27;quoted&#x27;" in result
    assert b"<script> is" not in result
    assert result.replace(result[body:result.index(b"<h1>")], b"") == PAGE


def test_a_page_the_failed_build_left_missing_shows_the_problems_and_rechecks():
    page = problems_page(["docs/a.md:1: x"]).decode()
    assert '<meta http-equiv="refresh" content="2">' in page and "docs/a.md:1: x" in page and 'role="alert"' in page


BANNER = ('<div role="alert" class="guide-preview-problems" style="margin:0;padding:.75rem 1rem;background:#b00020;'
          'color:#fff;font:15px/1.5 system-ui,sans-serif;overflow-wrap:anywhere"><p style="margin:0"><strong>构建失败 · '
          "Build failed.</strong> 这里显示的是上一次成功的构建；改正以下问题并保存，页面会自动刷新。 · This is the last good "
          'build; fix these problems and save, and the page reloads.</p><ul style="margin:.25rem 0 0">'
          '<li><code style="color:inherit;background:none">docs/a.md:3: x</code></li>'
          '<li><code style="color:inherit;background:none">docs/b.md: y</code></li></ul></div>')


def test_the_banner_in_full_and_first_even_without_a_body_tag():
    assert with_problems(b'<body class="x"><h1>x</h1></body>', ["docs/a.md:3: x", "docs/b.md: y"]) == (
        b'<body class="x">' + BANNER.encode() + b"<h1>x</h1></body>")
    assert with_problems(b"<h1>x</h1>", ["docs/a.md:3: x", "docs/b.md: y"]) == BANNER.encode() + b"<h1>x</h1>"


def test_the_missing_page_in_full():
    assert problems_page(["docs/a.md:3: x", "docs/b.md: y"]) == (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">'
        "<title>构建失败 · Build failed</title></head><body>" + BANNER + "</body></html>").encode()


def test_the_script_is_found_where_mkdocs_puts_it():
    """Before the last ``</body>`` (an earlier one may be text), or at the very end when there is none."""
    page = PAGE.replace(b"<h1>x</h1>", b"<!-- </body> --><h1>x</h1>")
    assert allow_appended_script(page, served(page)) == served(page).replace(b"'sha256-AAA='",
                                                                             b"'sha256-AAA=' " + RELOAD_HASH)
    unclosed = PAGE.removesuffix(b"</body></html>")
    assert allow_appended_script(unclosed, unclosed + b"<script>reload()</script>") == (
        unclosed.replace(b"'sha256-AAA='", b"'sha256-AAA=' " + RELOAD_HASH) + b"<script>reload()</script>")


def test_the_refusal_says_what_to_do():
    with pytest.raises(ValueError) as refused:
        allow_appended_script(PAGE, served(PAGE, b"<script>reload()</script><p>more</p>"))
    assert str(refused.value) == ("the dev server changed the page other than by appending one inline <script>: "
                                  "update hooks/guide/preview.py for this MkDocs version")
