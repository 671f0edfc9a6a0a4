"""Content security for contributed Markdown.

Python-Markdown passes raw HTML through and attr_list writes any attribute, so a
pull request could add a script, an event handler or a tracker. These rules read
the Markdown source (fenced code and inline code excepted) and report each such
thing as ``path:line: message``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from .model import Problem, Rule
from .fences import Fence, code_lines, find_fences, without_code_spans
from .parse import body_start, split_lines
from .sources import Source
from .model import quote

FORBIDDEN_TAG = re.compile(r"<\s*(script|iframe|object|embed|form|style|frame|frameset|base|meta|link)\b", re.I)
UNSAFE_SCHEME = re.compile(
    r"(?:\]\(\s*<?|\]:\s*<?|\b(?:href|src|action|formaction|xlink:href|poster|data)\s*=\s*[\"']?\s*|<)"
    r"(?P<scheme>javascript|vbscript|data)\s*:", re.I)
# Things that count only inside an open tag, attribute list or image: each is found once in the line
# and kept when the last opener before it is not closed yet (what "opener[^closer]*?thing" means, without
# the regex's rescanning from every opener: linear in the line, whatever the line repeats).
TAG_OPENER = re.compile(r"<[a-z]", re.I)
EVENT_ATTRIBUTE = re.compile(r"[\s\"'/{](?P<name>on[a-z]+)\s*=", re.I)
ATTR_LIST_OPENER = re.compile(r"\{")
IMAGE_OPENER = re.compile(r"!\[")
EXTERNAL_URL_AFTER_TEXT = re.compile(r"\]\(\s*<?(?P<url>(?:https?:)?//[^\s)>]+)", re.I)
RESOURCE_OPENER = re.compile(r"<\s*(?P<tag>img|source|video|audio|track|input|image|svg|use)\b", re.I)
RESOURCE_URL = re.compile(r"\b(?P<attr>src|srcset|poster|href|xlink:href)\s*=\s*[\"']?\s*(?P<url>(?:https?:)?//[^\s\"'>]+)",
                          re.I)


def enclosed(line: str, opener: re.Pattern, closer: str, found: re.Pattern, group: str | int = 0):
    """Each match of ``found`` whose ``group`` starts after an ``opener`` with no ``closer``
    character between them, with that opener's match."""
    opens = list(opener.finditer(line))
    ends = [match.end() for match in opens]
    closes = [index for index, char in enumerate(line) if char == closer] if closer in line else []
    for match in found.finditer(line):
        start = match.start(group)
        last_open = bisect_right(ends, start) - 1
        if last_open < 0:
            continue
        last_close = bisect_left(closes, start) - 1
        if last_close < 0 or closes[last_close] < opens[last_open].start():
            yield opens[last_open], match


def scan(text: str, path: str) -> Iterable[Problem]:
    lines = split_lines(text)
    start = body_start(lines)
    fences = find_fences(lines[start:])
    # An opening fence's { attributes } reach the page, so that line is read too.
    code = {start + index for index in code_lines(fences)} - {start + fence.opening for fence in fences}
    for fence in fences:
        if not fence.is_code:
            yield _not_code(fence, start, path)
    for number, line in enumerate(lines, start=1):
        if number - 1 not in code:
            yield from _scan_line(without_code_spans(line, "``"), path, number)


def _not_code(fence: Fence, start: int, path: str) -> Problem:
    """A fence the renderer drops, or may put back as text: what follows it is Markdown."""
    if fence.reverted:
        return Problem(path, start + fence.opening + 1,
                       f"code fence {fence.marker} directly follows an indented line, so it may be rendered as "
                       "Markdown, not code: put a blank line before it")
    where = ("the end of the file" if fence.abandoned_at is None
             else f"line {start + fence.abandoned_at + 1}, which is indented less than the fence or quoted differently")
    return Problem(path, start + fence.opening + 1,
                   f"code fence {fence.marker} is not closed before {where}, so what follows is rendered as "
                   f"Markdown, not code: close it with exactly {fence.marker} (same characters, same length), "
                   "indented like the opening fence")


def _scan_line(line: str, path: str, number: int) -> Iterable[Problem]:
    for match in FORBIDDEN_TAG.finditer(line):
        yield Problem(path, number, f"raw <{match.group(1).lower()}> is not allowed in content: {quote(line.strip())}")
    for opener, closer in ((TAG_OPENER, ">"), (ATTR_LIST_OPENER, "}")):
        for _, match in enclosed(line, opener, closer, EVENT_ATTRIBUTE, "name"):
            yield Problem(path, number, f"inline event attribute {match.group('name')}= is not allowed: "
                                        f"{quote(line.strip())}")
    for match in UNSAFE_SCHEME.finditer(line):
        yield Problem(path, number, f"{match.group('scheme').lower()}: URLs are not allowed in links: {quote(line.strip())}")
    for _, match in enclosed(line, IMAGE_OPENER, "]", EXTERNAL_URL_AFTER_TEXT):
        yield Problem(path, number, f"image from another origin ({match.group('url')}): put the file in docs/assets/")
    for tag, match in enclosed(line, RESOURCE_OPENER, ">", RESOURCE_URL):
        yield Problem(path, number,
                      f"<{tag.group('tag').lower()}> loads {match.group('url')} from another origin: put the file in docs/assets/")


