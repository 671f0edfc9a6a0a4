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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real docs/, built with --strict into a temporary folder, once per session."""
    from site_build import build

    site = tmp_path_factory.mktemp("site")
    result = build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site
