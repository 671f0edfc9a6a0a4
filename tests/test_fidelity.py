"""The Chinese pages keep the source article word for word (issue #9, §1)."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from guide.cli import main
from guide.fidelity import article_units, check_fidelity, fidelity, is_sentence, line_now
from guide.pipeline import check
from guide.record import Record
from guide.sources import read_sources

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


# -- A small site: an article of six lines and one Chinese page, to see each rule alone. --

SMALL_ARTICLE = "借呗复通:一篇小文章\n\n准备工作\n先整理账目。再核对流水。\n案例:企业X\n企业按时还款。\n"
SMALL_PAGE = """---
title: 小文章
---

# 小文章

!!! checklist "准备工作"
    - [ ] SC-01 先整理账目。
    - [ ] SC-02 再核对流水。

## 案例:企业X

企业按时还款。[^1]

[^1]: 编者注:原文如此。
"""


def check_site(tmp_path: Path, pages: dict[str, str], article: str = SMALL_ARTICLE) -> list[str]:
    """The problems of a site made of ``pages`` (docs-relative name -> Markdown) and ``article``."""
    (tmp_path / "article.txt").write_text(article, encoding="utf-8")
    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    return [str(p) for p in check_fidelity(tmp_path / "docs", tmp_path / "article.txt", tmp_path)]


def test_a_small_site_keeps_its_article_without_the_title_line(tmp_path):
    """The article's first line is its title (the site has its own); English pages are not counted."""
    assert check_site(tmp_path, {"index.md": SMALL_PAGE, "index.en.md": "# Home\n\n企业按时还款。\n"}) == []


def test_a_heading_is_matched_whole(tmp_path):
    """“企业X” is the article's heading after its label “案例:”; “企业Y” is not it."""
    assert check_site(tmp_path, {"index.md": SMALL_PAGE.replace("企业X", "企业Y")}) == [
        "docs/index.md:11: this line should hold the article's heading word for word (article.txt:5): “企业X”; "
        "it reads “案例:企业Y”"]


def test_the_line_named_reads_as_the_page_shows_it(tmp_path):
    """A checklist's title without its marker; a sentence without its footnote reference."""
    page = SMALL_PAGE.replace('"准备工作"', '"准备材料"').replace("企业按时还款。[^1]", "企业按期还款。[^1]")
    assert check_site(tmp_path, {"index.md": page}) == [
        "docs/index.md:7: this line should hold the article's heading word for word (article.txt:3): “准备工作”; "
        "it reads “准备材料”",
        "docs/index.md:13: this line should hold the article's sentence word for word (article.txt:6): “企业按时还款。”; "
        "it reads “企业按期还款。”"]


def test_a_second_copy_is_named_with_the_first(tmp_path):
    assert check_site(tmp_path, {"index.md": SMALL_PAGE, "about.md": "# 关于\n\n企业按时还款。\n"}) == [
        "docs/index.md:13: this sentence of the article (article.txt:6) already appears at docs/about.md:3: "
        "the article's text appears once; quote it elsewhere in a blockquote, an editor's note or a footnote: "
        "“企业按时还款。”"]


EDITORS_PLACES = """
> 先整理账目。

!!! note "编者注"
    先整理账目。

    再核对流水。

<p class="editors">再核对流水。</p>

*[流水]: 编者释义:原文是“再核对流水。”

<!-- 先整理账目。 -->

<!--
企业按时还款。
-->

```text
先整理账目。
```

[^2]: 编者注:原文是
    先整理账目。
"""


def test_the_editors_places_may_quote_the_article(tmp_path):
    """Blockquotes, notes (every paragraph indented under them), raw HTML, abbreviations, comments,
    code and footnotes (with their indented lines) are the editors': quoting there is no second copy."""
    assert check_site(tmp_path, {"index.md": SMALL_PAGE + EDITORS_PLACES}) == []


def test_the_article_resumes_after_each_of_the_editors_places(tmp_path):
    """Under a note or a footnote, a line indented less than four columns is outside it (as the
    renderer shows it); text right after a comment or a code block is the article's again."""
    page = """---
title: 小文章
---

!!! note "编者注"
    注。

   准备工作

<!--
注。
-->
```text
注。
```
先整理账目。

<!-- 注 -->
再核对流水。

[^1]: 编者的脚注。

   案例:企业X

企业按时还款。
"""
    assert check_site(tmp_path, {"index.md": page}) == []


def test_a_sentence_gone_without_a_trace_is_named_at_the_first_words_of_article_text(tmp_path):
    """No line resembles it: the message still names a line of article text, never markup."""
    page = """<div markdown>

--8<-- "includes/notice.md"

*[借呗]: 编者释义

---

!!! checklist

</div>

# 准备工作
"""
    assert check_site(tmp_path, {"index.md": page}, article="标题\n准备工作\n先整理账目。\n") == [
        "docs/index.md:13: this line should hold the article's sentence word for word (article.txt:3): "
        "“先整理账目。”; it reads “准备工作”"]


def test_an_article_with_no_chinese_page_is_reported_at_its_lines(tmp_path):
    assert check_site(tmp_path, {"index.en.md": "# Home\n\n先整理账目。\n"}, article="标题\n准备工作\n先整理账目。\n") == [
        "article.txt:2: no Chinese page holds the article's heading: “准备工作”",
        "article.txt:3: no Chinese page holds the article's sentence: “先整理账目。”"]


