#!/usr/bin/env python3
"""`make reference`: the contributors' reference, REFERENCE.md (Chinese) and REFERENCE.en.md: every rule the build
enforces, what its messages mean and how to fix them. Written by `make reference` from the
``REFERENCE`` tables that the modules keep next to the code enforcing each rule, so there is one
home for a rule's explanation; tests/test_reference.py fails when the files lag behind."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from guide import fences, fidelity, links, record, security, validate  # noqa: E402
from guide.model import Rule  # noqa: E402

MODULES = (validate, fidelity, record, links, fences, security)  # in the order the reference shows them
FILES = {"zh": "REFERENCE.md", "en": "REFERENCE.en.md"}
HEADER = {
    "en": ("# Reference: rules and messages\n\n"
           "<!-- Written by `make reference` from the REFERENCE tables in hooks/guide/; edit those, not this file. -->\n\n"
           "The rules the build and `make check` enforce, each with an example of its message and what to do. "
           "[CONTRIBUTING.en.md](CONTRIBUTING.en.md) says how to do each task; this file is for when a message "
           "needs explaining.\n\n"
           "Every message has the form `path:line: message`, with the path relative to the repository root and "
           "lines counted from 1. Quoted source is cut off after 60 characters and ends in `…`. One mistake often "
           "causes others (a wrong ID on the Chinese page also makes the English page report mismatched IDs): fix "
           "the problems on the Chinese page first, then run `make check` again.\n"),
    "zh": ("# 参考：规则与报错\n\n"
           "<!-- 由 `make reference` 根据 hooks/guide/ 中的 REFERENCE 表生成；请修改那些表，不要直接修改本文件。 -->\n\n"
           "构建和 `make check` 执行的规则，每条附一个报错示例和处理办法。各项任务怎么做见 "
           "[CONTRIBUTING.md](CONTRIBUTING.md)；本文件用于查一条报错的意思。\n\n"
           "每条报错的格式是 `路径:行号: 说明`，路径相对于仓库根目录，行号从 1 开始。报错引用原文时最多引用 60 个字符，"
           "超出部分以 `…` 结尾。一个错误常常引出别的错误（比如中文页面的编号写错，英文页面就会报“编号不一致”）："
           "先改中文页面上的问题，再重新运行 `make check`。\n"),
}
TABLE_HEAD = {"en": "| Example | What it means and how to fix it |\n|---|---|",
              "zh": "| 示例 | 含义与改法 |\n|---|---|"}
ENFORCED = {"en": "Enforced by", "zh": "执行代码"}


def rules() -> list[tuple[str, Rule]]:
    """(module name, rule) for every rule, in the reference's order."""
    return [(module.__name__.rsplit(".", 1)[-1], rule) for module in MODULES for rule in module.REFERENCE]


def render(lang: str) -> str:
    parts = [HEADER[lang]]
    for module, rule in rules():
        code = ", ".join(f"`{name}`" for name in rule.code)
        parts.append(f"## {rule.title[lang]}\n\n_{ENFORCED[lang]}: `hooks/guide/{module}.py`: {code}_\n")
        if rule.text:
            parts.append(rule.text[lang] + "\n")
        if rule.examples:
            rows = [f"| `{(example.message_zh or example.message) if lang == 'zh' else example.message}` | "
                    f"{getattr(example, lang)} |" for example in rule.examples]
            parts.append("\n".join([TABLE_HEAD[lang], *rows]) + "\n")
    return "\n".join(parts)


def write(root: Path) -> list[Path]:
    """Write both files under ``root``; return those that changed."""
    changed = []
    for lang, name in FILES.items():
        path = root / name
        text = render(lang)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":
    for path in write(Path(__file__).resolve().parent.parent):
        print(f"wrote {path.name}")
