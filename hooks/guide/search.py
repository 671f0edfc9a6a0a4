"""The search index, one per language, from the pages as the build renders them.

Material's search plugin indexes a page in sections that start at headings. That makes
a stage page's checklists one block without their items' anchors, the glossary one block
of 3,000 characters, and it indexes the toolbar. This index is written in the same format
(Material's search worker reads it unchanged), with one entry per:

- page (its title and the words before its first subheading),
- subheading with an anchor (its words up to the next one),
- checklist item (titled by its checklist, linking to the item's own anchor),
- glossary term (a ``<dt>`` with an anchor, and its definition),

and nothing of the interface: elements marked ``guide-js`` (the toolbar and progress
counts, which need JavaScript) or ``data-search-exclude``, permalinks and footnote
back-links. Each language gets its own index and analysis: jieba segments Chinese (as
Material does), English is stemmed. Plain Python; jieba is the only dependency.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .model import LANGUAGES

# Chinese runs are cut into words by jieba and the words joined by zero-width spaces,
# which the separator splits on (as Material's plugin does; its browser code segments
# a Chinese query by the words it finds in the index).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SEPARATOR = r"[\s\u200b\-]+"
CONFIG = {
    # zh: lunr.zh's trimmer would drop every Latin word (Alipay, 95188, SC-01), and
    # Chinese has no stems; en: the full English pipeline ("reports" finds "report").
    "zh": {"lang": ["zh"], "pipeline": ["stopWordFilter"]},
    "en": {"lang": ["en"], "pipeline": ["trimmer", "stopWordFilter", "stemmer"]},
}
# A title word counts for a few words of text, not for a thousand (Material's default):
# otherwise a page whose title merely ends in "credit" outranks the page about credit.
FIELDS = {"title": {"boost": 4}, "text": {"boost": 1}, "tags": {"boost": 1000}}
PAGE_BOOST = 0.4  # = 2 / 5, see page_entries()
# A checklist item says what to do; a section, a glossary term or the case study explains.
# So an item's words weigh more than the same words in an explanation: with equal weights,
# the glossary's definition of 以贷养贷 or 供应链金融 and the case study came before the
# stage that tells the reader what to do. Measured on the query table in tests/test_search.py:
# 2.25 to 3 give the same results; at 2 definitions come first again ("credit reports",
# "Sesame Credit"), at 3.5 items that merely name 蚂蚁金服 come before its definition.
ITEM_BOOST = 2.5
BLOCKS = {"p", "li", "dd", "dt", "td", "th", "pre", "blockquote", "figcaption", "summary"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED_CLASSES = {"guide-js", "headerlink", "footnote-backref"}
ITEM_ANCHOR = re.compile(r"[a-z]{2}-[0-9]{2}")  # model.anchor() of an item ID


@dataclass
class Entry:
    location: str
    title: str = ""
    blocks: list[str] = field(default_factory=list)
    # An item's checklist title, shown as its title but not weighed as one: the same words
    # head every item of the checklist, and as each item's title they made every item of
    # "建立备用资金池" outweigh SC-02, the one that says 资金挪用. They are indexed once, in
    # the text of the section that holds the checklist.
    checklist: str | None = None  # None: not an item

    def as_json(self) -> dict[str, str]:
        text = "".join(f"<p>{block}</p>" for block in self.blocks)
        entry = {"location": self.location, "title": segment(self.title), "text": segment(text)}
        if self.checklist:
            entry["checklist"] = segment(self.checklist)  # guide.js shows it as the title
        return entry


def segment(text: str) -> str:
    import jieba  # imported on first use: loading its dictionary takes a second

    def cut(match: re.Match[str]) -> str:
        return "\u200b" + "\u200b".join(jieba.cut(match.group(0))) + "\u200b"

    return HAN.sub(cut, text).strip("\u200b")


class _Indexer(HTMLParser):
    """Walks one page's article HTML and collects its entries."""

    def __init__(self, url: str, title: str, preface_only: bool):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.preface_only = preface_only
        self.page = Entry(url, title)
        self.entries = [self.page]
        self.section = self.page  # where words go outside items and terms
        self.target = self.page  # where words go now
        self.stack: list[tuple[str, str]] = []  # open elements: (tag, role)
        self.skipping = 0  # depth inside skipped elements
        self.stopped = False
        self.heading: list[str] | None = None  # words of the heading being read
        self.checklist_title = ""
        self.reading_checklist_title: list[str] | None = None
        self.block: list[str] | None = None

    # -- where words go --

    def _flush(self) -> None:
        if self.block is not None:
            words = " ".join("".join(self.block).split())
            if words:
                self.target.blocks.append(words)
            self.block = None

    def _start_block(self) -> None:
        self._flush()
        self.block = []

    # -- parser events --

    def handle_starttag(self, tag, attrs):
        if self.stopped or tag in VOID:
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        role = ""
        if self.skipping or classes & SKIPPED_CLASSES or "data-search-exclude" in attrs:
            self.skipping += 1
            role = "skip"
        elif tag in HEADINGS:
            if tag != "h1" and self.preface_only:
                self._flush()
                self.stopped = True
                return
            self._flush()
            self.heading = []
            role = "heading"
            if tag != "h1" and attrs.get("id"):
                self.section = self.target = Entry(f"{self.url}#{attrs['id']}")
                self.entries.append(self.section)
        elif "checklist" in classes and tag in ("div", "details"):
            role = "checklist"
        elif "admonition" in classes and self._item_note(classes):
            # An editor's note on one item (``!!! note SC-06``) is found with that item.
            self._flush()
            self.target = self._item_note(classes)
            role = "item-note"
        elif "admonition-title" in classes and self._inside("item-note"):
            self.skipping += 1  # "Editors' note": the item's entry needs no label
            role = "skip"
        elif "admonition-title" in classes and self._inside("checklist") or (
                tag == "summary" and self._inside("checklist")):
            self._flush()
            self.reading_checklist_title = []
            role = "checklist-title"
        elif tag == "li" and "checklist-item" in classes and attrs.get("id"):
            self._flush()
            self.target = Entry(f"{self.url}#{attrs['id']}", checklist=self.checklist_title)
            self.entries.append(self.target)
            self._start_block()
            role = "item"
        elif tag == "dt" and attrs.get("id"):
            self._flush()
            self.target = Entry(f"{self.url}#{attrs['id']}")
            self.entries.append(self.target)
            self.heading = []
            role = "term"
        elif tag == "dl":
            role = "terms"
        elif tag in BLOCKS and self.block is None:
            self._start_block()
            role = "block"
        self.stack.append((tag, role))

    def handle_endtag(self, tag):
        if self.stopped or tag in VOID:
            return
        while self.stack:  # close what was left open, as browsers do
            open_tag, role = self.stack.pop()
            self._close(role)
            if open_tag == tag:
                break

    def _close(self, role: str) -> None:
        if role == "skip":
            self.skipping -= 1
        elif role == "heading":
            words = " ".join("".join(self.heading or []).split())
            if self.target is self.page:
                self.page.title = self.page.title or words
            else:
                self.target.title = words
            self.heading = None
        elif role == "checklist-title":
            self.checklist_title = " ".join("".join(self.reading_checklist_title or []).split())
            if self.checklist_title:
                self.section.blocks.append(self.checklist_title)
            self.reading_checklist_title = None
        elif role == "checklist":
            self.checklist_title = ""
        elif role in ("item", "item-note"):
            self._flush()
            self.target = self.section
        elif role == "term":
            self.target.title = " ".join("".join(self.heading or []).split())
            self.heading = None
        elif role == "terms":
            self._flush()
            self.target = self.section
        elif role == "block":
            self._flush()

    def handle_data(self, data):
        if self.stopped or self.skipping:
            return
        text = html.escape(data, quote=False)
        if self.heading is not None:
            self.heading.append(text)
        elif self.reading_checklist_title is not None:
            self.reading_checklist_title.append(text)
        elif self.block is not None:
            self.block.append(text)
        elif data.strip():  # loose text between blocks
            self._start_block()
            self.block.append(text)

    def _item_note(self, classes: set[str]) -> Entry | None:
        anchors = {f"{self.url}#{name}" for name in classes if ITEM_ANCHOR.fullmatch(name)}
        return next((entry for entry in self.entries if entry.location in anchors), None)

    def _inside(self, role: str) -> bool:
        return any(r == role for _, r in self.stack)

    def close(self):
        super().close()
        self._flush()


