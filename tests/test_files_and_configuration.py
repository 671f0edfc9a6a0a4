"""What docs/ may hold (guide.files) and what mkdocs.yml may load (guide.configuration): checked
before MkDocs reads docs/ (the build's on_config) and by `make check` (pipeline.run), each with
its exact message and place. A link is never followed, so none of these reads its target."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from guide import pipeline
from guide.configuration import check_config
from guide.files import check_docs

ALLOW_KIND = ("not a kind of file docs/ may hold: Markdown (.md), images (.gif, .ico, .jpeg, .jpg, .png, .svg, .webp) "
              "and our own assets/guide.css and assets/guide.js (to publish another kind, allow it in "
              "hooks/guide/allowlist.py: DOC_SUFFIXES, IMAGE_SUFFIXES or DOC_FILES)")


def link_message(target: str) -> str:
    return (f"a symbolic link (to {target!r}): docs/ may hold only regular files and folders; "
            "put the file itself there")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real docs/ and mkdocs.yml, in a folder of its own."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copyfile(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def found(project: Path) -> list[str]:
    return [str(problem) for problem in check_docs(project / "docs", project)]


def test_the_real_docs_and_configuration_pass():
    assert check_docs(ROOT / "docs", ROOT) == []
    assert check_config(ROOT / "mkdocs.yml") == []


@pytest.mark.parametrize("name,target", [
    ("environ.md", "/proc/self/environ"),
    ("zero.png", "/dev/zero"),
    ("assets/system", "/etc"),  # a folder: never walked into
])
def test_symbolic_links_are_refused_and_never_followed(project, name, target):
    (project / "docs" / name).symlink_to(target)
    assert found(project) == [f"docs/{name}: {link_message(target)}"]


def test_a_hidden_link_is_refused_too(project):
    (project / "docs" / ".cache").symlink_to("/")
    assert found(project) == [f"docs/.cache: {link_message('/')}"]


@pytest.mark.parametrize("name", ["page.html", "assets/extra.js", "assets/other.css", "page.md~", "notes.txt"])
def test_files_of_unknown_kinds_are_refused(project, name):
    (project / "docs" / name).write_text("<script>localStorage.clear()</script>", encoding="utf-8")
    assert found(project) == [f"docs/{name}: {ALLOW_KIND}"]


def test_an_image_must_be_what_its_name_says(project):
    images = project / "docs" / "assets" / "images"
    images.mkdir(exist_ok=True)  # the site's own images may be there
    (images / "fake.png").write_text("<html><script>x()</script>", encoding="utf-8")
    (images / "real.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    assert found(project) == ["docs/assets/images/fake.png: not a PNG image, though named like one"]


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize("inside,message", [
    ("<script>localStorage.clear()</script>", "SVG element <script> is not allowed (only drawing elements: no script, "
                                              "foreignObject, links or animation)"),
    ('<rect onload="localStorage.clear()"/>', "SVG event attribute onload= is not allowed"),
    ('<use xlink:href="https://evil.example/a.svg#x"/>',
     "SVG reference href='https://evil.example/a.svg#x' outside the file is not allowed"),
    ('<rect style="fill: url(https://evil.example/t.gif)"/>',
     "SVG style= loads 'fill: url(https://evil.example/t.gif)': only url(#…) inside the file is allowed"),
    ("<foreignObject/>", "SVG element <foreignobject> is not allowed (only drawing elements: "
                                              "no script, foreignObject, links or animation)"),
])
def test_svg_files_are_checked_like_markup(project, inside, message):
    (project / "docs" / "picture.svg").write_text(SVG.format(inside), encoding="utf-8")
    assert found(project) == [f"docs/picture.svg: {message}"]


def test_an_svg_with_entities_is_refused(project):
    (project / "docs" / "picture.svg").write_text(
        '<!DOCTYPE svg [<!ENTITY s "&#60;script&#62;x()&#60;/script&#62;">]>' + SVG.format("&s;"), encoding="utf-8")
    assert found(project) == ["docs/picture.svg: an SVG with a DOCTYPE or entity declarations is not allowed "
                              "(entities can hide markup)"]


def test_a_drawing_svg_passes(project):
    (project / "docs" / "picture.svg").write_text(SVG.format('<path d="M0 0h4v4z" fill="url(#g)"/>'),
                                                  encoding="utf-8")
    assert found(project) == []


def test_a_name_that_is_not_utf8_is_refused(project):
    name = os.fsdecode(b"caf\xe9.md")
    (project / "docs" / name).write_text("# x\n", encoding="utf-8")
    assert found(project) == ["docs/caf\\xe9.md: a file name that is not UTF-8: rename it"]


def test_a_device_is_refused(project):
    os.mkfifo(project / "docs" / "pipe.md")
    assert found(project) == ["docs/pipe.md: not a regular file (a device, pipe or socket)"]


# ---- mkdocs.yml ----

ALLOWLIST = "hooks/guide/allowlist.py"


def configured(project: Path, old: str, new: str) -> list[str]:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [str(problem) for problem in check_config(path)]


def line_of(project: Path, needle: str) -> int:
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def test_an_extra_script_is_refused_at_its_line(project):
    problems = configured(project, "extra_css:", "extra_javascript:\n  - assets/guide.css\nextra_css:")
    line = line_of(project, "- assets/guide.css")
    assert problems == [f"mkdocs.yml:{line}: extra_javascript: \"assets/guide.css\" is not one the site may use "
                        f"(allowed: none); to allow it, add it to CONFIGURATION['extra_javascript'] in {ALLOWLIST}"]


def test_an_extra_script_as_a_mapping_is_refused(project):
    problems = configured(project, "extra_css:", "extra_javascript:\n  - path: x.js\n    type: module\nextra_css:")
    assert problems == [f"mkdocs.yml:{line_of(project, 'path: x.js')}: extra_javascript: \"x.js\" is not one the "
                        f"site may use (allowed: none); to allow it, add it to CONFIGURATION['extra_javascript'] "
                        f"in {ALLOWLIST}"]


def test_a_new_hook_is_refused(project):
    problems = configured(project, "  - hooks/mkdocs_guide.py", "  - hooks/mkdocs_guide.py\n  - docs/evil.py")
    assert problems == [f"mkdocs.yml:{line_of(project, 'docs/evil.py')}: hooks: \"docs/evil.py\" is not one the "
                        f"site may use (allowed: hooks/mkdocs_guide.py); to allow it, add it to "
                        f"CONFIGURATION['hooks'] in {ALLOWLIST}"]


def test_a_new_plugin_extension_stylesheet_or_theme_folder_is_refused(project):
    configured(project, "  - search:\n", "  - offline\n  - search:\n")
    configured(project, "  - abbr\n", "  - abbr\n  - pymdownx.emoji\n")
    configured(project, "  - assets/guide.css", "  - assets/guide.css\n  - https://cdn.example/x.css")
    problems = configured(project, "custom_dir: overrides", "custom_dir: docs")
    assert sorted(p.split(" is not one")[0] for p in problems) == sorted([
        f"mkdocs.yml:{line_of(project, 'custom_dir: docs')}: theme.custom_dir: \"docs\"",
        f"mkdocs.yml:{line_of(project, 'https://cdn.example/x.css')}: extra_css: \"https://cdn.example/x.css\"",
        f"mkdocs.yml:{line_of(project, '- offline')}: plugins: \"offline\"",
        f"mkdocs.yml:{line_of(project, 'pymdownx.emoji')}: markdown_extensions: \"pymdownx.emoji\"",
    ])


def test_a_python_tag_and_inherit_are_refused(project):
    configured(project, "copyright:", "extra:\n  x: !!python/object/apply:os.system [\"true\"]\ncopyright:")
    problems = configured(project, "docs_dir: docs", "INHERIT: other.yml\ndocs_dir: docs")
    assert problems == [
        f"mkdocs.yml:{line_of(project, 'os.system')}: YAML tag !!python/object/apply:os.system is not allowed: MkDocs "
        f"would run it while reading the file (to allow it, add it to YAML_TAGS in {ALLOWLIST})",
        f"mkdocs.yml:{line_of(project, 'INHERIT')}: INHERIT is not allowed: the site's configuration is this one "
        "file, checked against the allowlist",
    ]


def test_snippets_may_not_read_outside_docs(project):
    problems = configured(project, "base_path: [docs]", "base_path: [/]")
    assert problems == [f"mkdocs.yml:{line_of(project, '- pymdownx.snippets')}: pymdownx.snippets: base_path must "
                        f"be ['docs'], not ['/'] (it decides what the build may read; see PINNED_OPTIONS in "
                        f"{ALLOWLIST})"]


def test_make_check_reports_them_and_reads_nothing_else(project):
    """pipeline.run (make check and the build's on_pre_build) stops at these, before any page is read."""
    (project / "docs" / "zero.md").symlink_to("/dev/zero")
    configured(project, "  - hooks/mkdocs_guide.py", "  - hooks/mkdocs_guide.py\n  - docs/evil.py")
    checked = pipeline.run(project / "docs", project)
    assert [str(p) for p in checked.problems] == [
        f"docs/zero.md: {link_message('/dev/zero')}",
        f"mkdocs.yml:{line_of(project, 'docs/evil.py')}: hooks: \"docs/evil.py\" is not one the site may use "
        f"(allowed: hooks/mkdocs_guide.py); to allow it, add it to CONFIGURATION['hooks'] in {ALLOWLIST}",
    ]
    assert checked.pages == []


@pytest.mark.slow
def test_the_build_stops_before_reading_a_link_to_dev_zero(tmp_path):
    """The real build, with a page that is a link to /dev/zero: refused in on_config, in seconds."""
    from site_build import build, copy_project

    project = copy_project(tmp_path)
    (project / "docs" / "zero.md").symlink_to("/dev/zero")
    (project / "docs" / "assets" / "system").symlink_to("/")
    started = time.perf_counter()
    result = build(tmp_path / "site", cwd=project)
    assert time.perf_counter() - started < 60
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [f"ERROR   -  docs/assets/system: {link_message('/')}",
                      f"ERROR   -  docs/zero.md: {link_message('/dev/zero')}",
                      "ERROR   -  2 content problems found; nothing was built"]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_make_check_on_the_command_line(project):
    (project / "docs" / "environ.md").symlink_to("/proc/self/environ")
    result = subprocess.run([sys.executable, str(ROOT / "hooks" / "check_checklists.py"), "docs"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout == f"docs/environ.md: {link_message('/proc/self/environ')}\n"
    assert "PATH=" not in result.stdout + result.stderr
