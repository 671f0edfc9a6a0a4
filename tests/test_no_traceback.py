"""Property: whatever a contributor puts in a page's front matter or text, the pipeline (build,
`make check` and `make serve` alike) answers with located problems, never a traceback
(issue #19, class 6). `make quick` runs a few hundred derandomised examples through
pipeline.run; `make fuzz` (GUIDE_FUZZ=1) thousands of new ones; the slow tier builds the site
with hostile pages and checks MkDocs too stops with our messages, not its own traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from guide.model import Problem
from guide.pipeline import run

FUZZ = os.environ.get("GUIDE_FUZZ") == "1"
KEYS = ["title", "description", "stage", "worksheet", "search", "hide", "icon", "template", "boost", "exclude",
        "x", "1", "'a b'"]
SCALARS = st.one_of(
    st.sampled_from([".inf", "-.inf", ".nan", "~", "null", "yes", "no", "2024-13-45", "1e400", "0x1F", "&a x", "*a",
                     "!!python/name:os.system x", '"\\x3cscript\\x3e"', '"\\u202e"', "'<'", "[", "{", "|", ">-",
                     "self-check", "material/check", "main.html", "true", "- a", "? x", "%YAML 1.1", "[a, *b]"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20),
)


@st.composite
def yaml_value(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        return draw(SCALARS)
    inner = [draw(yaml_value(depth + 1)) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        return "[" + ", ".join(inner) + "]"
    return "{" + ", ".join(f"{draw(st.sampled_from(KEYS))}: {value}" for value in inner) + "}"


@st.composite
def front_matter(draw):
    lines = [f"{draw(st.sampled_from(KEYS))}:{draw(st.sampled_from([' ', '', '  ']))}{draw(yaml_value())}"
             for _ in range(draw(st.integers(0, 5)))]
    if draw(st.booleans()):
        lines.insert(0, "description: 首页")
    return "---\n" + "\n".join(lines) + "\n" + draw(st.sampled_from(["---", "...", "--- ", ""])) + "\n"


BODY = st.lists(st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)),
                         st.sampled_from(["`", "``", "<", "<a ", "<img ", "{", "[", "](", "![", "&", "\"", "'",
                                          "\n", "\n\n", "    ", "- [ ] ", "SC-01 ", "!!! checklist \"t\"\n",
                                          "--8<-- \"", "../", "includes/x.md\"\n", "---\n", "<!--", "-->",
                                          "{ .checklist-item data-item=SC-01 }", "\x00", "\r"])),
                max_size=60).map("".join)


@settings(max_examples=3_000 if FUZZ else 200, deadline=None, derandomize=not FUZZ, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(front=front_matter(), body=BODY)
def test_any_front_matter_and_text_give_located_problems_never_a_traceback(tmp_path_factory, front, body):
    docs = tmp_path_factory.mktemp("fuzz") / "docs"
    shutil.copytree(FIXTURES / "docs", docs)
    text = front + "# Home\n" + body
    (docs / "index.en.md").write_bytes(text.encode("utf-8", "surrogatepass"))
    lines = text.count("\n") + text.count("\r") + 2
    for problem in run(docs, docs.parent).problems:
        assert isinstance(problem, Problem)
        assert problem.path.startswith("docs/") and 0 <= problem.line <= lines + 12, problem
        assert problem.message and "\n" not in problem.message and "Traceback" not in problem.message


HOSTILE_PAGES = {
    # page: what the page becomes; each must stop the build with a located message, no traceback
    "about.md": "---\ntitle: 5\ndescription: x\n---\n# x\n",
    "about.en.md": "---\ndescription: x\nhide: 3\n---\n# x\n",
    "causes.md": "---\ndescription: x\nsearch: \"x\"\n---\n# x\n",
    "causes.en.md": "---\ndescription: x\nsearch: {boost: .inf}\n---\n# x\n",
    "glossary.md": "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n---\n# x\n",
    "glossary.en.md": "---\ndescription: " + "[" * 300 + "]" * 300 + "\n---\n# x\n",
    "case-study.md": "---\ndescription: x\ntemplate: ../../../etc/passwd\n---\n# x\n",
    "case-study.en.md": "---\ndescription: x\nicon: nope/x\n---\n# x\n\n--8<-- \"../../../etc/passwd\"\n",
}


@pytest.mark.slow
def test_the_build_stops_with_located_messages_on_every_hostile_input(tmp_path):
    from site_build import build, copy_project
    project = copy_project(tmp_path)
    for name, text in HOSTILE_PAGES.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    bad_name = os.fsdecode(b"docs/bad\xffname.md")
    (project / bad_name).write_text("---\ndescription: x\n---\n# x\n", encoding="utf-8")
    (project / "docs" / "index.md").write_bytes((ROOT / "docs" / "index.md").read_bytes() + b"\n\xff\xfe\n")
    result = build(project / "site", cwd=project, strict=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    for expected in ["docs/about.md:2: 'title' must be text, not a number: quote it",
                     "docs/about.en.md:3: 'hide' must be a list of",
                     "docs/causes.md:3: 'search' must hold",
                     "docs/causes.en.md:3: 'search: boost' must be a number from 0.1 to 10, not inf",
                     "docs/glossary.md:2: front matter cannot be read: anchors (&name) are not allowed",
                     "docs/glossary.en.md:2: front matter cannot be read: values nested more than 4 levels deep",
                     "docs/case-study.md:3: 'template' must name one of our templates",
                     "docs/case-study.en.md:3: 'icon' must name one of the theme's icons",
                     'docs/case-study.en.md:7: --8<-- takes in "../../../etc/passwd", which is not a file of docs/',
                     "docs/bad\\xffname.md: a file name that is not UTF-8: rename it",
                     "this line holds bytes that are not UTF-8: save the file as UTF-8"]:
        assert expected in output, expected
    assert not (project / "site" / "search").exists()
