"""The built site, as readers and search engines get it (issue: bilingual guide site)."""

from __future__ import annotations

import csv
import html as html_module
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from content import nav_pages
from guide.export import page_url, plain
from guide.model import STAGES
from guide.sources import load_cautions, load_pages

DOCS = ROOT / "docs"
SITE_URL = "https://jiebei-guide.example.org/"
PAGES = load_pages(DOCS, ROOT)
REQUIRED_PAGES = set(nav_pages())  # every page mkdocs.yml's nav names


class Page(HTMLParser):
    """What the tests need from one built HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def classes(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.tags if name in a.get("class", "").split()]


def built(site: Path, page) -> Path:
    return site / page_url(page).lstrip("/") / "index.html"


def parsed(site: Path, page) -> Page:
    return Page(built(site, page).read_text(encoding="utf-8"))


def test_every_required_page_exists_in_both_languages():
    keys = {(p.key, p.lang) for p in PAGES}
    for key in REQUIRED_PAGES:
        assert (key, "zh") in keys and (key, "en") in keys, key


def test_every_zh_page_has_an_en_page_and_back():
    zh = {p.key for p in PAGES if p.lang == "zh"}
    en = {p.key for p in PAGES if p.lang == "en"}
    assert zh == en


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_each_page_is_built_with_its_language_and_metadata(built_site, page):
    html = parsed(built_site, page)
    assert html.find("html")[0]["lang"] == page.lang
    description = html.find("meta", name="description")
    assert description and description[0]["content"] == page.meta["description"].strip()
    alternates = {a["hreflang"]: a["href"] for a in html.find("link", rel="alternate") if "hreflang" in a}
    zh_twin = next(p for p in PAGES if p.key == page.key and p.lang == "zh")
    en_twin = next(p for p in PAGES if p.key == page.key and p.lang == "en")
    assert alternates == {
        "zh": SITE_URL + page_url(zh_twin).lstrip("/"),
        "en": SITE_URL + page_url(en_twin).lstrip("/"),
        "x-default": SITE_URL + page_url(zh_twin).lstrip("/"),
    }
    canonical = html.find("link", rel="canonical")[0]["href"]
    assert canonical == SITE_URL + page_url(page).lstrip("/")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_the_language_switch_lands_on_the_same_page(built_site, page):
    html = parsed(built_site, page)
    other = "en" if page.lang == "zh" else "zh"
    twin = next(p for p in PAGES if p.key == page.key and p.lang == other)
    link = next(a for a in html.classes("md-select__link") if a.get("hreflang") == other)
    here = built_site if link["href"].startswith("/") else built(built_site, page).parent
    target = (here / link["href"].lstrip("/")).resolve() / "index.html"
    assert target == built(built_site, twin).resolve()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src_uri)
def test_the_edit_link_opens_the_pages_own_source(built_site, page):
    html = parsed(built_site, page)
    edit = [a["href"] for a in html.find("a") if a.get("href", "").startswith("https://github.com/")
            and "/edit/" in a["href"]]
    assert edit == [f"https://github.com/jiebei-guide/jiebei-guide/edit/main/docs/{page.src_uri}"]


ASSET_ATTRS = {"link": ("href",), "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",),
               "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
               "embed": ("src",), "object": ("data",)}
NOT_ASSETS = {"canonical", "alternate"}  # links that name pages, which the browser does not fetch


def external_assets(html: Page) -> list[str]:
    found = []
    for tag, attrs in html.tags:
        if tag == "link" and attrs.get("rel") in NOT_ASSETS:
            continue
        for name in ASSET_ATTRS.get(tag, ()):
            value = attrs.get(name, "").strip().lower()
            if value.startswith("data:"):  # inline, nothing is fetched
                continue
            if value.startswith(("http:", "https:", "//")) or "://" in value:
                found.append(f"<{tag} {name}={attrs[name]}>")
    return found


def all_built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_loads_anything_from_another_origin(built_site):
    pages = all_built_pages(built_site)
    assert len(pages) >= 2 * len(REQUIRED_PAGES)
    offenders = {str(p.relative_to(built_site)): external_assets(Page(p.read_text(encoding="utf-8")))
                 for p in pages}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_theme_names_no_web_fonts(built_site):
    for page in all_built_pages(built_site):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
    css = (ROOT / "docs/assets/guide.css").read_text(encoding="utf-8")
    for font in ("PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC"):
        assert f'"{font}"' in css


def test_each_language_has_its_own_search_index(built_site):
    zh = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert zh["config"]["lang"] == ["zh"] and en["config"]["lang"] == ["en"]
    assert "stemmer" in en["config"]["pipeline"] and "stemmer" not in zh["config"]["pipeline"]
    assert all(not d["location"].startswith("en/") for d in zh["docs"])
    assert all(d["location"].startswith("en/") for d in en["docs"])
    # jieba splits Chinese into words with zero-width spaces (the browser test searches them).
    assert any("\u200b征信\u200b" in d["text"] for d in zh["docs"])
    assert any("\u200b芝麻\u200b信用\u200b" in d["text"] for d in zh["docs"])
    assert any(" reopen " in d["text"] for d in en["docs"])  # English words stay whole
    # One entry per checklist item and per glossary term, at its own anchor; the worksheet's
    # title and introduction, not its tables.
    locations = {d["location"] for d in zh["docs"] + en["docs"]}
    assert {"stages/self-check/#sc-01", "en/stages/maintenance/#ma-18", "glossary/#蚂蚁金服",
            "en/glossary/#ant-financial", "worksheet/", "en/worksheet/"} <= locations
    assert not [loc for loc in locations if loc.startswith(("worksheet/#", "en/worksheet/#"))]


def test_the_search_index_holds_no_interface_text(built_site):
    # The checklist toolbar and the progress counts are in every stage page's HTML;
    # results must show the guide's words, not "Done 0/8 Print this page ..." (#14).
    entries = [entry for name in ("search/search_index.json", "en/search/search_index.json")
               for entry in json.loads((built_site / name).read_text(encoding="utf-8"))["docs"]]
    found = [f"{entry['location'] or '/'}: {words!r}" for entry in entries
             for words in ("打印本页", "导出进度", "Print this page", "Export progress", "Done 0/")
             if words in entry["title"] + entry["text"]]
    found += [f"{entry['location'] or '/'}: {count!r}" for entry in entries  # the counts, as the build writes them
              for count in re.findall(r"\b0/\d+\b", entry["title"] + entry["text"])]
    assert found == [], "interface text in the search index, by page: " + "; ".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_page_renders_every_checklist_and_item_of_its_source(built_site, stage, lang):
    """Every checklist and item written is rendered, in source order. (That the article's own steps
    are all there is test_fidelity's promise; IDs need not be in numerical order: CONTRIBUTING.)"""
    page = next(p for p in PAGES if p.stage == stage and p.lang == lang)
    html = parsed(built_site, page)
    checklists = [a for a in html.classes("checklist") if "checklist-items" not in a.get("class", "")]
    items = html.classes("checklist-item")
    assert len(checklists) == len(page.checklists) and items
    assert [a["data-item"] for a in items] == [item.id for item in page.items]
    assert all(item.id.startswith(STAGES[stage] + "-") for item in page.items)
    for item in items:  # every item is its own anchor, and its box is labelled by the item
        assert item["id"] == item["data-item"].lower()
    boxes = html.classes("checklist-box")
    labels = {a["for"] for a in html.find("label") if "for" in a}
    assert len(boxes) == len(items) and all(box["id"] in labels for box in boxes)


def test_every_stage_page_carries_the_scam_warning():
    for page in PAGES:
        if page.stage:
            text = (DOCS / page.src_uri).read_text(encoding="utf-8")
            suffix = "" if page.lang == "zh" else ".en"
            assert f'--8<-- "includes/red-flag{suffix}.md"' in text, page.path


def test_exports_are_published_from_the_parsed_checklists(built_site):
    data = json.loads((built_site / "downloads/checklists.json").read_text(encoding="utf-8"))
    for lang in ("zh", "en"):
        items = [r for r in data["items"] if r["lang"] == lang]
        assert [r["id"] for r in items] == [i.id for s in STAGES for p in PAGES if p.stage == s and p.lang == lang
                                            for i in p.items]
        assert {r["by"] for r in items} <= {"article", "editors"}
        with (built_site / f"downloads/checklists-{lang}.csv").open(encoding="utf-8-sig", newline="") as file:
            rows = [row for row in csv.DictReader(file) if row["id"]]  # the rows before are the editors' cautions
        assert [r["id"] for r in rows] == [r["id"] for r in items]
    # The first row is the first step of the first stage's page, as its readers see it there.
    first, page = data["items"][0], next(p for p in PAGES if p.stage == next(iter(STAGES)) and p.lang == "zh")
    assert (first["id"], first["url"], first["anchor"]) == (
        page.items[0].id, SITE_URL + page_url(page).lstrip("/"), page.items[0].id.lower())
    label = re.search(rf'data-item="{first["id"]}"[^>]*>.*?<label[^>]*>(.*?)</label>',
                      built(built_site, page).read_text(encoding="utf-8"), re.S)[1]
    shown = html_module.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<span class="checklist-(id|by)"[^>]*>.*?</span>', "", label)))
    assert first["text"] == " ".join(shown.split()) and first["text"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_worksheet_carries_the_editors_cautions(built_site, lang):
    page = next(p for p in PAGES if p.key == "worksheet.md" and p.lang == lang)
    source = built(built_site, page).read_text(encoding="utf-8")
    text = " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", source)).split())
    cautions = load_cautions(DOCS, ROOT)[0][lang]
    assert f'<p class="admonition-title">{cautions.title}</p>' in source
    for line in cautions.lines:
        assert plain(line) in text, line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_worksheet_gathers_every_item_in_order(built_site, lang):
    page = next(p for p in PAGES if p.key == "worksheet.md" and p.lang == lang)
    html = parsed(built_site, page)
    boxes = [a["data-item"] for a in html.classes("worksheet-box")]
    expected = [item.id for stage in STAGES for p in PAGES if p.stage == stage and p.lang == lang
                for item in p.items]
    assert boxes == expected and boxes


