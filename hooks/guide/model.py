"""What a checklist page is made of, and what a problem with one looks like."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field

# Stage name (front matter) -> item ID prefix, in reading order.
STAGES: dict[str, str] = {
    "self-check": "SC",
    "rectification": "RE",
    "application": "AP",
    "maintenance": "MA",
}
LANGUAGES = ("zh", "en")  # the first is the default language, served at /
CHECKLIST_TYPE = "checklist"
# Material's layout modifiers (``!!! note inline end``): not item IDs.
ADMONITION_MODIFIERS = frozenset({"inline", "end"})
# The one item-ID pattern: two capital letters, a hyphen, two ASCII digits (Python's \d would also take
# full-width and other digits, which the script's pattern does not). docs/assets/guide.js holds the
# same pattern (tests/test_item_ids.py keeps them identical).
ID_SOURCE = r"([A-Z]{2})-([0-9]{2})"
ID_PATTERN = re.compile(ID_SOURCE)
# A per-build mark on every element the checklist extension writes (data-mark) and on the toolbar:
# the script binds only marked items, and raw HTML in a page, which cannot know the mark, is refused
# when it carries the checklist's classes or attributes (rendered.py).
BUILD_MARK = secrets.token_hex(8)
# A step the editors added beyond the article ends in this attribute list: ``- [ ] SC-07 text { .editors }``.
EDITORS_ITEM = re.compile(r"[ \t]*\{:?[ \t]*\.editors[ \t]*\}[ \t]*$")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a contributor must fix, located in the source."""

    path: str  # relative to the repository root, with forward slashes
    line: int  # 1-based; 0 when no line can be named (the problem is about the whole file)
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class Item:
    """A ``- [ ] ID text`` line inside a checklist."""

    line: int
    source: str  # the whole line as written (stripped), for quoting
    state: str  # " ", "x" or "X"
    id: str  # the first token after the checkbox; may be malformed
    text: str  # what follows the ID (without the editors' mark)
    editors: bool = False  # a step the editors added beyond the article (``{ .editors }``)


@dataclass
class Stray:
    """A line inside a checklist that is not a task item."""

    line: int
    source: str
    kind: str  # "prose", "list", "admonition", "continuation", "indent"


@dataclass
class Checklist:
    title: str
    line: int
    heading: str = ""  # what follows the type on the ``!!! checklist`` line, as written
    items: list[Item] = field(default_factory=list)
    strays: list[Stray] = field(default_factory=list)


@dataclass
class Admonition:
    type: str
    line: int
    source: str
    title: str = ""
    # Item IDs an editor's note is attached to: the words between the type and the title,
    # ``!!! note SC-06 "编者注"`` (Python-Markdown reads them as CSS classes, so the page renders as before).
    attached: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # its lines, dedented; "" between paragraphs
    end: int = 0  # the line number of its last non-blank line


@dataclass
class Footnote:
    """A footnote definition, ``[^label]: text``, with its indented continuation lines."""

    label: str
    line: int
    text: str


@dataclass
class Page:
    path: str  # repository-relative path, for messages
    src_uri: str  # docs-relative path, e.g. "stages/self-check.en.md"
    lang: str
    key: str  # docs-relative path without the language suffix
    title: str = ""
    title_line: int = 0
    stage: str | None = None
    stage_line: int = 0
    checklists: list[Checklist] = field(default_factory=list)
    admonitions: list[Admonition] = field(default_factory=list)
    stray_tasks: list[Stray] = field(default_factory=list)
    footnotes: dict[str, Footnote] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    front_matter_error: tuple[int, str] | None = None  # (line, problem)
    body: list[tuple[int, str]] = field(default_factory=list)  # (line, text) of every line after the front matter

    @property
    def items(self) -> list[Item]:
        return [item for checklist in self.checklists for item in checklist.items]

    def notes_for(self, item_id: str) -> list[Admonition]:
        """The editor's notes attached to one item, in page order."""
        return [note for note in self.admonitions if item_id in note.attached]


def normalise_text(text: str) -> str:
    """Collapse whitespace so a re-wrapped or re-indented item keeps its hash."""
    return " ".join(text.split())


def item_hash(text: str) -> str:
    """A short, stable fingerprint of an item's text in one language.

    Readers' saved ticks keep it, so the page can say when a step changed.
    """
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:8]


def anchor(item_id: str) -> str:
    return item_id.lower()


def in_language(key: str, lang: str) -> str:
    """The inverse of ``language_of``: ``("stages/x.md", "en")`` -> ``stages/x.en.md``."""
    if lang == LANGUAGES[0]:
        return key
    stem, _, ext = key.rpartition(".")
    return f"{stem}.{lang}.{ext}"


def language_of(src_uri: str) -> tuple[str, str]:
    """``stages/x.en.md`` -> ("en", "stages/x.md"); no suffix -> default language."""
    stem, _, ext = src_uri.rpartition(".")
    base, dot, suffix = stem.rpartition(".")
    if dot and suffix in LANGUAGES[1:]:
        return suffix, f"{base}.{ext}"
    return LANGUAGES[0], src_uri


@dataclass(frozen=True)
class Example:
    """One message a rule gives, as a contributor sees it, and what it means (REFERENCE.md)."""

    message: str
    en: str  # what it means and how to fix it, in English
    zh: str  # the same in Chinese
    message_zh: str = ""  # the example the Chinese reference shows, when it differs


@dataclass(frozen=True)
class Rule:
    """A rule as the contributors' reference explains it, kept next to the code that enforces it."""

    code: tuple[str, ...]  # the functions of its module that enforce it
    title: dict[str, str]  # per language
    examples: list[Example] = field(default_factory=list)
    text: dict[str, str] = field(default_factory=dict)  # prose, per language, before the examples


SHORT = 60  # quote at most this many characters of an offending line


def quote(text: str) -> str:
    """A line as messages quote it: unprintable characters shown as \ufffd, long lines cut."""
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in text)
    return f'"{text[:SHORT]}…"' if len(text) > SHORT else f'"{text}"'
