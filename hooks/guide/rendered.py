"""Checks of a page's rendered HTML.

The Markdown-level scan (``security``) reads the source, line by line; these checks
read what the renderer actually made of it, with an HTML parser that decodes entities
and ends comments where a browser does, so nothing a browser would run or load slips
through a Markdown trick. Every build runs them (``mkdocs build``, ``serve``, deploy).

A rule is a function from a parsed ``Document`` to ``Finding``s. ``CONTENT_RULES``
judge what a page's Markdown became (before the theme wraps it); ``PAGE_RULES`` judge
the whole built page, theme included. A finding carries ``needles``: source text that
probably produced it, with which ``Locator`` finds the line to report.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .model import BUILD_MARK, Problem
from .theme import INLINE_SCRIPTS
from .model import quote

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str]]  # names in lower case, values with entities decoded ("" when bare)
    text: str = ""  # the content of a script or style element


@dataclass(frozen=True)
class Text:
    data: str  # entities decoded
    ancestors: tuple[str, ...]  # the enclosing elements' tags, outermost first


@dataclass
class Document:
    elements: list[Element] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)


class _Reader(HTMLParser):
    """html.parser, with comments and ``<![…]>`` ending where a browser ends them.

    A browser ends ``<!-->`` and ``<!--->`` at once and a comment at ``--!>``, and reads
    ``<![CDATA[`` in HTML as a comment that ends at the first ``>``; html.parser reads
    on to ``-->`` and ``]]>``, which would hide the markup in between from the checks.
    Comments are skipped, not reported: nothing in them runs or loads. A self-closing tag
    (``<p/>``) is html.parser's start tag then end tag, which opens and closes it."""

    COMMENT_END = re.compile(r"--!?>")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = Document()
        self.open: list[Element] = []

    def parse_comment(self, i: int) -> int:
        rawdata = self.rawdata
        if rawdata.startswith(">", i + 4):
            return i + 5
        if rawdata.startswith("->", i + 4):
            return i + 6
        end = self.COMMENT_END.search(rawdata, i + 4)
        if end is None:
            return -1  # wait for more text, as html.parser does
        return end.end()

    def parse_marked_section(self, i: int) -> int:
        end = self.rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1

    def handle_starttag(self, tag, attrs):
        element = Element(tag, [(name, value or "") for name, value in attrs])
        self.document.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        if self.open and self.open[-1].tag in ("script", "style"):
            self.open[-1].text += data
        else:
            self.document.texts.append(Text(data, tuple(e.tag for e in self.open)))


def parse(html: str) -> Document:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.document


@dataclass(frozen=True)
class Finding:
    message: str
    needles: tuple[str, ...] = ()  # source text that probably produced it, most telling first


# ---- URLs, read the way a browser reads them ----

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "xlink:href", "data", "background",
                  "ping", "cite", "codebase", "longdesc", "lowsrc", "dynsrc", "manifest", "icon", "imagesrcset"}
# What the browser fetches by itself (not links a reader follows): these must stay on this site.
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "background", "ping", "lowsrc", "dynsrc", "data", "imagesrcset"}
SVG_RESOURCES = {"image", "use", "feimage"}  # their href loads a resource
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
SCRIPT_SCHEMES = {"javascript", "vbscript"}
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.S)
CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))""", re.I)
CSS_STRING = re.compile(r""""([^"]*)"|'([^']*)'""")


def url_as_browser_reads(value: str) -> str:
    """Leading and trailing controls and spaces go; tabs and line breaks anywhere are ignored."""
    return re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21))))


def scheme_of(value: str) -> str | None:
    match = SCHEME.match(url_as_browser_reads(value))
    return match.group(1).lower() if match else None


def is_other_origin(value: str) -> bool:
    """Any URL with a scheme, or starting with two slashes (a backslash counts as one)."""
    url = url_as_browser_reads(value).replace("\\", "/")
    return url.startswith("//") or scheme_of(url) is not None


