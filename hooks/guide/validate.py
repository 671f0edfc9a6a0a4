"""The checklist contract, one function per rule (numbered as in CONTRIBUTING). Each returns the problems it finds."""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath
from collections.abc import Callable, Iterable

from .model import CHECKLIST_TYPE, ID_PATTERN, LANGUAGES, STAGES, Page, Problem, item_hash, language_of
from .record import Record, items_by_id, next_free

TICKS = "readers' saved ticks are keyed by ID"

KNOWN_ADMONITIONS = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution",
    "attention", "failure", "fail", "missing", "danger", "error", "bug", "example",
    "quote", "cite",
}
SHORT = 60  # quote at most this many characters of an offending line


def quote(text: str) -> str:
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in text)
    return f'"{text[:SHORT]}…"' if len(text) > SHORT else f'"{text}"'


def front_matter(pages: list[Page]) -> Iterable[Problem]:
    """Every page has parseable front matter with a description (its search-result and meta text);
    what each key may hold is frontmatter.py's schema."""
    for page in pages:
        if page.front_matter_error:
            line, problem = page.front_matter_error
            if problem.endswith("in front matter"):  # refused by frontmatter.py's limits, not a slip of syntax
                yield Problem(page.path, line, f"front matter cannot be read: {problem}")
            else:
                yield Problem(page.path, line, f"front matter is not valid YAML ({problem}); "
                              "quote values that contain ': ' or '#'")
        elif not str(page.meta.get("description") or "").strip():
            yield Problem(page.path, 1, "page has no 'description:' in its front matter")


def stage_pages(pages: list[Page]) -> Iterable[Problem]:
    """Rule 1: each stage has exactly one page per language, holding a checklist."""
    for page in pages:
        if page.stage is not None and page.stage not in STAGES:
            yield Problem(page.path, page.stage_line,
                          f"unknown stage {quote(page.stage)}: use one of {', '.join(STAGES)}")
    docs = pages[0].path[: -len(pages[0].src_uri)] if pages else "docs/"
    for stage in STAGES:
        declared = [p for p in pages if p.stage == stage]
        if not declared:  # a missing twin of an existing stage page is reported by `parity`
            named = [p for p in pages if p.lang == LANGUAGES[0] and PurePosixPath(p.key).name == f"{stage}.md"]
            if named:  # the page named after the stage has lost its 'stage:' line
                yield Problem(named[0].path, 1, f"no page declares 'stage: {stage}': add it to the front matter "
                                                "of this page and of its translation")
            else:  # no page to point at: the folder
                yield Problem(docs, 0, f"no page declares 'stage: {stage}': each stage needs one page per language")
        for lang in LANGUAGES:
            found = [p for p in declared if p.lang == lang]
            for extra in found[1:]:
                yield Problem(extra.path, extra.stage_line,
                              f"'stage: {stage}' is already declared by {found[0].path}")
            for page in found:
                if not page.checklists:
                    yield Problem(page.path, page.stage_line,  # a page with a stage has its line
                                  f"stage page '{stage}' holds no checklist")


def checklist_shape(pages: list[Page]) -> Iterable[Problem]:
    """Rules 2 and 4 (CONTRIBUTING's numbers): a titled checklist with at least one item and nothing but task items."""
    why = {
        "prose": "a checklist holds only task items; move this text outside the checklist",
        "list": "a checklist holds only task items ('- [ ] ID text'), not plain list items",
        "nested list": "nested lists are not allowed in a checklist",
        "continuation": "an item must stay on one line; join this line to the item above",
        "admonition": "admonitions cannot be nested in a checklist",
        "indent": "indent items by 4 spaces inside !!! checklist",
    }
    for page in pages:
        for checklist in page.checklists:
            if not checklist.title:
                yield Problem(page.path, checklist.line, _untitled(checklist.heading))
            if not checklist.items:
                yield Problem(page.path, checklist.line,
                              f"checklist {quote(checklist.title)} has no items")
            for stray in checklist.strays:
                yield Problem(page.path, stray.line, f"{why[stray.kind]}: {quote(stray.source)}")


FULL_WIDTH_QUOTES = "“”「」『』＂"


