"""Read a Markdown page into checklists, items and the things around them.

Parsing never fails and never judges: it records what is written, with line
numbers, and ``validate`` decides what is wrong. It reads only the subset of
Markdown the checklist contract is about: front matter, fenced code (skipped),
admonitions (``!!!``, ``???``, ``???+``) and list items.
"""

from __future__ import annotations

import re

import yaml

from .fences import code_lines, find_fences
from .frontmatter import safe_load
from .model import (ADMONITION_MODIFIERS, CHECKLIST_TYPE, EDITORS_ITEM, Admonition, Checklist, Footnote, Item, Page,
                    Stray, language_of)

ADMONITION = re.compile(
    r'^(?P<marker>!!!|\?\?\?\+?)[ \t]*(?P<type>[^\s"]+)(?P<classes>[^"]*?)(?:[ \t]+"(?P<title>.*)")?[ \t]*$'
)
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])(?:[ \t]+|$)")
TASK_ITEM = re.compile(r"^[-*+][ \t]+\[(?P<state>[ xX])\](?:[ \t\u3000]+|$)(?P<rest>.*)$")
FRONT_MATTER_STAGE = re.compile(r"^[ \t]*[\"']?stage[\"']?[ \t]*:")
H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$")
ID_SEPARATOR = re.compile(r"[ \t\u3000]+")
FOOTNOTE = re.compile(r"^\[\^(?P<label>[^\]]+)\]:[ \t]*(?P<text>.*)$")


def split_lines(text: str) -> list[str]:
    """Lines as editors write them: BOM, CRLF or CR endings, tabs for indentation."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [_expand_indent(line) for line in text.split("\n")]


def _expand_indent(line: str) -> str:
    body = line.lstrip(" \t")
    indent = line[: len(line) - len(body)]
    return indent.expandtabs(4) + body


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def parse_page(text: str, path: str, src_uri: str) -> Page:
    lang, key = language_of(src_uri)
    page = Page(path=path, src_uri=src_uri, lang=lang, key=key)
    lines = split_lines(text)
    start = _read_front_matter(lines, page)
    fences = find_fences(lines[start:])
    code = {start + index for index in code_lines(fences)}
    openings = {start + fence.opening for fence in fences if fence.is_code}
    current: Checklist | None = None
    checklist_indent = body_indent = 0  # indentation of the open checklist's marker and of its body
    note: Admonition | None = None  # the open non-checklist admonition, collecting its body
    note_indent = 0
    footnote: Footnote | None = None  # the open footnote definition, collecting continuation lines

    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        indent = indent_of(line)
        content = line[indent:]
        page.body.append((number, line))

        index = number - 1
        if index in code and index not in openings:  # inside fenced code: nothing counts
            continue

        if current is not None and stripped and indent < body_indent:
            task = TASK_ITEM.match(content)
            if checklist_indent < indent and task:  # meant as an item: kept as one, and its indent named once
                current.items.append(_item(number, stripped, task))
                current.strays.append(Stray(number, stripped, "indent"))
                continue
            current = None  # a line less indented than the body ends the checklist
        note = _collect(note, note_indent, line, indent)
        if note is not None and stripped:
            note.end = number
        footnote = _continue_footnote(footnote, line, indent)

        if index in openings:
            continue
        if not stripped:
            continue

        admonition = ADMONITION.match(content)
        if admonition:
            kind = admonition.group("type").lower()
            if current is not None:
                current.strays.append(Stray(number, stripped, "admonition"))
                continue
            page.admonitions.append(Admonition(
                kind, number, stripped, title=(admonition.group("title") or "").strip(),
                attached=[word for word in admonition.group("classes").split() if word not in ADMONITION_MODIFIERS]))
            if kind != CHECKLIST_TYPE:
                note, note_indent = page.admonitions[-1], indent + 4
            if kind == CHECKLIST_TYPE:
                heading = content[len(admonition.group("marker")):].strip()[len(admonition.group("type")):].strip()
                current = Checklist(title=(admonition.group("title") or "").strip(), line=number, heading=heading)
                page.checklists.append(current)
                checklist_indent, body_indent = indent, indent + 4
            continue

        task = TASK_ITEM.match(content)
        if current is None:
            if task:
                page.stray_tasks.append(Stray(number, stripped, "task"))
            elif indent == 0 and FOOTNOTE.match(content):
                found = FOOTNOTE.match(content)
                footnote = Footnote(found.group("label"), number, found.group("text").strip())
                page.footnotes.setdefault(footnote.label, footnote)
            elif not page.title and indent == 0:
                heading = H1.match(content)
                if heading:
                    page.title, page.title_line = heading.group("title"), number
            continue

        relative = indent - body_indent
        if task and relative < 4:
            current.items.append(_item(number, stripped, task))
        elif LIST_ITEM.match(content):
            current.strays.append(Stray(number, stripped, "list" if relative < 4 else "nested list"))
        elif relative >= 4 or (current.items and _follows_item(lines, number - 1)):
            current.strays.append(Stray(number, stripped, "continuation"))
        else:
            current.strays.append(Stray(number, stripped, "prose"))
    return page


def _collect(note: Admonition | None, note_indent: int, line: str, indent: int) -> Admonition | None:
    """Add a line to the open admonition's body; return None once a less indented line ends it."""
    if note is None:
        return None
    if not line.strip():
        if note.body and note.body[-1]:
            note.body.append("")
        return note
    if indent < note_indent:
        return None
    note.body.append(line[note_indent:].rstrip())
    return note