def srcset_urls(value: str) -> list[str]:
    """Every candidate URL of a srcset (each comma-separated candidate's first word)."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def css_urls(style: str) -> list[str]:
    """Every URL a style attribute names, after CSS escapes and comments are undone."""
    css = CSS_COMMENT.sub("", CSS_ESCAPE.sub(
        lambda m: chr(int(m.group(1), 16)) if m.group(1) and int(m.group(1), 16) < 0x110000 else (m.group(2) or ""),
        style))
    found = ["".join(groups) for groups in CSS_URL.findall(css)]
    if re.search(r"image-set\(|image\(|@import", css, re.I):
        found += ["".join(groups) for groups in CSS_STRING.findall(css)]
    return found


def resource_urls(element: Element) -> Iterable[tuple[str, str]]:
    """(attribute, URL) for every URL the browser would fetch for this element."""
    for name, value in element.attrs:
        if name in ("srcset", "imagesrcset"):
            yield from ((name, url) for url in srcset_urls(value))
        elif name in RESOURCE_ATTRIBUTES or (name in ("href", "xlink:href") and element.tag in SVG_RESOURCES):
            yield name, value
        elif name == "style":
            yield from ((name, url) for url in css_urls(value))


def _needles(value: str) -> tuple[str, ...]:
    """The value as written and, in case entities hid its start, the part after its scheme."""
    value = value.strip()
    rest = SCHEME.sub("", url_as_browser_reads(value)).lstrip("/\\ ")
    return (value, rest) if len(rest) >= 4 and rest != value else (value,)


# ---- Rules for what a page's Markdown may become ----

FORBIDDEN = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "style", "base",
             "meta", "link")


def forbidden_elements(document: Document) -> Iterable[Finding]:
    for element in document.elements:
        if element.tag in FORBIDDEN:
            yield Finding(f"<{element.tag}> is not allowed in content", (f"<{element.tag}",))


def event_attributes(document: Document) -> Iterable[Finding]:
    for element in document.elements:
        for name, value in element.attrs:
            if name.startswith("on"):
                yield Finding(f"event attribute {name}= is not allowed (<{element.tag} {name}={quote(value)}>)",
                              (f"{name}=", name))


def script_urls(document: Document) -> Iterable[Finding]:
    """javascript: and vbscript: run code wherever a browser takes a URL, SVG animation values included."""
    for element in document.elements:
        for name, value in element.attrs:
            scheme = scheme_of(value)
            if scheme in SCRIPT_SCHEMES:
                yield Finding(f"{scheme}: URLs are not allowed (<{element.tag} {name}={quote(value)}>)",
                              _needles(value))


def data_urls(document: Document) -> Iterable[Finding]:
    for element in document.elements:
        for name, value in element.attrs:
            urls = srcset_urls(value) if name in ("srcset", "imagesrcset") else [value]
            if name in URL_ATTRIBUTES and any(scheme_of(url) == "data" for url in urls):
                yield Finding(f"data: URLs are not allowed (<{element.tag} {name}={quote(value)}>)", _needles(value))


def other_origin_resources(document: Document) -> Iterable[Finding]:
    for element in document.elements:
        for name, url in resource_urls(element):
            if is_other_origin(url) and scheme_of(url) not in SCRIPT_SCHEMES | {"data"}:
                yield Finding(f"<{element.tag}> loads {quote(url)} from another origin ({name}): "
                              "put the file in docs/assets/", _needles(url))


# ---- Markdown that did not render ----

# What Markdown syntax looks like when it did not render, and what usually causes it.
LEFTOVERS = {
    "^^": "an insertion that did not render: write ^^text^^, with no space after the opening ^^ "
          "or before the closing one",
    "!!!": "an admonition that did not render: a blank line before it, its body indented four spaces",
    "--8<--": 'a snippet that was not included: check the path in --8<-- "includes/…"',
    "{:": "an attribute list that did not render",
    "*[": "an abbreviation definition that did not render: *[term]: text, on a line of its own",
    "[ ]": "a checkbox outside a checklist: task items belong in a !!! checklist box",
    "[x]": "a checkbox outside a checklist: task items belong in a !!! checklist box",
}
CODE = {"code", "pre", "kbd", "samp"}  # code may show syntax on purpose


def leftover_markdown(document: Document) -> Iterable[Finding]:
    """Markdown syntax in the page's text: the renderer did not read it, so readers see it as written."""
    for text in document.texts:
        if CODE.intersection(text.ancestors):
            continue
        for token, why in LEFTOVERS.items():
            at = text.data.find(token)
            if at >= 0:
                start = text.data.rfind(" ", 0, max(0, at - 30)) + 1  # from the start of a word
                shown = " ".join(text.data[start: at + len(token) + 30].split())
                before = text.data[max(0, at - 12): at].strip()
                yield Finding(f"Markdown syntax {token} is left in the rendered text ({why}): {quote(shown)}",
                              (before + token, token))