def test_chinese_headings_get_readable_anchors(built_site):
    page = next(p for p in PAGES if p.key == "index.md" and p.lang == "zh")
    ids = {a["id"] for _, a in parsed(built_site, page).tags if "id" in a}
    assert "四个阶段" in ids
    assert not any(i.startswith("_") and i[1:].isdigit() for i in ids)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_worksheet_links_to_the_published_exports(built_site, lang):
    page = next(p for p in PAGES if p.key == "worksheet.md" and p.lang == lang)
    html = parsed(built_site, page)
    here = built(built_site, page).parent
    downloads = [a["href"] for a in html.find("a") if "downloads/" in a.get("href", "")]
    assert len(downloads) == 2
    for href in downloads:
        assert (here / href).resolve().is_file(), href


@pytest.mark.parametrize("key, lang, term", [("causes.md", "zh", "芝麻信用"), ("causes.md", "en", "Sesame Credit"),
                                            ("stages/maintenance.md", "zh", "资本公积转增股本")])
def test_glossary_terms_get_definitions_on_every_page(built_site, key, lang, term):
    page = next(p for p in PAGES if p.key == key and p.lang == lang)
    text = built(built_site, page).read_text(encoding="utf-8")
    assert re.search(rf'<abbr title="[^"]+">{re.escape(term)}</abbr>', text)


