"""Which files are pages, in which language, and how to read them safely."""

from __future__ import annotations

import re
from pathlib import Path

from .model import Page
from .parse import parse_page

EXCLUDED_DIRS = ("includes/",)  # snippets, not pages (see exclude_docs in mkdocs.yml)
SNIPPET = re.compile(r"""^[ \t]*-+8<-+[ \t]+(?P<quote>["']?)(?P<name>[^"'\s]+)(?P=quote)""", re.M)


def read_text(path: Path) -> str:
    """Read as editors save files: UTF-8 with or without BOM; bad bytes replaced, never fatal."""
    return path.read_bytes().decode("utf-8-sig", errors="replace")


def snippet_paths(text: str) -> list[str]:
    """The docs-relative files a page takes in with ``--8<-- "path"`` (pymdownx.snippets)."""
    return [match.group("name") for match in SNIPPET.finditer(text)]


def page_files(docs_dir: Path) -> list[Path]:
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.startswith(EXCLUDED_DIRS) or any(part.startswith(".") for part in Path(rel).parts):
            continue
        pages.append(path)
    return pages


def shown_path(path: Path, root: Path) -> str:
    """How a file is named in messages: relative to the repository root when it is inside it."""
    absolute, base = path.resolve(), root.resolve()
    return absolute.relative_to(base).as_posix() if absolute.is_relative_to(base) else path.as_posix()


def load_pages(docs_dir: Path, root: Path | None = None) -> list[Page]:
    """Parse every page under ``docs_dir``; paths in messages are relative to ``root``."""
    root = root or docs_dir.parent
    pages = []
    for path in page_files(docs_dir):
        pages.append(parse_page(read_text(path), shown_path(path, root), path.relative_to(docs_dir).as_posix()))
    return pages
