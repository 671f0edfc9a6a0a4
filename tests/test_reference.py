"""The contributors' documents (issue #22): CONTRIBUTING is short enough to read in ten minutes,
and the full rule and message reference is generated from the rules' one home, the REFERENCE
tables kept next to the code in hooks/guide, and committed up to date."""

from __future__ import annotations

import importlib

import pytest

from conftest import ROOT
import write_reference as reference

LIMIT = 16_000  # characters per language: about ten minutes' reading
CONTRIBUTING = {"zh": ROOT / "CONTRIBUTING.md", "en": ROOT / "CONTRIBUTING.en.md"}


@pytest.mark.parametrize("lang", reference.FILES)
def test_the_committed_reference_is_what_make_reference_writes(lang):
    path = ROOT / reference.FILES[lang]
    assert path.is_file() and path.read_text(encoding="utf-8") == reference.render(lang), (
        f"{path.name} is out of date with the REFERENCE tables in hooks/guide: run make reference and commit it")


def test_each_rule_names_the_code_that_enforces_it_and_says_it_in_both_languages():
    problems = []
    for module, rule in reference.rules():
        code = importlib.import_module(f"guide.{module}")
        problems += [f"{module}.{name}: no such function" for name in rule.code if not callable(getattr(code, name, None))]
        problems += [f"{module}: {rule.title}: no {lang} title" for lang in reference.FILES if not rule.title.get(lang)]
        problems += [f"{module}: {example.message[:40]}: no {lang} explanation" for example in rule.examples
                     for lang in reference.FILES if not getattr(example, lang).strip()]
    assert problems == []


def test_the_reference_shows_every_rule_and_example():
    for lang in reference.FILES:
        text = reference.render(lang)
        for _, rule in reference.rules():
            assert f"## {rule.title[lang]}\n" in text
            assert all(f"| `{(e.message_zh or e.message) if lang == 'zh' else e.message}` |" in text
                       for e in rule.examples)


@pytest.mark.parametrize("lang", CONTRIBUTING)
def test_contributing_is_read_in_ten_minutes(lang):
    length = len(CONTRIBUTING[lang].read_text(encoding="utf-8"))
    assert length <= LIMIT, f"{CONTRIBUTING[lang].name}: {length} characters, more than {LIMIT}: move detail to the reference"


@pytest.mark.parametrize("lang", CONTRIBUTING)
def test_contributing_links_to_its_reference(lang):
    assert f"({reference.FILES[lang]}" in CONTRIBUTING[lang].read_text(encoding="utf-8")


TASKS = {"zh": "## 任务", "en": "## Tasks"}


def tasks(lang: str) -> dict[str, str]:
    """CONTRIBUTING's task sections (### under the tasks heading): title -> text."""
    text = CONTRIBUTING[lang].read_text(encoding="utf-8").split(f"\n{TASKS[lang]}\n", 1)[1].split("\n## ", 1)[0]
    sections = text.split("\n### ")[1:]
    return {section.split("\n", 1)[0]: section.split("\n", 1)[1] for section in sections}


def test_contributing_is_organised_by_task_each_with_its_command():
    """The same tasks in both languages, in the same order, each with a command to run."""
    assert len(tasks("zh")) == len(tasks("en")) >= 7
    for lang in CONTRIBUTING:
        missing = [title for title, text in tasks(lang).items() if "```sh\n" not in text]
        assert missing == [], f"{CONTRIBUTING[lang].name}: tasks without a command: {missing}"
