"""The editors' cautions that travel with the reader (issue #20, §5): that no one can guarantee a
reopening, the scam red flags and the official numbers, in one or two lines each.

Their one home is ``docs/includes/cautions.md`` and its translations (``cautions.en.md``): one
editor's note (an admonition with a title) holding a list, one caution per list line. The
worksheet shows that Markdown as written (so it renders, prints and gets its phone links like
every page); each download carries its title and lines as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .model import LANGUAGES, Problem, in_language
from .parse import parse_page
from .sources import read_text, shown_path

CAUTIONS = "includes/cautions.md"  # docs-relative, in the default language
BULLET = "- "


@dataclass(frozen=True)
class Cautions:
    title: str
    lines: tuple[str, ...]  # each caution's Markdown, as written on its list line
    markdown: str  # the whole snippet


def load(docs_dir: Path, root: Path | None = None) -> tuple[dict[str, Cautions], list[Problem]]:
    """The cautions of every language, or the problems that keep a language's from being read."""
    root = root or docs_dir.parent
    found, problems = {}, []
    for lang in LANGUAGES:
        path = docs_dir / in_language(CAUTIONS, lang)
        shown = shown_path(path, root)
        if not path.is_file():
            problems.append(Problem(shown, 0, "missing: the editors' cautions every download and the worksheet "
                                              f"carry, in this language (see docs/{CAUTIONS})"))
            continue
        text = read_text(path)
        page = parse_page(text, shown, in_language(CAUTIONS, lang))
        notes = [note for note in page.admonitions if note.title]
        if len(notes) != 1:
            problems.append(Problem(shown, 1, f"the cautions are one editor's note with a title "
                                              f"(!!! warning \"…\"); found {len(notes)}"))
            continue
        lines = tuple(line[len(BULLET):].strip() for line in notes[0].body if line.startswith(BULLET))
        if not lines or len(lines) != len([line for line in notes[0].body if line.strip()]):
            problems.append(Problem(shown, notes[0].line, "the cautions' note holds a list and nothing else, one "
                                                          "caution per line (\"- …\")"))
            continue
        found[lang] = Cautions(notes[0].title, lines, text.strip() + "\n")
    return found, problems
