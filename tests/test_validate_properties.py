"""Property: whatever an editor does to a valid page, the validator only ever reports
its own problems, each with a path and a line inside the file, and never crashes.

In `make test` the examples are derandomised (the same 400 on every run), so CI never
fails at random; `make fuzz` (GUIDE_FUZZ=1) draws 20,000 new ones each run. What fuzzing
finds becomes a plain regression test (such as the misspelt stage in indented front
matter, once reported at line 0, in test_validate.py).
"""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from guide.model import Problem
from guide.parse import parse_page
from guide.validate import validate

PATH, SRC = "docs/stages/self-check.md", "stages/self-check.md"
VALID = (FIXTURES / "docs" / SRC).read_text(encoding="utf-8")
OTHERS = [
    parse_page((FIXTURES / "docs" / src).read_text(encoding="utf-8"), f"docs/{src}", src)
    for src in ("stages/self-check.en.md", "stages/rectification.md", "stages/rectification.en.md",
                "stages/application.md", "stages/application.en.md", "stages/maintenance.md",
                "stages/maintenance.en.md")
]
noise = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from("借呗清单\u3000\t\r\x00\x1b[]-*+!?\"`~")),
    max_size=30,
)


def mutate(lines: list[str], data) -> list[str]:
    lines = list(lines)
    for _ in range(data.draw(st.integers(1, 6))):
        if not lines:
            lines.append(data.draw(noise))
            continue
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(
            ["delete", "duplicate", "swap", "indent", "dedent", "marker", "state", "insert", "append"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = data.draw(st.sampled_from(["    ", "\t", "  ", "        "])) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip()
        elif op == "marker":
            lines[i] = lines[i].replace("- ", data.draw(st.sampled_from(["* ", "+ ", "1. ", "-", ""])), 1)
        elif op == "state":
            lines[i] = lines[i].replace("[ ]", data.draw(st.sampled_from(["[x]", "[X]", "[]", "[  ]", "[-]"])), 1)
        elif op == "insert":
            lines.insert(i, data.draw(noise))
        else:
            lines[i] += data.draw(noise)
    return lines


FUZZ = os.environ.get("GUIDE_FUZZ") == "1"


@settings(max_examples=20_000 if FUZZ else 400, deadline=None, derandomize=not FUZZ, database=None)
@given(st.data(), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_mutated_pages_give_only_located_problems(data, newline, bom):
    lines = mutate(VALID.split("\n"), data)
    text = ("\ufeff" if bom else "") + newline.join(lines)
    page = parse_page(text, PATH, SRC)
    line_count = len(text.splitlines()) + 1
    for problem in validate([page, *OTHERS]):
        assert isinstance(problem, Problem)
        assert problem.path.startswith("docs/") and problem.path.endswith(".md") or problem.path == "docs/"
        assert 1 <= problem.line <= max(line_count, 12)
        assert problem.message and "\n" not in problem.message
        assert "Traceback" not in str(problem)


# A known defect at a random place is reported at its line: the property above would pass
# if validate() reported nothing at all; this one would not.
DEFECT = "- [x] SC-77 注入的缺陷"  # a task item at the left margin: outside any checklist, wherever it lands
REPORTED = f'task item outside a checklist (it could never be saved): "{DEFECT}"'
BODY_START = VALID.split("\n").index("---", 1) + 1  # the line after the front matter


@settings(max_examples=2_000 if FUZZ else 100, deadline=None, derandomize=not FUZZ, database=None)
@given(st.data(), st.sampled_from(["\n", "\r\n"]))
def test_a_defect_injected_at_a_random_place_is_reported_at_its_line(data, newline):
    lines = mutate(VALID.split("\n"), data) if data.draw(st.booleans()) else VALID.split("\n")
    # A lone CR in the noise is a line break to editors and to the parser: split on it here too,
    # or the defect's line is counted wrong (found by `make fuzz`).
    lines = "\n".join(lines).replace("\r", "\n").split("\n")
    start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0) \
        if lines and lines[0].strip() == "---" else 0
    at = data.draw(st.integers(start, len(lines)))
    # Not inside fenced code (there it is no task item) nor inside an HTML comment a mutation opened.
    if any(line.lstrip().startswith(("```", "~~~", "<!--")) for line in lines):
        lines = [line for line in lines if not line.lstrip().startswith(("```", "~~~", "<!--"))]
        at = min(at, len(lines))
    lines.insert(at, DEFECT)
    page = parse_page(newline.join(lines), PATH, SRC)
    assert Problem(PATH, at + 1, REPORTED) in validate([page, *OTHERS])
