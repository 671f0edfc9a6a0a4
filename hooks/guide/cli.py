"""The standalone checklist check, shared by the command line and the build."""

from __future__ import annotations

import sys
from pathlib import Path

from .model import Page, Problem
from .security import check_content
from .sources import load_pages
from .validate import validate


def check(docs_dir: Path, root: Path | None = None) -> tuple[list[Page], list[Problem]]:
    """The checklist contract and the content-security rules, every problem sorted by place."""
    root = root or docs_dir.parent
    pages = load_pages(docs_dir, root)
    return pages, sorted(set(validate(pages)) | set(check_content(docs_dir, root)))


def summary(problems: list[Problem]) -> str:
    count = len(problems)
    return f"{count} content problem{'s' if count != 1 else ''} found; nothing was built"


def main(argv: list[str]) -> int:
    docs_dir = Path(argv[0]) if argv else Path("docs")
    if not docs_dir.is_dir():
        print(f"{docs_dir}: no such folder (run from the repository root or pass DOCS_DIR)", file=sys.stderr)
        return 2
    _, problems = check(docs_dir, Path.cwd())
    for problem in problems:
        print(problem)
    if problems:
        print(summary(problems), file=sys.stderr)
        return 1
    return 0
