"""What ``docs/`` may hold: regular files of known kinds, named in UTF-8, and nothing else.

MkDocs copies every file of ``docs/`` into the site and follows symbolic links as it goes: a link
to ``/proc/self/environ`` would publish the build's environment, one to ``/dev/zero`` fill the disk,
an ``.html`` or ``.svg`` file run script on the site's origin. So this check runs before MkDocs
reads ``docs/`` (``on_config``) and in ``make check``: it looks at each entry without following
links and reads no file but the first bytes of an image and the text of an SVG.
"""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from . import allowlist
from .model import Problem

HERE = allowlist.HERE

# SVG elements that only draw (no script, no foreignObject, no links, no animation that could set one).
SVG_ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "title", "desc", "defs",
    "lineargradient", "radialgradient", "stop", "clippath", "mask", "symbol", "use", "text", "tspan",
})
SVG_NAMESPACES = ("{http://www.w3.org/2000/svg}", "{http://www.w3.org/1999/xlink}")
LOCAL_REFERENCE = re.compile(r"^\s*#")
CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)


def _shown(path: Path, root: Path) -> str:
    """A path for messages: relative to the repository, bytes that are not UTF-8 escaped."""
    relative = path.relative_to(root) if path.is_relative_to(root) else path
    return os.fsencode(relative).decode("utf-8", errors="backslashreplace")


def _local_name(name: str) -> str:
    for namespace in SVG_NAMESPACES:
        name = name.removeprefix(namespace)
    return name.lower()


def check_svg(text: str) -> list[str]:
    """What is wrong with an SVG file, read as a browser reads an .svg (XML): no script, event
    attributes, foreign content or references outside the file."""
    if re.search(r"<!(?:DOCTYPE|ENTITY)", text, re.I):
        return ["an SVG with a DOCTYPE or entity declarations is not allowed (entities can hide markup)"]
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return [f"not a well-formed SVG ({error})"]
    problems = []
    for element in root.iter():
        tag = _local_name(str(element.tag))
        if tag not in SVG_ELEMENTS:
            problems.append(f"SVG element <{tag}> is not allowed (only drawing elements: no script, "
                            "foreignObject, links or animation)")
        for name, value in element.attrib.items():
            attribute = _local_name(name)
            if attribute.startswith("on"):
                problems.append(f"SVG event attribute {attribute}= is not allowed")
            elif attribute == "href" and not LOCAL_REFERENCE.match(value):
                problems.append(f"SVG reference {attribute}={value!r} outside the file is not allowed")
            elif CSS_URL.search(value):
                problems.append(f"SVG {attribute}= loads {value!r}: only url(#…) inside the file is allowed")
    return problems


def _kind_problem(path: Path, relative: str) -> str | None:
    suffix = path.suffix.lower()
    if suffix in allowlist.DOC_SUFFIXES or relative in allowlist.DOC_FILES:
        return None
    if suffix in allowlist.IMAGE_SUFFIXES:
        starts = allowlist.IMAGE_SUFFIXES[suffix]
        if starts:
            with path.open("rb") as file:
                head = file.read(16)
            if not head.startswith(starts):
                return f"not a {suffix[1:].upper()} image, though named like one"
        return None
    return (f"not a kind of file docs/ may hold: Markdown (.md), images ({', '.join(sorted(allowlist.IMAGE_SUFFIXES))}) "
            f"and our own {' and '.join(sorted(allowlist.DOC_FILES))} (to publish another kind, allow it in "
            f"{HERE}: DOC_SUFFIXES, IMAGE_SUFFIXES or DOC_FILES)")


# A name that is not UTF-8 is read like any other file (its bytes kept as surrogates) and
# reported with the rest; a link or a device is never read, by us or by MkDocs.
UNREADABLE = ("a symbolic link", "not a regular file", "docs/ is a symbolic link")


def unreadable(problems: list[Problem]) -> bool:
    """Whether docs/ holds something no check may read (a link, a device)."""
    return any(problem.message.startswith(UNREADABLE) for problem in problems)


def check_docs(docs_dir: Path, root: Path) -> list[Problem]:
    """Every entry under ``docs_dir``, looked at without following links."""
    problems: list[Problem] = []
    if docs_dir.is_symlink():
        return [Problem(_shown(docs_dir, root), 0, "docs/ is a symbolic link: it must be a folder")]
    pending = [docs_dir]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                path = Path(entry.path)
                shown = _shown(path, root)
                try:
                    entry.name.encode("utf-8")
                except UnicodeEncodeError:
                    problems.append(Problem(shown, 0, "a file name that is not UTF-8: rename it"))
                    continue
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISLNK(mode):
                    problems.append(Problem(shown, 0, f"a symbolic link (to {os.readlink(path)!r}): docs/ may hold "
                                                      "only regular files and folders; put the file itself there"))
                elif stat.S_ISDIR(mode):
                    pending.append(path)
                elif not stat.S_ISREG(mode):
                    problems.append(Problem(shown, 0, "not a regular file (a device, pipe or socket)"))
                elif not any(part.startswith(".") for part in path.relative_to(docs_dir).parts):
                    # Hidden files are never published (MkDocs leaves them out); the rest must be known.
                    relative = path.relative_to(docs_dir).as_posix()
                    message = _kind_problem(path, relative)
                    if message is None and path.suffix.lower() == ".svg":
                        problems += [Problem(shown, 0, found) for found in
                                     check_svg(path.read_bytes().decode("utf-8", errors="replace"))]
                    elif message:
                        problems.append(Problem(shown, 0, message))
    return sorted(problems)