REPAIR_ARTICLE = "标题\n企业按还款。\n"  # a word missing in the source


def test_a_repair_quoted_on_the_footnotes_next_line(tmp_path):
    page = "企业按^^时^^还款。[^fix]\n\n[^fix]: 原文此句为\n    “企业按还款。”\n"
    assert check_site(tmp_path, {"index.md": page}, article=REPAIR_ARTICLE) == []


def test_a_repair_whose_footnote_is_not_defined(tmp_path):
    page = "企业按^^时^^还款。[^fix]\n"
    assert check_site(tmp_path, {"index.md": page}, article=REPAIR_ARTICLE) == [
        "docs/index.md:1: an editors' insertion (^^…^^) needs a footnote on its line that quotes the "
        "original sentence: “企业按还款。”"]


# -- Where a missing sentence stood: the pages as published (records/published.yml's snapshot, from git). --

def check_published(tmp_path: Path, page: str, published: str, record: Record | None = None) -> list[str]:
    """The problems of a site whose one page is ``page``, published as ``published``."""
    (tmp_path / "article.txt").write_text(SMALL_ARTICLE, encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    record = record or Record()
    record.snapshot = lambda: {"index.md": published}
    return [str(p) for p in fidelity(read_sources(tmp_path / "docs", tmp_path), tmp_path / "article.txt", tmp_path,
                                     record)]


def test_a_deleted_step_is_told_where_it_stood_and_what_to_do_instead(tmp_path):
    page = SMALL_PAGE.replace("    - [ ] SC-01 先整理账目。\n", "")
    assert check_published(tmp_path, page, SMALL_PAGE) == [
        "docs/index.md:8: the article's sentence “先整理账目。” (article.txt:4) is missing: it stood here "
        "(docs/index.md:8 in the published record, in step SC-01); the article's text stays, word for word: put it "
        "back, and say what changed or what to do instead in an editor's note (!!! note SC-01 \"编者注\", attached "
        "to the step)"]


def test_a_deleted_sentence_of_prose_is_told_where_it_stood(tmp_path):
    page = SMALL_PAGE.replace("企业按时还款。[^1]\n", "")
    assert check_published(tmp_path, page, SMALL_PAGE) == [
        "docs/index.md:13: the article's sentence “企业按时还款。” (article.txt:6) is missing: it stood here "
        "(docs/index.md:13 in the published record); the article's text stays, word for word: put it back, and say "
        "what changed or what to do instead in an editor's note (!!! note \"编者注\")"]


def test_a_changed_sentence_is_named_at_its_own_line_not_the_most_similar_one(tmp_path):
    """Without the published pages the most similar line is named: here, the wrong one."""
    page = SMALL_PAGE.replace("SC-02 再核对流水。", "SC-02 再核对一遍。") + "\n再核对流水吗？\n"
    assert check_site(tmp_path, {"index.md": page})[0].startswith("docs/index.md:17: ")
    assert check_published(tmp_path, page, SMALL_PAGE) == [
        "docs/index.md:9: this line should hold the article's sentence word for word (article.txt:4): “再核对流水。”; "
        "it reads “再核对一遍。”"]


def test_a_step_that_left_with_its_published_id_is_told_once_by_the_id_rule(tmp_path):
    page = SMALL_PAGE.replace("    - [ ] SC-01 先整理账目。\n", "")
    assert check_published(tmp_path, page, SMALL_PAGE, Record(["SC-01", "SC-02"])) == []  # validate.published_ids
    assert check_published(tmp_path, page, SMALL_PAGE, Record(["SC-01", "SC-02"], ["SC-01"]))[0].startswith(
        "docs/index.md:8: the article's sentence “先整理账目。” (article.txt:4) is missing")  # retired: not told there


def test_a_line_is_followed_from_the_published_page_to_the_current_one():
    before = ["a", "b", "c", "d"]
    assert line_now(before, ["a", "b", "c", "d"], 3) == (3, True)
    assert line_now(before, ["new", "a", "b", "c", "d"], 3) == (4, True)
    assert line_now(before, ["a", "B", "c", "d"], 2) == (2, True)
    assert line_now(before, ["a", "c", "d"], 2) == (2, False)  # deleted: where the line after it stands
    assert line_now(before, ["a", "B"], 4) == (2, True)  # b c d became B: the last line of what replaced them
    assert line_now(before, ["a"], 4) == (2, False)


def test_the_check_before_a_pull_request_and_the_recording_include_the_article(docs, monkeypatch):
    """`make check` (pipeline.check) reports a changed sentence; `make translations` records nothing."""
    record = docs.parent / "records" / "published.yml"
    record.parent.mkdir()
    shutil.copyfile(ROOT / "records" / "published.yml", record)
    edit(docs / "stages/maintenance.md", "预留一部分应急资金", "预留一部份应急资金")
    expected = problems(docs)
    assert [str(p) for p in check(docs, docs.parent)[1]] == expected != []
    monkeypatch.chdir(docs.parent)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(["--record"]) == 1
    assert out.getvalue().splitlines() == expected
    assert err.getvalue() == "1 content problem found: fix them first; nothing was recorded\n"
    assert record.read_bytes() == (ROOT / "records" / "published.yml").read_bytes()
