"""The real content's shape, read from its sources of truth, for the tests that check the real
site: the pages mkdocs.yml's nav names, the pages in docs/ (parsed as the build parses them) and
the IDs records/published.yml holds. A test of the real content asks here instead of writing
down today's numbers, IDs or texts, so a correct content change (a page, a step, a note, a
glossary term) changes what it expects, not whether it passes."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import ROOT


class _AnyTag(yaml.SafeLoader):
    """mkdocs.yml's own tags (!ENV, !!python/…) read as plain values: only the nav is wanted here."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_pages(root: Path = ROOT) -> list[str]:
    """The Markdown files mkdocs.yml's nav names, in nav order (the default language's names)."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)

    def walk(entries) -> list[str]:
        found = []
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            found += walk(value) if isinstance(value, list) else [value]
        return found

    return walk(config["nav"])


def published_ids(root: Path = ROOT) -> list[str]:
    """Every item ID records/published.yml says was published, in its order."""
    record = yaml.safe_load((root / "records" / "published.yml").read_text(encoding="utf-8"))
    return list(record["ids"]["published"])


def languages(root: Path = ROOT) -> list[str]:
    """The languages mkdocs.yml builds, the default first."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    plugins = config["plugins"]
    i18n = next(p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p)
    ordered = sorted(i18n["languages"], key=lambda lang: not lang.get("default"))
    return [lang["locale"] for lang in ordered if lang.get("build", True)]
