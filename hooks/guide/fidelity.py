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
from pathlib import Path

from .model import CHECKLIST_TYPE, LANGUAGES, Footnote, Problem, language_of
from .fences import code_lines, find_fences
from .parse import ADMONITION, FOOTNOTE, body_start, indent_of, parse_page, split_lines
from .sources import page_files, read_text, shown_path

# A unit ends a sentence (。！？ and any closing brackets or quotes) or a label ("案例背景:").
BREAK = re.compile(r"[。！？][)）”」]*|:")
SENTENCE_END = re.compile(r"[。！？][)）”」]*$")
NUMBERING = re.compile(r"^(?:\d+\.\s*|[(（][一二三四五六七八九十]+[)）])")
NOT_REPRODUCED = re.compile(r"^作者:|\s图\d+$")  # the byline and the lost pictures' captions
INSERTION = re.compile(r"\^\^(.+?)\^\^")
FOOTNOTE_REF = re.compile(r"\[\^([^\[\]]+)\]")
MARKUP = (
    # Each character class stops at the next opener too, so a long run of openers is read once
    # (linear), not once per opener.
    (re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)(\{[^{}]*\})?"), r"\1"),  # links -> their text
    (re.compile(r"\{[^{}]*\}\s*$"), ""),  # a trailing attribute list
    (re.compile(r"\*\*|__"), ""),
)
LINE_PREFIXES = re.compile(
    r"^(?:#{1,6}\s+|:\s+|(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+[A-Z]{2}-[0-9]{2}\s+)?)")


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


def without_comments(text: str) -> str:
    """A comment is not shown: it cannot keep a sentence for the page (found with str.find: one pass)."""
    kept, done = [], 0
    while (start := text.find("<!--", done)) >= 0 and (end := text.find("-->", start + 4)) >= 0:
        kept.append(text[done:start])
        done = end + 3
    return "".join(kept) + text[done:]


def clean(raw: str) -> str:
    text = FOOTNOTE_REF.sub("", INSERTION.sub("", without_comments(raw)))
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    return text.strip()


def check_fidelity(docs_dir: Path, article: Path, root: Path) -> list[Problem]:
    """Every problem, sorted by place."""
    source = shown_path(article, root)
    pages = {}
    for path in page_files(docs_dir):
        src_uri = path.relative_to(docs_dir).as_posix()
        if language_of(src_uri)[0] == LANGUAGES[0]:
            shown, text = shown_path(path, root), read_text(path)
            pages[shown] = (parse_page(text, shown, src_uri).footnotes, article_text(text))
    # The lines with words: the one named for a missing sentence is the most like it.
    lines = [(page, number, words) for page, (_, found) in pages.items() for number, _, words in found if words]
    problems = []
    for number, unit in article_units(article):
        wanted = unit.rstrip(":")  # a label's colon: the pages' headings have none (a sentence ends in 。！？)
        places = [(page, line) for page, line, text in lines for _ in range(text.count(wanted))]
        kind = "sentence" if is_sentence(unit) else "heading"
        if not lines:
            problems.append(Problem(source, number, f"no Chinese page holds the article's {kind}: {_quote(wanted)}"))
        elif not places:
            page, line, text = max(lines, key=lambda entry: difflib.SequenceMatcher(None, wanted, entry[2]).ratio())
            problems.append(Problem(page, line, f"this line should hold the article's {kind} word for word "
                                    f"({source}:{number}): {_quote(wanted)}; it reads {_quote(text)}"))
        elif is_sentence(unit):
            for page, line in places[1:]:
                first_page, first_line = places[0]
                problems.append(Problem(page, line, f"this sentence of the article ({source}:{number}) already "
                                        f"appears at {first_page}:{first_line}: the article's text appears once; quote "
                                        f"it elsewhere in a blockquote, an editor's note or a footnote: {_quote(wanted)}"))
    for page, (footnotes, entries) in pages.items():
        problems += _repairs(page, footnotes, entries)
    return sorted(set(problems))


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


__all__ = ["check_fidelity", "LANGUAGES"]
