#!/usr/bin/env python3
"""Write tests/mutation/REPORT.md from the last `make mutate` run (mutmut's results in mutants/).

Counts per module (killed, survived, timeout, no tests, not checked), the share killed, and
each surviving mutant with its change and the written reason it stays (tests/mutation/reasons/
<module>.toml: mutant name = "reason"). A survivor without a reason is listed as such: kill it with a test,
or write down why no test should.

Usage: python tests/mutation/report.py > tests/mutation/REPORT.md
       python tests/mutation/report.py --unsettled   (the survivors and timeouts, to try again)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = ROOT / "mutants"
REASONS = Path(__file__).with_name("reasons")
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


def main() -> int:
    if sys.argv[1:] == ["--unsettled"]:
        print(" ".join(unsettled()))
        return 0
    by_module = results()
    reasons = written_reasons()
    total = Counter(status for statuses in by_module.values() for status in statuses.values())
    checked = total["killed"] + total["survived"] + total["timeout"]
    out = ["# Mutation report", "",
           "`make mutate`: mutmut (pinned in pyproject.toml) changes one thing at a time in `hooks/guide` and runs "
           "the quick unit tests that reach it (`[tool.mutmut]` in pyproject.toml). A mutant is *killed* when a test "
           "fails (a timeout counts as killed: the change made the code hang), *survived* when every test passes.", "",
           f"Source of hooks/guide as of commit {source_commit()}. mutmut keeps each stored result until the function "
           "it mutates changes; `make mutate` then tries every survivor, timeout and untested mutant again "
           "with the current tests.", "",
           "| module | mutants | killed | timeout | survived | no tests | not checked | killed % |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for module, statuses in by_module.items():
        count = Counter(statuses.values())
        done = count["killed"] + count["timeout"] + count["survived"]
        share = f"{100 * (count['killed'] + count['timeout']) / done:.1f}" if done else "–"
        out.append(f"| {module} | {len(statuses)} | {count['killed']} | {count['timeout']} | {count['survived']} | "
                   f"{count['no tests']} | {count['not checked']} | {share} |")
    share = f"{100 * (total['killed'] + total['timeout']) / checked:.1f}" if checked else "–"
    out += [f"| **all** | {sum(total.values())} | {total['killed']} | {total['timeout']} | {total['survived']} | "
            f"{total['no tests']} | {total['not checked']} | **{share}** |", ""]
    skipped = [module for module, statuses in by_module.items() if set(statuses.values()) == {"not checked"}]
    if skipped:
        out += [f"Not run this time (`make mutate MODULES=…` runs them): {', '.join(skipped)}.", ""]
    survivors = [name for statuses in by_module.values() for name, status in statuses.items() if status == "survived"]
    out += [f"## Survivors ({len(survivors)})", ""]
    for name in survivors:
        out += [f"### `{name}`", "", "```diff", change(name), "```", "",
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
