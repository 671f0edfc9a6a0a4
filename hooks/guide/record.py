"""The committed record of what has been published: records/published.yml.

It holds two promises the sources alone cannot keep:

- every item ID ever published, and the ones retired on purpose: readers' saved ticks
  are keyed by ID, so a published ID may never vanish or come back for another step;
- for each English page, a fingerprint of the normalised Chinese text each of its blocks
  was translated from (each item by ID, each editor's note, the rest of the page), so a
  Chinese edit the English has not followed is reported, never silent.

The file is written by ``make translations`` and ``make retire`` (``hooks/check_checklists.py
--record`` / ``--retire``), never by hand; a diff of it says which translations a pull
request brought up to date.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .model import (CHECKLIST_TYPE, ID_PATTERN, LANGUAGES, STAGES, Admonition, Example, Item, Page, Problem, Rule,
                    item_hash, language_of)
from .parse import parse_page

RECORD = "records/published.yml"  # relative to the folder above docs/ (the repository root)
EDITORS_NOTE = {"zh": "编者注", "en": "Editors' note"}  # how an editor's note's title starts
HEADER = """\
# What the guide has published; written by `make translations` and `make retire`, never by hand.
# ids: every item ID ever published (readers' saved ticks are keyed by them) and those retired on purpose.
# translations: per English page, fingerprints of the normalised Chinese text each block was
# translated from (items by ID, editor's notes in order, and the rest of the page).
"""


@dataclass
class Record:
    published: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    translations: dict[str, dict] = field(default_factory=dict)  # English src_uri -> fingerprints
    # The Chinese pages as published (docs-relative src_uri -> text at the record's last commit), read from git
    # only when asked: to say where a missing step or sentence stood. Empty without git.
    snapshot: Callable[[], dict[str, str]] = field(default=lambda: {}, compare=False, repr=False)


def record_path(docs_dir: Path) -> Path:
    return docs_dir.parent / RECORD


def load(path: Path) -> Record | None:
    """The record, or None when there is none (a fresh copy of docs/, or a fork before its first record)."""
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    ids = data.get("ids") or {}
    translations = {
        str(page): {
            "page": str(blocks.get("page", "")),
            "items": {str(k): str(v) for k, v in (blocks.get("items") or {}).items()},
            "notes": [str(note) for note in blocks.get("notes") or []],
        }
        for page, blocks in (data.get("translations") or {}).items()
    }
    return Record([str(i) for i in ids.get("published") or []], [str(i) for i in ids.get("retired") or []],
                  translations)


def load_published(docs_dir: Path) -> Record | None:
    """The record beside ``docs_dir``, able to read the pages as published from git (when asked)."""
    path = record_path(docs_dir)
    record = load(path)
    if record is not None:
        record.snapshot = published_snapshot(docs_dir, path)
    return record


def dump(record: Record) -> str:
    data = {
        "ids": {"published": sort_ids(record.published), "retired": sort_ids(record.retired)},
        "translations": {page: record.translations[page] for page in sorted(record.translations)},
    }
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def sort_ids(ids) -> list[str]:
    """Stage order, then number: SC-01 … MA-18."""
    order = list(STAGES.values())

    def key(item_id: str):
        prefix, _, number = item_id.partition("-")
        return (order.index(prefix) if prefix in order else len(order), prefix, number)

    return sorted(set(ids), key=key)


# Fingerprints of a Chinese page, block by block.

def editors_notes(page: Page) -> list[Admonition]:
    """The page's own editor's notes, in order (the boxes whose title starts 编者注 / Editors' note)."""
    return [a for a in page.admonitions if a.type != CHECKLIST_TYPE and a.title.startswith(EDITORS_NOTE[page.lang])]


def note_text(note: Admonition) -> str:
    return "\n".join([note.title, *note.body])


def rest_of_page(page: Page) -> list[str]:
    """The page's text outside its items and editor's notes, paragraph by paragraph,
    with the description (translated too) as one more paragraph."""
    taken = {item.line for item in page.items}
    for note in editors_notes(page):
        taken |= set(range(note.line, max(note.line, note.end) + 1))
    paragraphs, current = [str(page.meta.get("description") or "")], []
    for number, text in page.body:
        if number in taken or not text.strip():
            if current:
                paragraphs.append("\n".join(current))
            current = []
        else:
            current.append(text)
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def fingerprints(original: Page) -> dict:
    """What an English page translates, as fingerprints of its Chinese original.

    Each fingerprint is ``item_hash`` (the guide's one normalisation: whitespace collapsed).
    The page's rest is fingerprinted paragraph by paragraph and the sorted fingerprints
    hashed again, so moving a paragraph changes nothing; notes are compared as a set.
    """
    return {
        "page": item_hash(" ".join(sorted(item_hash(p) for p in rest_of_page(original)))),
        "items": {item.id: item_hash(item.text) for item in original.items},
        "notes": [item_hash(note_text(note)) for note in editors_notes(original)],
    }


# Stale translations.

@dataclass(frozen=True)
class Stale:
    """One English block whose Chinese original changed after its translation was recorded."""

    src_uri: str  # the English page
    kind: str  # "page", "item" or "note"
    key: str | int  # the item's ID or the note's position (0-based); "" for the page
    problem: Problem


def twins(pages: list[Page]) -> list[tuple[Page, Page]]:
    """(Chinese original, translation) for every translated page."""
    originals = {page.key: page for page in pages if page.lang == LANGUAGES[0]}
    return [(originals[page.key], page) for page in pages if page.lang != LANGUAGES[0] and page.key in originals]


def stale_translations(pages: list[Page], record: Record | None, since=lambda path: "") -> list[Stale]:
    """Every English block whose Chinese text differs from the recorded fingerprint.

    ``since(path)`` says since when a Chinese file changed (from git), or "".
    """
    if record is None:
        return []
    found = []
    for original, page in twins(pages):
        where = page.title_line or 1
        update = f"update the English, then run: make translations PAGES={page.src_uri}"
        recorded = record.translations.get(page.src_uri)
        if recorded is None:
            found.append(Stale(page.src_uri, "page", "", Problem(
                page.path, where, f"translation not recorded: no fingerprints of {original.path} in {RECORD}; "
                f"check the translation, then run: make translations PAGES={page.src_uri}")))
            continue
        current = fingerprints(original)
        if current["page"] != recorded["page"]:
            found.append(Stale(page.src_uri, "page", "", Problem(
                page.path, where, f"translation out of date: the text of {original.path} outside its items and "
                f"notes changed{since(original.path)}; {update}")))
        zh_items = {item.id: item for item in original.items}
        twice = {item.id for item in original.items if [i.id for i in original.items].count(item.id) > 1}
        for item in page.items:
            source = zh_items.get(item.id)
            if source is None or item.id in twice or recorded["items"].get(item.id) == current["items"][item.id]:
                continue  # an item missing from the Chinese page is the parity rule's; an ID used twice, rule 7's
            if item.id not in recorded["items"]:
                message = (f"translation not recorded: {item.id} in {original.path}:{source.line} is new; check "
                           f"the translation, then run: make translations PAGES={page.src_uri}")
            else:
                message = (f"translation out of date: {item.id} in {original.path}:{source.line} "
                           f"changed{since(original.path)}; {update}")
            found.append(Stale(page.src_uri, "item", item.id, Problem(page.path, item.line, message)))
        notes = editors_notes(page)
        new = _new_notes(recorded["notes"], current["notes"])
        for position, (note, fingerprint) in enumerate(zip(editors_notes(original), current["notes"])):
            if fingerprint in recorded["notes"]:
                continue
            line = notes[position].line if position < len(notes) else where
            if position in new:
                message = (f"translation not recorded: {_new_note(note)} in {original.path}:{note.line}; check the "
                           f"translation, then run: make translations PAGES={page.src_uri}")
            else:
                message = (f"translation out of date: editor's note {position + 1} ({note.title}) in "
                           f"{original.path}:{note.line} changed{since(original.path)}; {update}")
            found.append(Stale(page.src_uri, "note", position, Problem(page.path, line, message)))
    return found


def _new_notes(before: list[str], after: list[str]) -> set[int]:
    """The positions of the notes that are new, not changed: when every recorded note is still
    there word for word, each note not recorded is one added (else, one of them was edited: changed)."""
    if any(fingerprint not in after for fingerprint in before):
        return set()
    return {position for position, fingerprint in enumerate(after) if fingerprint not in before}


def _new_note(note: Admonition) -> str:
    return f"new note attached to {' '.join(note.attached)}" if note.attached else f"new editor's note ({note.title})"


ADMONITION_TYPE = re.compile(r"^(?P<head>[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[^\s\"]+)")


def with_stale_note_class(markdown: str, page: Page, positions: set[int], css_class: str) -> str:
    """Add ``css_class`` to the page's stale editor's notes (by position), in the Markdown the build
    renders (which lacks the front matter, so notes are found by their line as written, in order)."""
    written = markdown.split("\n")
    lines = list(written)  # marked here; found in ``written`` (a marked line no longer matches its twins)
    notes = editors_notes(page)
    for note in [notes[position] for position in positions if position < len(notes)]:
        earlier = sum(1 for other in page.admonitions if other.source == note.source and other.line < note.line)
        hits = [n for n, line in enumerate(written) if line.strip() == note.source]
        if earlier < len(hits):
            n = hits[earlier]
            lines[n] = ADMONITION_TYPE.sub(lambda m: f"{m.group('head')} {css_class}", lines[n])  # ^: once
    return "\n".join(lines)


def git_since(root: Path, record_file: Path):
    """``since(path)`` for ``stale_translations``: the first commit after the record's last
    change that touched the file (or that it has uncommitted changes); "" without git."""

    def git(*args: str) -> str:
        try:
            result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return ""
        return result.stdout.strip() if result.returncode == 0 else ""

    @cache
    def since(path: str) -> str:
        if not git("rev-parse", "--is-inside-work-tree"):
            return ""
        if git("status", "--porcelain", "--", path):
            return " (not committed yet)"
        recorded = git("log", "-1", "--format=%H", "--", str(record_file))
        span = [f"{recorded}..HEAD"] if recorded else []
        commits = git("log", "--format=%h %cs", *span, "--", path).splitlines() or \
            git("log", "-1", "--format=%h %cs", "--", path).splitlines()
        if not commits:
            return ""
        commit, date = commits[-1].split(" ", 1)
        return f" (since commit {commit} of {date})"

    return since


# The pages as published: where a missing step or sentence stood.

def published_snapshot(docs_dir: Path, record_file: Path) -> Callable[[], dict[str, str]]:
    """``snapshot()`` for a Record: the Chinese Markdown files of ``docs_dir`` as the commit that last
    changed the record had them (docs-relative path -> text), read from git once, when first asked;
    {} without git or a committed record."""

    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", "-C", str(docs_dir), *args], capture_output=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout.decode("utf-8", errors="replace") if result.returncode == 0 else None

    @cache
    def snapshot() -> dict[str, str]:
        commit = (git("log", "-1", "--format=%H", "--", str(record_file.resolve())) or "").strip()
        names = git("ls-tree", "-r", "--name-only", commit, "--", ".") if commit else None
        texts = {}
        for name in (names or "").splitlines():
            chinese = name.endswith(".md") and language_of(name)[0] == LANGUAGES[0]
            text = git("show", f"{commit}:./{name}") if chinese else None
            if text is not None:
                texts[name] = text.removeprefix("\ufeff")
        return texts

    return snapshot


@dataclass(frozen=True)
class Stood:
    """Where a published step stood: its page and line as published ("" and 0 when unknown), the
    steps before and after it on its page (None at the page's first or last), and whether the
    editors added it (``{ .editors }``; None when unknown)."""

    path: str
    line: int
    before: str | None
    after: str | None
    editors: bool | None


def where_it_stood(item_id: str, record: Record, docs_path: str = "docs/") -> Stood | None:
    """Where ``item_id`` stood on the Chinese pages as published (from git), or else its neighbours
    in the record's fingerprints (which keep each page's item order); None when neither knows it."""
    for src_uri, text in record.snapshot().items():
        page = parse_page(text, docs_path + src_uri, src_uri)
        if page.lang != LANGUAGES[0]:
            continue
        ids = [item.id for item in page.items]
        if item_id in ids:
            at = ids.index(item_id)
            item = page.items[at]
            return Stood(page.path, item.line, ids[at - 1] if at else None,
                         ids[at + 1] if at + 1 < len(ids) else None, item.editors)
    for blocks in record.translations.values():
        ids = list(blocks["items"])
        if item_id in ids:
            at = ids.index(item_id)
            return Stood("", 0, ids[at - 1] if at else None, ids[at + 1] if at + 1 < len(ids) else None, None)
    return None


# The commands that write the record.

def next_free(prefix: str, pages: list[Page], record: Record | None) -> str:
    """The stage's next free ID: one past every number it has ever used, published, retired or new."""
    used = [i for i in (record.published + record.retired if record else [])]
    used += [item.id for page in pages for item in page.items]
    numbers = [int(match.group(2)) for i in used if (match := ID_PATTERN.fullmatch(i)) and match.group(1) == prefix]
    return f"{prefix}-{max(numbers, default=0) + 1:02d}"


def recorded(pages: list[Page], record: Record | None, names: list[str]) -> tuple[Record, list[str]]:
    """The record with the current IDs published and the named English pages' fingerprints
    (all pages when ``names`` is empty); and what changed, one line per page."""
    record = record or Record()
    current = [item.id for page in pages if page.lang == LANGUAGES[0] for item in page.items]
    new_ids = sort_ids(set(current) - set(record.published))
    record.published = sort_ids([*record.published, *current])
    chosen = [pair for pair in twins(pages) if not names or pair[1].src_uri in names]
    report = [f"published {' '.join(new_ids)}"] if new_ids else []
    for original, page in chosen:
        before = record.translations.get(page.src_uri)
        after = fingerprints(original)
        record.translations[page.src_uri] = after
        if before != after:
            report.append(f"recorded {page.src_uri}: {_changes(before, after, editors_notes(original))}")
    if not names:  # pages that are gone leave the record
        existing = {page.src_uri for _, page in twins(pages)}
        record.translations = {k: v for k, v in record.translations.items() if k in existing}
    return record, report


def _changes(before: dict | None, after: dict, notes: list[Admonition]) -> str:
    if before is None:
        return "every block (new)"
    changed = ["the page"] if before["page"] != after["page"] else []
    changed += [i for i, f in after["items"].items() if before["items"].get(i) != f]
    new = _new_notes(before["notes"], after["notes"])
    changed += [_new_note(notes[n]) if n in new else f"note {n + 1}"
                for n, f in enumerate(after["notes"]) if f not in before["notes"]]
    return ", ".join(changed) or "no change in the text (blocks moved or removed)"


def retired(pages: list[Page], record: Record | None, item_id: str,
            docs_path: str = "docs/") -> tuple[Record | None, str]:
    """The record with ``item_id`` retired, or None and why it cannot be. Only an editors' step is
    retired: an article step's sentence stays (as the published pages in git show which it was;
    without git, as before, any deleted step)."""
    if not ID_PATTERN.fullmatch(item_id):
        return None, f"{item_id}: not an item ID (like SC-03)"
    still = [(page, item) for page in pages for item in page.items if item.id == item_id]
    still.sort(key=lambda found: found[0].lang != LANGUAGES[0])  # name the Chinese page first
    if still:
        page, item = still[0]
        return None, (f"{page.path}:{item.line}: {item_id} is still on the page: delete the item in both "
                      f"languages first, then retire it")
    record = record or Record()
    if item_id in record.retired:
        return None, f"{item_id} is already retired"
    if item_id not in record.published:
        return None, f"{item_id} was never published: nothing to retire (only published IDs are kept)"
    stood = where_it_stood(item_id, record, docs_path)
    if stood and stood.editors is False:
        return None, (f"{stood.path}:{stood.line}: {item_id} is one of the article's steps (as published "
                      f"there): only the editors' steps ({{ .editors }}) are retired; the article's "
                      f"sentence stays on the page, so put the step back, in both languages, and say what changed "
                      f'in an editor\'s note attached to it (!!! note {item_id} "编者注")')
    record.retired = sort_ids([*record.retired, item_id])
    for blocks in record.translations.values():
        blocks["items"].pop(item_id, None)
    return record, (f"retired {item_id}: it will never be given to another step, so readers' saved ticks "
                    f"for it can never tick a different step")


def items_by_id(pages: list[Page], lang: str) -> dict[str, list[tuple[Page, Item]]]:
    found: dict[str, list[tuple[Page, Item]]] = {}
    for page in pages:
        if page.lang == lang:
            for item in page.items:
                found.setdefault(item.id, []).append((page, item))
    return found


# What this module's rule means to a contributor, in both languages: the one home of its part of
# REFERENCE.md and REFERENCE.en.md (`make reference`; tests/test_reference.py keeps them up to date).
REFERENCE = [
    Rule(code=('stale_translations', 'next_free'),
         title={'en': 'Keeping both languages in step', 'zh': '保持两种语言同步'},
         text={"en": '- **Translations that fall behind are reported.** `records/published.yml` holds, for each English page, a fingerprint of the Chinese text each of its blocks was translated from: each item (by ID), each editor\'s note (in order) and the rest of the page (its description and paragraphs; moving a paragraph or re-wrapping a line changes nothing). When the Chinese text of a block changes, `make check`, the build and the pre-commit hook report the English block as a warning, for example:\n\n  ```text\n  docs/stages/self-check.en.md:17: warning: translation out of date: SC-03 in docs/stages/self-check.md:17 changed (since commit 1a2b3c4 of 2026-11-29); update the English, then run: make translations PAGES=stages/self-check.en.md\n  ```\n\n  A Chinese fix is never blocked: a pull request\'s checks pass with the warning, and the English page shows readers a notice under its title (“Translation out of date”, with a link to the Chinese page) and a mark on each stale step and note. The deploy to GitHub Pages sets `GUIDE_STRICT_TRANSLATIONS=1`, so the published site does not go out with a stale translation. Once you have updated the English (or checked that it still says the same), record it: `make translations PAGES=stages/self-check.en.md` (several pages separated by spaces, in either language, with or without `docs/`; `make translations` alone records every page). The warning, the notice and the marks go away; commit `records/published.yml` with the pages.\n- **In step** means: every Chinese page has an English page; their headings, boxes (editor\'s notes included), footnotes, links and checklists correspond one for one; and the checklists have the same number, IDs and order. The validator checks the checklists; reviewers check the rest.\n- Change both languages in the same pull request. If you can only write one of them, say so in the pull request and someone else will add the translation; nothing is merged until both sides match.\n- The Chinese text is the original and stays word for word. The English is a translation: make it read naturally, as if it had been written in English, rather than word for word, while staying faithful to the meaning, adding and leaving out nothing. Editorial additions go in `!!! note "Editors\' note"` here too.\n- On each English page, give product and institution names on first use as “English name (Chinese name)”: Jiebei (借呗), Alipay (支付宝), Sesame Credit (芝麻信用), Ant Financial (蚂蚁金服); after that, the English name alone. When quoting the article, you can give the Chinese sentence followed by its meaning in English.\n- Add new terms to both `docs/includes/abbreviations.md` and `abbreviations.en.md`, and to `docs/glossary.md` / `glossary.en.md`. A hover explanation is the editors\' words inside the article\'s sentences, so it starts with the label `编者释义：` / `Editors\' definition: `, stays a neutral definition (no advice, nothing that argues with the sentence it decorates), and is exactly the first sentence of the term\'s glossary entry; `tests/test_editorial.py` checks the label and the match.',
               "zh": '- **译文落后会被报告。** `records/published.yml` 为每个英文页面记录了它的每一块译自哪段中文：每个条目（按编号）、每条编者注（按顺序）以及页面其余部分（说明和各段正文；移动段落或重新折行不算改动），记录的是规范化后中文文字的指纹。某一块中文改动后，`make check`、构建和 pre-commit 钩子都会把对应的英文块报为警告，例如：\n\n  ```text\n  docs/stages/self-check.en.md:17: warning: translation out of date: SC-03 in docs/stages/self-check.md:17 changed (since commit 1a2b3c4 of 2026-11-29); update the English, then run: make translations PAGES=stages/self-check.en.md\n  ```\n\n  中文的修改永远不会因此被挡住：拉取请求的检查照样通过，只给出警告；英文页面会在标题下向读者显示提示（“Translation out of date”，并链接到中文页面），过时的步骤和编者注旁边也有标记。部署到 GitHub Pages 时设置了 `GUIDE_STRICT_TRANSLATIONS=1`，所以带着过时译文的网站不会发布出去。更新了英文（或确认英文仍然准确）之后，记录下来：`make translations PAGES=stages/self-check.en.md`（多个页面用空格隔开，中英文文件名都可以，带不带 `docs/` 都行；只写 `make translations` 则记录全部页面）。警告、提示和标记随之消失；把 `records/published.yml` 和页面一起提交。\n- **同步**指的是：每个中文页面都有英文页面；两者的标题结构、提示框（包括编者注）、脚注、链接和清单一一对应；清单的数量、编号和顺序完全相同。清单部分由校验程序检查，其余部分由审核人检查。\n- 在同一个拉取请求中修改两种语言。如果你只会写其中一种，请在拉取请求中说明，由其他人补上译文；在两边同步之前不会合并。\n- 中文正文是原文，逐字保留；英文是译文，要译得自然、通顺，像用英语写成的文章，而不是逐字对译。译文要忠实于原文的意思，不增不减；编者补充的内容同样放进 `!!! note "Editors\' note"` 里。\n- 产品名和机构名在每个英文页面第一次出现时写成“英文名（中文名）”，例如 Jiebei (借呗)、Alipay (支付宝)、Sesame Credit (芝麻信用)、Ant Financial (蚂蚁金服)，之后只写英文名。引用原文时可以附上中文原句，再给出英文意思。\n- 新术语要同时加进 `docs/includes/abbreviations.md` 和 `abbreviations.en.md`，以及 `docs/glossary.md` / `glossary.en.md`。悬停解释是编者的文字出现在原文句子里，所以必须以 `编者释义：` / `Editors\' definition: ` 开头，只做中性的定义（不给建议，不与所在的原文句子争辩），并且与术语表中该词条的第一句完全相同；`tests/test_editorial.py` 检查标签和一致性。'},
         examples=[
             Example("docs/stages/maintenance.en.md:41: warning: translation not recorded: new note attached to MA-10 in docs/stages/maintenance.md:41; check the translation, then run: make translations PAGES=stages/maintenance.en.md",
                     en='A note was attached to an item on the Chinese page. Check that the English page has its translation (attached to the same item), then record it.',
                     zh='中文页面的某个条目附上了一条新的编者注。确认英文页面有它的译文（附在同一条目上），然后记录。'),
             Example("docs/stages/self-check.md:23: SC-04 is one of the article's steps (as published there): only the editors' steps ({ .editors }) are retired; the article's sentence stays on the page, so put the step back, in both languages, and say what changed in an editor's note attached to it (!!! note SC-04 \"编者注\")",
                     en="`make retire` was asked to retire a step of the article. The article's steps stay: put it back and attach an editor's note to it.",
                     zh='`make retire` 只停用编者补充的步骤，不能停用原文的步骤：把它放回去，并在它上面附上编者注。'),
         ]),
]