# What the script reads as a checklist: only the checklist extension (and the worksheet) may write it,
# and they mark each such element with this build's mark, which a page's Markdown cannot know.
CHECKLIST_CLASSES = {"checklist", "checklist-items", "checklist-item", "checklist-box", "checklist-id",
                     "checklist-count", "worksheet-box"}
CHECKLIST_ATTRIBUTES = {"data-item", "data-items", "data-hash", "data-mark"}


def forged_checklist_markup(document: Document) -> Iterable[Finding]:
    for element in document.elements:
        attrs = dict(element.attrs)
        classes = CHECKLIST_CLASSES.intersection(attrs.get("class", "").split())
        names = CHECKLIST_ATTRIBUTES.intersection(attrs)
        if (classes or names) and attrs.get("data-mark") != BUILD_MARK:
            markers = sorted(f"class {name}" for name in classes) + sorted(names)
            needles = tuple(attrs[name] for name in sorted(names) if len(attrs[name]) >= 4) + tuple(sorted(classes))
            yield Finding(f"<{element.tag}> written as HTML carries the checklist's markers ({', '.join(markers)}): "
                          "checklist items are written '- [ ] ID text' inside !!! checklist", needles)


CONTENT_RULES: tuple[Callable[[Document], Iterable[Finding]], ...] = (
    forbidden_elements, event_attributes, script_urls, data_urls, other_origin_resources, leftover_markdown,
    forged_checklist_markup,
)


# ---- Rules for the whole built page ----

def script_hash(text: str) -> str:
    """The CSP source expression for an inline script: the SHA-256 of its exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def untrusted_scripts(document: Document) -> Iterable[Finding]:
    """Only the theme's own inline scripts (theme.INLINE_SCRIPTS) and this site's script files run.
    A page rule: its findings carry no needles, as the theme wrote what it finds (no source line)."""
    for element in document.elements:
        if element.tag != "script":
            continue
        attrs = dict(element.attrs)
        if "src" in attrs:
            if is_other_origin(attrs["src"]):
                yield Finding(f"script from another origin: {quote(attrs['src'])}")
        elif attrs.get("type", "").lower() != "application/json" and script_hash(element.text) not in INLINE_SCRIPTS:
            yield Finding("inline script that is not one of the theme's (hooks/guide/theme.py): "
                          f"{quote(element.text.strip())}")


PAGE_RULES: tuple[Callable[[Document], Iterable[Finding]], ...] = (untrusted_scripts, event_attributes, script_urls)


# ---- From findings to problems ----

class Locator:
    """Finds the source line of a finding: the first line that holds one of its needles, in
    the page and then in the files it takes in; a repeated needle moves to its next line."""

    def __init__(self, sources: list[tuple[str, str]]) -> None:
        self.lines = [(path, number, line.lower()) for path, text in sources
                      for number, line in enumerate(text.splitlines(), start=1)]
        self.used: dict[str, int] = {}

    def locate(self, needles: tuple[str, ...]) -> tuple[str, int] | None:
        for needle in (n.lower() for n in needles if n.strip()):
            places = [(path, number) for path, number, line in self.lines if needle in line]
            if places:
                count = self.used[needle] = self.used.get(needle, -1) + 1
                return places[min(count, len(places) - 1)]
        return None

    def problem(self, finding: Finding, default_path: str) -> Problem:
        path, line = self.locate(finding.needles) or (default_path, 0)  # line 0: the file alone
        return Problem(path, line, finding.message)


def _check(html: str, rules, sources: list[tuple[str, str]], path: str) -> list[Problem]:
    document = parse(html)
    locator = Locator(sources)
    return [locator.problem(finding, path) for rule in rules for finding in rule(document)]


def check_content(html: str, path: str, sources: list[tuple[str, str]]) -> list[Problem]:
    """What a page's Markdown became: ``sources`` are (path, text) of the page's source and
    of the files it takes in (snippets, abbreviations), where lines are looked for."""
    return _check(html, CONTENT_RULES, sources, path)


def check_page(html: str, path: str) -> list[Problem]:
    """The whole built page, named after its source file (no line: the theme wrote it)."""
    return _check(html, PAGE_RULES, [], path)