# ---- The theme's words in the page's language ----

LATIN_WORDS = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize("page", [p for p in PAGES if p.lang == "zh"], ids=lambda p: p.src_uri)
def test_a_chinese_pages_footer_and_footnote_links_speak_chinese(built_site, page):
    text = built(built_site, page).read_text(encoding="utf-8")
    footer = re.search(r'<div class="md-copyright">(.*?)</div>\s*</div>', text, re.S).group(1)
    # Names stay as they are (the theme's, the licences'); no other English words.
    words = re.sub(r"<[^>]*>|Material for MkDocs|CC BY|MIT", " ", footer)
    assert not LATIN_WORDS.search(words), words
    for title in re.findall(r'class="footnote-backref"[^>]*title="([^"]*)"', text):
        assert not LATIN_WORDS.search(title), title


def test_the_404_page_links_every_language_to_its_home_and_stages(built_site):
    from guide.export import stage_pages
    from guide.html import NOT_FOUND_WORDS
    from guide.model import LANGUAGES

    text = (built_site / "404.html").read_text(encoding="utf-8")
    assert "404 - Not found" not in text
    for lang in LANGUAGES:
        block = re.search(rf'<div class="guide-not-found" lang="{lang}" data-not-found="{lang}">(.*?)</div>',
                          text, re.S).group(1)
        home = "/" if lang == LANGUAGES[0] else f"/{lang}/"
        assert re.findall(r'<a href="([^"]+)"', block) == [home] + [page_url(p) for p in stage_pages(PAGES, lang)]
        assert NOT_FOUND_WORDS[lang]["title"] in block
