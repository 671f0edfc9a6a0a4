"""CONTRIBUTING's recipes, each followed on a copy of the whole repository (issue #22): edit an
English item, add an editors' step in each of the four stages, retire an editors' step, attach a
note, add a glossary term, add a page. After each, the checks a pull request runs must pass: the
checklist check (`make check`, strict about translations once `make translations` recorded them),
the article's fidelity, the content tests that apply and, where the nav changes, the strict build.

Nothing here names today's IDs, pages or texts: the new ID is what `make next-id` prints, the
place is found in the copy's own pages, so a correct content change merged later leaves these
recipes passing. Each `make` command is run as the Makefile runs it (its recipe's last line, the
variables filled in); the checklist check runs in this process (quick: these tests are in
`make quick`), the build as a subprocess."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from content import nav_pages
from guide.cli import main
from guide.fidelity import check_fidelity
from guide.model import STAGES
from guide.sources import load_pages
from site_build import build
from test_editorial import LANGS, hover_problems
from test_terminology import offenders

CONTRIBUTING = {"en": ROOT / "CONTRIBUTING.en.md", "zh": ROOT / "CONTRIBUTING.md"}
SUFFIX = {"zh": ".md", "en": ".en.md"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The repository as committed plus what is being changed (every file git knows or would add)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, tmp_path / name)
    return tmp_path


def recipe(heading: str) -> str:
    """The section of CONTRIBUTING.en.md under ``### heading``, up to the next heading."""
    text = CONTRIBUTING["en"].read_text(encoding="utf-8")
    assert f"\n### {heading}\n" in text, f"CONTRIBUTING.en.md has no recipe {heading!r}"
    return text.split(f"\n### {heading}\n", 1)[1].split("\n#", 1)[0]


def commands(text: str) -> list[str]:
    """The command lines of a text's ```sh blocks, each `a && b` as two."""
    lines = [line for block in re.findall(r"```sh\n(.*?)```", text, re.S) for line in block.splitlines()]
    return [part.strip() for line in lines for part in line.split("#")[0].split("&&") if part.strip()]


def command(heading: str, target: str, **values: str) -> str:
    """The recipe's `make TARGET …` line, with the example's variables set to ``values``."""
    found = [c for c in commands(recipe(heading)) if c.split()[:2] == ["make", target]]
    assert found, f"CONTRIBUTING.en.md, {heading!r}: no `make {target}` line"
    words = found[0].split()
    for name, value in values.items():
        assert any(w.startswith(f"{name}=") for w in words), f"{found[0]}: no {name}="
        words = [f"{name}={value}" if w.startswith(f"{name}=") else w for w in words]
    return " ".join(words)


def make_command(command: str) -> list[str]:
    """`make TARGET VAR=value …` as the Makefile runs it: its recipe's last line, variables filled in."""
    target, *assignments = shlex.split(command)[1:]
    values = dict(a.split("=", 1) for a in assignments) | {"PY": "python"}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"\n{target}:" in makefile, f"{command}: no target {target} in the Makefile"
    lines = makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0].split("\n")[1:]
    line = lines[-1].strip()
    line = re.sub(r"\$\(if \$\((\w+)\),([^)]*)\)", lambda m: m.group(2) if values.get(m.group(1)) else "", line)
    return shlex.split(re.sub(r"\$\((\w+)\)", lambda m: values.get(m.group(1), ""), line))


def make(project: Path, command: str) -> subprocess.CompletedProcess:
    """A `make` command whose recipe runs hooks/check_checklists.py, run in this process from the copy."""
    argv = make_command(command)
    assert argv[1] == "hooks/check_checklists.py", argv
    out, err, here = io.StringIO(), io.StringIO(), Path.cwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv[2:])
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(argv, status, out.getvalue(), err.getvalue())


def warnings(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if ": warning: " in line]


def passes_every_check(project: Path) -> None:
    """What a pull request's checks ask of the content, short of the browser tests."""
    check = make(project, "make check STRICT_TRANSLATIONS=1")
    assert check.returncode == 0 and not warnings(check), check.stdout + check.stderr
    docs = project / "docs"
    assert check_fidelity(docs, project / "provenance" / "source-article.zh.txt", project) == []
    assert [problem for lang in LANGS for problem in hover_problems(lang, docs)] == []
    assert [problem for path in sorted(docs.rglob("*.md")) for problem in offenders(path, project)] == []


