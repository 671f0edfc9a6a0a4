"""Front matter: found where MkDocs finds it, read with limits, and held to a schema.

MkDocs reads a page's front matter itself (``mkdocs.utils.meta.get_data``) when it reads the
page, after ``on_pre_build``; the theme then writes ``title`` and ``description`` into
``<head>``, the navigation and the search index without escaping, and a value of the wrong type
makes a template or plugin raise. So every page's front matter is checked here first, by the
pipeline, and the build stops with ``path:line`` messages before MkDocs parses any of it.

What is allowed is listed (``SCHEMA``): the keys the theme and our hooks read, each with its
type; any other key is refused. YAML is read with limits: a bounded size, no anchors or aliases
(an alias bomb is refused at its first alias, not expanded), no tags, a bounded nesting depth.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import STAGES, Problem
from .model import quote

# The same expressions as mkdocs.utils.meta (tests/test_frontmatter.py holds them identical):
# YAML front matter between '---' and '---' or '...', else MultiMarkdown 'key: value' lines.
YAML_RE = re.compile(r'^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n', re.UNICODE | re.DOTALL)
META_RE = re.compile(r'^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)')

MAX_CHARS = 8_000  # the real pages' front matter is under 200 characters
MAX_DEPTH = 4  # search: {exclude: …} is the deepest a page needs (2)
MAX_TEXT = 300  # characters of a title or description
HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")  # what Material's templates test for
BOOST = (0.1, 10.0)  # search boost: a finite factor in this range
# Characters a plain-text value must not hold: markup, and what is not a visible character
# (control characters, line and paragraph separators, bidirectional overrides).
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
INVISIBLE_CATEGORIES = {"Cc", "Cs", "Co", "Zl", "Zp"}
ICON = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)*")


class Refused(yaml.MarkedYAMLError):
    """YAML the limited reader will not read: the problem (ending in ``in front matter``) and where it is."""

    def __init__(self, problem: str, mark) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class LimitedLoader(yaml.SafeLoader):
    """A safe loader without anchors, aliases or tags, nested at most ``MAX_DEPTH`` deep."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise Refused("aliases (*name) are not allowed in front matter", self.peek_event().start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None) is not None:
            raise Refused("anchors (&name) are not allowed in front matter", event.start_mark)
        if getattr(event, "tag", None) is not None:
            raise Refused(f"tags ({event.tag}) are not allowed in front matter", event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise Refused(f"values nested more than {MAX_DEPTH} levels deep are not allowed in front matter", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


@dataclass
class FrontMatter:
    """A page's front matter as MkDocs will read it."""
    text: str | None = None  # the YAML between the markers; None when there is none
    first_line: int = 2  # the file line the YAML starts on
    meta: object = None
    node: yaml.Node | None = None
    error: tuple[int, str] | None = None  # (file line, problem) when it cannot be read


def normalised(text: str) -> str:
    """The page text as MkDocs reads it: BOM dropped, universal newlines."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _line(front: FrontMatter, mark) -> int:
    """The file line of a YAML mark, counted from the text (YAML also breaks lines at U+2028 etc.)."""
    index = min(getattr(mark, "index", 0) or 0, len(front.text or ""))
    return front.first_line + (front.text or "").count("\n", 0, index)


def safe_load(text: str) -> tuple[yaml.Node | None, object]:
    """The YAML node tree and its value, read with the limits above; raises ``yaml.YAMLError``
    (and only that) for what cannot or may not be read."""
    if len(text) > MAX_CHARS:
        raise Refused(f"{len(text):,} characters: at most {MAX_CHARS:,} are allowed in front matter", None)
    loader = LimitedLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except (ValueError, OverflowError, RecursionError) as error:  # e.g. a date out of range
        raise Refused(f"a value that cannot be read ({error}) in front matter", None) from None
    finally:
        loader.dispose()


def load(text: str) -> FrontMatter:
    """Find and read a page's front matter, never raising."""
    match = YAML_RE.match(normalised(text))
    if not match:
        return FrontMatter()
    front = FrontMatter(text=match.group(1))
    try:
        front.node, front.meta = safe_load(front.text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        front.error = (_line(front, mark) if mark else 2, getattr(error, "problem", None) or "invalid YAML")
    return front


def is_plain_text(value: str) -> bool:
    return not any(ch in BIDI or unicodedata.category(ch) in INVISIBLE_CATEGORIES for ch in value)


def _text(key: str):
    """A title or description: one line of plain text (the theme writes it into <head>, the
    navigation and the search index without escaping)."""
    def check(value, line: int, path: str, context) -> list[Problem]:
        if not isinstance(value, str):
            return [Problem(path, line, f"'{key}' must be text, not {_kind(value)}: quote it")]
        if key == "title" and not value.strip():  # an empty description is validate.front_matter's
            return [Problem(path, line, f"'{key}' is empty: write one or leave the key out")]
        if len(value) > MAX_TEXT:
            return [Problem(path, line, f"'{key}' is {len(value):,} characters long; at most {MAX_TEXT} are allowed")]
        if any(ch in value for ch in '"<>'):
            return [Problem(path, line, f"the {key} must not contain \" < or >: use “ ” or 「 」 ({quote(value)})")]
        if not is_plain_text(value):
            return [Problem(path, line, f"the {key} must be one line of plain text, without control characters "
                                        f"(as YAML reads its escapes): {quote(value)}")]
        return []
    return check


def _stage(value, line: int, path: str, context) -> list[Problem]:
    if not isinstance(value, str) or value not in STAGES:
        return [Problem(path, line, f"'stage' must be one of {', '.join(STAGES)}, not {_shown(value)}")]
    return []


def _worksheet(value, line: int, path: str, context) -> list[Problem]:
    if value is not True:
        return [Problem(path, line, f"'worksheet' can only be true (or left out), not {_shown(value)}")]
    return []


def _hide(value, line: int, path: str, context) -> list[Problem]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v in HIDE for v in value):
        return [Problem(path, line, f"'hide' must be a list of {', '.join(HIDE)}; found {_shown(value)}")]
    return []


def _search(value, line: int, path: str, context) -> list[Problem]:
    if not isinstance(value, dict) or not value or not set(value) <= {"exclude", "boost"}:
        return [Problem(path, line, f"'search' must hold 'exclude: true' or 'boost: <number>', not {_shown(value)}")]
    found = []
    if "exclude" in value and not isinstance(value["exclude"], bool):
        found.append(Problem(path, line, f"'search: exclude' must be true or false, not {_shown(value['exclude'])}"))
    if "boost" in value:
        boost = value["boost"]
        low, high = BOOST
        if isinstance(boost, bool) or not isinstance(boost, (int, float)) or not math.isfinite(boost) \
                or not low <= boost <= high:
            found.append(Problem(path, line, f"'search: boost' must be a number from {low} to {high:g}, "
                                             f"not {_shown(boost)}"))
    return found


def _icon(value, line: int, path: str, context) -> list[Problem]:
    icons = context.get("icons")
    if not isinstance(value, str) or not ICON.fullmatch(value) or (icons and not (icons / f"{value}.svg").is_file()):
        return [Problem(path, line, f"'icon' must name one of the theme's icons, such as material/check, "
                                    f"not {_shown(value)}")]
    return []


def _template(value, line: int, path: str, context) -> list[Problem]:
    templates = context.get("templates") or ()
    if not isinstance(value, str) or value not in templates:
        return [Problem(path, line, f"'template' must name one of our templates in overrides/ "
                                    f"({', '.join(sorted(templates)) or 'none'}), not {_shown(value)}")]
    return []


SCHEMA = {
    "title": _text("title"),
    "description": _text("description"),
    "stage": _stage,
    "worksheet": _worksheet,
    "search": _search,
    "hide": _hide,
    "icon": _icon,
    "template": _template,
}


def _kind(value) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping",
            type(None): "nothing"}.get(type(value), type(value).__name__)


def _shown(value) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in text)
    return text if len(text) <= 60 else text[:60] + "…"


