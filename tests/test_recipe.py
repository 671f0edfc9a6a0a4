"""CONTRIBUTING's add-a-step recipe, followed to the letter on a copy of the project, then the
checks a pull request runs (issue #15, section 1): a first pull request passes on the first try.

The step's lines and the commands are read from CONTRIBUTING.en.md, and each `make` command is
run as the Makefile runs it, so the recipe cannot drift from what works."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from guide.fidelity import check_fidelity
from site_build import build, copy_project

pytestmark = pytest.mark.slow


def recipe() -> str:
    text = (ROOT / "CONTRIBUTING.en.md").read_text(encoding="utf-8")
    return text.split("### Adding a step", 1)[1].split("\n#", 1)[0]


def make_command(command: str) -> list[str]:
    """`make TARGET VAR=value …` as the Makefile runs it: its recipe's last line, variables filled in."""
    target, *assignments = shlex.split(command)[1:]
    values = dict(a.split("=", 1) for a in assignments) | {"PY": sys.executable}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lines = makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0].split("\n")[1:]
    line = lines[-1].strip()
    line = re.sub(r"\$\(if \$\((\w+)\),([^)]*)\)", lambda m: m.group(2) if values.get(m.group(1)) else "", line)
    return shlex.split(re.sub(r"\$\((\w+)\)", lambda m: values.get(m.group(1), ""), line))


def run(project: Path, command: str) -> subprocess.CompletedProcess:
    return subprocess.run(make_command(command), cwd=project, capture_output=True, text=True)


def test_adding_a_step_as_contributing_says_passes_every_check(tmp_path):
    steps = recipe()
    project = copy_project(tmp_path)
    for name in ("records", "provenance"):
        (project / name).mkdir(exist_ok=True)
        for path in (ROOT / name).iterdir():
            (project / name / path.name).write_bytes(path.read_bytes())

    # 1. The next free ID.
    asked = re.search(r"`(make next-id [^`]+)` prints `([A-Z]{2}-\d{2})`", steps)
    result = run(project, asked.group(1))
    assert (result.returncode, result.stdout.strip()) == (0, asked.group(2)), result.stderr
    new_id = asked.group(2)
    # 2 and 3. The step in both languages, where the recipe says (between two existing steps).
    zh_line, en_line = re.findall(r"```markdown\n(\s*- \[ \] [^\n]+)\n\s*```", steps)[:2]
    after = re.search(r"between `([A-Z]{2}-\d{2})` and `([A-Z]{2}-\d{2})`", steps).group(1)
    for page, line in (("stages/self-check.md", zh_line), ("stages/self-check.en.md", en_line)):
        assert f"- [ ] {new_id} " in line and line.rstrip().endswith("{ .editors }")
        path = project / "docs" / page
        text = path.read_text(encoding="utf-8").split("\n")
        at = next(n for n, old in enumerate(text) if old.lstrip().startswith(f"- [ ] {after} "))
        text.insert(at + 1, line.strip("\n").replace(line[: len(line) - len(line.lstrip())], "    ", 1))
        path.write_text("\n".join(text), encoding="utf-8")
    # 4. make check passes, warning that the translation is not recorded yet.
    check = run(project, "make check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert [line.split(": warning: ")[1].split(":")[0] for line in check.stdout.splitlines()] == [
        "translation not recorded"]
    assert new_id in check.stdout
    # 5. Record it.
    recorded = run(project, re.search(r"`(make translations [^`]+)`", steps).group(1))
    assert recorded.returncode == 0, recorded.stderr
    assert f"  - {new_id}\n" in (project / "records/published.yml").read_text(encoding="utf-8")
    # 6. The checks a pull request runs: the check, the strict build, the article's fidelity.
    check = run(project, "make check")
    assert (check.returncode, check.stdout) == (0, ""), check.stdout + check.stderr
    strict = run(project, "make check STRICT_TRANSLATIONS=1")
    assert strict.returncode == 0, strict.stdout
    built = build(project / "site", cwd=project)
    assert built.returncode == 0 and "WARNING" not in built.stderr, built.stderr
    assert check_fidelity(project / "docs", project / "provenance" / "source-article.zh.txt", project) == []
    # Readers see the step as the editors', and the exports keep it so.
    for page, words in (("stages/self-check/index.html", "编者补充"), ("en/stages/self-check/index.html",
                                                                     "Added by the editors")):
        html = (project / "site" / page).read_text(encoding="utf-8")
        assert re.search(rf'data-by="editors"[^>]*data-item="{new_id}".*?<span class="checklist-id">{new_id}</span> '
                         rf'<span class="checklist-by">{words}</span>', html, re.S)
        assert "guide-stale" not in html
    exported = json.loads((project / "site/downloads/checklists.json").read_text(encoding="utf-8"))["items"]
    assert {(row["lang"], row["by"]) for row in exported if row["id"] == new_id} == {("zh", "editors"),
                                                                                     ("en", "editors")}
    assert {row["by"] for row in exported if row["id"] != new_id} == {"article"}
