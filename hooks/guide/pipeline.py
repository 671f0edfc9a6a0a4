"""The build's core pipeline: read docs/ once, then run every source-level check on what was read.

Shared by the build (hooks/mkdocs_guide.py, once per build) and the command line
(hooks/guide/cli.py, which keeps only arguments and exit codes). A new source-level check
plugs in here, in ``run``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, limits
from . import record as published
from .configuration import check_config
from .fidelity import ARTICLE, fidelity
from .files import check_docs, unreadable
from .links import check_links
from .model import Page, Problem
from .security import check_content
from .sources import Source, folders_named_like_pages, parsed, read_sources, shown_path, source_problems
from .validate import in_order, snippet_contents, validate


@dataclass(frozen=True)
class Checked:
    """What one run found: the parsed pages, every problem in order, and which of them are the
    content-security scan's (the build reports those at its end, with the rendered pages' own)."""
    pages: list[Page]
    problems: list[Problem]
    unsafe: list[Problem]
    sources: list[Source] = field(default_factory=list)  # every Markdown file of docs/, as read


def run(docs_dir: Path, root: Path | None = None) -> Checked:
    """The checklist contract (with the record of published IDs), the content-security rules, the
    links between pages and the article's fidelity (when provenance/ is beside docs/), every file
    read once: the same problems for `make check`, the build and `make serve`'s banner (MkDocs warns
    of a broken link too, but names no line, and only a strict build stops)."""
    root = root or docs_dir.parent
    # What docs/ holds and what mkdocs.yml loads come first: a link to /dev/zero must never be read.
    refused = check_docs(docs_dir, root) + configuration_problems(root)
    if unreadable(refused):
        return Checked([], in_order(refused), [])
    sources = read_sources(docs_dir, root)
    pages = parsed(sources)
    record = published.load_published(docs_dir)
    unsafe = check_content(sources)
    found = set(validate(pages, record)) | set(unsafe) | set(refused)
    found |= set(snippet_contents(parsed(sources, snippets=True))) | set(folders_named_like_pages(docs_dir, root))
    found |= set(source_problems(sources, docs_dir))
    found |= {problem for source in sources for problem in limits.check(source.text, source.path)}
    context = {"templates": frontmatter.our_templates(root), "icons": frontmatter.theme_icons()}
    for source in sources:
        if not source.is_snippet:
            found |= set(frontmatter.problems(source.text, source.path, context))
    article = docs_dir.parent / ARTICLE
    if article.is_file():  # a copy of docs/ without the article (a test's small site) keeps no article
        found |= set(fidelity(sources, article, root, record))
    found |= set(check_links(pages, docs_dir))
    return Checked(pages, in_order(found), unsafe, sources)


def configuration_problems(root: Path) -> list[Problem]:
    """mkdocs.yml (beside docs/, where the build reads it) against the allowlist."""
    path = root / "mkdocs.yml"
    return check_config(path, shown_path(path, root)) if path.is_file() else []


def check(docs_dir: Path, root: Path | None = None) -> tuple[list[Page], list[Problem]]:
    """The parsed pages and every problem, Chinese files first, then by place."""
    checked = run(docs_dir, root)
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
