"""The command line of the checklist check (hooks/check_checklists.py): its arguments, its
messages and its exit codes; the checks themselves are in pipeline.py, shared with the build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import record as published
from .model import LANGUAGES, STAGES, Page, Problem, language_of
from .pipeline import as_warning, check, stale, summary
from .sources import load_pages, shown_path
from .validate import in_order


def success(pages: list[Page], warnings: int) -> str:
    originals = [page for page in pages if page.lang == LANGUAGES[0]]
    checklists = sum(len(page.checklists) for page in originals)
    items = sum(len(page.items) for page in originals)
    line = (f"OK: {len(originals)} pages, {checklists} checklists and {items} items in each of "
            f"{len(LANGUAGES)} languages; no problems")
    if warnings:
        line += f"; {warnings} translation{'s' if warnings != 1 else ''} out of date (warnings above)"
    return line


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="check_checklists.py", description="Validate the checklists in DOCS_DIR without building the site.")
    parser.add_argument("docs_dir", nargs="?", default="docs", metavar="DOCS_DIR")
    parser.add_argument("--strict-translations", action="store_true",
                        help="an out-of-date translation is an error, not a warning")
    parser.add_argument("--record", nargs="*", metavar="PAGE",
                        help=f"record the Chinese fingerprints of the named English pages (all when none) "
                             f"and every current item ID in {published.RECORD}")
    parser.add_argument("--retire", nargs="+", metavar="ID", help="retire item IDs that were deleted on purpose")
    parser.add_argument("--next-id", metavar="STAGE", help="print the stage's next free item ID (stage or prefix)")
    return parser


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    docs_dir = Path(args.docs_dir)
    if not docs_dir.is_dir():
        print(f"{docs_dir}: no such folder (run from the repository root or pass DOCS_DIR)", file=sys.stderr)
        return 2
    if args.retire:
        return retire(docs_dir, args.retire)
    if args.next_id:
        prefix = STAGES.get(args.next_id, args.next_id.upper())
        if prefix not in STAGES.values():
            print(f"{args.next_id}: no such stage: use one of {', '.join(STAGES)}", file=sys.stderr)
            return 2
        print(published.next_free(prefix, load_pages(docs_dir), published.load(published.record_path(docs_dir))))
        return 0
    if args.record is not None:
        return record(docs_dir, args.record)
    pages, problems = check(docs_dir, Path.cwd())
    warnings = [found.problem for found in stale(docs_dir, pages)]
    if args.strict_translations:
        problems, warnings = in_order(problems + warnings), []
    for problem in problems:
        print(problem)
    for warning in in_order(warnings):
        print(as_warning(warning))
    if problems:
        print(summary(problems, built=False), file=sys.stderr)
        return 1
    print(success(pages, len(warnings)), file=sys.stderr)
    return 0


def _english_pages(docs_dir: Path, pages: list[Page], names: list[str]) -> list[str] | None:
    """The English pages' docs-relative paths for what a translator typed: a page in either
    language, with or without ``docs/``; None (and a message) for a name that is no page."""
    english = {page.key: [] for page in pages}
    for page in pages:
        if page.lang != LANGUAGES[0]:
            english[page.key].append(page.src_uri)
    chosen = []
    for name in names:
        relative = name.removeprefix("./").removeprefix(f"{docs_dir.as_posix()}/")
        key = language_of(relative if relative.endswith(".md") else f"{relative}.md")[1]
        if not english.get(key):
            print(f"{name}: no translated page by that name in {docs_dir}/ (name a page such as "
                  "stages/self-check.en.md)", file=sys.stderr)
            return None
        chosen += english[key]
    return chosen


def record(docs_dir: Path, names: list[str]) -> int:
    pages, problems = check(docs_dir, Path.cwd())
    if problems:
        for problem in problems:
            print(problem)
        print(f"{summary(problems, built=False)}: fix them first; nothing was recorded", file=sys.stderr)
        return 1
    chosen = _english_pages(docs_dir, pages, names)
    if chosen is None:
        return 2
    path = published.record_path(docs_dir)
    updated, report = published.recorded(pages, published.load(path), chosen)
    path.parent.mkdir(exist_ok=True)  # records/, beside docs/
    path.write_text(published.dump(updated), encoding="utf-8")
    for line in report or ["nothing new: the record already matches"]:
        print(f"{published.RECORD}: {line}")
    return 0


def retire(docs_dir: Path, ids: list[str]) -> int:
    pages = load_pages(docs_dir, Path.cwd())
    path = published.record_path(docs_dir)
    current = published.load_published(docs_dir)
    docs_path = shown_path(docs_dir, Path.cwd()) + "/"
    for item_id in ids:
        updated, message = published.retired(pages, current, item_id, docs_path)
        if updated is None:
            print(message, file=sys.stderr)
            return 1
        current = updated
        print(f"{published.RECORD}: {message}")
    path.write_text(published.dump(current), encoding="utf-8")
    return 0
