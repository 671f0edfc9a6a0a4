"""The article, word for word: every sentence of the source article appears exactly once in the
article text of the Chinese pages, once the editors' insertions (``^^…^^``) are taken out, and
every insertion has a footnote quoting the original sentence.

The article text of a page is what is left after the editors' own places: front matter, fenced
code, snippets (``--8<--``), admonitions other than checklists (editor's notes) and footnote
definitions (each with the lines indented four columns under it), abbreviations (``*[…]:``),
blockquotes (how the editors quote the article elsewhere), HTML comments and raw HTML lines.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .model import CHECKLIST_TYPE, LANGUAGES, Footnote, Problem, language_of
from .fences import code_lines, find_fences
from .parse import ADMONITION, FOOTNOTE, body_start, indent_of, parse_page, split_lines
from .record import Record
from .sources import Source, read_sources, read_text, shown_path

ARTICLE = "provenance/source-article.zh.txt"  # beside docs/: the article the Chinese pages keep

# A unit ends a sentence (。！？ and any closing brackets or quotes) or a label ("案例背景:").
BREAK = re.compile(r"[。！？][)）”」]*|:")
SENTENCE_END = re.compile(r"[。！？][)）”」]*$")
NUMBERING = re.compile(r"^(?:\d+\.\s*|[(（][一二三四五六七八九十]+[)）])")
NOT_REPRODUCED = re.compile(r"^作者:|\s图\d+$")  # the byline and the lost pictures' captions
INSERTION = re.compile(r"\^\^(.+?)\^\^")
FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\]")
MARKUP = (
    (re.compile(r"<!--.*?-->"), ""),  # a comment is not shown: it cannot keep a sentence for the page
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?"), r"\1"),  # links -> their text
    (re.compile(r"\{[^}]*\}\s*$"), ""),  # a trailing attribute list
    (re.compile(r"\*\*|__"), ""),
)
LINE_PREFIXES = re.compile(
    r"^(?:#{1,6}\s+|:\s+|(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+[A-Z]{2}-\d{2}\s+)?)")


def units(text: str) -> list[str]:
    """A line cut into sentences and labels, each keeping its closing punctuation."""
    found, start = [], 0
    for match in BREAK.finditer(text):
        found.append(text[start:match.end()])
        start = match.end()
    found.append(text[start:])
    return [unit.strip() for unit in found if unit.strip()]


def article_units(path: Path) -> list[tuple[int, str]]:
    """(line, unit) for every sentence and heading of the article, numbering removed."""
    out = []
    lines = read_text(path).splitlines()
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if number == 1 or not line or NOT_REPRODUCED.search(line):  # line 1 is the title
            continue
        out += [(number, unit) for unit in units(NUMBERING.sub("", line))]
    return out


def is_sentence(unit: str) -> bool:
    return bool(SENTENCE_END.search(unit))


def article_text(text: str) -> list[tuple[int, str, str]]:
    """(line, raw, clean) for the lines of a page that may hold the article's own words.

    ``raw`` keeps the insertions and footnote references; ``clean`` has them taken out,
    with list, heading and checklist-item prefixes and inline markup removed.
    """
    lines = split_lines(text)
    start = body_start(lines)
    code = {start + index for index in code_lines(find_fences(lines[start:]))}  # what the renderer shows as code
    out = []
    skip_indent: int | None = None  # inside an editorial block: lines indented at least this much
    in_comment = False  # inside a multi-line HTML comment
    for number, line in enumerate(lines[start:], start=start + 1):
        stripped, indent = line.strip(), indent_of(line)
        content = line[indent:]
        if in_comment or content.startswith("<!--"):
            in_comment = "-->" not in content
            continue
        if number - 1 in code:
            continue
        if skip_indent is not None:
            if not stripped or indent >= skip_indent:
                continue
            skip_indent = None
        if not stripped:
            continue
        admonition = ADMONITION.match(content)
        if admonition and admonition.group("type").lower() != CHECKLIST_TYPE:
            skip_indent = indent + 4  # the renderer's block indentation: less is no longer the note
            continue
        if FOOTNOTE.match(content) and indent == 0:
            skip_indent = 4
            continue
        if content.startswith((">", "<", "--8<--", "*[")) or stripped == "---":
            continue
        raw = (admonition.group("title") or "") if admonition else LINE_PREFIXES.sub("", content)
        out.append((number, raw, clean(raw)))
    return out


def clean(raw: str) -> str:
    text = FOOTNOTE_REF.sub("", INSERTION.sub("", raw))
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    return text.strip()


def check_fidelity(docs_dir: Path, article: Path, root: Path) -> list[Problem]:
    """Every problem of the Chinese pages under ``docs_dir``, sorted by place."""
    return fidelity(read_sources(docs_dir, root), article, root)


def fidelity(sources: list[Source], article: Path, root: Path, record: Record | None = None) -> list[Problem]:
    """Every problem of the Chinese pages among ``sources`` (as read once per run), sorted by place.

    ``record``: records/published.yml, whose snapshot of the pages as published (read only when a
    sentence is missing) names where it stood; a sentence that left with its step's published ID
    is told once, by the ID rule (validate.published_ids), which says the same: put it back."""
    source = shown_path(article, root)
    pages, steps = {}, set()
    for page in sources:
        if not page.is_snippet and language_of(page.src_uri)[0] == LANGUAGES[0]:
            parsed = parse_page(page.text, page.path, page.src_uri)
            pages[page.path] = (parsed.footnotes, article_text(page.text), page)
            steps |= {item.id for item in parsed.items}
    published = record.snapshot if record else dict
    told = set(record.published) - set(record.retired) - steps if record else set()  # the ID rule tells these
    # The lines with words: the one named for a missing sentence is the most like it.
    lines = [(page, number, words) for page, (_, found, _) in pages.items() for number, _, words in found if words]
    problems = []
    for number, unit in article_units(article):
        wanted = unit.rstrip(":")  # a label's colon: the pages' headings have none (a sentence ends in 。！？)
        places = [(page, line) for page, line, text in lines for _ in range(text.count(wanted))]
        kind = "sentence" if is_sentence(unit) else "heading"
        if not lines:
            problems.append(Problem(source, number, f"no Chinese page holds the article's {kind}: {_quote(wanted)}"))
        elif not places:
            stood = _where_it_stood(wanted, [entry[2] for entry in pages.values()], published)
            if not (stood and not stood.kept and stood.step in told):
                problems.append(_missing(wanted, kind, f"{source}:{number}", lines, stood))
        elif is_sentence(unit):
            for page, line in places[1:]:
                first_page, first_line = places[0]
                problems.append(Problem(page, line, f"this sentence of the article ({source}:{number}) already "
                                        f"appears at {first_page}:{first_line}: the article's text appears once; quote "
                                        f"it elsewhere in a blockquote, an editor's note or a footnote: {_quote(wanted)}"))
    for page, (footnotes, entries, _) in pages.items():
        problems += _repairs(page, footnotes, entries)
    return sorted(set(problems))


@dataclass(frozen=True)
class SentenceStood:
    """Where a missing sentence stood in the pages as published, and where that place is now."""

    page: str  # the page as messages name it
    line: int  # its line as published
    now: int  # the line there now: the same text changed, or the line that follows where it was
    kept: bool  # the line is still there (changed), not deleted
    step: str | None  # the item ID of the line, when it was a step


def _where_it_stood(wanted: str, sources: list[Source], published: Callable[[], dict[str, str]]) -> SentenceStood | None:
    for page in sources:
        before = published().get(page.src_uri)
        if before is None:
            continue
        for number, _, words in article_text(before):
            if wanted in words:
                step = next((item.id for item in parse_page(before, page.path, page.src_uri).items
                             if item.line == number), None)
                now, kept = line_now(split_lines(before), split_lines(page.text), number)
                return SentenceStood(page.path, number, now, kept, step)
    return None


def line_now(before: list[str], after: list[str], line: int) -> tuple[int, bool]:
    """Where line ``line`` (1-based) of ``before`` is in ``after``, and whether it is still there
    (changed, perhaps); a deleted line is where the line that followed it now stands."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i1 <= line - 1 < i2:
            if tag == "equal":
                return j1 + line - i1, True
            if tag == "replace":
                return j1 + min(line - 1 - i1, j2 - j1 - 1) + 1, True
            return j1 + 1, False
    return len(after), False


