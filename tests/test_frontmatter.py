"""Front matter (hooks/guide/frontmatter.py): found where MkDocs finds it, read with limits, held to a
schema, every problem at its key's line, before MkDocs reads any of it (issue #19, classes 1 and 6)."""

from __future__ import annotations

import re
import time

import pytest

from guide import frontmatter
from guide.pipeline import check

HOME = "---\ndescription: Home\n{extra}---\n# Home\n"


def problems(docs, extra: str, page: str = "index.en.md") -> list[str]:
    (docs / page).write_text(HOME.format(extra=extra), encoding="utf-8")
    return [str(problem) for problem in check(docs, docs.parent)[1]]


HOSTILE = {
    # what the front matter gets (after 'description: Home'), and the one message at line 3
    "a title that is a number": ("title: 5\n", "'title' must be text, not a number: quote it"),
    "markup in a title, by YAML escapes": (
        'title: "\\x3cmeta http-equiv=refresh\\x3e"\n',
        'the title must not contain " < or >: use “ ” or 「 」 ("<meta http-equiv=refresh>")'),
    "a control character in a title": (
        'title: "Home\\u202e"\n', 'the title must be one line of plain text, without control characters '
                                  '(as YAML reads its escapes): "Home\ufffd"'),
    "a line break in a title": ('title: "a\\nb"\n', 'the title must be one line of plain text, without control '
                                                    'characters (as YAML reads its escapes): "a\ufffdb"'),
    "a description that is a list": ("description: [a]\n", None),  # given twice: see below
    "hide as a number": ("hide: 3\n", "'hide' must be a list of navigation, toc, footer, path, tags, feedback; "
                                      "found 3"),
    "hide of an unknown part": ("hide: [everything]\n", "'hide' must be a list of navigation, toc, footer, path, "
                                                        "tags, feedback; found ['everything']"),
    "search as text": ('search: "x"\n', "'search' must hold 'exclude: true' or 'boost: <number>', not 'x'"),
    "an infinite search boost": ("search: {boost: .inf}\n", "'search: boost' must be a number from 0.1 to 10, "
                                                            "not inf"),
    "search boost not a number": ("search: {boost: high}\n", "'search: boost' must be a number from 0.1 to 10, "
                                                             "not 'high'"),
    "search exclude not true or false": ("search: {exclude: 1}\n", "'search: exclude' must be true or false, not 1"),
    "an unknown icon": ("icon: material/no-such-icon\n", "'icon' must name one of the theme's icons, such as "
                                                         "material/check, not 'material/no-such-icon'"),
    "an icon outside the icons": ("icon: ../../base\n", "'icon' must name one of the theme's icons, such as "
                                                        "material/check, not '../../base'"),
    "a template outside ours": ("template: ../../../etc/passwd\n", "'template' must name one of our templates in "
                                "overrides/ (none), not '../../../etc/passwd'"),
    "a worksheet that is not true": ("worksheet: maybe\n", "'worksheet' can only be true (or left out), not 'maybe'"),
    "an unknown key": ("author: x\n", "unknown front matter key 'author': use only title, description, stage, "
                                      "worksheet, search, hide, icon, template"),
    "a key that is a number": ("1: x\n", "front matter keys are words, not '1'"),
    "an alias bomb": ("a: &a [x, x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n",
                      "front matter cannot be read: anchors (&name) are not allowed in front matter"),
    "a list 300 deep": ("x: " + "[" * 300 + "]" * 300 + "\n",
                        "front matter cannot be read: values nested more than 4 levels deep are not allowed in "
                        "front matter"),
    "a tag": ("x: !!python/name:os.system a\n", "front matter cannot be read: tags "
                                                "(tag:yaml.org,2002:python/name:os.system) are not allowed in "
                                                "front matter"),
    "a date out of range": ("x: 2024-13-45\n", None),
}


@pytest.mark.parametrize("case", [case for case, (_, message) in HOSTILE.items() if message])
def test_each_hostile_front_matter_is_named_at_its_key_line(docs, case):
    extra, message = HOSTILE[case]
    assert problems(docs, extra) == [f"docs/index.en.md:3: {message}"]


def test_a_description_given_twice_is_named_once_at_its_second_line(docs):
    assert problems(docs, "description: [a]\n") == [
        "docs/index.en.md:3: 'description' is given twice in the front matter"]


def test_a_value_yaml_cannot_construct_is_a_message_not_a_traceback(docs):
    found = problems(docs, "x: 2024-13-45\n")
    assert found == ["docs/index.en.md:2: front matter cannot be read: a value that cannot be read "
                     "(month must be in 1..12) in front matter"]


def test_the_keys_our_pages_use_are_allowed(docs):
    assert problems(docs, "title: Home\nhide: [toc, navigation]\nsearch:\n  exclude: true\n  boost: 2\n"
                          "icon: material/check\n") == []


def test_a_template_of_ours_is_allowed(tmp_path, docs):
    (docs.parent / "overrides").mkdir()
    (docs.parent / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    assert problems(docs, "template: main.html\n") == []
    assert problems(docs, "template: base.html\n") == [
        "docs/index.en.md:3: 'template' must name one of our templates in overrides/ (main.html), not 'base.html'"]


def test_metadata_mkdocs_would_read_without_markers_is_refused(docs):
    (docs / "index.en.md").write_text("title: <script>\n\n# Home\n", encoding="utf-8")
    assert "docs/index.en.md:1: MkDocs reads 'key: value' lines at the top of a page as metadata: put front " \
           "matter between '---' lines, or start the page with a heading" in [str(p) for p in check(docs)[1]]


def test_oversized_front_matter_is_refused_unread(docs):
    found = problems(docs, "x: '" + "a" * frontmatter.MAX_CHARS + "'\n")
    assert found == [f"docs/index.en.md:2: front matter cannot be read: {frontmatter.MAX_CHARS + 23:,} characters: "
                     f"at most {frontmatter.MAX_CHARS:,} are allowed in front matter"]


def test_an_alias_bomb_fails_fast():
    levels = ["a0: &a0 [" + ", ".join(["x"] * 9) + "]"]
    levels += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)]
    started = time.perf_counter()
    front = frontmatter.load("---\n" + "\n".join(levels) + "\n---\n")
    assert time.perf_counter() - started < 0.5
    assert front.error == (2, "anchors (&name) are not allowed in front matter")


def test_crlf_front_matter_is_read_and_its_lines_counted():
    assert [str(p) for p in frontmatter.problems("---\r\ndescription: x\r\nfoo: 1\r\n---\r\n", "docs/x.md")] == [
        "docs/x.md:3: unknown front matter key 'foo': use only title, description, stage, worksheet, search, hide, "
        "icon, template"]


def test_the_front_matter_expressions_are_mkdocs_own():
    from mkdocs.utils import meta
    assert (frontmatter.YAML_RE.pattern, frontmatter.YAML_RE.flags) == (meta.YAML_RE.pattern, meta.YAML_RE.flags)
    assert frontmatter.META_RE.pattern == meta.META_RE.pattern


def test_hide_lists_what_the_theme_tests_for():
    from pathlib import Path
    templates = Path(frontmatter.theme_icons()).parent
    tested = set()
    for template in templates.rglob("*.html"):
        tested |= set(re.findall(r'"(\w+)" (?:not )?in page\.meta\.hide', template.read_text(encoding="utf-8")))
    assert tested == set(frontmatter.HIDE)
