"""Link previews and the home screen (no MkDocs import).

- Every page's ``<head>`` gets Open Graph and Twitter card tags (what a chat app shows for a
  pasted link: title, description, the language's share image), the theme colour, its
  language's web app manifest and the home-screen icon.
- One web app manifest per language, at the language's root (``manifest.webmanifest``,
  ``en/manifest.webmanifest``): the guide added to a phone's home screen opens on that
  language's home page; its scope is the whole site, so the other language stays in the app.

The images are drawn once by ``hooks/make_images.py`` into ``docs/assets/images/`` and copied
by the build as they are; nothing is fetched.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import urljoin

from .html import LOCALES, SHORT_SITE_NAME
from .model import LANGUAGES

BRAND = "#00695c"  # the ticked box of the icons
THEME_COLOR = "#4051b5"  # Material's indigo header (mkdocs.yml: palette primary indigo)
BACKGROUND = "#ffffff"
IMAGES = "assets/images/"
ICONS = {"icon-192.png": 192, "icon-512.png": 512, "apple-touch-icon.png": 180, "favicon.png": 48}
MANIFEST_ICONS = ("icon-192.png", "icon-512.png")
SHARE_IMAGE = {"name": "og-{lang}.png", "width": 1200, "height": 630}
MANIFEST = "manifest.webmanifest"


def og_locale(lang: str) -> str:
    return LOCALES[lang].replace("-", "_")  # Open Graph writes zh_CN, not zh-CN


def language_root(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else f"{lang}/"


def manifest_path(lang: str) -> str:
    return language_root(lang) + MANIFEST


def share_image_path(lang: str) -> str:
    return IMAGES + SHARE_IMAGE["name"].format(lang=lang)


def manifest(lang: str, name: str, description: str) -> str:
    """A language's manifest; its URLs are relative to the manifest's own."""
    up = "../" * language_root(lang).count("/")
    return json.dumps({
        "name": name,
        "short_name": SHORT_SITE_NAME[lang],
        "description": description,
        "lang": LOCALES[lang],
        "dir": "ltr",
        "start_url": "./",
        "scope": up or "./",
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": THEME_COLOR,
        "icons": [{"src": f"{up}{IMAGES}{icon}", "sizes": f"{ICONS[icon]}x{ICONS[icon]}", "type": "image/png",
                   "purpose": "any"} for icon in MANIFEST_ICONS],
    }, ensure_ascii=False, indent=1) + "\n"


def head_tags(*, lang: str, title: str, description: str, page_url: str, site_url: str, site_name: str,
              up: str) -> str:
    """The tags for one page. ``page_url`` is absolute (from ``site_url``); ``up`` leads from the
    page to the site's root (``../../``), for the files a browser fetches from the page."""
    def meta(key: str, value: str, attribute: str = "property") -> str:
        return f'<meta {attribute}="{key}" content="{escape(value)}">'

    image = urljoin(site_url, share_image_path(lang))
    tags = [
        meta("theme-color", THEME_COLOR, "name"),
        f'<link rel="manifest" href="{up}{manifest_path(lang)}">',
        f'<link rel="apple-touch-icon" href="{up}{IMAGES}apple-touch-icon.png">',
        meta("og:type", "website"),
        meta("og:site_name", site_name),
        meta("og:title", title),
        meta("og:description", description),
        meta("og:url", page_url),
        meta("og:image", image),
        meta("og:image:type", "image/png"),
        meta("og:image:width", str(SHARE_IMAGE["width"])),
        meta("og:image:height", str(SHARE_IMAGE["height"])),
        meta("og:image:alt", site_name),
        meta("og:locale", og_locale(lang)),
        *[meta("og:locale:alternate", og_locale(other)) for other in LANGUAGES if other != lang],
        meta("twitter:card", "summary_large_image", "name"),
    ]
    return "".join(f"\n    {tag}" for tag in tags)


def with_head_tags(html: str, tags: str) -> str:
    """The tags go last in ``<head>``."""
    from .html import RewriteMissed

    if html.count("</head>") != 1:
        raise RewriteMissed("with_head_tags", "</head>")
    return html.replace("</head>", tags + "\n  </head>", 1)
