"""The site's own Markdown renderer, outside MkDocs: the extensions and settings of
mkdocs.yml plus the guide's extension, so tests can ask it what a text renders to."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def _settings() -> tuple[list, dict]:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    configs = dict(config["mdx_configs"])
    configs["pymdownx.snippets"] = dict(configs.get("pymdownx.snippets", {}), base_path=[str(ROOT / "docs")])
    return list(config["markdown_extensions"]), configs


def renderer(guide: bool = True) -> markdown.Markdown:
    from guide.markdown_ext import GuideExtension

    extensions, configs = _settings()
    extensions = [name for name in extensions if isinstance(name, str)]
    return markdown.Markdown(extensions=extensions + ([GuideExtension()] if guide else []),
                             extension_configs=configs)


def render(text: str, guide: bool = True) -> str:
    return renderer(guide).convert(text)
