"""Shared fixtures: a small valid docs tree, and a way to put one defect into a copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _as_mutmut_names_them() -> None:
    """Under `make mutate`, mutmut names each mutant after its file's path (hooks.guide.x)
    and switches it on only in a module of that name: so ``guide.x``, as the tests import
    it, is made that very module."""
    import importlib
    import pkgutil
    import sys

    sys.path.insert(0, str(ROOT))
    package = importlib.import_module("hooks.guide")
    sys.modules["guide"] = package
    for module in pkgutil.iter_modules(package.__path__):
        sys.modules[f"guide.{module.name}"] = importlib.import_module(f"hooks.guide.{module.name}")


if "mutmut" in __import__("sys").modules:
    _as_mutmut_names_them()


def pytest_collection_modifyitems(config, items):
    """Under `make mutate`, leave out the tests that need the whole site built: a build per
    mutant would take hours, and the quick unit tests are what the mutation score is about."""
    if "mutmut" not in __import__("sys").modules:
        return
    kept = [item for item in items if "built_site" not in getattr(item, "fixturenames", ())]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


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


@pytest.fixture(scope="session")
def chromium():
    """Playwright's Chromium API on Debian's browser. In CI a missing browser fails, never skips."""
    import os

    from browser import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    if path is None:
        message = "Chromium not found: run `make system` or set CHROMIUM_PATH"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server(built_site):
    from static_server import StaticServer

    with StaticServer(built_site) as running:
        yield running


@pytest.fixture
def context(chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    yield context
    context.close()


class ConsoleWatch:
    """Collects console errors and uncaught exceptions of a page."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))


@pytest.fixture
def page(context):
    page = context.new_page()
    page.console = ConsoleWatch(page)
    yield page