def _untitled(heading: str) -> str:
    """What is wrong with a checklist line that gives no title in straight double quotes."""
    if not heading:
        return 'checklist has no title: write !!! checklist "title"'
    words = heading.strip(FULL_WIDTH_QUOTES + " \t")
    if any(mark in heading for mark in FULL_WIDTH_QUOTES):
        return (f"the checklist title is in full-width quotes, which Markdown does not read as a title: "
                f'use straight double quotes (switch the keyboard to half-width): !!! checklist "{words}"')
    return f'the checklist title must be in double quotes: write !!! checklist "{words}"'


def item_ids(pages: list[Page]) -> Iterable[Problem]:
    """Rule 3: a well-formed ID with the page's prefix, then text (uniqueness, rule 7: duplicate_ids)."""
    for page in pages:
        prefix = STAGES.get(page.stage or "")
        if page.checklists and page.stage is None:
            yield Problem(page.path, page.checklists[0].line,
                          "checklists belong on a stage page: add 'stage: …' to the front matter")
        for item in page.items:
            if not ID_PATTERN.fullmatch(item.id):
                example = f"{prefix or 'SC'}-01"
                yield Problem(page.path, item.line,
                              f"item has no well-formed ID (like {example}) after the checkbox: {quote(item.source)}")
                continue
            if prefix and not item.id.startswith(prefix + "-"):
                yield Problem(page.path, item.line,
                              f"item ID {item.id} does not match the stage '{page.stage}': "
                              f"use the prefix {prefix}- ({quote(item.source)})")
            if not item.text:
                yield Problem(page.path, item.line, f"item {item.id} has no text after its ID")


def unchecked(pages: list[Page]) -> Iterable[Problem]:
    """Rule 5: a printed sheet starts blank."""
    for page in pages:
        for item in page.items:
            if item.state != " ":
                yield Problem(page.path, item.line,
                              f"items must be unchecked in the source: write '[ ]', not '[{item.state}]' ({quote(item.source)})")


def stray_tasks_and_types(pages: list[Page]) -> Iterable[Problem]:
    """Rules 6 and 2: task items only inside checklists; no misspelt 'checklist'."""
    for page in pages:
        for stray in page.stray_tasks:
            yield Problem(page.path, stray.line,
                          f"task item outside a checklist (it could never be saved): {quote(stray.source)}")
        for admonition in page.admonitions:
            kind = admonition.type
            if kind == CHECKLIST_TYPE or kind in KNOWN_ADMONITIONS:
                continue
            if difflib.SequenceMatcher(None, kind, CHECKLIST_TYPE).ratio() >= 0.7 or kind.startswith("check"):
                yield Problem(page.path, admonition.line,
                              f"unknown admonition type {quote(kind)}: did you mean 'checklist'?")


def parity(pages: list[Page]) -> Iterable[Problem]:
    """Rule 8: every page exists in every language, with the same checklists, IDs in order and editors' marks."""
    by_key: dict[str, dict[str, Page]] = {}
    for page in pages:
        by_key.setdefault(page.key, {})[page.lang] = page
    default = LANGUAGES[0]
    for key, versions in sorted(by_key.items()):
        for lang in LANGUAGES:
            if lang not in versions:
                present = next(iter(versions.values()))
                yield Problem(present.path, 1, f"missing {lang} translation: expected {_twin_path(present.path, present.lang, lang)}")
        original = versions.get(default)
        if original is None:
            continue
        for lang, page in versions.items():
            if lang != default:
                yield from _compare(original, page)


def _twin_path(path: str, lang: str, target: str) -> str:
    stem = path[: -len(".md")]
    if lang != LANGUAGES[0]:
        stem = stem[: -len(f".{lang}")]
    return f"{stem}.md" if target == LANGUAGES[0] else f"{stem}.{target}.md"


