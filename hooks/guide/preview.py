"""What the dev server (`mkdocs serve`) shows and a published build never does (no MkDocs import).

- MkDocs appends its live-reload script, inline, to every page it serves; the page's
  Content-Security-Policy lets that one script run, by its hash, and nothing else changes.
- A rebuild that fails leaves the last good build on show, with a banner naming the problems,
  instead of holding every request until the content is fixed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

APPENDED_SCRIPT = re.compile(rb"<script>(?P<body>.*)</script>", re.S)
SCRIPT_SRC = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?\bscript-src\b[^;"]*)')
BODY_START = re.compile(rb"<body\b[^>]*>")


def allow_appended_script(page: bytes, served: bytes) -> bytes:
    """``served`` is ``page`` with one inline script inserted before ``</body>`` (MkDocs' live
    reload): add that script's hash to the policy's script-src. Any other difference is an error,
    so a changed MkDocs is noticed rather than a policy widened blindly."""
    end = page.rindex(b"</body>") if b"</body>" in page else len(page)  # where MkDocs puts its script
    added = served[end: end + len(served) - len(page)]
    match = APPENDED_SCRIPT.fullmatch(added)
    if not match or served[:end] != page[:end] or served[end + len(added):] != page[end:]:
        raise ValueError("the dev server changed the page other than by appending one inline <script>: "
                         "update hooks/guide/preview.py for this MkDocs version")
    digest = base64.b64encode(hashlib.sha256(match["body"]).digest())
    return SCRIPT_SRC.sub(lambda m: m[1] + b" 'sha256-" + digest + b"'", served, count=1)


BANNER_STYLE = ("margin:0;padding:.75rem 1rem;background:#b00020;color:#fff;"
                "font:15px/1.5 system-ui,sans-serif;overflow-wrap:anywhere")


def problems_banner(problems: list[str]) -> str:
    items = "".join(f"<li><code style=\"color:inherit;background:none\">{html.escape(p)}</code></li>"
                    for p in problems)
    return (f'<div role="alert" class="guide-preview-problems" style="{BANNER_STYLE}">'
            "<p style=\"margin:0\"><strong>构建失败 · Build failed.</strong> "
            "这里显示的是上一次成功的构建；改正以下问题并保存，页面会自动刷新。 · "
            "This is the last good build; fix these problems and save, and the page reloads.</p>"
            f'<ul style="margin:.25rem 0 0">{items}</ul></div>')


def with_problems(page: bytes, problems: list[str]) -> bytes:
    """The banner first in ``<body>``, where it is seen (and read first by a screen reader)."""
    banner = problems_banner(problems).encode("utf-8")
    match = BODY_START.search(page)
    at = match.end() if match else 0
    return page[:at] + banner + page[at:]


def problems_page(problems: list[str]) -> bytes:
    """For a page the failed build left missing: the problems, rechecked every two seconds."""
    return ('<!doctype html><html lang="zh"><head><meta charset="utf-8">'
            '<meta http-equiv="refresh" content="2"><title>构建失败 · Build failed</title></head><body>'
            + problems_banner(problems) + "</body></html>").encode("utf-8")
