"""The facts the editors add are current, dated and marked (issue #20, §1).

Each fact the last review found wrong has its wrong wording listed here: none of it may come
back anywhere in docs/ (pages, snippets, tooltips, glossary), in either language. Each new
fact says when it was true ("截至 2026 年 12 月" / "as of December 2026") in the same editors'
note, glossary entry or paragraph of a wholly editorial page, and never in the article's voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from guide.fidelity import article_text, article_units, is_sentence
from guide.model import language_of
from guide.parse import ADMONITION
from guide.record import EDITORS_NOTE

DOCS = ROOT / "docs"
ARTICLE = ROOT / "provenance" / "source-article.zh.txt"
AS_OF = {"zh": "截至 2026 年 12 月", "en": "as of December 2026"}


@dataclass(frozen=True)
class Fact:
    name: str
    wrong: tuple[str, ...]  # regular expressions: the wording that was wrong
    dated: tuple[str, ...] = ()  # regular expressions: the new fact, which needs its "as of" date


FACTS = [
    Fact("lender of record: approved to open in June 2021, lending moved gradually, named in the agreement",
         wrong=(r"自 2021 年 6 月起(?:由|发放)", r"现由持牌的重庆蚂蚁", r"借呗的放贷机构是重庆蚂蚁",
                r"(?:made|lent|issued)[^.]{0,40}since June 2021", r"are now made by Chongqing Ant",
                r"Jiebei's lender is Chongqing"),
         dated=(r"2021 年 6 月获批开业", r"approved to open in June 2021")),
    Fact("信用贷: loans provided independently by banks and other institutions",
         wrong=(r"合作银行出资", r"出资银行", r"partner banks?", r"bank-funded", r"lending bank named"),
         dated=(r"2021 年 11 月", r"November 2021")),
    Fact("a closure is not an overdue record; reporting to the Credit Reference Center is hedged",
         wrong=(r"持牌放贷机构会向", r"被其他银行和金融机构看到", r"Licensed lenders report their loans",
                r"will see it")),
    Fact("the one-time credit repair: past tense, closed, free, automatic",
         wrong=(r"真实的逾期记录不能提前删除", r"deleted early(?! for a fee)", r"A true adverse record cannot be erased"),
         dated=(r"一次性信用修复", r"one-time credit repair")),
    Fact("LPR: the loan prime rate banks quote monthly, not the old benchmark rate",
         wrong=(r"中国的贷款基准利率", r"China's benchmark lending rate", r"benchmark lending rate \(Loan Prime Rate\)")),
    Fact("蚂蚁金服 was the name before the 2020 renaming",
         wrong=(r"2020 年前称", r"until 2020", r"before 2020")),
]
# Where the guide says a true record cannot be removed, it names the one exception.
TRUE_RECORD = {"zh": re.compile(r"真实的(?:不良|逾期)?记录"), "en": re.compile(r"\btrue (?:adverse )?record")}
EXCEPTION = {"zh": "一次性信用修复", "en": "one-time credit repair"}
CLOSED = {"zh": "已经结束", "en": re.compile(r"\b(?:has|have|had) closed\b|\ban exception that has closed\b")}


def docs_files() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def lang_of(path: Path) -> str:
    return language_of(path.relative_to(DOCS).as_posix())[0]


def blocks(text: str) -> list[tuple[int, int, str | None]]:
    """(first line, last line, title) of each admonition: its line and the indented lines under it."""
    lines = text.splitlines()
    found = []
    number = 0
    while number < len(lines):
        match = ADMONITION.match(lines[number])
        if match:
            indent = len(lines[number]) - len(lines[number].lstrip())
            end = number
            for later in range(number + 1, len(lines)):
                line = lines[later]
                if line.strip() and len(line) - len(line.lstrip()) <= indent:
                    break
                if line.strip():
                    end = later
            title = re.search(r'"([^"]*)"', lines[number])
            found.append((number + 1, end + 1, title[1] if title else None))
            number = end
        number += 1
    return found


ARTICLE_SENTENCES = [unit for _, unit in article_units(ARTICLE) if is_sentence(unit)]


def holds_article_text(path: Path) -> bool:
    """Whether the page (or, for an English page, its Chinese twin) holds sentences of the article
    outside the editors' places (a blockquote quoting the article does not count)."""
    chinese = path.with_name(path.name.replace(".en.md", ".md"))
    text = chinese.read_text(encoding="utf-8") if chinese.exists() else ""
    own = "\n".join(clean for _, _, clean in article_text(text))
    return any(sentence in own for sentence in ARTICLE_SENTENCES)


def wrong_wording(fact: Fact, root: Path = DOCS) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for pattern in fact.wrong:
                if re.search(pattern, line):
                    found.append(f"{path.relative_to(root.parent).as_posix()}:{number}: {fact.name}: "
                                 f"the old wording {pattern!r} is back")
    return found


def said(lang: str, text: str) -> bool:
    return AS_OF[lang] in text if lang == "zh" else AS_OF[lang].casefold() in text.casefold()