def _compare(original: Page, translation: Page) -> Iterable[Problem]:
    if original.stage != translation.stage:
        yield Problem(translation.path, translation.stage_line or 1,
                      f"stage is {translation.stage!r} but {original.path} says {original.stage!r}")
    pairs = list(zip(original.checklists, translation.checklists))
    for number, (ours, theirs) in enumerate(pairs, start=1):
        want = [item.id for item in ours.items]
        have = [item.id for item in theirs.items]
        missing = [i for i in want if i not in have]
        extra = [item for item in theirs.items if item.id not in want]
        if len(missing) + len(extra) > 2:  # not one step added or renamed: compare the lists
            missing, extra = [], []
        for item_id in missing:
            source = next(item for item in ours.items if item.id == item_id)
            yield Problem(translation.path, theirs.line,
                          f"checklist {number} {quote(theirs.title)} lacks {item_id}: translate "
                          f"{original.path}:{source.line} and add it to this checklist in {translation.path}, "
                          "in the same place")
        for item in extra:
            yield Problem(translation.path, item.line,
                          f"{item.id} is not in checklist {number} of {original.path}:{ours.line}: the Chinese page "
                          "is the original, so add the step there first (or remove it here)")
        theirs_by_id = {item.id: item for item in theirs.items}
        for item in ours.items:
            twin = theirs_by_id.get(item.id)
            if twin is not None and twin.editors != item.editors:
                marked, unmarked = (original.path, translation.path) if item.editors else (translation.path, original.path)
                yield Problem(translation.path, twin.line,
                              f"{item.id} is marked as the editors' step ({{ .editors }}) in {marked} but not in "
                              f"{unmarked}: mark it the same in both languages")
        if not (missing or extra) and want != have:
            yield Problem(translation.path, theirs.line,
                          f"checklist {number} {quote(theirs.title)} has items {' '.join(have) or '(none)'} "
                          f"but {original.path}:{ours.line} has {' '.join(want) or '(none)'} (same IDs, same order)")
    if len(original.checklists) != len(translation.checklists):
        extra = original.checklists[len(pairs):] or translation.checklists[len(pairs):]
        yield Problem(translation.path, extra[0].line if extra[0] in translation.checklists else 1,
                      f"{len(translation.checklists)} checklists here but {len(original.checklists)} in {original.path}")


def note_attachments(pages: list[Page]) -> Iterable[Problem]:
    """Rule 10: an editor's note names items of its own page, and both languages attach the same notes.

    The exports carry a note with the items it is attached to (``!!! note SC-06 "编者注"``),
    so a caution cannot be lost on the way to the worksheet, the JSON or the CSV.
    """
    for page in pages:
        ids = {item.id for item in page.items}
        for note in page.admonitions:
            if note.type == CHECKLIST_TYPE and not note.title:
                continue  # words without a quoted title are the title: checklist_shape says how to write it
            for word in note.attached:
                if note.type == CHECKLIST_TYPE:
                    yield Problem(page.path, note.line, f"only editor's notes are attached to items, not checklists: "
                                  f"remove {quote(word)} ({quote(note.source)})")
                elif not ID_PATTERN.fullmatch(word):
                    yield Problem(page.path, note.line, f"{quote(word)} is not an item ID: attach a note with the IDs "
                                  f"between the type and the title, like !!! note SC-06 \"编者注\" ({quote(note.source)})")
                elif word not in ids:
                    here = " ".join(sorted(ids)) or "none"
                    yield Problem(page.path, note.line, f"note is attached to {word}, which is not an item on this page "
                                  f"(items here: {here})")
    by_key: dict[str, dict[str, Page]] = {}
    for page in pages:
        by_key.setdefault(page.key, {})[page.lang] = page
    for versions in by_key.values():
        original = versions.get(LANGUAGES[0])
        for lang, page in versions.items():
            if original is None or lang == LANGUAGES[0]:
                continue
            ours, theirs = _attached_notes(original), _attached_notes(page)
            for number, (want, have) in enumerate(zip(ours, theirs), start=1):
                if want.attached != have.attached:
                    yield Problem(page.path, have.line,
                                  f"attached note {number} is attached to {' '.join(have.attached)} but its twin at "
                                  f"{original.path}:{want.line} is attached to {' '.join(want.attached)} (same items, same order)")
            if len(ours) != len(theirs):
                where, extra = (page, theirs[len(ours)]) if len(theirs) > len(ours) else (original, ours[len(theirs)])
                yield Problem(where.path, extra.line,
                              f"{len(theirs)} notes attached to items in {page.path} but {len(ours)} in {original.path}: "
                              f"attach the same notes in both languages ({quote(extra.source)})")


def _attached_notes(page: Page) -> list:
    return [note for note in page.admonitions if note.attached and note.type != CHECKLIST_TYPE]


def _stage_name(item_id: str) -> str:
    prefix = item_id[:2]
    return next((stage for stage, p in STAGES.items() if p == prefix), prefix)


