"""The build's core pipeline (hooks/guide/pipeline.py): every source-level check over what was read
once, the content-security findings kept apart for the build to report at its end, and links between
pages checked only when asked (the build has MkDocs check them)."""

from __future__ import annotations

from guide.pipeline import check, run


def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_links_between_pages_are_checked_only_when_asked(docs):
    _append(docs / "index.md", "\n见[第五阶段](stages/fifth.md)。\n")
    assert run(docs).problems == []
    linked = run(docs, links=True).problems
    assert len(linked) == 1 and "stages/fifth.md" in linked[0].message
    assert check(docs, links=True)[1] == linked


def test_the_security_findings_are_kept_apart_and_among_the_problems(docs):
    _append(docs / "index.md", '\n<script src="x.js"></script>\n')
    checked = run(docs)
    line = len((docs / "index.md").read_text(encoding="utf-8").splitlines())
    assert [str(problem) for problem in checked.unsafe] == [
        f'docs/index.md:{line}: raw <script> is not allowed in content: "<script src="x.js"></script>"']
    assert checked.unsafe == [problem for problem in checked.problems if "script" in problem.message]
    assert check(docs) == (checked.pages, checked.problems)
