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
