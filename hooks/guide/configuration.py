"""What mkdocs.yml may make the site load: scripts, stylesheets, hooks, plugins, Markdown extensions
and the theme, each one listed in ``allowlist.CONFIGURATION``.

The file is read as YAML nodes (``yaml.compose``: nothing is constructed, so no tag runs), which
keep their lines for the messages. A tag that MkDocs' loader would turn into a Python call is
refused unless ``allowlist.YAML_TAGS`` names it. Runs in ``make check`` and first thing in every
build (``on_config``), before MkDocs reads ``docs/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from . import allowlist
from .model import Problem
from .model import quote

HERE = allowlist.HERE
CORE_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in
                      ("str", "int", "float", "bool", "null", "map", "seq", "merge", "timestamp"))


def _entries(node: yaml.Node) -> Iterable[tuple[str, yaml.Node, yaml.Node | None]]:
    """(name, node naming it, its options) of a list like plugins or markdown_extensions:
    each entry a name or a one-key mapping; the whole a mapping also."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield str(key.value), key, value
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                paths = [value for key, value in item.value if str(key.value) == "path"]
                if paths:  # extra_javascript / extra_css: {path: x.js, type: module}
                    yield str(paths[0].value), paths[0], None
                else:  # a plugin or an extension with its options: {name: {options}}
                    for key, value in item.value:
                        yield str(key.value), key, value
            elif isinstance(item, yaml.ScalarNode):
                yield str(item.value), item, None
    elif isinstance(node, yaml.ScalarNode) and node.value not in ("", None):
        yield str(node.value), node, None


def _tags(node: yaml.Node, path: str) -> Iterable[Problem]:
    stack, seen = [node], set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if current.tag not in CORE_TAGS and current.tag not in allowlist.YAML_TAGS:
            yield Problem(path, current.start_mark.line + 1,
                          f"YAML tag {current.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed: MkDocs "
                          f"would run it while reading the file (to allow it, add it to YAML_TAGS in {HERE})")
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(node for pair in current.value for node in pair)


def _options(node: yaml.Node | None) -> dict[str, object]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    loader = yaml.SafeLoader("")
    try:
        return {str(key.value): loader.construct_object(value, deep=True) for key, value in node.value}
    except yaml.YAMLError:
        return {}


def check_config(path: Path, shown: str = "mkdocs.yml") -> list[Problem]:
    """Every way mkdocs.yml makes the site load or run something that is not in the allowlist."""
    try:
        document = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return [Problem(shown, 0, f"cannot be read as YAML ({error})")]
    if not isinstance(document, yaml.MappingNode):
        return [Problem(shown, 0, "is not a YAML mapping of settings")]
    problems = list(_tags(document, shown))
    settings = {str(key.value): (key, value) for key, value in document.value}
    if "INHERIT" in settings:
        key, _ = settings["INHERIT"]
        problems.append(Problem(shown, key.start_mark.line + 1, "INHERIT is not allowed: the site's configuration "
                                                               "is this one file, checked against the allowlist"))
    theme = settings.get("theme", (None, None))[1]
    listed = {name: settings[name][1] for name in allowlist.CONFIGURATION if name in settings}
    if isinstance(theme, yaml.MappingNode):
        for key, value in theme.value:
            if f"theme.{key.value}" in allowlist.CONFIGURATION:
                listed[f"theme.{key.value}"] = value
    elif isinstance(theme, yaml.ScalarNode):
        listed["theme.name"] = theme
    for setting, node in listed.items():
        allowed = allowlist.CONFIGURATION[setting]
        for name, where, options in _entries(node):
            if name not in allowed:
                problems.append(Problem(shown, where.start_mark.line + 1,
                                        f"{setting}: {quote(name)} is not one the site may use (allowed: "
                                        f"{', '.join(sorted(allowed)) or 'none'}); to allow it, add it to "
                                        f"CONFIGURATION[{setting!r}] in {HERE}"))
            for (extension, option), pinned in allowlist.PINNED_OPTIONS.items():
                if setting == "markdown_extensions" and name == extension:
                    value = _options(options).get(option)
                    if value != pinned:
                        problems.append(Problem(shown, where.start_mark.line + 1,
                                                f"{extension}: {option} must be {pinned!r}, not {value!r} (it "
                                                f"decides what the build may read; see PINNED_OPTIONS in {HERE})"))
    return problems