def problems(text: str, path: str, context: dict | None = None) -> list[Problem]:
    """Everything wrong with one page's front matter, each at its key's line."""
    context = context or {}
    lines = normalised(text).split("\n", 1)
    front = load(text)
    if front.text is None:
        if META_RE.match(lines[0]):
            return [Problem(path, 1, "MkDocs reads 'key: value' lines at the top of a page as metadata: "
                                     "put front matter between '---' lines, or start the page with a heading")]
        return []
    if front.error or not isinstance(front.meta, dict):
        return []  # said by validate.front_matter, which reads it with the same limits (parse.py)
    found = []
    seen: set[str] = set()
    given = [key_node.value for key_node, _ in front.node.value]
    for key_node, _ in front.node.value:
        key = key_node.value
        line = _line(front, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
            found.append(Problem(path, line, f"front matter keys are words, not {_shown(key)}"))
        elif key in seen:
            found.append(Problem(path, line, f"'{key}' is given twice in the front matter"))
        elif given.count(key) > 1:
            pass  # YAML keeps the last value: the second line is named
        elif key not in SCHEMA:
            found.append(Problem(path, line, f"unknown front matter key {_shown(key)}: "
                                             f"use only {', '.join(SCHEMA)}"))
        else:
            found.extend(SCHEMA[key](front.meta[key], line, path, context))
        seen.add(key)
    return found


def theme_icons() -> Path | None:
    """Material's icon folder, found without importing the theme; None when it is not installed."""
    import importlib.util
    spec = importlib.util.find_spec("material")
    for location in (spec.submodule_search_locations or []) if spec else []:
        icons = Path(location) / "templates" / ".icons"
        if icons.is_dir():
            return icons
    return None


def our_templates(root: Path) -> set[str]:
    """The page templates of our own (overrides/*.html) a page may name."""
    return {path.name for path in (root / "overrides").glob("*.html") if path.is_file()}