def check_content(sources: Iterable[Source]) -> list[Problem]:
    """Every Markdown file under docs/, snippets included (they end up in pages)."""
    problems = []
    for source in sources:
        problems.extend(scan(source.text, source.path))
    return sorted(set(problems))


# What a page may not contain, for contributors (REFERENCE.md, REFERENCE.en.md; `make reference`).
REFERENCE = [
    Rule(code=("scan",),
         title={"en": "What a page may not contain", "zh": "页面中不允许出现的内容"},
         text={"en": 'Python-Markdown passes raw HTML through, so the build checks every Markdown file in `docs/` (snippets included) and then every page\'s rendered HTML (read with an HTML parser, entities decoded, the way a browser reads it), and stops with `path:line: message` on:\n\n- raw `<script>`, `<iframe>`, `<object>`, `<embed>`, `<form>`, `<style>` (and `<frame>`, `<frameset>`, `<base>`, `<meta>`, `<link>`);\n- inline event attributes (`onclick=` and every other `on…=`), in HTML or through attribute lists such as `[text](page.md){ onclick="…" }`;\n- `javascript:` or `vbscript:` URLs anywhere, and `data:` URLs in links and sources;\n- images or other resources from another origin (`![x](https://…)`, reference-style images, `<img src="//…">`, `srcset`, `poster`, `url(…)` in a `style`): put the file in `docs/assets/` instead;\n- a code fence that is never closed (see above);\n- Markdown syntax left in the rendered text, which readers would see as written: `^^` (an insertion written `^^ text^^`, with a space inside), `!!!` (an admonition that did not render), `--8<--` (a snippet that was not included), `{:` (an attribute list), `*[` (an abbreviation definition), or a bare `[ ]` / `[x]` outside a checklist. For example `docs/stages/maintenance.en.md:21: Markdown syntax ^^ is left in the rendered text (an insertion that did not render: write ^^text^^, with no space after the opening ^^ or before the closing one): "such as the state of the business^^ and contact details^^."`.\n\nThe rendered-HTML check runs in every build (`make build`, `make serve`, the deploy) and reports every problem of every page at the end of the build, at the line where it finds the source text (in the page, or in the snippet it came from), or naming the file alone when entities hide it. Links *to* other sites are fine. Code (closed fences and `inline code`) is not checked, so you can show examples. Every built page also carries a Content-Security-Policy that lets only the theme\'s own inline scripts run (an allowlist of hashes in `hooks/guide/theme.py`, pinned with the Material version, never taken from the page) and loads nothing from another origin; a page holding any other inline script, event attribute or `javascript:` URL stops the build.',
               "zh": 'Python-Markdown 会原样输出 HTML，因此构建时会检查 `docs/` 下的每个 Markdown 文件（包括片段），再检查每个页面渲染出的 HTML（用 HTML 解析器读取，解码字符实体，和浏览器的读法一致），遇到以下内容时以 `路径:行号: 说明` 报错并中止：\n\n- 原始的 `<script>`、`<iframe>`、`<object>`、`<embed>`、`<form>`、`<style>`（以及 `<frame>`、`<frameset>`、`<base>`、`<meta>`、`<link>`）；\n- 行内事件属性（`onclick=` 及其他所有 `on…=`），无论写在 HTML 中还是通过属性列表，例如 `[文字](page.md){ onclick="…" }`；\n- 任何位置的 `javascript:` 或 `vbscript:` 网址，以及链接和资源中的 `data:` 网址；\n- 来自其他网站的图片或资源（`![x](https://…)`、引用式图片、`<img src="//…">`、`srcset`、`poster`、`style` 中的 `url(…)`）：请把文件放进 `docs/assets/`；\n- 渲染后的文字中残留的 Markdown 语法（读者会原样看到）：`^^`（插入写成了 `^^ 文字^^`，里面多了空格）、`!!!`（没有渲染出来的提示框）、`--8<--`（没有插入的片段）、`{:`（属性列表）、`*[`（缩写定义），或者清单之外单独的 `[ ]` / `[x]`。例如 `docs/stages/maintenance.en.md:21: Markdown syntax ^^ is left in the rendered text (an insertion that did not render: write ^^text^^, with no space after the opening ^^ or before the closing one): "such as the state of the business^^ and contact details^^."`。\n\n渲染后 HTML 的检查在每次构建中都会运行（`make build`、`make serve` 和部署），在构建结束时一次报告所有页面的所有问题，给出找到源文字的那一行（在页面本身，或者在内容所来自的片段中）；如果源文字被字符实体遮住了，就只给出文件名。链接**到**其他网站没有问题。代码（已关闭的围栏代码块和`行内代码`）不受检查，可以用来展示示例。每个构建出的页面都带有内容安全策略（Content-Security-Policy），只允许主题自己的行内脚本运行（`hooks/guide/theme.py` 中的哈希白名单，随 Material 版本固定，绝不取自页面本身），不从任何其他来源加载内容；页面中出现任何其他行内脚本、事件属性或 `javascript:` 网址，构建都会中止。'}),
]