def record_translations(project: Path, heading: str, **values: str) -> None:
    """The recipe's `make translations` line, after `make check` said what it would record."""
    check = make(project, "make check")
    assert check.returncode == 0, check.stdout + check.stderr
    recorded = make(project, command(heading, "translations", **values))
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr


def stage_page(project: Path, stage: str, lang: str) -> Path:
    page = next(p for p in load_pages(project / "docs", project) if p.stage == stage and p.lang == lang)
    return project / "docs" / page.src_uri


def insert_after(path: Path, test, new_lines: list[str]) -> None:
    """Put ``new_lines`` after the first line ``test`` accepts."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if test(line))
    path.write_text("\n".join(lines[: at + 1] + new_lines + lines[at + 1:]), encoding="utf-8")


def item_line(item_id: str):
    return lambda line: line.lstrip().startswith(f"- [ ] {item_id} ")


ADD_STEP = "Add an editors' step"


def add_editors_step(project: Path, stage: str) -> str:
    """The recipe's step lines (Chinese, then English), with the ID `make next-id` gives, after the stage's
    first step in both languages."""
    free = make(project, command(ADD_STEP, "next-id", STAGE=stage))
    assert free.returncode == 0, free.stderr
    new_id = free.stdout.strip()
    assert re.fullmatch(rf"{STAGES[stage]}-\d\d", new_id)
    example = re.findall(r"^ {4}- \[ \] ([A-Z]{2}-\d\d) (.*\{ \.editors \})$", recipe(ADD_STEP), re.M)
    assert len(example) == 2 and example[0][0] == example[1][0], "the recipe shows the step in Chinese, then English"
    first = next(p for p in load_pages(project / "docs", project) if p.stage == stage).items[0].id
    for lang, (_, words) in zip(("zh", "en"), example):
        insert_after(stage_page(project, stage, lang), item_line(first), [f"    - [ ] {new_id} {words}"])
    return new_id


def test_editing_an_english_item_passes_every_check(project):
    page = stage_page(project, next(iter(STAGES)), "en")
    text = page.read_text(encoding="utf-8")
    item = re.search(r"^    - \[ \] [A-Z]{2}-\d\d .*?\.", text, re.M)[0]
    page.write_text(text.replace(item, item[:-1] + ", clearly.", 1), encoding="utf-8")
    check = make(project, command("Fix or improve the English", "check"))
    assert (check.returncode, warnings(check)) == (0, []), check.stdout + check.stderr
    passes_every_check(project)


@pytest.mark.parametrize("stage", STAGES)
def test_adding_an_editors_step_passes_every_check(project, stage):
    new_id = add_editors_step(project, stage)
    check = make(project, "make check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert [w for w in warnings(check) if new_id in w], "make check says the new step is not recorded yet"
    record_translations(project, ADD_STEP)
    assert f"  - {new_id}\n" in (project / "records/published.yml").read_text(encoding="utf-8")
    passes_every_check(project)
    assert make(project, command(ADD_STEP, "next-id", STAGE=stage)).stdout.strip() > new_id


def test_retiring_an_editors_step_passes_every_check(project):
    stage = list(STAGES)[-1]
    new_id = add_editors_step(project, stage)
    record_translations(project, ADD_STEP)
    for lang in LANGS:
        path = stage_page(project, stage, lang)
        path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").split("\n")
                                  if not item_line(new_id)(line)), encoding="utf-8")
    gone = make(project, "make check")
    assert gone.returncode == 1 and new_id in gone.stdout + gone.stderr
    retired = make(project, command("Retire an editors' step", "retire", ID=new_id))
    assert retired.returncode == 0, retired.stdout + retired.stderr
    record_translations(project, ADD_STEP)
    passes_every_check(project)
    assert make(project, command(ADD_STEP, "next-id", STAGE=stage)).stdout.strip() > new_id  # never given again


def test_attaching_a_note_passes_every_check(project):
    stage = list(STAGES)[-1]
    item = next(p for p in load_pages(project / "docs", project) if p.stage == stage).items[-1].id
    for lang, title, words in (("zh", "编者注", "编者的提醒。"), ("en", "Editors' note", "The editors' reminder.")):
        path = stage_page(project, stage, lang)
        lines = path.read_text(encoding="utf-8").split("\n")
        at = next(n for n, line in enumerate(lines) if item_line(item)(line))
        end = next((n for n in range(at + 1, len(lines)) if not lines[n].startswith("    - [ ] ")), len(lines))
        lines[end:end] = ["", f'!!! note {item} "{title}"', f"    {words}"]
        path.write_text("\n".join(lines), encoding="utf-8")
    check = make(project, "make check")  # the English page is told to be recorded (the exact words: test_record)
    english = stage_page(project, stage, "en").relative_to(project).as_posix()
    assert check.returncode == 0 and [w for w in warnings(check) if w.startswith(english)], check.stdout + check.stderr
    record_translations(project, "Attach a note to a step")
    passes_every_check(project)


def test_adding_a_glossary_term_passes_every_check(project):
    terms = {"zh": ("测试词语（test term）", "编者为测试加的词语。它只在这里。"),
             "en": ("test term (测试词语)", "A term the editors added for a test. It is only here.")}
    for lang, (term, definition) in terms.items():
        glossary = project / "docs" / f"glossary{SUFFIX[lang]}"
        glossary.write_text(glossary.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{term}\n:   {definition}\n",
                            encoding="utf-8")
        name = re.split(r"\s*[（(]", term)[0]
        label = "编者释义：" if lang == "zh" else "Editors' definition: "
        abbreviations = project / "docs" / "includes" / f"abbreviations{SUFFIX[lang]}"
        sentence = definition.split("。")[0] + "。" if lang == "zh" else definition.split(". ")[0] + "."
        abbreviations.write_text(abbreviations.read_text(encoding="utf-8").rstrip("\n") +
                                 f"\n*[{name}]: {label}{sentence}\n", encoding="utf-8")
    record_translations(project, "Add a glossary term", PAGES="glossary.en.md")
    passes_every_check(project)


def test_adding_a_page_passes_every_check_and_the_strict_build(project):
    texts = {"zh": ("新页面", "编者加的一页：测试用。", "这一页是编者加的。"),
             "en": ("A new page", "A page the editors added, for a test.", "The editors added this page.")}
    for lang, (title, description, body) in texts.items():
        (project / "docs" / f"new-page{SUFFIX[lang]}").write_text(
            f"---\ndescription: {description}\n---\n\n# {title}\n\n{body}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    last = nav_pages(project)[-1]
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f"  - {last}\n", f"  - {last}\n  - new-page.md\n", 1), encoding="utf-8")
    assert nav_pages(project)[-1] == "new-page.md"
    record_translations(project, "Add a page")
    passes_every_check(project)
    assert "make build" in commands(recipe("Add a page"))
    built = build(project / "site", cwd=project)
    assert built.returncode == 0 and "WARNING" not in built.stderr, built.stderr
    for page in ("new-page/index.html", "en/new-page/index.html"):
        assert (project / "site" / page).is_file(), page


@pytest.mark.parametrize("lang", CONTRIBUTING)
def test_every_command_contributing_gives_is_a_make_target_that_reads_its_variables(lang):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    found = commands(CONTRIBUTING[lang].read_text(encoding="utf-8"))
    assert found, "no command lines found"
    problems = []
    for line in found:
        if not line.startswith("make "):
            continue
        target, *assignments = line.split()[1:]
        if target not in targets:
            problems.append(f"{line}: no target {target} in the Makefile")
            continue
        body = makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]
        problems += [f"{line}: the target does not read {name}" for name in (a.split("=")[0] for a in assignments)
                     if f"$({name})" not in body]
    assert problems == [], f"{CONTRIBUTING[lang].name}: " + "; ".join(problems)


def test_both_contributing_files_give_the_same_commands_in_the_same_order():
    assert commands(CONTRIBUTING["zh"].read_text(encoding="utf-8")) == commands(
        CONTRIBUTING["en"].read_text(encoding="utf-8"))
