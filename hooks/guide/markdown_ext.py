"""Python-Markdown extension: checklist items as labelled, anchored checkboxes,
and abbreviations that also match inside Chinese text.

Plain Python-Markdown (no MkDocs), so any engine that runs Python-Markdown can use it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .model import BUILD_MARK, CHECKLIST_TYPE, EDITORS_ITEM, ID_PATTERN, anchor, item_hash

TASK = re.compile(r"^\s*\[[ xX]\][ \t\u3000]+(?P<id>[A-Z]{2}-[0-9]{2})[ \t\u3000]*(?P<text>.*)$", re.DOTALL)
CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")


class ChecklistTreeprocessor(Treeprocessor):
    """Turn ``[ ] SC-01 text`` list items inside a checklist into::

        <li class="checklist-item" id="sc-01" data-item="SC-01" data-hash="…">
          <input type="checkbox" id="sc-01-box" class="checklist-box">
          <label for="sc-01-box"><span class="checklist-id">SC-01</span> text</label>
        </li>

    Runs before inline processing (priority 30 > 20), so the item text still gets
    links, emphasis and abbreviations. The label gives the checkbox its accessible
    name; the ID becomes the anchor, so one step can be linked.
    """

    def run(self, root: etree.Element) -> None:
        for container in root.iter():
            if CHECKLIST_TYPE in (container.get("class") or "").split():
                total = 0
                container.set("data-mark", BUILD_MARK)
                for ul in container.findall("ul"):
                    ul.set("class", "checklist-items")
                    ul.set("data-mark", BUILD_MARK)
                    for li in ul.findall("li"):
                        total += self._render(li)
                title = container.find("p[@class='admonition-title']")
                title = title if title is not None else container.find("summary")
                if title is not None and total:  # the script keeps it up to date
                    count = etree.SubElement(title, "span", {"class": "checklist-count guide-js",
                                                             "data-search-exclude": "", "data-mark": BUILD_MARK})
                    count.text = f"0/{total}"

    def _render(self, li: etree.Element) -> int:
        # In a loose list (blank lines between items) Python-Markdown moves the item's text into a paragraph.
        holder = li[0] if len(li) and li[0].tag == "p" else li
        match = TASK.match(holder.text or "")
        if not match or not ID_PATTERN.fullmatch(match.group("id")):
            return 0  # the validator reports it; render it as written
        item_id, text = match.group("id"), match.group("text")
        # The mark and the hash come from the item's own line, as the validator reads it. Inline
        # Markdown is not parsed yet, so the only children are blocks nested in the item (a
        # sub-list, which the validator refuses): they stay visible, in the label.
        editors = bool(EDITORS_ITEM.search(text))
        text = EDITORS_ITEM.sub("", text)
        children = list(holder)
        for child in children:
            holder.remove(child)
        if holder is not li:
            li.remove(holder)
        li.text = None
        li.set("class", "checklist-item")
        li.set("id", anchor(item_id))
        li.set("data-item", item_id)
        if editors:  # a step the editors added beyond the article: html.with_editors_badges names it
            li.set("data-by", "editors")
        li.set("data-hash", item_hash(text))
        li.set("data-mark", BUILD_MARK)
        etree.SubElement(li, "input", {"type": "checkbox", "id": f"{anchor(item_id)}-box", "class": "checklist-box",
                                       "data-mark": BUILD_MARK})
        label = etree.SubElement(li, "label", {"for": f"{anchor(item_id)}-box"})
        tag = etree.SubElement(label, "span", {"class": "checklist-id", "data-mark": BUILD_MARK})
        tag.text = item_id
        tag.tail = " " + text
        label.extend(children)
        return 1


class CjkAbbrTreeprocessor(AbbrTreeprocessor):
    """Wraps each defined term in ``<abbr title="…">`` once per page: at its first use in
    the body, never in a heading (a tooltip underline on every 借呗 of a page, titles
    included, is noise; the toc, built from the headings, stays plain too).

    Python-Markdown wraps every use, and only between word boundaries (``\\b``), which
    never occur inside a run of Chinese characters. Chinese terms match anywhere; other
    terms keep their word boundaries."""

    SKIPPED = {"h1", "h2", "h3", "h4", "h5", "h6", "abbr"}

    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        terms = sorted(self.abbrs, key=len, reverse=True)
        self.RE = re.compile("|".join(
            re.escape(term) if CJK.search(term) else rf"(?<!\w){re.escape(term)}(?!\w)" for term in terms
        ))
        self.marked: set[str] = set()
        self._mark_in(root)

    def _mark_in(self, element: etree.Element) -> None:
        """In document order: the element's text, then each child and the text after it."""
        children = list(element)
        head, abbrs = self._first_uses(element.text)
        element.text = head
        for position, abbr in enumerate(abbrs):
            element.insert(position, abbr)
        for child in children:
            if child.tag not in self.SKIPPED:
                self._mark_in(child)
            head, abbrs = self._first_uses(child.tail)
            child.tail = head
            at = list(element).index(child) + 1
            for offset, abbr in enumerate(abbrs):
                element.insert(at + offset, abbr)

    def _first_uses(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """``text`` up to its first not-yet-marked term, and an ``<abbr>`` per such term
        (each with the text up to the next one as its tail)."""
        if not text or isinstance(text, AtomicString):
            return text, []
        head, abbrs, last = text, [], None
        for match in self.RE.finditer(text):
            term = match.group(0)
            if term in self.marked or not self.abbrs[term]:
                continue
            self.marked.add(term)
            abbr = self.create_element(self.abbrs[term], term, "")
            if last is None:
                head = text[:match.start()]
            else:
                last.tail = text[last_end:match.start()]
            abbrs.append(abbr)
            last, last_end = abbr, match.end()
        if last is not None:
            last.tail = text[last_end:]
        return head, abbrs


class TermAnchorTreeprocessor(Treeprocessor):
    """Give every definition-list term (the glossary's) an anchor of its own, so a link
    or a search result can lead to one term: the term's words before its bracketed
    translation, slugified as the headings are (``支付宝（Alipay）`` -> ``支付宝``,
    ``Ant Financial (蚂蚁金服)`` -> ``ant-financial``). Runs after the table of contents
    (priority 4 < 5), so it sees every heading's anchor and takes none of them."""

    def run(self, root: etree.Element) -> None:
        toc = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None
        slugify = getattr(toc, "slugify", None) or slugify_unicode
        taken = {element.get("id") for element in root.iter() if element.get("id")}
        for term in root.iter("dt"):
            if term.get("id"):
                continue
            words = re.split(r"\s*[（(]", "".join(term.itertext()))[0]
            slug = base = slugify(words.strip(), "-") or slugify_unicode(words.strip(), "-") or "term"
            number = 1
            while slug in taken:
                slug = f"{base}_{number}"
                number += 1
            taken.add(slug)
            term.set("id", slug)


class GuideExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(ChecklistTreeprocessor(md), "guide-checklist", 30)
        md.treeprocessors.register(TermAnchorTreeprocessor(md), "guide-term-anchors", 4)
        if "abbr" in md.treeprocessors:
            abbrs = md.treeprocessors["abbr"].abbrs
            md.treeprocessors.register(CjkAbbrTreeprocessor(md, abbrs), "abbr", 7)


def makeExtension(**kwargs) -> GuideExtension:  # noqa: N802 (Python-Markdown's name)
    return GuideExtension(**kwargs)
