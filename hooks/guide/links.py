"""Links between pages, checked in the source with a line number (the build checks them too,
but names no line, and the pre-commit hook does not build).

A link to ``x.md#anchor`` from an English page lands on the English twin (the i18n plugin
rewrites it), so its anchor is looked up among the twin's headings and items.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from pathlib import Path

from .model import LANGUAGES, Page, Problem, Rule, anchor, language_of
from .fences import code_lines, find_fences, without_code_spans

# Each expression here reads a long run of the same character once: a character class stops at the
# next opener, a link's text is matched by counting brackets (links_in), code spans are found by run.
BRACKET = re.compile(r"[\[\]]")
LINK_TARGET = re.compile(r"\((?P<target><[^<>\n]*>|[^()<>\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.+)$")
HEADING_ATTRS = re.compile(r"\{(?P<attrs>[^{}]*)\}[ \t]*$")
EXPLICIT_ID = re.compile(r"""(?:\{[^{}]*#(?P<attr>[\w-]+)[^{}]*\}|\bid=["'](?P<html>[^"']+)["'])""")
INLINE = ((re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)"), r"\1"), (re.compile(r"\*\*|__|\*|`|\^\^|=="), ""),
          (re.compile(r"<[^<>]*>"), ""))


def heading_text(line: str) -> str | None:
    """An ATX heading's text, without closing #s and a trailing { attribute list }."""
    heading = HEADING.match(line)
    if not heading:
        return None
    text = heading.group("text")
    attrs = HEADING_ATTRS.search(text)
    text = (text[:attrs.start()] if attrs else text).rstrip(" \t#")
    return text or None


def links_in(line: str):
    """Each inline link's target match: ``[text](target)`` (not an image), the text's brackets balanced."""
    opened: list[int] = []
    for bracket in BRACKET.finditer(line):
        if bracket.group() == "[":
            opened.append(bracket.start())
        elif opened:
            start = opened.pop()
            if not opened and not (start and line[start - 1] == "!"):
                target = LINK_TARGET.match(line, bracket.end())
                if target:
                    yield target


def slug(text: str) -> str:
    """A heading's anchor as the site makes it (toc with pymdownx.slugs.slugify(case="lower"))."""
    for pattern, replacement in INLINE:
        text = pattern.sub(replacement, text)
    text = unicodedata.normalize("NFC", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _lines(page: Page):
    """(line, text) of the page outside fenced code."""
    code = code_lines(find_fences([line for _, line in page.body]))
    for index, (number, line) in enumerate(page.body):
        if index not in code:
            yield number, line


def _without_code(line: str) -> str:
    """Inline code is no link and no id: each span becomes a space (so "[a]`b`(c)" does not join into a link)."""
    return without_code_spans(line, " ")


def anchors(page: Page) -> set[str]:
    found = {anchor(item.id) for item in page.items}
    seen: dict[str, int] = {}
    for _, line in _lines(page):
        text = heading_text(line)  # with its code: the site's anchor keeps the code's words
        if text:
            name = slug(text)
            if seen.get(name):  # toc makes repeated headings unique: x, x_1, x_2
                found.add(f"{name}_{seen[name]}")
            seen[name] = seen.get(name, 0) + 1
            found.add(name)
        found |= {m.group("attr") or m.group("html") for m in EXPLICIT_ID.finditer(_without_code(line))}
    return found


def check_links(pages: list[Page], docs_dir: Path) -> list[Problem]:
    """Every relative link to a file that is not there, or to an anchor its page does not have."""
    by_place = {(page.key, page.lang): page for page in pages}
    problems = []
    for page in pages:
        here = posixpath.dirname(page.src_uri)
        for number, line in _lines(page):
            for match in links_in(_without_code(line)):
                target = match.group("target").strip("<>")
                if re.match(r"^[a-zA-Z][\w+.-]*:|^//|^/", target):
                    continue  # another site, an e-mail address, or a site-absolute path (the build warns)
                path, _, fragment = target.partition("#")
                if path:
                    resolved = posixpath.normpath(posixpath.join(here, path))
                    if resolved.startswith("../") or not (docs_dir / resolved).exists():
                        problems.append(Problem(page.path, number, f"broken link: {target} is not a file in "
                                                f"{docs_dir.name}/ (from {page.src_uri})"))
                        continue
                    if not resolved.endswith(".md"):
                        continue
                    key = language_of(resolved)[1]
                else:
                    key = page.key
                target_page = by_place.get((key, page.lang)) or by_place.get((key, LANGUAGES[0]))
                if target_page is None or target_page.meta.get("worksheet"):
                    continue  # the worksheet's headings are written by the build
                if fragment and fragment not in anchors(target_page):
                    problems.append(Problem(page.path, number, f"broken link: {target_page.path} has no heading or "
                                            f"item with the anchor #{fragment} ({target})"))
    return problems


# What this module's rule means to a contributor, in both languages: the one home of its part of
# REFERENCE.md and REFERENCE.en.md (`make reference`; tests/test_reference.py keeps them up to date).
REFERENCE = [
    Rule(code=('check_links',),
         title={'en': 'Pages, links and front matter', 'zh': '页面、链接和前置元数据'},
         text={"en": '- Every page lives in `docs/`. Each Chinese page `x.md` has an English twin `x.en.md` (for example `docs/stages/self-check.md` and `docs/stages/self-check.en.md`). When you add, rename or delete a page, do it in both languages and update the `nav` in `mkdocs.yml` (the English names of navigation sections go under `nav_translations`; page titles come from each page\'s top-level heading). A stage page\'s heading starts with its number in both languages, `# 第 1 阶段 · …` and `# Stage 1 · …`; other pages have no number in either. A page\'s title in the browser (its heading, ` - `, the site name) must fit in 70 characters, so an English heading has at most 45 (`tests/test_editorial.py` checks both).\n- Link between pages with relative paths to the Chinese file name, such as `[glossary](../glossary.md)`. English pages link to `../glossary.md` too; the build points the link at the English page. A broken link or anchor fails the strict build, and `make check` (so also the pre-commit hook) reports it with its line: `docs/about.md:12: broken link: glosary.md is not a file in docs/ (from about.md)` or `docs/about.md:12: broken link: docs/glossary.md has no heading or item with the anchor #no-such-term (glossary.md#no-such-term)`.\n- Every page needs front matter with a `description:`. It becomes the text of search results and of `<meta name="description">`:\n  - It must not contain `"`, `<` or `>` (the theme does not escape them): use “ ” or 「 」 instead.\n  - Quote the whole value if it contains `: ` (a colon followed by a space) or `#`, or YAML cannot read it.\n\n  ```markdown\n  ---\n  stage: self-check\n  description: "Stage 1: check your finances, analyse why the account was flagged as unusual and assess the impact on your Sesame Credit score."\n  ---\n  ```\n\n- `docs/includes/` holds snippets that several pages share. They are not pages: they hold no checklist or task item (the build refuses one: `docs/includes/x.md:3: checklists belong on a stage page, not in a snippet …`, since it could be neither checked as a page\'s own nor exported), but they too exist in both languages: `red-flag.md` / `red-flag.en.md` (the scam warning, inserted with `--8<-- "includes/red-flag.md"`), `fiction-notice.md` / `fiction-notice.en.md` (which text on the page is the editors\', and the article\'s own statement that it is fiction: every stage page includes it, indented, inside its “about this page” editor\'s note), `abbreviations.md` / `abbreviations.en.md` (hover explanations of terms, appended to every page of that language at build time; each term gets one, at its first use in the page\'s body, never in a heading). Search uses jieba\'s default dictionary (hooks/guide/search.py).\n- The table in `docs/worksheet.md` is generated by the build from the stage pages\' checklists. Do not edit it by hand.',
               "zh": '- 所有页面都在 `docs/` 目录下。每个中文页面 `x.md` 都有一个英文孪生页面 `x.en.md`（例如 `docs/stages/self-check.md` 与 `docs/stages/self-check.en.md`）。新增、改名或删除页面时，两种语言必须一起改，并同步更新 `mkdocs.yml` 中的 `nav`（导航中分组标题的英文名写在 `nav_translations` 里，页面标题取自各页面的一级标题）。阶段页的一级标题在两种语言中都以阶段编号开头：`# 第 1 阶段 · …` 和 `# Stage 1 · …`；其他页面两种语言都不加编号。浏览器中的页面标题（一级标题、` - `、站点名称）不能超过 70 个字符，因此英文一级标题最多 45 个字符（这两点由 `tests/test_editorial.py` 检查）。\n- 页面之间的链接使用相对路径，并且指向中文文件名，例如 `[术语表](../glossary.md)`；英文页面也写 `../glossary.md`，构建时会自动指向英文版。链接或锚点失效会让严格构建失败，`make check`（因此 pre-commit 钩子也一样）会连同行号报出：`docs/about.md:12: broken link: glosary.md is not a file in docs/ (from about.md)` 或 `docs/about.md:12: broken link: docs/glossary.md has no heading or item with the anchor #no-such-term (glossary.md#no-such-term)`。\n- 每个页面都必须有带 `description:` 的前置元数据（front matter）。它会成为搜索结果和 `<meta name="description">` 中的文字：\n  - 不能包含 `"`、`<`、`>`（主题不会转义它们）：中文用 “ ” 或 「 」。\n  - 值中含有 `: `（冒号加空格）或 `#` 时，要给整个值加引号，否则 YAML 无法解析。\n\n  ```markdown\n  ---\n  stage: self-check\n  description: "Stage 1: check your finances, analyse why the account was flagged as unusual and assess the impact on your Sesame Credit score."\n  ---\n  ```\n\n- `docs/includes/` 中是被多个页面引用的片段，不是独立页面：其中不能有清单或任务项（构建会拒绝：`docs/includes/x.md:3: checklists belong on a stage page, not in a snippet …`，因为它既不会作为页面的清单受检查，也不会被导出），但同样要中英文各一份：`red-flag.md` / `red-flag.en.md`（防诈骗提示，用 `--8<-- "includes/red-flag.md"` 插入）、`fiction-notice.md` / `fiction-notice.en.md`（说明页面上哪些文字是编者写的，并转述原文“所有信息均为虚构”的声明；每个阶段页都在“关于本页”编者注里缩进引用它）、`abbreviations.md` / `abbreviations.en.md`（术语悬停解释，构建时自动附加到对应语言的每个页面；每个术语只在页面正文中第一次出现处加解释，标题中不加）。搜索使用 jieba 的默认词典（hooks/guide/search.py）。\n- `docs/worksheet.md` 中的表格由构建程序根据各阶段页面的清单自动生成，不要手工编辑。'}),
]
