"""Which files are pages, in which language, and how to read them safely."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import LANGUAGES, Page, Problem, in_language
from .parse import parse_page
from .model import quote

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
    """How a file is named in messages: relative to the repository root when it is inside it;
    a byte of the name that is not UTF-8 shown as ``\\xff`` (it could not be printed)."""
    absolute, base = path.resolve(), root.resolve()
    shown = absolute.relative_to(base).as_posix() if absolute.is_relative_to(base) else path.as_posix()
    return printable_name(shown)


def printable_name(name: str) -> str:
    """A file name as read from the disk (undecodable bytes kept as surrogates), made printable."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Source:
    """One Markdown file of docs/, read once: ``path`` as messages name it, ``src_uri`` docs-relative."""
    path: str
    src_uri: str
    text: str
    bad_byte_line: int = 0  # the first line with bytes that are not UTF-8 (MkDocs cannot read the file); 0: none

    @property
    def is_snippet(self) -> bool:
        return self.src_uri.startswith(EXCLUDED_DIRS)


def read_sources(docs_dir: Path, root: Path | None = None) -> list[Source]:
    """Every Markdown file under ``docs_dir`` (pages and snippets), each read once; paths in
    messages are relative to ``root``."""
    root = root or docs_dir.parent
    return [_read_source(path, docs_dir, root) for path in markdown_files(docs_dir)]


def _read_source(path: Path, docs_dir: Path, root: Path) -> Source:
    data = path.read_bytes()
    try:
        data.decode("utf-8-sig")
        bad = 0
    except UnicodeDecodeError as error:
        bad = data.count(b"\n", 0, error.start) + 1
    src_uri = path.relative_to(docs_dir).as_posix()
    return Source(shown_path(path, root), printable_name(src_uri), data.decode("utf-8-sig", errors="replace"), bad)


# pymdownx.snippets' markers: ``--8<-- "file"`` on a line, or a block of file names between two ``--8<--``
# lines; a leading ``;`` escapes the marker. A file name may end in ``:start:end`` lines or ``:section``.
SNIPPET_LINE = re.compile(r"""^[ \t]*(?P<escape>;*)-+8<-+[ \t]+(?P<quote>["'])(?P<name>.+?)(?P=quote)[ \t]*$""")
SNIPPET_BLOCK = re.compile(r"^[ \t]*(?P<escape>;*)-+8<-+[ \t]*$")
SNIPPET_SUFFIX = re.compile(r"(?::-?[0-9]*(?:[,:]-?[0-9]*)*|:[A-Za-z][-_0-9A-Za-z]*)$")


def snippet_names(text: str) -> list[tuple[int, str]]:
    """Every file a page or snippet takes in with pymdownx.snippets, with its line."""
    found, block = [], False
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        marker = SNIPPET_BLOCK.match(line)
        if marker:
            block = not block and not marker.group("escape")
            continue
        single = SNIPPET_LINE.match(line)
        if single and not single.group("escape"):
            found.append((number, single.group("name")))
        elif block and line.strip() and not line.strip().startswith(";"):
            found.append((number, line.strip()))
    return found


def source_problems(sources: list[Source], docs_dir: Path) -> list[Problem]:
    """Files MkDocs could not read, and snippets that are not files of docs/ (the build would stop
    with a traceback at the first one)."""
    problems = []
    base = docs_dir.resolve()
    for source in sources:
        if source.bad_byte_line:
            problems.append(Problem(source.path, source.bad_byte_line,
                                    "this line holds bytes that are not UTF-8: save the file as UTF-8"))
        for number, name in snippet_names(source.text):
            file = SNIPPET_SUFFIX.sub("", name)
            target = (base / file).resolve()
            if "://" in file or not target.is_relative_to(base) or not target.is_file():
                problems.append(Problem(source.path, number,
                                        f"--8<-- takes in {quote(name)}, which is not a file of docs/: "
                                        'name one such as "includes/red-flag.md"'))
    return problems


def parsed(sources: list[Source], snippets: bool = False) -> list[Page]:
    """The pages (or, with ``snippets``, the snippets) among ``sources``, parsed."""
    return [parse_page(source.text, source.path, source.src_uri) for source in sources if source.is_snippet == snippets]


def load_pages(docs_dir: Path, root: Path | None = None) -> list[Page]:
    """Parse every page under ``docs_dir``; paths in messages are relative to ``root``."""
    return parsed(read_sources(docs_dir, root))


def load_snippets(docs_dir: Path, root: Path | None = None) -> list[Page]:
    """Parse every snippet (docs/includes/), to refuse what only a page may hold."""
    return parsed(read_sources(docs_dir, root), snippets=True)


CAUTIONS = "includes/cautions.md"  # docs-relative, in the default language
BULLET = "- "


@dataclass(frozen=True)
class Cautions:
    """The editors' cautions that travel with the reader (issue #20, §5): that no one can guarantee a
    reopening, the scam red flags, the official numbers. Their one home is ``docs/includes/cautions.md``
    and its translations: one editor's note with a title, holding a list, one caution per line. The
    worksheet shows that Markdown as written (it renders, prints and gets its phone links like any
    page); every download carries the title and lines as plain text."""

    title: str
    lines: tuple[str, ...]  # each caution's Markdown, as written on its list line
    markdown: str  # the whole snippet


def load_cautions(docs_dir: Path, root: Path | None = None) -> tuple[dict[str, Cautions], list[Problem]]:
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
