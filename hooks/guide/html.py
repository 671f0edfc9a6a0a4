"""Small, exact rewrites of the HTML pages the theme writes (no MkDocs import)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from .model import LANGUAGES

ALTERNATE = re.compile(r'<link rel="alternate" href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]+)">')


def absolute_alternates(html: str, page_url: str) -> str:
    """hreflang alternates must be absolute URLs (search engines ignore relative ones),
    and ``x-default`` names the page for readers of other languages: the Chinese one."""
    default_href = None

    def absolute(match: re.Match[str]) -> str:
        nonlocal default_href
        href = urljoin(page_url, match.group("href"))
        if match.group("lang") == LANGUAGES[0]:
            default_href = href
        return f'<link rel="alternate" href="{href}" hreflang="{match.group("lang")}">'

    html = ALTERNATE.sub(absolute, html)
    if default_href and 'hreflang="x-default"' not in html:
        last = list(ALTERNATE.finditer(html))[-1]
        html = (html[: last.end()] + f'\n      <link rel="alternate" href="{default_href}" hreflang="x-default">'
                + html[last.end():])
    return html


SELECT_LINK = re.compile(r'href="[^"]*" hreflang="(?P<lang>[a-z-]+)" class="md-select__link"')


def not_found_page(html: str, site_path: str) -> str:
    """The 404 page is no translation of any page: no hreflang alternates, and the
    language menu leads to each language's home page (not to the last page built)."""
    html = re.sub(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]+">', "", html)

    def home(match: re.Match[str]) -> str:
        lang = match.group("lang")
        path = site_path if lang == LANGUAGES[0] else f"{site_path}{lang}/"
        return f'href="{path}" hreflang="{lang}" class="md-select__link"'

    return SELECT_LINK.sub(home, html)