def _continue_footnote(footnote: Footnote | None, line: str, indent: int) -> Footnote | None:
    """An indented line continues a footnote definition; an unindented one ends it."""
    if footnote is None or not line.strip():
        return footnote
    if indent < 4:
        return None
    footnote.text += " " + line.strip()
    return footnote


def _follows_item(lines: list[str], index: int) -> bool:
    """True when the line before ``index`` is a non-blank line (a lazy continuation)."""
    return index > 0 and bool(lines[index - 1].strip())


def _item(number: int, source: str, task: re.Match[str]) -> Item:
    rest = task.group("rest").strip(" \t\u3000")
    parts = ID_SEPARATOR.split(rest, maxsplit=1)  # never empty: [""] for an empty line
    item_id = parts[0]
    text = parts[1].strip() if len(parts) > 1 else ""
    editors = bool(EDITORS_ITEM.search(text))
    text = EDITORS_ITEM.sub("", text)
    return Item(line=number, source=source, state=task.group("state"), id=item_id, text=text, editors=editors)


def body_start(lines: list[str]) -> int:
    """The index of the first line after the front matter (0 when there is none, or it is
    never closed: MkDocs then treats it as body text too)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return index + 1
    return 0


def _read_front_matter(lines: list[str], page: Page) -> int:
    """Read YAML front matter; return the index of the first body line (``body_start``).

    MkDocs silently ignores front matter it cannot parse (the page then shows it as
    text and loses its description), so the error is kept for the validator.
    """
    start = body_start(lines)
    if start:
        front = lines[1:start - 1]  # between the opening '---' and the closing '---' or '...'
        _read_yaml("\n".join(front), page)
        keys = [(indent_of(line), number) for number, line in enumerate(front, start=2)
                if FRONT_MATTER_STAGE.match(line)]
        # The least indented 'stage:' is the top-level key, even in indented front matter;
        # written some other way (a {flow: mapping}), it is somewhere in the front matter.
        page.stage_line = min(keys)[1] if keys else 2 if page.stage is not None else 0
    return start


def _read_yaml(text: str, page: Page) -> None:
    try:
        meta = safe_load(text)[1]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + (text.count("\n", 0, mark.index) if mark else 0)
        page.front_matter_error = (line, getattr(error, "problem", None) or "invalid YAML")
        return
    if not isinstance(meta, dict):
        page.front_matter_error = (2, "front matter must be 'key: value' lines")
        return
    page.meta = meta
    stage = meta.get("stage")
    page.stage = str(stage) if stage is not None else None