def duplicate_ids(pages: list[Page], record: Record | None) -> Iterable[Problem]:
    """Rule 7: an ID is used once per language. The step that already had it keeps it
    (the one whose Chinese text is the recorded one); the new one is reported."""
    recorded = {i: f for blocks in (record.translations.values() if record else []) for i, f in blocks["items"].items()}
    kept: dict[str, int] = {}  # ID -> which occurrence keeps it, decided on the Chinese pages
    for lang in LANGUAGES:
        for item_id, found in items_by_id(pages, lang).items():
            if len(found) < 2 or not ID_PATTERN.fullmatch(item_id):
                continue
            if lang == LANGUAGES[0]:
                matches = [n for n, (_, item) in enumerate(found) if item_hash(item.text) == recorded.get(item_id)]
                kept[item_id] = matches[0] if matches else 0
            keeper = kept.get(item_id, 0) if kept.get(item_id, 0) < len(found) else 0
            first_page, first = found[keeper]
            for number, (page, item) in enumerate(found):
                if number != keeper:
                    yield Problem(page.path, item.line,
                                  f"item ID {item_id} is already used by the step at {first_page.path}:{first.line} "
                                  f"(IDs are unique across the site; {TICKS}): give this new step "
                                  f"{next_free(item_id[:2], pages, record)}, the next free ID for "
                                  f"{_stage_name(item_id)}")


def published_ids(pages: list[Page], record: Record | None) -> Iterable[Problem]:
    """Rule 9: a published ID never disappears and a retired one never comes back (records/published.yml)."""
    if record is None:
        return
    default = LANGUAGES[0]
    present = {item.id for page in pages if page.lang == default for item in page.items}
    for page in pages:
        for item in page.items:
            if item.id in record.retired:
                yield Problem(page.path, item.line,
                              f"item ID {item.id} was retired and is never reused ({TICKS}, and some may still "
                              f"hold it): use {next_free(item.id[:2], pages, record)}, the next free ID for "
                              f"{_stage_name(item.id)}")
    for item_id in record.published:
        if item_id in present or item_id in record.retired:
            continue
        stage = _stage_name(item_id)
        page = next((p for p in pages if p.lang == default and p.stage == stage), None)
        if page is None:
            continue  # the stage's page is missing: stage_pages says so
        new = [item for item in page.items if item.id not in record.published]
        line = new[0].line if new else page.checklists[0].line if page.checklists else page.stage_line
        yield Problem(page.path, line,
                      f"published item ID {item_id} has disappeared (renumbered or deleted without being "
                      f"retired): {TICKS}, so keep {item_id} for its step; if the step is really gone, run "
                      f"make retire ID={item_id} (new steps take {next_free(item_id[:2], pages, record)}, "
                      f"the next free ID for {stage})")


def snippet_contents(snippets: list[Page]) -> Iterable[Problem]:
    """A snippet (docs/includes/) is no page: items in it would be neither checked as a page's
    own nor exported, so checklists and task items stay on the stage pages."""
    for snippet in snippets:
        for checklist in snippet.checklists:
            yield Problem(snippet.path, checklist.line, "checklists belong on a stage page, not in a snippet "
                          "(docs/includes/): move it to the stage page")
        for stray in snippet.stray_tasks:
            yield Problem(snippet.path, stray.line, "task items belong in a checklist on a stage page, not in a "
                          f"snippet (docs/includes/): {quote(stray.source)}")


RULES: tuple[Callable[[list[Page]], Iterable[Problem]], ...] = (
    front_matter, stage_pages, checklist_shape, item_ids, unchecked, stray_tasks_and_types, parity,
    note_attachments,
)
RECORD_RULES: tuple[Callable[[list[Page], Record | None], Iterable[Problem]], ...] = (duplicate_ids, published_ids)


def validate(pages: list[Page], record: Record | None = None) -> list[Problem]:
    """Every problem, from every rule, in the order to fix them: Chinese files first, then by place."""
    found = {problem for rule in RULES for problem in rule(pages)}
    found |= {problem for rule in RECORD_RULES for problem in rule(pages, record)}
    return in_order(found)


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Chinese (original) files first, as the contributors' guide says to fix them first; then by place."""
    return sorted(problems, key=lambda p: (language_of(p.path)[0] != LANGUAGES[0], p))