def _missing(wanted: str, kind: str, source: str, lines: list[tuple[str, int, str]], stood: SentenceStood | None) -> Problem:
    """A sentence not on any page: named at the line that holds it changed, else where it stood."""
    if stood is not None:
        reads = next((text for page, line, text in lines if page == stood.page and line == stood.now), None)
        if stood.kept and reads is not None:
            return Problem(stood.page, stood.now, f"this line should hold the article's {kind} word for word ({source}): "
                           f"{_quote(wanted)}; it reads {_quote(reads)}")
        where = f"{stood.page}:{stood.line} in the published record" + (f", in step {stood.step}" if stood.step else "")
        note = f'!!! note {stood.step} "编者注", attached to the step' if stood.step else '!!! note "编者注"'
        return Problem(stood.page, stood.now, f"the article's {kind} {_quote(wanted)} ({source}) is missing: it stood "
                       f"here ({where}); the article's text stays, word for word: put it back, and say what changed "
                       f"or what to do instead in an editor's note ({note})")
    page, line, text = max(lines, key=lambda entry: difflib.SequenceMatcher(None, wanted, entry[2]).ratio())
    return Problem(page, line, f"this line should hold the article's {kind} word for word ({source}): "
                   f"{_quote(wanted)}; it reads {_quote(text)}")


def _repairs(page: str, footnotes: dict[str, Footnote], entries: list[tuple[int, str, str]]) -> list[Problem]:
    """Each insertion has a footnote on its line that quotes the original sentence (“…”)."""
    problems = []
    for number, raw, _ in entries:
        if not INSERTION.search(raw):
            continue
        marked = clean(INSERTION.sub("\x00", raw))
        original = next(unit for unit in units(marked) if "\x00" in unit).replace("\x00", "")
        quoted = [footnotes[ref].text for ref in FOOTNOTE_REF.findall(raw) if ref in footnotes]
        if not any(f"“{original}”" in note for note in quoted):
            problems.append(Problem(page, number, "an editors' insertion (^^…^^) needs a footnote on its line that "
                                    f"quotes the original sentence: “{original}”"))
    return problems


def _quote(text: str) -> str:
    return f"“{text}”"


__all__ = ["ARTICLE", "check_fidelity", "fidelity", "LANGUAGES"]
