"""The checklist contract, one function per rule (numbered as in CONTRIBUTING). Each returns the problems it finds."""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath
from collections.abc import Callable, Iterable

from .model import (CHECKLIST_TYPE, ID_PATTERN, LANGUAGES, STAGES, Example, Page, Problem, Rule, item_hash, language_of,
                    quote)
from .record import Record, items_by_id, next_free, where_it_stood

TICKS = "readers' saved ticks are keyed by ID"

KNOWN_ADMONITIONS = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution",
    "attention", "failure", "fail", "missing", "danger", "error", "bug", "example",
    "quote", "cite",
}


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
                                  f"{item_id} is already used at {first_page.path}:{first.line}; a new step's ID is "
                                  f"{next_free(item_id[:2], pages, record)}, the next free ID for "
                                  f"{_stage_name(item_id)} (IDs are unique across the site; {TICKS})")


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
        stood = where_it_stood(item_id, record, page.path[: -len(page.src_uri)])
        yield Problem(page.path, _where_it_was(page, stood), _missing(item_id, stood, pages, record))


def _where_it_was(page: Page, stood) -> int:
    """The line where a missing step was: a step now in its place (renumbered), else the step that
    followed it, else the one before it; else the first checklist."""
    ids = [item.id for item in page.items]
    if stood and stood.after in ids:
        at = ids.index(stood.after)
        if at and ids[at - 1] != stood.before:  # a step stands where it stood (renumbered, perhaps)
            at -= 1
        return page.items[at].line
    if stood and stood.before in ids:
        return page.items[ids.index(stood.before)].line
    return page.checklists[0].line if page.checklists else page.stage_line


def _missing(item_id: str, stood, pages: list[Page], record: Record) -> str:
    said = f"{item_id} is missing"
    if stood and (stood.before or stood.after):
        between = (f"between {stood.before} and {stood.after}" if stood.before and stood.after else
                   f"after {stood.before}" if stood.before else f"before {stood.after}")
        said += f": it stood {between}" + (f" ({stood.path}:{stood.line} in the published record)" if stood.path else "")
    if stood and stood.editors is False:
        return (f"{said}; it is one of the article's steps, which stay as the article has them: put it back, in "
                f"both languages, and say what changed in an editor's note attached to it "
                f'(!!! note {item_id} "编者注")')
    return (f"{said}; {TICKS}, so keep {item_id} for its step (a renumbered step takes its ID back); if the "
            f"editors' step is really gone, run make retire ID={item_id} (new steps take "
            f"{next_free(item_id[:2], pages, record)}, the next free ID for {_stage_name(item_id)})")


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