def undated(fact: Fact, path: Path, docs: Path = DOCS) -> list[str]:
    """Each line stating the fact: in an editors' note that gives the date, or, on a page wholly
    the editors' (the glossary, the questions), in a paragraph that gives it."""
    lang = language_of(path.relative_to(docs).as_posix())[0]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    notes = blocks(text)
    found = []
    for number, line in enumerate(lines, start=1):
        if not any(re.search(pattern, line) for pattern in fact.dated):
            continue
        where = f"{path.relative_to(docs.parent).as_posix()}:{number}: {fact.name}"
        note = next((b for b in notes if b[0] <= number <= b[1]), None)
        if note:
            first, last, title = note
            if not (title or "").startswith(EDITORS_NOTE[lang]):
                found.append(f"{where}: in a box not titled {EDITORS_NOTE[lang]!r}")
            elif not said(lang, "\n".join(lines[first - 1:last])):
                found.append(f"{where}: the note does not say {AS_OF[lang]!r}")
        elif holds_article_text(path):
            found.append(f"{where}: in the article's text, outside an editors' note")
        elif not said(lang, line):
            found.append(f"{where}: the paragraph does not say {AS_OF[lang]!r}")
    return found


@pytest.mark.parametrize("fact", FACTS, ids=[f.name.split(":")[0] for f in FACTS])
def test_the_old_wrong_wording_does_not_come_back(fact):
    assert wrong_wording(fact) == []


def test_the_wrong_wording_is_found_where_it_is(tmp_path):
    page = tmp_path / "docs" / "causes.en.md"
    page.parent.mkdir()
    page.write_text("# Causes\n\nLoans funded by partner banks, where other banks will see it.\n", encoding="utf-8")
    assert [problem.split(": ")[0] for fact in FACTS for problem in wrong_wording(fact, page.parent)] == [
        "docs/causes.en.md:3", "docs/causes.en.md:3"]


@pytest.mark.parametrize("fact", [f for f in FACTS if f.dated], ids=[f.name.split(":")[0] for f in FACTS if f.dated])
def test_every_new_fact_is_dated_and_in_the_editors_words(fact):
    stated = [path for path in docs_files() if "abbreviations" not in path.name  # tooltips: the glossary's words
              and any(re.search(p, path.read_text(encoding="utf-8")) for p in fact.dated)]
    assert {lang_of(path) for path in stated} == {"zh", "en"}, fact.name
    assert [problem for path in stated for problem in undated(fact, path)] == []


def test_a_fact_in_the_articles_voice_or_without_its_date_is_reported(tmp_path):
    fact = FACTS[0]
    page = tmp_path / "docs" / "stages" / "x.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "# x\n\n!!! note \"编者注\"\n    重庆蚂蚁消费金融有限公司 2021 年 6 月获批开业。\n\n"
        "!!! note \"提示\"\n    2021 年 6 月获批开业（截至 2026 年 12 月）。\n", encoding="utf-8")
    problems = undated(fact, page, tmp_path / "docs")
    assert [p.split(": ", 1)[0] for p in problems] == ["docs/stages/x.md:4", "docs/stages/x.md:7"]
    assert [p.rsplit(": ", 1)[-1] for p in problems] == [
        "the note does not say '截至 2026 年 12 月'", "in a box not titled '编者注'"]


def test_where_a_true_record_cannot_be_removed_the_closed_exception_is_named():
    problems = []
    for path in docs_files():
        lang = lang_of(path)
        text = path.read_text(encoding="utf-8")
        if TRUE_RECORD[lang].search(text) and EXCEPTION[lang] not in text:
            problems.append(f"{shown(path)}: says a true record cannot be removed, without the {EXCEPTION[lang]}")
        for number, line in enumerate(text.splitlines(), start=1):
            if EXCEPTION[lang] in line:
                closed = CLOSED[lang]
                if not (closed.search(line) if isinstance(closed, re.Pattern) else closed in line):
                    problems.append(f"{shown(path)}:{number}: the {EXCEPTION[lang]} is not said to have closed")
    assert problems == []


def lpr_definitions(lang: str) -> list[str]:
    """The glossary's LPR entry and the LPR tooltip, where there is one."""
    suffix = "" if lang == "zh" else ".en"
    glossary = (DOCS / f"glossary{suffix}.md").read_text(encoding="utf-8").splitlines()
    entry = [definition for term, definition in zip(glossary, glossary[1:])
             if "LPR" in term and not term.startswith(":") and definition.startswith(":")]
    tooltip = [line for line in (DOCS / "includes" / f"abbreviations{suffix}.md").read_text(encoding="utf-8")
               .splitlines() if line.startswith("*[LPR]")]
    return entry + tooltip


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_lpr_entry_and_tooltip_do_not_call_it_a_benchmark_rate(lang):
    definitions = lpr_definitions(lang)
    assert len(definitions) == (1 if lang == "zh" else 2)
    for definition in definitions:
        first = re.split(r"。|\.(?=\s|$)", definition, maxsplit=1)[0]
        assert not re.search(r"基准利率|benchmark", first, re.I), first
        assert re.search(r"报价|quot", first) and re.search(r"每月|month", first), first


def test_closure_and_reporting_are_hedged():
    """Every sentence about reporting to the Credit Reference Center says it *may* happen."""
    reported = {"zh": re.compile(r"报送[^。]*征信中心"), "en": re.compile(r"reported[^.]*Credit Reference Center")}
    hedge = {"zh": re.compile(r"可能"), "en": re.compile(r"\bmay\b")}
    problems = []
    for path in docs_files():
        lang = lang_of(path)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            sentences = re.split(r"(?<=。)" if lang == "zh" else r"(?<=\.)\s", line)
            problems += [f"{shown(path)}:{number}: {s.strip()[:80]}" for s in sentences
                         if reported[lang].search(s) and not hedge[lang].search(s)]
    assert problems == []
