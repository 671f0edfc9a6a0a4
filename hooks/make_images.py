#!/usr/bin/env python3
"""Draw the site's icons, favicon and share images (`make images`; run by hand after a change).

The build only copies what this writes and commits (docs/assets/images/*.png, docs/favicon.ico):
nothing is drawn or downloaded at build time. Drawn from the SVG below (the favicon's ticked box)
by Debian's Chromium; the share images' words come from the site's name and description in
mkdocs.yml, set in the system CJK font.

    .venv/bin/python hooks/make_images.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]

from browser import CHROMIUM_ARGS, chromium_path  # noqa: E402
from guide.share import BRAND, ICONS, SHARE_IMAGE, THEME_COLOR  # noqa: E402

IMAGES = ROOT / "docs" / "assets" / "images"
TICKED_BOX = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="2" y="2" width="20" height="20" '
              f'rx="4" fill="{BRAND}"/><path d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke="#fff" stroke-width="2.5" '
              f'stroke-linecap="round" stroke-linejoin="round"/></svg>')
FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', sans-serif"


def icon_page(size: int, full_bleed: bool) -> str:
    """Full bleed (home screen icons): the box fills the square, on the brand colour."""
    background = BRAND if full_bleed else "transparent"
    scale = 1.2 if full_bleed else 1.0
    return (f'<body style="margin:0;width:{size}px;height:{size}px;background:{background};overflow:hidden">'
            f'<div style="width:{size}px;height:{size}px;transform:scale({scale})">{TICKED_BOX}</div></body>')


def share_page(name: str, description: str) -> str:
    width, height = SHARE_IMAGE["width"], SHARE_IMAGE["height"]
    return (f'<body style="margin:0;width:{width}px;height:{height}px;background:{THEME_COLOR};color:#fff;'
            f'font-family:{FONT};display:flex;align-items:center;gap:56px;padding:0 88px;box-sizing:border-box">'
            f'<div style="flex:none;width:240px;height:240px;background:#fff;border-radius:40px;padding:8px">'
            f'{TICKED_BOX}</div><div><div style="font-size:76px;font-weight:700;line-height:1.2">{name}</div>'
            f'<div style="font-size:34px;line-height:1.5;margin-top:28px;opacity:.95">{description}</div></div></body>')


def ico(pngs: list[bytes]) -> bytes:
    """An .ico holding PNG images (every browser since IE 9 reads them)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, data = b"", b""
    for png in pngs:
        width, height = struct.unpack(">II", png[16:24])
        entries += struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def main() -> int:
    from playwright.sync_api import sync_playwright

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    words = {lang["locale"]: (lang.get("site_name", config["site_name"]),
                              lang.get("site_description", config["site_description"])) for lang in i18n["languages"]}
    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)

        def draw(html: str, width: int, height: int, transparent: bool = False) -> bytes:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_content(html)
            png = page.screenshot(omit_background=transparent)
            page.close()
            return png

        for name, size in ICONS.items():
            (IMAGES / name).write_bytes(draw(icon_page(size, full_bleed=name != "favicon.png"), size, size,
                                             transparent=name == "favicon.png"))
        (ROOT / "docs" / "favicon.ico").write_bytes(ico([draw(icon_page(s, False), s, s, True) for s in (16, 32, 48)]))
        for lang, (name, description) in words.items():
            (IMAGES / SHARE_IMAGE["name"].format(lang=lang)).write_bytes(
                draw(share_page(name, description), SHARE_IMAGE["width"], SHARE_IMAGE["height"]))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