# What each rule means to a contributor, in both languages, with an example of its message: the one
# home of REFERENCE.md and REFERENCE.en.md (`make reference` writes them; tests/test_reference.py keeps
# them up to date). ``code`` names the functions above that enforce the rule.
REFERENCE = [
    Rule(code=('validate',),
         title={'en': 'The checklist contract', 'zh': '清单的规则'},
         text={"en": 'The checklist rules are enforced by `hooks/guide/validate.py`. `make check`, every build, the pre-commit hook and CI all run that same code. The rules:\n\n1. **Only stage pages hold checklists.** A page declares its stage in its front matter with `stage:`. Each of the four stages has an ID prefix:\n\n   | `stage:` | Prefix | Page |\n   |---|---|---|\n   | `self-check` | `SC` | Stage 1 · Self-check: pinpoint the problem |\n   | `rectification` | `RE` | Stage 2 · Draw up a rectification plan |\n   | `application` | `AP` | Stage 3 · Apply to restore the account |\n   | `maintenance` | `MA` | Stage 4 · Risk management and account upkeep |\n\n   Each stage has exactly one page in each language, and that page holds at least one checklist.\n\n2. **A checklist is a titled `checklist` admonition**: `!!! checklist "title"`, or the collapsible `??? checklist "title"`, or `???+ checklist "title"` (collapsible, open by default). The title must be in double quotes.\n3. **One item per line**: `- [ ] ID text`, indented four spaces inside the box. The ID is the stage prefix, a hyphen and two digits, such as `SC-01` or `MA-12` (so a stage has at most 99 IDs). The ID must be followed by text. A step the editors added beyond the article ends in `{ .editors }` (see Adding a step).\n4. **A checklist holds nothing but items**: no explanatory text, no plain or nested lists, no nested admonitions, and no item spread over several lines. Put any explanation before or after the checklist.\n5. **Items are unchecked in the source**: write `[ ]`, never `[x]`. Readers\' ticks are saved in their own browser, and a printed worksheet must start blank.\n6. **No task items (`- [ ] …`) outside a checklist**: a tick there could never be saved.\n7. **IDs are unique across the whole site within a language.**\n8. **The Chinese and English pages hold matching checklists**: the same number of checklists, and in each the same IDs in the same order, with the same `{ .editors }` marks.\n9. **An ID is never renumbered or reused once it has been published.** Readers\' saved ticks are keyed by ID (shared by both languages), so renumbering would attach their ticks to different steps. `records/published.yml` lists every ID ever published and those retired on purpose, and the validator holds the site to it: a published ID that has disappeared (renumbered, or deleted without being retired), a retired ID used again and a duplicate ID (reported at the new step, not the published one) are errors that name the next free ID. Therefore:\n   - A new item gets the stage\'s **next free number** (`make next-id STAGE=self-check` prints it), even if it is inserted in the middle of a checklist; IDs need not be in numerical order.\n   - When you only change an item\'s wording, keep its ID: readers who ticked that step are told “This step changed since you ticked it: please check it again.”\n   - To remove a step the editors added (`{ .editors }`) for good, delete it in both languages and run `make retire ID=SC-07`: the record keeps the ID as retired, so it is never given to another step. Commit the record with the pages. `make retire` retires editors\' steps only: an article step is the article\'s sentence and stays; what readers should know about it goes in an editor\'s note attached to it.\n\n10. **An editor\'s note attached to items** (`!!! note SC-06 "Editors\' note"`) names only items of its own page, and the Chinese and English pages attach the same IDs in the same order.',
               "zh": '清单规则由 `hooks/guide/validate.py` 执行：`make check`、每次构建、pre-commit 钩子和 CI 运行的都是同一份代码。规则如下：\n\n1. **只有阶段页面才有清单。** 在前置元数据中用 `stage:` 声明阶段。四个阶段各有一个编号前缀：\n\n   | `stage:` | 前缀 | 页面 |\n   |---|---|---|\n   | `self-check` | `SC` | 第 1 阶段 · 自我排查与问题定位 |\n   | `rectification` | `RE` | 第 2 阶段 · 制定整改方案 |\n   | `application` | `AP` | 第 3 阶段 · 申请账户恢复流程 |\n   | `maintenance` | `MA` | 第 4 阶段 · 借呗账户风险管理与贷后维护 |\n\n   每个阶段在每种语言中恰好有一个页面，而且这个页面至少有一个清单。\n\n2. **清单是一个带标题的 `checklist` 提示框**：`!!! checklist "标题"`，也可以写成可折叠的 `??? checklist "标题"` 或默认展开的 `???+ checklist "标题"`。标题必须用双引号。\n3. **每个条目一行**：`- [ ] 编号 文字`，在提示框内缩进 4 个空格。编号是阶段前缀加连字符加两位数字，如 `SC-01`、`MA-12`（所以每个阶段最多 99 个编号）。编号后面必须有文字。编者在原文之外补充的步骤，行末加 `{ .editors }`（见新增步骤）。\n4. **清单里只能有条目**：不能有说明文字、普通列表、嵌套列表、嵌套提示框，条目也不能折成多行。需要说明时，写在清单的前面或后面。\n5. **源文件中的条目一律不勾选**：写 `[ ]`，不写 `[x]`。读者的勾选保存在他们自己的浏览器里，打印出来的工作表应当是空白的。\n6. **清单之外不能有任务条目**（`- [ ] …`）：那样的勾选永远无法保存。\n7. **编号在同一种语言中全站唯一。**\n8. **中英文页面的清单一一对应**：清单数量相同，每个清单中的编号相同、顺序相同，`{ .editors }` 标记也相同。\n9. **编号一经发布就永不重新编排、永不复用。** 读者保存的勾选以编号为键（两种语言共用），重新编号会把他们的勾选挂到别的步骤上。`records/published.yml` 记录了发布过的每一个编号以及有意停用的编号，校验程序据此检查：已发布的编号不见了（被重新编号，或删除后没有停用）、停用的编号又被使用、编号重复（报在新加的那一步上，而不是已发布的那一步），都算错误，并给出下一个空闲编号。因此：\n   - 新条目取该阶段的**下一个空闲编号**（`make next-id STAGE=self-check` 会打印出来），即使它插在清单中间；编号不必按大小排列。\n   - 只修改条目文字时保留原编号：页面会提示已勾选过这一步的读者“此步骤在你勾选后有改动，请重新核对”。\n   - 要彻底删除编者补充的步骤（`{ .editors }`）：在两种语言中删掉它，然后运行 `make retire ID=SC-07`。`make retire` 只停用编者补充的步骤：原文的步骤是原文的句子，必须保留；读者需要知道的情况写在附在它上面的编者注里。记录会把这个编号标为已停用，它永远不会分给别的步骤。把记录和页面一起提交。\n\n10. **附在条目上的编者注**（`!!! note SC-06 "编者注"`）只能写同一页面上已有的条目编号，中英文页面附上的编号相同、顺序相同。'}),
    Rule(code=('front_matter',),
         title={"en": "Every page's front matter",
                "zh": '每个页面的前置元数据'},
         examples=[
             Example("docs/stages/self-check.md:3: front matter is not valid YAML (mapping values are not allowed here); quote values that contain ': ' or '#'",
                     en='The front matter is not valid YAML, usually because a value contains `: ` or `#`. Quote the whole value: `description: "Stage 1: …"`. MkDocs itself does not complain; it silently shows the front matter as body text.',
                     zh='前置元数据不是合法的 YAML，通常是值中有 `: ` 或 `#`。给整个值加引号：`description: "Stage 1: …"`。MkDocs 遇到这种情况不会报错，只会把前置元数据当成正文显示。'),
             Example("docs/stages/self-check.md:2: front matter is not valid YAML (front matter must be 'key: value' lines); quote values that contain ': ' or '#'",
                     en='The front matter is not made of `key: value` lines (it is a list such as `- stage`, for example). Write one `key: value` per line.',
                     zh='前置元数据不是 `键: 值` 的形式（例如写成了列表 `- stage`）。改成每行一个 `键: 值`。'),
             Example("docs/stages/self-check.md:1: page has no 'description:' in its front matter",
                     en='The page has no `description:`, or an empty one. Add a one-sentence summary of the page to the front matter.',
                     zh='页面缺少 `description:`，或者它是空的。在前置元数据中加上一句页面简介。'),
             Example('docs/stages/self-check.md:1: the description must not contain " < or >: use “ ” or 「 」 ("第 1 阶段：全面检查企业<财务状况>，分析借呗账户异常的原因，评估芝麻信用分受到的影响，先弄清账户被关闭的问题究竟出在…")',
                     en='The description contains `"`, `<` or `>`, which the theme would write unescaped into an HTML attribute. Use “ ” or 「 」 instead.',
                     zh='简介中有 `"`、`<` 或 `>`，主题会把它原样写进 HTML 属性。改用 “ ” 或 「 」。'),
         ]),
    Rule(code=('stage_pages',),
         title={"en": 'Rule 1: each stage has exactly one page per language, and it holds a checklist',
                "zh": '规则 1：每个阶段在每种语言中恰好有一个页面，而且页面上有清单'},
         examples=[
             Example('docs/stages/self-check.md:2: unknown stage "selfcheck": use one of self-check, rectification, application, maintenance',
                     en='The `stage:` value is misspelt. It must be one of these four.',
                     zh='`stage:` 的值拼错了。只能是这四个值之一。'),
             Example("docs/stages/maintenance.md:1: no page declares 'stage: maintenance': add it to the front matter of this page and of its translation",
                     en='No page declares this stage, and the page named after it has lost its `stage:` line. Put `stage: maintenance` back in its front matter, in both languages.',
                     zh='没有任何页面声明这个阶段，而以它命名的页面丢了 `stage:` 行。在两种语言的页面中，把 `stage: maintenance` 加回前置元数据。'),
             Example("docs/: no page declares 'stage: maintenance': each stage needs one page per language",
                     en='No page declares this stage, and none is named after it (the page was removed or renamed). Put the page back, with `stage: maintenance` in its front matter.',
                     zh='没有任何页面声明这个阶段，也没有以它命名的页面（页面被删除或改名了）。把页面放回来，并在前置元数据中写上 `stage: maintenance`。'),
             Example("docs/stages/self-check.md:2: 'stage: self-check' is already declared by docs/stages/rectification.md",
                     en="Two pages in the same language declare the same stage. Keep the right one and correct the other page's `stage:`.",
                     zh='同一种语言中有两个页面声明了同一个阶段。只保留正确的那一个，改正另一个页面的 `stage:`。'),
             Example("docs/stages/self-check.md:2: stage page 'self-check' holds no checklist",
                     en='The stage page has no checklist at all (or its type is misspelt: see rules 6 and 2). Add at least one `!!! checklist "title"`.',
                     zh='阶段页面上一个清单也没有（或清单类型拼错了，见规则 6 和 2）。至少写一个 `!!! checklist "标题"`。'),
         ]),
    Rule(code=('checklist_shape',),
         title={"en": 'Rules 2 and 4: a checklist has a title, at least one item, and nothing but items',
                "zh": '规则 2 和 4：清单有标题、至少一个条目，而且只有条目'},
         examples=[
             Example('docs/stages/self-check.md:12: checklist has no title: write !!! checklist "title"',
                     en='The checklist has no title. Write `!!! checklist "Check the overall finances"`, with the title in double quotes.',
                     zh='清单没有标题。写成 `!!! checklist "全面检查财务状况"`，标题用双引号。'),
             Example('docs/stages/self-check.md:12: the checklist title must be in double quotes: write !!! checklist "全面检查财务状况"',
                     en="The title is there but not in quotes, so Markdown reads it as part of the box's type. Put it in straight double quotes, as the message shows.",
                     zh='写了标题，但没有加引号，Markdown 会把它当成提示框类型的一部分。按报错给出的写法加上半角双引号。'),
             Example('docs/stages/self-check.md:12: the checklist title is in full-width quotes, which Markdown does not read as a title: use straight double quotes (switch the keyboard to half-width): !!! checklist "全面检查财务状况"',
                     en='A Chinese keyboard typed “ ” instead of `"`. Markdown then shows no box at all. Switch the input method to half-width (English) punctuation and type `"`, or copy the line from the message.',
                     zh='中文输入法打出了全角引号 “ ”，而不是半角的 `"`，Markdown 因此根本不会显示这个提示框。把输入法切换到半角（英文）标点再输入 `"`，或者直接复制报错中的那一行。'),
             Example('docs/stages/self-check.md:13: indent items by 4 spaces inside !!! checklist: "- [ ] SC-01 对企业资产负债表和损益表进行详细审查。"',
                     en='The item is indented, but by fewer than four spaces, so Markdown ends the box before it. Indent it by four spaces.',
                     zh='条目有缩进，但不足 4 个空格，Markdown 会在它之前结束提示框。改为缩进 4 个空格。'),
             Example('docs/stages/self-check.md:12: checklist "全面检查财务状况" has no items',
                     en='The checklist is empty, or its items are not indented four spaces (so they fall outside it). Add items or fix the indentation.',
                     zh='清单是空的，或者条目没有缩进 4 个空格（于是落在了清单外面）。加上条目或检查缩进。'),
             Example('docs/stages/self-check.md:13: a checklist holds only task items; move this text outside the checklist: "先看报表。"',
                     en='There is text inside the checklist. Move it before or after the checklist, unindented.',
                     zh='清单里有说明文字。把它移到清单的前面或后面（不缩进）。'),
             Example('docs/stages/self-check.md:14: a checklist holds only task items (\'- [ ] ID text\'), not plain list items: "- SC-02 确认是否存在资金挪用或管理不善导致的逾期风险。"',
                     en='This is a plain list item with no checkbox. Write `- [ ] SC-02 …`.',
                     zh='这是普通列表项，缺少复选框。写成 `- [ ] SC-02 …`。'),
             Example('docs/stages/self-check.md:14: nested lists are not allowed in a checklist: "- 资产负债表"',
                     en="A checklist cannot contain a nested list. Work the points into the item's text, or make them separate items (with new IDs).",
                     zh='清单中不能有嵌套列表。把要点并入条目文字，或拆成单独的条目（取新编号）。'),
             Example('docs/stages/self-check.md:14: an item must stay on one line; join this line to the item above: "审查。"',
                     en='The item has been broken over several lines. Join this line onto the end of the line above.',
                     zh='条目被折成了多行。把这一行接回上一行的末尾。'),
             Example('docs/stages/self-check.md:14: admonitions cannot be nested in a checklist: "!!! note "编者注""',
                     en="A checklist cannot contain another admonition. Move the editor's note after the checklist, unindented.",
                     zh='清单中不能嵌套提示框。把编者注移到清单后面，不缩进。'),
         ]),
    Rule(code=('item_ids', 'duplicate_ids'),
         title={"en": 'Rules 3 and 7: well-formed IDs that match the stage, unique across the site, followed by text',
                "zh": '规则 3 和 7：编号格式正确、与阶段相符、全站唯一，后面有文字'},
         examples=[
             Example("docs/index.md:5: checklists belong on a stage page: add 'stage: …' to the front matter",
                     en='A checklist sits on a page that declares no `stage:`. Checklists belong on the four stage pages only; if this is a stage page, add its `stage:`.',
                     zh='清单出现在没有声明 `stage:` 的页面上。清单只能放在四个阶段页面上；如果这就是阶段页面，补上 `stage:`。'),
             Example('docs/stages/self-check.md:13: item has no well-formed ID (like SC-01) after the checkbox: "- [ ] SC-1 对企业资产负债表和损益表进行详细审查。"',
                     en='What follows the checkbox is not an ID of the form `XX-00`: two capital letters, an ASCII hyphen and exactly two digits. Write `SC-01`.',
                     zh='复选框后面不是 `XX-00` 格式的编号：数字必须是两位，前缀是两个大写字母，用半角连字符。改成 `SC-01`。'),
             Example('docs/stages/self-check.md:13: item ID RE-01 does not match the stage \'self-check\': use the prefix SC- ("- [ ] RE-01 对企业资产负债表和损益表进行详细审查。")',
                     en="The ID's prefix does not match the page's stage (an item copied from stage 2 into stage 1, for example). Use this stage's prefix with its next free number.",
                     zh='编号前缀与页面的阶段不符（比如把第 2 阶段的条目复制到了第 1 阶段）。改用本阶段的前缀，并取下一个空闲编号。'),
             Example('docs/stages/self-check.md:14: item SC-02 has no text after its ID',
                     en="Nothing follows the ID. Add the item's text, or delete the line.",
                     zh='编号后面没有文字。补上条目内容，或者删除这一行。'),
             Example("docs/stages/self-check.md:13: SC-01 is already used at docs/stages/self-check.md:14; a new step's ID is SC-07, the next free ID for self-check (IDs are unique across the site; readers' saved ticks are keyed by ID)",
                     en='Two steps share an ID. The message is on the new one (the published step is the one whose Chinese text is recorded in `records/published.yml`, wherever it stands): give it the ID the message names.',
                     zh='两个步骤用了同一个编号。报错指向新加的那一步（已发布的是中文文字与 `records/published.yml` 记录相符的那一步，无论它在前还是在后）：改用报错给出的编号。'),
         ]),
    Rule(code=('unchecked',),
         title={"en": 'Rule 5: items are unchecked in the source',
                "zh": '规则 5：源文件中的条目不勾选'},
         examples=[
             Example('docs/stages/self-check.md:14: items must be unchecked in the source: write \'[ ]\', not \'[x]\' ("- [x] SC-02 确认是否存在资金挪用或管理不善导致的逾期风险。")',
                     en='An item is ticked in the source (`[x]` or `[X]`). Change it back to `[ ]`.',
                     zh='源文件中的条目被勾选了（`[x]` 或 `[X]`）。改回 `[ ]`。'),
         ]),
    Rule(code=('stray_tasks_and_types',),
         title={"en": 'Rules 6 and 2: task items only inside checklists; `checklist` spelt correctly',
                "zh": '规则 6 和 2：任务条目只能在清单里；`checklist` 不能拼错'},
         examples=[
             Example('docs/stages/self-check.md:16: task item outside a checklist (it could never be saved): "- [ ] SC-07 调取借呗账户的详细使用记录。"',
                     en="A task item sits outside any checklist, so a reader's tick could not be saved. Move it into a checklist (indented four spaces), or drop the checkbox to make it a plain list item.",
                     zh='清单外面有一个任务条目，读者的勾选无法保存。把它移进清单（缩进 4 个空格），或者去掉复选框改成普通列表。'),
             Example('docs/stages/self-check.md:16: unknown admonition type "checklsit": did you mean \'checklist\'?',
                     en='The admonition type is misspelt, so the items under it do not count as a checklist (you usually also get “task item outside a checklist”). Correct it to `checklist`.',
                     zh='提示框类型拼错了，于是它下面的条目都不算清单（通常还会同时报“task item outside a checklist”）。改成 `checklist`。'),
         ]),
    Rule(code=('parity',),
         title={"en": 'Rule 8: the Chinese and English pages match',
                "zh": '规则 8：中英文页面一一对应'},
         examples=[
             Example('docs/stages/self-check.md:1: missing en translation: expected docs/stages/self-check.en.md',
                     en='The twin page is missing. Create the file the message names (or, the other way round, `missing zh translation`: the Chinese original is missing).',
                     zh='缺少孪生页面。新建报错中给出的文件（也可能是反过来：`missing zh translation`，缺少中文原页面）。'),
             Example("docs/stages/self-check.en.md:2: stage is 'rectification' but docs/stages/self-check.md says 'self-check'",
                     en='The two languages declare different stages. The Chinese page is right; correct the other one.',
                     zh='两种语言的页面声明了不同的阶段。以中文页面为准改正。'),
             Example('docs/stages/self-check.en.md:12: checklist 1 "Check the overall finances" has items SC-02 SC-01 but docs/stages/self-check.md:12 has SC-01 SC-02 (same IDs, same order)',
                     en="The first checklist's IDs, or their order, differ from the Chinese page. Put the English items in the Chinese page's IDs and order.",
                     zh='第 1 个清单的编号或顺序与中文页面不一致。按中文页面的编号和顺序排列英文条目。'),
             Example('docs/stages/self-check.en.md:24: 4 checklists here but 3 in docs/stages/self-check.md',
                     en='The two pages hold different numbers of checklists. Add or remove checklists until they match one for one.',
                     zh='两个页面的清单数量不同。补上或删掉清单，使两边一一对应。'),
             Example('docs/stages/maintenance.en.md:40: checklist 9 "Keep some money in reserve" lacks MA-19: translate docs/stages/maintenance.md:42 and add it to this checklist in docs/stages/maintenance.en.md, in the same place',
                     en='The Chinese checklist has a step the English one lacks. Translate the Chinese line the message names and add it to the English file, at the same place.',
                     zh='中文清单有一步英文清单没有。翻译报错中指出的那一行中文，加到英文文件的同一位置。'),
             Example('docs/stages/maintenance.en.md:42: MA-19 is not in checklist 9 of docs/stages/maintenance.md:40: the Chinese page is the original, so add the step there first (or remove it here)',
                     en='The English checklist has a step the Chinese one lacks. Add it to the Chinese page first.',
                     zh='英文清单有一步中文清单没有。先把它加到中文页面上。'),
             Example("docs/stages/self-check.en.md:17: SC-07 is marked as the editors' step ({ .editors }) in docs/stages/self-check.md but not in docs/stages/self-check.en.md: mark it the same in both languages",
                     en="One language marks the step as the editors' and the other does not. Mark both, or neither.",
                     zh='一种语言把这一步标为编者补充，另一种没有。两边都标，或者都不标。'),
         ]),
    Rule(code=('published_ids',),
         title={"en": 'Rule 9: a published ID is never renumbered or reused',
                "zh": '规则 9：已发布的编号永不重新编排、永不复用'},
         examples=[
             Example("docs/stages/self-check.md:25: SC-04 is missing: it stood between SC-03 and SC-05 (docs/stages/self-check.md:23 in the published record); it is one of the article's steps, which stay as the article has them: put it back, in both languages, and say what changed in an editor's note attached to it (!!! note SC-04 \"编者注\")",
                     en="A step of the article is no longer on the site. The message names where it stood (in the pages as the record's last commit published them). The article's steps stay: put it back, and write what readers should know about it in an editor's note attached to it.",
                     zh='原文的一个步骤在网站上找不到了。报错给出它原来的位置（按记录最后一次提交时发布的页面）。原文的步骤必须保留：把它放回去，读者需要知道的情况写在附在它上面的编者注里。'),
             Example("docs/stages/self-check.md:28: SC-07 is missing: it stood after SC-06 (docs/stages/self-check.md:28 in the published record); readers' saved ticks are keyed by ID, so keep SC-07 for its step (a renumbered step takes its ID back); if the editors' step is really gone, run make retire ID=SC-07 (new steps take SC-08, the next free ID for self-check)",
                     en='An ID in `records/published.yml` is no longer on the site. If you renumbered the step, give it back its ID. If you deleted an editors\' step on purpose, run `make retire ID=SC-07` and commit the record.',
                     zh='`records/published.yml` 中的一个编号在网站上找不到了。如果是重新编号，把原编号改回来；如果是有意删除编者补充的步骤，运行 `make retire ID=SC-07` 并提交记录。'),
             Example("docs/stages/self-check.md:17: item ID SC-04 was retired and is never reused (readers' saved ticks are keyed by ID, and some may still hold it): use SC-07, the next free ID for self-check",
                     en="The ID belonged to a step that was removed; readers' browsers may still hold ticks for it. Use the ID the message names.",
                     zh='这个编号属于一个已删除的步骤，读者的浏览器里可能还保存着它的勾选。改用报错给出的编号。'),
         ]),
    Rule(code=('note_attachments',),
         title={"en": "Rule 10: editor's notes attached to items",
                "zh": '规则 10：附在条目上的编者注'},
         examples=[
             Example('docs/stages/rectification.md:16: note is attached to SC-01, which is not an item on this page (items here: RE-01 RE-02 RE-03 RE-04 RE-05 RE-06)',
                     en='The note names an ID that is not on this page (a typo, or the item is on another page). Use an ID of this page; a note belongs on the page of the item it is about.',
                     zh='编者注附上的编号不在这个页面上（写错了，或者条目在另一个页面）。改成本页条目的编号；编者注应当放在它所针对的条目所在的页面上。'),
             Example('docs/stages/rectification.md:16: "RE-2" is not an item ID: attach a note with the IDs between the type and the title, like !!! note SC-06 "编者注" ("!!! warning RE-2 "编者注：风险提示"")',
                     en="A word between the type and the title is not a well-formed ID. Write an ID such as `RE-02`; apart from Material's `inline` and `end`, nothing else goes there.",
                     zh='类型和标题之间的词不是格式正确的编号。写成 `RE-02` 这样的编号；除了 Material 的 `inline`、`end`，那里不能写别的词。'),
             Example('docs/stages/rectification.en.md:16: attached note 1 is attached to RE-01 but its twin at docs/stages/rectification.md:16 is attached to RE-02 (same items, same order)',
                     en="The English page's first attached note names other IDs than the Chinese page's. The Chinese page is right; correct the other one.",
                     zh='英文页面第 1 条附在条目上的编者注，附上的编号与中文页面不同。以中文页面为准改正。'),
             Example('docs/stages/rectification.md:16: 0 notes attached to items in docs/stages/rectification.en.md but 1 in docs/stages/rectification.md: attach the same notes in both languages ("!!! warning RE-02 "编者注：风险提示"")',
                     en='One language attaches a note to items and the other does not. Write the same IDs on the matching note of the other language.',
                     zh='一种语言的编者注附在了条目上，另一种语言没有。在另一种语言的对应编者注上写同样的编号。'),
             Example('docs/stages/self-check.md:12: only editor\'s notes are attached to items, not checklists: remove "SC-01" ("!!! checklist SC-01 "Check the finances"")',
                     message_zh='docs/stages/self-check.md:12: only editor\'s notes are attached to items, not checklists: remove "SC-01" ("!!! checklist SC-01 "全面检查财务状况"")',
                     en='A checklist itself cannot be attached to items. Remove the ID between the type and the title.',
                     zh='清单本身不能附在条目上。删掉类型和标题之间的编号。'),
         ]),
]
