"""The Chinese pages keep the source article word for word (issue #9, §1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from guide.fidelity import article_units, check_fidelity, is_sentence

ARTICLE = ROOT / "provenance" / "source-article.zh.txt"
# The maintainers' copy, at ../shared from the project's root (and from a worktree's parent folder).
SHARED = next((p for p in (ROOT.parent / "shared" / "source-article.zh.txt",
                           ROOT.parent.parent / "shared" / "source-article.zh.txt") if p.is_file()), ROOT / "missing")
FICTION = "(本文所有信息均为虚构,不涉及真实个人或机构。)"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A copy of the real docs/ with the provenance beside it, to alter one thing."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "provenance", tmp_path / "provenance")
    return tmp_path / "docs"


def problems(docs: Path) -> list[str]:
    root = docs.parent
    return [str(p) for p in check_fidelity(docs, root / "provenance" / "source-article.zh.txt", root)]


def edit(page: Path, old: str, new: str, count: int = 1) -> None:
    text = page.read_text(encoding="utf-8")
    assert text.count(old) == count, (page, old)
    page.write_text(text.replace(old, new), encoding="utf-8")


def line_of(page: str, text: str) -> int:
    """The line of the real docs page that holds ``text`` (editorial additions above it move it)."""
    lines = (ROOT / "docs" / page).read_text(encoding="utf-8").splitlines()
    [number] = [n for n, line in enumerate(lines, start=1) if text in line]
    return number


def test_the_article_is_kept_through_its_fiction_statement_and_no_further():
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 223 and lines[-1] == FICTION
    assert lines[0] == "借呗账户被关闭后如何重新开通:企业融资视角下的策略与解决方案"
    assert not any("法律责任告知" in line for line in lines)


@pytest.mark.skipif(not SHARED.is_file(), reason="the maintainers' copy is not next to the checkout")
def test_the_kept_article_is_the_maintainers_copy():
    shared = SHARED.read_text(encoding="utf-8").splitlines()
    assert ARTICLE.read_text(encoding="utf-8").splitlines() == shared[:223]


def test_the_article_is_read_as_its_sentences_and_headings():
    found = article_units(ARTICLE)
    sentences = [unit for _, unit in found if is_sentence(unit)]
    assert (185, "通过资本公积转增股本等方式降低财务杠杆。") in found
    assert (47, "直接经济损失:") in found and (47, "无法继续使用借呗额度获取运营资金,影响现金流状况。") in found
    assert FICTION in sentences and len(sentences) == 73
    assert not any("图1" in unit or unit.startswith("作者") for _, unit in found)


def test_every_sentence_of_the_article_is_in_the_chinese_pages_once():
    assert problems(ROOT / "docs") == []


def test_a_one_character_change_names_the_page_and_line(docs):
    edit(docs / "stages/maintenance.md", "预留一部分应急资金", "预留一部份应急资金")
    assert problems(docs) == [
        f"docs/stages/maintenance.md:{line_of('stages/maintenance.md', '预留一部分应急资金')}: "
        "this line should hold the article's sentence word for word "
        "(provenance/source-article.zh.txt:157): “预留一部分应急资金,用于应对突发性资金需求。”; "
        "it reads “预留一部份应急资金,用于应对突发性资金需求。”"]


def test_tidied_punctuation_is_a_change(docs):
    edit(docs / "stages/self-check.md", "详细使用记录,包括", "详细使用记录，包括")
    assert problems(docs)[0].startswith(f"docs/stages/self-check.md:{line_of('stages/self-check.md', '详细使用记录')}: this line should hold the article's sentence")


def test_a_changed_heading_is_reported(docs):
    edit(docs / "case-study.md", "## 问题诊断", "## 问题的诊断")
    assert problems(docs) == [
        f"docs/case-study.md:{line_of('case-study.md', '## 问题诊断')}: this line should hold the article's heading word for word "
        "(provenance/source-article.zh.txt:193): “问题诊断”; it reads “问题的诊断”"]


def test_a_sentence_given_twice_is_reported(docs):
    (docs / "about.md").write_text((docs / "about.md").read_text(encoding="utf-8")
                                   + "\n对于未使用的额度,可考虑暂时性退出,降低被监控风险。\n", encoding="utf-8")
    [problem] = problems(docs)
    assert problem.startswith(f"docs/stages/rectification.md:{line_of('stages/rectification.md', '暂时性退出')}: "
                              "this sentence of the article "
                              "(provenance/source-article.zh.txt:89) already appears at docs/about.md:")


def test_quoting_the_article_in_a_blockquote_or_a_note_is_not_a_second_copy(docs):
    page = docs / "about.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n> 对于未使用的额度,可考虑暂时性退出,降低被监控风险。\n"
                    + '\n!!! note "编者注"\n    对于未使用的额度,可考虑暂时性退出,降低被监控风险。\n', encoding="utf-8")
    assert problems(docs) == []


def test_an_insertion_without_its_footnote(docs):
    edit(docs / "causes.md", "转账等高风险操作。[^gap]", "转账等高风险操作。")
    assert f"docs/causes.md:{line_of('causes.md', '转账等高风险操作。[^gap]')}: an editors' insertion (^^…^^) needs a footnote on its line that quotes the " \
           "original sentence: “账户发生频繁、转账等高风险操作。”" in problems(docs)


def test_a_footnote_that_misquotes_the_original(docs):
    edit(docs / "stages/maintenance.md", "原文此句为“包括经营状况、等关键信息。”", "原文此句为“包括经营状况等关键信息。”")
    assert problems(docs) == [
        f"docs/stages/maintenance.md:{line_of('stages/maintenance.md', '^^联系方式^^')}: an editors' insertion (^^…^^) needs a footnote on its line that "
        "quotes the original sentence: “包括经营状况、等关键信息。”"]


def test_an_insertion_is_not_a_way_to_change_the_article(docs):
    """Wrapping an article word in ^^…^^ takes it out, so the sentence no longer matches."""
    edit(docs / "stages/maintenance.md", "避免盲目扩张导致", "避免^^盲目^^扩张导致")
    assert any(p.startswith(f"docs/stages/maintenance.md:{line_of('stages/maintenance.md', '避免盲目扩张导致')}: this line should hold") for p in problems(docs))


def test_a_sentence_kept_only_in_a_comment_is_not_on_the_page(docs):
    edit(docs / "stages/maintenance.md", "预留一部分应急资金,用于应对突发性资金需求。",
         "预留应急资金。<!-- 预留一部分应急资金,用于应对突发性资金需求。 -->")
    assert problems(docs)[0].startswith(
        f"docs/stages/maintenance.md:{line_of('stages/maintenance.md', '预留一部分应急资金')}: this line should hold the article's sentence")


def test_a_sentence_kept_only_in_a_multi_line_comment_is_not_on_the_page(docs):
    edit(docs / "stages/maintenance.md", "预留一部分应急资金,用于应对突发性资金需求。",
         "预留应急资金。\n\n<!--\n预留一部分应急资金,用于应对突发性资金需求。\n-->\n")
    assert any("this line should hold the article's sentence" in p for p in problems(docs))
