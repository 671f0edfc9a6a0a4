"""The editors' cautions that travel with the reader (issue #20, §5): one home per language,
docs/includes/cautions.md and its translation, read by sources.load_cautions for the worksheet
and every download. A contributor who breaks their shape gets a path:line message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from guide.model import LANGUAGES
from guide.sources import load_cautions

DOCS = ROOT / "docs"
# A service number as China writes them (5 digits, or 110), not a year, a date or an amount.
PHONE = re.compile(r"(?<![\d,.\-])(?:9\d{4}|1[2-9]\d{3}|110)(?![\d\-]|[,.]\d)")


def write(docs: Path, lang: str, text: str) -> None:
    name = "cautions.md" if lang == "zh" else f"cautions.{lang}.md"
    (docs / "includes").mkdir(exist_ok=True)
    (docs / "includes" / name).write_text(text, encoding="utf-8")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    write(docs, "zh", '!!! warning "编者注：提醒"\n    - 第一条。\n    - 第二条 **95188**。\n')
    write(docs, "en", '!!! warning "Editors\' note: cautions"\n    - First.\n    - Second, 95188.\n')
    return docs


def test_each_language_has_one_titled_note_with_one_caution_per_list_line(docs):
    found, problems = load_cautions(docs)
    assert problems == []
    assert (found["zh"].title, found["zh"].lines) == ("编者注：提醒", ("第一条。", "第二条 **95188**。"))
    assert found["en"].lines == ("First.", "Second, 95188.")
    assert found["en"].markdown == (docs / "includes/cautions.en.md").read_text(encoding="utf-8")


def test_a_missing_translation_is_named(docs):
    (docs / "includes/cautions.en.md").unlink()
    found, problems = load_cautions(docs)
    assert set(found) == {"zh"}
    assert [str(problem) for problem in problems] == [
        "docs/includes/cautions.en.md: missing: the editors' cautions every download and the worksheet carry, "
        "in this language (see docs/includes/cautions.md)"]


@pytest.mark.parametrize("text, message", [
    ("- 没有提示框。\n", "docs/includes/cautions.md:1: the cautions are one editor's note with a title "
                         "(!!! warning \"…\"); found 0"),
    ('!!! warning "甲"\n    - 一。\n\n!!! warning "乙"\n    - 二。\n',
     "docs/includes/cautions.md:1: the cautions are one editor's note with a title (!!! warning \"…\"); found 2"),
    ('\n!!! warning "编者注"\n    - 一。\n\n    另起一段。\n',
     'docs/includes/cautions.md:2: the cautions\' note holds a list and nothing else, one caution per line ("- …")'),
    ('!!! warning "编者注"\n    只有一段。\n',
     'docs/includes/cautions.md:1: the cautions\' note holds a list and nothing else, one caution per line ("- …")'),
])
def test_a_malformed_cautions_file_is_reported_at_its_line(docs, text, message):
    write(docs, "zh", text)
    found, problems = load_cautions(docs)
    assert "zh" not in found and [str(problem) for problem in problems] == [message]


# The guide's own cautions

def test_the_guides_cautions_exist_in_every_language_marked_as_the_editors():
    found, problems = load_cautions(DOCS, ROOT)
    assert problems == [] and set(found) == set(LANGUAGES)
    assert found["zh"].title.startswith("编者注") and found["en"].title.startswith("Editors' note")
    assert len(found["zh"].lines) == len(found["en"].lines)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_cautions_carry_every_official_number_of_the_scam_warning(lang):
    """Derived from the page-level warning (docs/includes/red-flag*.md), so a number added or
    changed there and not here fails."""
    suffix = "" if lang == "zh" else f".{lang}"
    warning = (DOCS / f"includes/red-flag{suffix}.md").read_text(encoding="utf-8")
    cautions = " ".join(load_cautions(DOCS, ROOT)[0][lang].lines)
    numbers = set(PHONE.findall(warning))
    assert {"95188", "12378", "96110"} <= numbers
    assert set(PHONE.findall(cautions)) == numbers


@pytest.mark.parametrize("lang, words", [("zh", ("不能保证复通", "诈骗", "不构成金融或法律建议")),
                                         ("en", ("does not guarantee a reopening", "scam", "not financial or legal advice"))])
def test_the_cautions_say_there_is_no_guarantee_and_warn_of_scams(lang, words):
    text = " ".join(load_cautions(DOCS, ROOT)[0][lang].lines)
    assert all(word in text for word in words), words
