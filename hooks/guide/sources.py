"""Which files are pages, in which language, and how to read them safely."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import Page, Problem
from .parse import parse_page

EXCLUDED_DIRS = ("includes/",)  # snippets, not pages (see exclude_docs in mkdocs.yml)
SNIPPET = re.compile(r"""^[ \t]*-+8<-+[ \t]+(?P<quote>["']?)(?P<name>[^"'\s]+)(?P=quote)""", re.M)


def read_text(path: Path) -> str:
    """Read as editors save files: UTF-8 with or without BOM; bad bytes replaced, never fatal."""
    return path.read_bytes().decode("utf-8-sig", errors="replace")


def snippet_paths(text: str) -> list[str]:
    """The docs-relative files a page takes in with ``--8<-- "path"`` (pymdownx.snippets)."""
    return [match.group("name") for match in SNIPPET.finditer(text)]


def markdown_files(docs_dir: Path) -> list[Path]:
    """Every Markdown file under ``docs_dir`` (snippets included), hidden ones left out."""
    return [path for path in sorted(docs_dir.rglob("*.md")) if path.is_file()
            and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)]


def page_files(docs_dir: Path) -> list[Path]:
    return [path for path in markdown_files(docs_dir)
            if not path.relative_to(docs_dir).as_posix().startswith(EXCLUDED_DIRS)]


def folders_named_like_pages(docs_dir: Path, root: Path) -> list[Problem]:
    """A folder called ``x.md`` is no page (MkDocs reads the files in it): surely a slip."""
    return [Problem(shown_path(path, root), 0, "a folder named like a page: rename it (pages are files ending in .md)")
            for path in sorted(docs_dir.rglob("*.md")) if path.is_dir()]


def shown_path(path: Path, root: Path) -> str:
    """How a file is named in messages: relative to the repository root when it is inside it."""
    absolute, base = path.resolve(), root.resolve()
    return absolute.relative_to(base).as_posix() if absolute.is_relative_to(base) else path.as_posix()


@dataclass(frozen=True)
class Source:
    """One Markdown file of docs/, read once: ``path`` as messages name it, ``src_uri`` docs-relative."""
    path: str
    src_uri: str
    text: str

    @property
    def is_snippet(self) -> bool:
        return self.src_uri.startswith(EXCLUDED_DIRS)


def read_sources(docs_dir: Path, root: Path | None = None) -> list[Source]:
    """Every Markdown file under ``docs_dir`` (pages and snippets), each read once; paths in
    messages are relative to ``root``."""
    root = root or docs_dir.parent
    return [Source(shown_path(path, root), path.relative_to(docs_dir).as_posix(), read_text(path))
            for path in markdown_files(docs_dir)]


def parsed(sources: list[Source], snippets: bool = False) -> list[Page]:
    """The pages (or, with ``snippets``, the snippets) among ``sources``, parsed."""
    return [parse_page(source.text, source.path, source.src_uri) for source in sources if source.is_snippet == snippets]


def load_pages(docs_dir: Path, root: Path | None = None) -> list[Page]:
    """Parse every page under ``docs_dir``; paths in messages are relative to ``root``."""
    return parsed(read_sources(docs_dir, root))


def load_snippets(docs_dir: Path, root: Path | None = None) -> list[Page]:
    """Parse every snippet (docs/includes/), to refuse what only a page may hold."""
    return parsed(read_sources(docs_dir, root), snippets=True)
