"""Link previews and the home screen, on the built site: every page (found in the build, the 404
page aside) carries its share tags, each pointing at real files; each language's web app manifest
has what a browser needs to install it, with icons of the sizes it states."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from guide import share
from guide.model import LANGUAGES
from test_site import Page

REQUIRED_MANIFEST = ("name", "short_name", "start_url", "scope", "display", "icons", "theme_color", "lang")


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def meta(page: Page, key: str) -> list[str]:
    return [a["content"] for t, a in page.tags if t == "meta" and key in (a.get("property"), a.get("name"))]


def one(page: Page, key: str) -> str:
    values = meta(page, key)
    assert len(values) == 1, f"{key}: {values}"
    return values[0]


def site_path(site_url: str, absolute: str) -> str:
    assert absolute.startswith(site_url), f"{absolute} is not under {site_url}"
    return absolute[len(site_url):]


@pytest.fixture(scope="module")
def pages(built_site):
    found = {path: Page(path.read_text(encoding="utf-8")) for path in built_pages(built_site)}
    assert len(found) >= 2 * 8  # both languages' pages, found in the build
    return found


def test_every_page_has_its_title_description_address_image_and_language(built_site, pages):
    for path, page in pages.items():
        where = path.relative_to(built_site)
        lang = next(a["lang"] for t, a in page.tags if t == "html")
        canonical = next(a["href"] for t, a in page.tags if t == "link" and a.get("rel") == "canonical")
        folder = "" if where.parent.as_posix() == "." else where.parent.as_posix() + "/"
        assert canonical.endswith("/" + folder), where
        site_url = canonical[: len(canonical) - len(folder)]
        assert one(page, "og:url") == canonical and urlsplit(canonical).scheme == "https", where
        description = next(a["content"] for t, a in page.tags if t == "meta" and a.get("name") == "description")
        assert one(page, "og:description") == description, where
        assert one(page, "og:title").strip(), where
        image = site_path(site_url, one(page, "og:image"))
        assert image == share.share_image_path(lang), where
        width, height = png_size(built_site / image)
        assert (width, height) == (int(one(page, "og:image:width")), int(one(page, "og:image:height")))
        assert width >= 1200 and height >= 630
        assert one(page, "og:locale") == share.og_locale(lang), where
        assert sorted(meta(page, "og:locale:alternate")) == sorted(share.og_locale(o) for o in LANGUAGES if o != lang)
        assert one(page, "twitter:card") == "summary_large_image", where
        assert one(page, "theme-color") == share.THEME_COLOR, where
        links = {a["rel"]: a["href"] for t, a in page.tags if t == "link" and a.get("rel") in ("manifest", "apple-touch-icon")}
        assert (path.parent / links["manifest"]).resolve() == (built_site / share.manifest_path(lang)).resolve(), where
        assert png_size((path.parent / links["apple-touch-icon"]).resolve()) == (180, 180), where


def test_a_pages_share_title_is_its_own_and_a_home_page_shares_the_sites_name(built_site, pages):
    for path, page in pages.items():
        title = path.read_text(encoding="utf-8").split("<title>", 1)[1].split("</title>", 1)[0]
        shared = one(page, "og:title")
        is_home = path.parent in (built_site, *(built_site / lang for lang in LANGUAGES[1:]))
        assert shared == (one(page, "og:site_name") if is_home else title.rsplit(" - ", 1)[0]), path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_a_web_app_manifest_a_browser_can_install(built_site, lang):
    path = built_site / share.manifest_path(lang)
    manifest = json.loads(path.read_text(encoding="utf-8"))
    assert all(manifest.get(member) for member in REQUIRED_MANIFEST), manifest
    assert manifest["display"] in ("standalone", "minimal-ui", "fullscreen")
    base = "https://example.test/site/" + share.manifest_path(lang)  # any address: the URLs are relative
    start, scope = urljoin(base, manifest["start_url"]), urljoin(base, manifest["scope"])
    assert start.startswith(scope), (start, scope)
    assert start == urljoin(base, "./"), "it opens on the language's home page"
    sizes = set()
    for icon in manifest["icons"]:
        file = built_site / site_path("https://example.test/site/", urljoin(base, icon["src"]))
        width, height = png_size(file)
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png", icon
        sizes.add(width)
    assert {192, 512} <= sizes
    home = Page((built_site / share.language_root(lang) / "index.html").read_text(encoding="utf-8"))
    assert manifest["name"] == one(home, "og:site_name")
    assert manifest["theme_color"] == one(home, "theme-color")


def test_the_share_tags_are_escaped():
    tags = share.head_tags(lang="en", title='A "quoted" <title>', description="x & y", page_url="https://e.test/",
                           site_url="https://e.test/", site_name="S", up="")
    assert 'content="A &quot;quoted&quot; &lt;title&gt;"' in tags and 'content="x &amp; y"' in tags
