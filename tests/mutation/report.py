#!/usr/bin/env python3
"""Write tests/mutation/REPORT.md from the last `make mutate` run (mutmut's results in mutants/).

Counts per module (killed, survived, timeout, no tests, not checked), the share killed, and
each surviving mutant with its change and the written reason it stays (tests/mutation/reasons/
<module>.toml: mutant name = "reason"). A survivor without a reason is listed as such: kill it with a test,
or write down why no test should.

A module this run did not try (`make mutate MODULES=…`, or a fresh machine without the earlier
mutants/) keeps its row and survivors from the committed report, under the commit they were
measured at: a full run takes hours on two cores, a new or changed module minutes.

Usage: python tests/mutation/report.py > tests/mutation/REPORT.md
       python tests/mutation/report.py --unsettled   (the survivors and timeouts, to try again)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = ROOT / "mutants"
REASONS = Path(__file__).with_name("reasons")
REPORT = Path(__file__).with_name("REPORT.md")
MEASURED = re.compile(r"^- Measured at (?P<commit>[^:]+): (?P<modules>.+)$", re.M)
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 36: "timeout",
          24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout", None: "not checked"}


def results() -> dict[str, dict[str, str]]:
    """module -> mutant name -> status."""
    found = {}
    for meta in sorted((MUTANTS / "hooks" / "guide").glob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if codes:
            found[meta.name.removesuffix(".py.meta")] = {name: STATUS.get(code, "suspicious") for name, code in codes.items()}
    return found


def written_reasons() -> dict[str, str]:
    """mutant name -> why it stays, from one file per module (helpers edit different files)."""
    reasons = {}
    for path in sorted(REASONS.glob("*.toml")):
        reasons.update(tomllib.loads(path.read_text(encoding="utf-8")))
    return reasons


def carried(report: str) -> tuple[dict[str, list[int]], dict[str, str], dict[str, str]]:
    """From a committed report: module -> its counts, survivor -> its change, module -> the commit measured."""
    counts = {}
    for line in report.splitlines():
        cells = [cell.strip(" *") for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 8 and cells[1].isdigit() and cells[0] != "all":
            counts[cells[0]] = [int(cell) for cell in cells[1:7]]
    changes = {match.group(1): match.group(2) for match in re.finditer(
        r"^### `([^`]+)`\n\n```diff\n(.*?)\n```$", report, flags=re.M | re.S)}
    commits = {module.strip(): match.group("commit") for match in MEASURED.finditer(report)
               for module in match.group("modules").split(",")}
    earlier = re.search(r"^Source of hooks/guide as of commit (.+?)\. ", report, flags=re.M)  # the first format
    if earlier:
        commits = {module: earlier.group(1) for module in counts} | commits
    return counts, changes, commits


def source_commit() -> str:
    """The last commit that changed hooks/guide: the code these results are about."""
    shown = subprocess.run(["git", "log", "-1", "--format=%h (%cs)", "--", "hooks/guide"], cwd=ROOT,
                           capture_output=True, text=True)
    return shown.stdout.strip() or "unknown"


def change(name: str) -> str:
    shown = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=ROOT, capture_output=True, text=True)
    lines = [line for line in shown.stdout.splitlines() if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))]
    return "\n".join(lines) or shown.stdout.strip()


def unsettled() -> list[str]:
    """Mutants a new test may have killed since they were tried: mutmut keeps every stored result
    and tries again only what changed, so `make mutate` names these to it (a kill stays a kill:
    tests are only added). A timeout is tried again too, as a loaded machine can fake one."""
    return [name for statuses in results().values() for name, status in statuses.items()
            if status in ("survived", "timeout", "no tests")]


COLUMNS = ("killed", "timeout", "survived", "no tests", "not checked")


def main() -> int:
    if sys.argv[1:] == ["--unsettled"]:
        print(" ".join(unsettled()))
        return 0
    reasons = written_reasons()
    earlier_counts, earlier_changes, earlier_commits = carried(REPORT.read_text(encoding="utf-8") if REPORT.exists() else "")
    rows, survivors, commits = {}, {}, {}
    for module, statuses in results().items():
        if set(statuses.values()) == {"not checked"} and module in earlier_counts:
            rows[module] = earlier_counts[module]
            commits[module] = earlier_commits.get(module, "unknown")
            survivors |= {name: change for name, change in earlier_changes.items()
                          if name.startswith(f"hooks.guide.{module}.")}
            continue
        count = Counter(statuses.values())
        rows[module] = [len(statuses)] + [count[column] for column in COLUMNS]
        commits[module] = source_commit()
        survivors |= {name: change(name) for name, status in statuses.items() if status == "survived"}
    out = ["# Mutation report", "",
           "`make mutate`: mutmut (pinned in pyproject.toml) changes one thing at a time in `hooks/guide` and runs "
           "the quick unit tests that reach it (`[tool.mutmut]` in pyproject.toml). A mutant is *killed* when a test "
           "fails (a timeout counts as killed: the change made the code hang), *survived* when every test passes.", "",
           "Each module's row is from the run at the commit of hooks/guide named below. mutmut keeps each stored "
           "result until the function it mutates changes; `make mutate` then tries every survivor, timeout and "
           "untested mutant again with the current tests. A module a run did not try keeps its earlier row.", ""]
    by_commit: dict[str, list[str]] = {}
    for module, commit in commits.items():
        by_commit.setdefault(commit, []).append(module)
    out += [f"- Measured at {commit}: {', '.join(modules)}" for commit, modules in by_commit.items()] + [""]
    out += ["| module | mutants | killed | timeout | survived | no tests | not checked | killed % |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    total = [0] * 6
    for module, (mutants, killed, timeout, survived, untested, unchecked) in rows.items():
        done = killed + timeout + survived
        share = f"{100 * (killed + timeout) / done:.1f}" if done else "–"
        out.append(f"| {module} | {mutants} | {killed} | {timeout} | {survived} | {untested} | {unchecked} | {share} |")
        total = [a + b for a, b in zip(total, (mutants, killed, timeout, survived, untested, unchecked))]
    mutants, killed, timeout, survived, untested, unchecked = total
    done = killed + timeout + survived
    share = f"{100 * (killed + timeout) / done:.1f}" if done else "–"
    out += [f"| **all** | {mutants} | {killed} | {timeout} | {survived} | {untested} | {unchecked} | **{share}** |", ""]
    skipped = [module for module, row in rows.items() if row[5] == row[0] and row[0]]
    if skipped:
        out += [f"Not run this time (`make mutate MODULES=…` runs them): {', '.join(skipped)}.", ""]
    out += [f"## Survivors ({len(survivors)})", ""]
    for name, diff in survivors.items():
        out += [f"### `{name}`", "", "```diff", diff, "```", "",
                f"Why it stays: {reasons.get(name, '**no reason written yet**')}", ""]
    # A reason whose mutant no longer survives (now killed, or renamed after an edit) is stale.
    stale = sorted(set(reasons) - set(survivors))
    if stale:
        out += [f"## Reasons with no surviving mutant ({len(stale)})", "",
                "Remove them from tests/mutation/reasons/: " + ", ".join(f"`{name}`" for name in stale), ""]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
