"""One English term per Chinese term (issue #9, §6): the terminology table in CONTRIBUTING
(zh and en) is the rule, and every page, tooltip and glossary entry in docs/ follows it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT
from guide.model import STAGES, language_of

DOCS = ROOT / "docs"
TABLES = {"en": (ROOT / "CONTRIBUTING.en.md", "### Terminology"), "zh": (ROOT / "CONTRIBUTING.md", "### 术语对照表")}
CODE = re.compile(r"`([^`]+)`")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
H1 = re.compile(r"^# (.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Term:
    chinese: tuple[str, ...]
    english: tuple[str, ...]
    never: tuple[str, ...]
    stage: int | None  # 1-4 for the stage names


def read_table(lang: str) -> list[Term]:
    path, heading = TABLES[lang]
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    end = next((i for i, line in enumerate(lines[start:]) if line.startswith("## ")), len(lines))
    rows = [line for line in lines[start:start + end] if line.startswith("| `")]  # the header row has no code
    terms = []
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        stage = re.search(r"(?:Stage |第 )(\d)", cells[3])
        terms.append(Term(tuple(CODE.findall(cells[0])), tuple(CODE.findall(cells[1])),
                          tuple(CODE.findall(cells[2])), int(stage.group(1)) if stage else None))
    return terms


TERMS = read_table("en")
STAGE_NAMES = {term.stage: (term.chinese[0], term.english[0]) for term in TERMS if term.stage}


def docs_files() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def is_chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def pattern(words: str) -> re.Pattern[str]:
    if is_chinese(words):
        return re.compile(re.escape(words))
    return re.compile(rf"(?<![A-Za-z]){re.escape(words)}(?![A-Za-z])", re.IGNORECASE)


def offenders(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for term in TERMS:
            for words in term.never:
                # A right term that contains the variant is no offence ("complaints hotline" in the full name).
                containing = [right for t in TERMS for right in t.chinese + t.english if words.lower() in right.lower()]
                text = line
                for right in containing:
                    text = pattern(right).sub("\x00", text)
                if pattern(words).search(text):
                    found.append(f"{path.relative_to(root).as_posix()}:{number}: “{words}” is not the guide's term: "
                                 f"for {' / '.join(term.chinese)} write {' / '.join(term.english)} "
                                 "(terminology table in CONTRIBUTING.en.md)")
    return found


def test_the_chinese_and_english_tables_are_the_same():
    assert read_table("zh") == TERMS
    assert len(TERMS) >= 15 and sorted(STAGE_NAMES) == [1, 2, 3, 4]


def test_no_page_tooltip_or_glossary_entry_uses_a_variant():
    assert [problem for path in docs_files() for problem in offenders(path)] == []


def test_a_variant_is_reported_with_its_place(tmp_path):
    page = tmp_path / "docs" / "causes.en.md"
    page.parent.mkdir()
    page.write_text("# Causes\n\nA company's abnormal transactions.\nCall the 12378 banking and insurance consumer "
                    "complaints hotline.\n", encoding="utf-8")
    problems = offenders(page, tmp_path)
    assert problems == [
        "docs/causes.en.md:3: “company's” is not the guide's term: for 企业 write business "
        "(terminology table in CONTRIBUTING.en.md)",
        "docs/causes.en.md:3: “abnormal” is not the guide's term: for 异常 write unusual "
        "(terminology table in CONTRIBUTING.en.md)",
    ]


def allowed_names(stage: int, lang: str) -> set[str]:
    chinese, english = STAGE_NAMES[stage]
    if lang == "zh":
        return {chinese, f"第 {stage} 阶段", f"第 {stage} 阶段 · {chinese}"}
    return {english, f"Stage {stage}", f"Stage {stage} · {english}"}


def stage_of_link(path: Path, target: str) -> int | None:
    """The stage a link points to (a whole page, not a section of it)."""
    if "#" in target or not target.endswith(".md"):
        return None
    resolved = (path.parent / target).resolve()
    if resolved.parent != (DOCS / "stages").resolve():
        return None
    stem = resolved.name.split(".")[0]
    return list(STAGES).index(stem) + 1 if stem in STAGES else None


def test_every_link_to_a_stage_page_uses_the_stage_name():
    wrong = []
    for path in docs_files():
        lang, _ = language_of(path.relative_to(DOCS).as_posix())
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for text, target in LINK.findall(line):
                stage = stage_of_link(path, target)
                if stage and text not in allowed_names(stage, lang):
                    wrong.append(f"{shown(path)}:{number}: link text “{text}” to stage {stage}: write one of "
                                 f"{' / '.join(sorted(allowed_names(stage, lang)))}")
    assert wrong == []


@pytest.mark.parametrize("stage", list(STAGES))
def test_stage_titles_use_the_stage_name_in_the_same_shape(stage):
    number = list(STAGES).index(stage) + 1
    zh = H1.search((DOCS / "stages" / f"{stage}.md").read_text(encoding="utf-8")).group(1)
    en = H1.search((DOCS / "stages" / f"{stage}.en.md").read_text(encoding="utf-8")).group(1)
    chinese, english = STAGE_NAMES[number]
    assert (zh, en) in {(chinese, english), (f"第 {number} 阶段 · {chinese}", f"Stage {number} · {english}")}