def page_entries(url: str, title: str, content: str, preface_only: bool = False,
                 boost: float = 1.0) -> list[dict]:
    """Entries for one page: ``url`` relative to the site root, ``content`` the article's HTML.
    ``preface_only`` indexes only the title and the words before the first subheading;
    ``boost`` weighs all its entries (front matter ``search: boost:``, as in Material)."""
    indexer = _Indexer(url, title, preface_only)
    indexer.feed(content)
    indexer.close()
    kept = [entry for entry in indexer.entries if entry.title or entry.blocks or entry.checklist]
    entries = [entry.as_json() for entry in kept]
    for entry, source in zip(entries, kept):
        weight = boost * (ITEM_BOOST if source.checklist is not None else 1.0)
        if weight != 1.0:
            entry["boost"] = round(weight, 3)
    # Material multiplies a page's own entry by 5 and a section's by 2 (when every query word
    # matches): a page's preface would outrank the section or item that answers the query.
    if entries:
        entries[0]["boost"] = round(boost * PAGE_BOOST, 3)
    return entries


def index_name(lang: str) -> str:
    """Where a language's index is published: Material's own path for the default language,
    under the language's folder for the others (guide.js asks for it on those pages)."""
    return "search/search_index.json" if lang == LANGUAGES[0] else f"{lang}/search/search_index.json"


def index_json(lang: str, entries: list[dict]) -> str:
    config = {**CONFIG[lang], "separator": SEPARATOR, "fields": FIELDS}
    docs = without_repeats(entries)
    return json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))


BLOCK = re.compile(r"<p>(.*?)</p>", re.S)


def without_repeats(entries: list[dict]) -> list[dict]:
    """Each block of words only on the first page that has it (in ``entries``' order). The
    scam warning and the notice about the article repeat word for word on every stage page:
    indexed on each, they made every stage page match "reopen", "account", "credit" or 征信
    and outrank the page about those words. An entry left with no words keeps its title."""
    first_page: dict[str, str] = {}
    kept = []
    for entry in entries:
        page = entry["location"].split("#")[0]
        blocks = [block for block in BLOCK.findall(entry["text"]) if first_page.setdefault(block, page) == page]
        kept.append({**entry, "text": "".join(f"<p>{block}</p>" for block in blocks)})
    return kept
