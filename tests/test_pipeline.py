"""The build's core pipeline (hooks/guide/pipeline.py): every source-level check over what was read
once, the content-security findings kept apart for the build to report at its end; links between
pages and the article's wording checked alike for `make check`, the build and the preview."""

from __future__ import annotations

from guide.pipeline import check, run


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_links_between_pages_are_checked_at_their_line(docs):
    """In the build too (so `make serve` shows a broken link in its banner): MkDocs' own warning names no line."""
    _append(docs / "index.md", "\n见[第五阶段](stages/fifth.md)。\n")
    line = len((docs / "index.md").read_text(encoding="utf-8").splitlines())
    assert [str(problem) for problem in run(docs).problems] == [
        f"docs/index.md:{line}: broken link: stages/fifth.md is not a file in docs/ (from index.md)"]
    assert check(docs)[1] == run(docs).problems


def test_the_articles_wording_is_checked_when_the_article_is_beside_docs(docs):
    _append(docs / "index.md", "\n企业按时还款。\n")
    assert run(docs).problems == []  # no provenance/: a small site keeps no article
    (docs.parent / "provenance").mkdir()
    (docs.parent / "provenance" / "source-article.zh.txt").write_text("标题\n企业按时还款。\n", encoding="utf-8")
    assert run(docs).problems == []
    _append(docs / "index.md", "企业按期还款。\n")
    (docs / "index.md").write_text((docs / "index.md").read_text(encoding="utf-8").replace("企业按时还款。\n", ""),
                                   encoding="utf-8")
    line = len((docs / "index.md").read_text(encoding="utf-8").splitlines())
    assert [str(problem) for problem in run(docs).problems] == [
        f"docs/index.md:{line}: this line should hold the article's sentence word for word "
        "(provenance/source-article.zh.txt:2): “企业按时还款。”; it reads “企业按期还款。”"]


def test_the_security_findings_are_kept_apart_and_among_the_problems(docs):
    _append(docs / "index.md", '\n<script src="x.js"></script>\n')
    checked = run(docs)
    line = len((docs / "index.md").read_text(encoding="utf-8").splitlines())
    assert [str(problem) for problem in checked.unsafe] == [
        f'docs/index.md:{line}: raw <script> is not allowed in content: "<script src="x.js"></script>"']
    assert checked.unsafe == [problem for problem in checked.problems if "script" in problem.message]
    assert check(docs) == (checked.pages, checked.problems)
