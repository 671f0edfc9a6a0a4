"""The build's core pipeline: read docs/ once, then run every source-level check on what was read.

Shared by the build (hooks/mkdocs_guide.py, once per build) and the command line
(hooks/guide/cli.py, which keeps only arguments and exit codes). A new source-level check
plugs in here, in ``run``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import record as published
from .links import check_links
from .model import Page, Problem
from .security import check_content
from .sources import folders_named_like_pages, parsed, read_sources
from .validate import in_order, snippet_contents, validate


@dataclass(frozen=True)
class Checked:
    """What one run found: the parsed pages, every problem in order, and which of them are the
    content-security scan's (the build reports those at its end, with the rendered pages' own)."""
    pages: list[Page]
    problems: list[Problem]
    unsafe: list[Problem]


def run(docs_dir: Path, root: Path | None = None, links: bool = False) -> Checked:
    """The checklist contract (with the record of published IDs) and the content-security rules,
    every file read once. ``links``: also links between pages (the standalone check; the build
    has MkDocs check them)."""
    root = root or docs_dir.parent
    sources = read_sources(docs_dir, root)
    pages = parsed(sources)
    record = published.load(published.record_path(docs_dir))
    unsafe = check_content(sources)
    found = set(validate(pages, record)) | set(unsafe)
    found |= set(snippet_contents(parsed(sources, snippets=True))) | set(folders_named_like_pages(docs_dir, root))
    if links:
        found |= set(check_links(pages, docs_dir))
    return Checked(pages, in_order(found), unsafe)


def check(docs_dir: Path, root: Path | None = None, links: bool = False) -> tuple[list[Page], list[Problem]]:
    """The parsed pages and every problem, Chinese files first, then by place."""
    checked = run(docs_dir, root, links)
    return checked.pages, checked.problems


def stale(docs_dir: Path, pages: list[Page]) -> list[published.Stale]:
    """English blocks whose Chinese original changed since their translation was recorded."""
    path = published.record_path(docs_dir)
    since = published.git_since(docs_dir.parent, path)
    return published.stale_translations(pages, published.load(path), since)


def as_warning(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}: warning: {problem.message}"


def summary(problems: list[Problem], built: bool = True) -> str:
    count = len(problems)
    found = f"{count} content problem{'s' if count != 1 else ''} found"
    return f"{found}; nothing was built" if built else found
