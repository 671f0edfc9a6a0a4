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

from .model import CHECKLIST_TYPE, LANGUAGES, Example, Footnote, Problem, Rule, language_of
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


# What this module's rule means to a contributor, in both languages: the one home of its part of
# REFERENCE.md and REFERENCE.en.md (`make reference`; tests/test_reference.py keeps them up to date).
REFERENCE = [
    Rule(code=('check_fidelity',),
         title={'en': "The article, word for word, and editor's notes", 'zh': '原文逐字保留，以及编者注'},
         text={"en": 'Sentences from the source article must stay **word for word** in the Chinese text, including the article\'s own punctuation (such as its half-width commas). Do not rephrase them or tidy up the punctuation. Everything the editors add is kept apart from the article:\n\n- Editorial additions such as renamed institutions, scam warnings and risk cautions always go in a box, never into the article\'s sentences:\n\n  ```markdown\n  !!! note "编者注"\n      “蚂蚁金服”已于 2020 年更名为蚂蚁集团。\n\n  !!! warning "编者注：风险提示"\n      以贷养贷会让债务越滚越大……\n  ```\n\n  On the English page these are `!!! note "Editors\' note"` and `!!! warning "Editors\' note: risk warning"`.\n- On a stage page, every sentence the editors write goes in an editor\'s note, including the sentence that says which section of the article the page covers (the “Editors\' note: about this page” at the top of each stage page), so that readers can tell at a glance: outside boxes and footnotes (and apart from the stage number in the title), the text is the article\'s. The same holds on the English page, which adds nothing the Chinese page lacks and leaves nothing out.\n- **When an editor\'s note is about a particular checklist item, attach it to the item**: write the item\'s ID between the type and the title (several IDs are separated by spaces), and the same IDs on the other language\'s page:\n\n  ```markdown\n  !!! warning RE-02 "Editors\' note: risk warning"\n      Taking on new debt to repay old debt can make debts snowball…\n  ```\n\n  The page looks the same; but the note now travels with the item into the printable worksheet (a line under the item), `checklists.json` (the item\'s `editors_notes` field) and the CSVs (the `editors_notes` column), so a reader who leaves the page keeps the caution. The cautions that concern every step (no guarantee of reopening, scam red flags, the official numbers) are kept once, in `docs/includes/cautions.md` and `cautions.en.md` (one titled editors\' note holding a list, one caution per line): the worksheet shows them and every download carries them. The IDs must be items of the same page, and both languages must attach the same IDs (rule 10). A note that is not about a particular item has no IDs.\n- A fact the editors add (a name, a date, a rule, who lends) says when it was true, “as of December 2026” / “截至 2026 年 12 月”, in the same editors\' note, glossary entry or paragraph of a page wholly the editors\' (the glossary, the readers\' questions), never in the article\'s text. `tests/test_facts.py` holds each fact corrected so far: its old wording fails the test if it comes back, and a new fact without its date, or outside an editors\' note on a page that holds the article\'s text, is reported with its line. Every box is labelled `编者注` / `Editors\' note` (one home: `EDITORS_NOTE` in `hooks/guide/record.py`; `tests/test_editorial.py` checks every box).\n- Where the article has evidently lost a word, make the smallest possible repair: mark the inserted text with `^^inserted text^^` (shown underlined) and add a footnote that quotes the original sentence:\n\n  ```markdown\n  - Frequent ^^large^^ transfers and other high-risk activity on the account.[^gap]\n\n  [^gap]: Editorial repair: the original sentence reads “账户发生频繁、转账等高风险操作。” (literally “frequent, transfers and other high-risk operations on the account”), which is evidently missing a word after “frequent”. The editors inserted “large” (大额) after the comma (the underlined text is the insertion); the rest matches the original.\n  ```\n\n  The text follows the opening `^^` directly, with no space (`^^large^^`, not `^^ large^^`); otherwise the `^^` is shown as it is. A repair in a checklist item is marked in the exports too: the inserted words are bracketed in `text` (〔〕 in Chinese, [ ] in English) and listed in `inserted`; `original` gives the article\'s Chinese before the repair, the gap marked 〔…〕, in both languages (a translation of the unrepaired sentence would be the editors\' invention); the worksheet gives it under the item.',
               "zh": '中文正文中来自原文的句子必须**逐字保留**，包括原文的标点（比如原文中的半角逗号），不要“顺手”改写或统一标点。编者补充的一切内容都要和原文分开：\n\n- 机构更名、诈骗提醒、风险提示等编者补充，一律放进提示框，绝不写进原文的句子里：\n\n  ```markdown\n  !!! note "编者注"\n      “蚂蚁金服”已于 2020 年更名为蚂蚁集团。\n\n  !!! warning "编者注：风险提示"\n      以贷养贷会让债务越滚越大……\n  ```\n\n  英文页面对应写成 `!!! note "Editors\' note"` 和 `!!! warning "Editors\' note: risk warning"`。\n- 阶段页上，编者写的每一句话都放在编者注里，包括说明本页对应原文哪一节的引导句（每个阶段页开头的“编者注：关于本页”），这样读者一眼就能分清：提示框和脚注以外的文字（标题中的阶段编号除外）都是原文。英文页面同样如此，不多写也不少写中文页面没有的内容。\n- **编者注针对某个清单条目时，把它附在条目上**：在类型和标题之间写上条目的编号（可以写多个，用空格隔开），英文页面写同样的编号：\n\n  ```markdown\n  !!! warning RE-02 "编者注：风险提示"\n      借新债还旧债（以贷养贷）可能让债务越滚越多……\n  ```\n\n  页面显示不变；但这条编者注会跟着条目一起进入打印工作表（条目下方的一行）、`checklists.json`（条目的 `editors_notes` 字段）和 CSV（`editors_notes` 列），读者离开页面也不会丢掉这条提醒。与每个步骤都有关的提醒（不能保证复通、诈骗识别、官方电话）只写一处：`docs/includes/cautions.md` 和 `cautions.en.md`（一个带标题的编者注，里面是一个列表，每行一条）；工作表显示它们，每个下载文件都带着它们。附上的编号必须是同一页面上的条目，中英文页面附上的编号必须相同（见规则 10）。与具体条目无关的编者注不写编号。\n- 编者补充的事实（名称、日期、规则、由谁放贷）要写明截至何时，即“截至 2026 年 12 月” / “as of December 2026”，写在同一个编者注、术语条目，或整页都是编者文字的页面（术语表、读者问答）的同一段里，绝不写进原文的文字。`tests/test_facts.py` 记录了迄今更正过的每条事实：旧的错误说法一旦回来，测试就失败；新的事实缺少日期，或在含有原文的页面上写在编者注之外，都会连同行号报出。所有提示框的标签都是 `编者注` / `Editors\' note`（唯一出处：`hooks/guide/record.py` 的 `EDITORS_NOTE`；`tests/test_editorial.py` 逐个检查）。\n- 原文明显漏字时，只做最小的修补：插入的文字用 `^^插入的文字^^` 标出（显示为下划线），并加一个脚注，引用原句：\n\n  ```markdown\n  - 账户发生频繁、^^大额^^转账等高风险操作。[^gap]\n\n  [^gap]: 编者修补：原文此句为“账户发生频繁、转账等高风险操作。”，“频繁”之后明显漏了一个词。编者在顿号后补入“大额”（带下划线的文字为插入内容），其余文字与原文相同。\n  ```\n\n  `^^` 后面紧接文字，前面不留空格（写 `^^大额^^`，不写 `^^ 大额^^`），否则 `^^` 会原样显示出来。清单条目中的修补在导出文件中也有标记：补入的文字在 `text` 中加括号（中文用〔〕，英文用 [ ]），并列在 `inserted` 中；`original` 在两种语言中都给出修补前原文的中文，漏字处标为〔…〕（把未修补的句子译成英文，就成了编者编造的句子）；工作表在条目下方注明原文。'},
         examples=[
             Example("docs/stages/maintenance.md:38: this line should hold the article's sentence word for word (provenance/source-article.zh.txt:157): “预留一部分应急资金,用于应对突发性资金需求。”; it reads “预留一部份应急资金,用于应对突发性资金需求。”",
                     en="An article sentence was changed (here one character). Put the article's wording back exactly; say what you wanted to say in an editor's note. `make translations` records nothing while this stands.",
                     zh='原文的一句话被改动了（这里是一个字）。把原文逐字改回来；想补充的内容写进编者注。这个问题存在时，`make translations` 不会记录任何内容。'),
             Example("docs/stages/self-check.md:23: the article's sentence “对比同期其他信贷产品的使用情况,找出异常点。” (provenance/source-article.zh.txt:69) is missing: it stood here (docs/stages/self-check.md:23 in the published record, in step SC-04); the article's text stays, word for word: put it back, and say what changed or what to do instead in an editor's note (!!! note SC-04 \"编者注\", attached to the step)",
                     en="An article sentence was deleted. The message names where it stood in the pages as the record's last commit published them. Put it back; what readers should know instead goes in an editor's note (attached to the step, when it was one).",
                     zh='原文的一句话被删掉了。报错给出它在记录最后一次提交时发布的页面中的位置。把它放回去；读者需要知道的情况写在编者注里（如果它是一个步骤，就附在这个步骤上）。'),
         ]),
]
