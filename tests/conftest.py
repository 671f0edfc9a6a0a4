"""Shared fixtures: a small valid docs tree, and a way to put one defect into a copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/docs: four stage pages in zh and en, and a home page."""
    target = tmp_path / "docs"
    shutil.copytree(FIXTURES / "docs", target)
    return target


def use_defect(docs: Path, defect: str, page: str = "stages/self-check.md") -> None:
    """Replace ``page`` in the docs copy with tests/fixtures/defects/<defect>."""
    shutil.copyfile(FIXTURES / "defects" / defect, docs / page)
