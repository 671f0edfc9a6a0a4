"""The gate: every file the build ships, checked the way a browser reads it, against the allowlist.

After the build (every build: ``mkdocs build``, ``serve``, deploy), each file in ``site/`` must be
something the build is expected to produce (``allowlist.GENERATED``, a page made from ``docs/``, a
byte-for-byte copy of a ``docs/`` file or of the pinned theme's), and every HTML page, head
included, is parsed with Lexbor (selectolax), a WHATWG-conformant parser, and holds only the
elements, attributes, URLs, scripts and styles of ``allowlist``. A finding is reported at the
Markdown line that produced it (``rendered.Locator``), and at the front-matter key for what
reached ``<head>``; the allowlist entry to extend is named in the message.

``<noscript>`` is read both ways a browser may read it: with scripting off (its content is
markup, which Lexbor gives) and with scripting on, where its content is raw text up to the first
``</noscript`` and what follows is markup again (read by parsing it as a ``<noframes>``, which
follows the same raw-text rule in head and body alike).
"""

from __future__ import annotations

import gzip
from collections import Counter
import json
import os
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import allowlist
from .model import LANGUAGES, Problem, language_of
from .parse import split_lines
from .rendered import Locator, script_hash, url_as_browser_reads
from .theme import INLINE_SCRIPTS
from .model import quote

HERE = allowlist.HERE
HEAD_ONLY = frozenset({"meta", "link", "title", "style", "head"})
NOSCRIPT_OPEN = re.compile(r"<noscript(?=[\s/>])", re.I)
NOSCRIPT_CLOSE = re.compile(r"</noscript(?=[\s/>])", re.I)
FROM_NOSCRIPT = "data-guide-was-noscript"  # marks a <noscript> read as raw text (as a <noframes>)


@dataclass(frozen=True)
class Origin:
    """Where a shipped page came from: its source file, and the Markdown it takes in."""
    path: str  # as messages name it: "docs/x.md", or "404.html (a theme template)"
    sources: tuple[tuple[str, str], ...] = ()  # (path, text): the page, its snippets, its abbreviations


@dataclass
class Site:
    """What the gate needs to know of the build."""
    site_dir: Path
    site_url: str  # the site's address ("https://example.org/guide/"): its origin is the same origin
    docs_dir: Path
    theme_dirs: list[Path]  # the theme's folders, custom_dir first: their files ship as they are
    link_hosts: frozenset[str] = frozenset()  # https: hosts a link may point to (the edit link's, …)
    pages: dict[str, Origin] = field(default_factory=dict)  # "x/index.html" -> where it came from
    sources: tuple[tuple[str, str], ...] = ()  # every Markdown file, to find a line in


@dataclass(frozen=True)
class Finding:
    message: str
    needles: tuple[str, ...] = ()  # source text that probably produced it, most telling first
    in_head: bool = False  # in <head>: from the page's front matter, if from its source at all


# ---- A page, element by element ----

def _attributes(node: LexborNode) -> list[tuple[str, str]]:
    return [(name.lower(), value or "") for name, value in node.attributes.items()]


def _in_head(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "head":
            return True
        parent = parent.parent
    return False


def _text(node: LexborNode) -> str:
    return node.text(deep=True) or ""


def _allow(where: str) -> str:
    return f"if the theme, our templates or an extension make it, allow it in {HERE} ({where})"


def _site_path(url: str, page: str, site: Site) -> str | None:
    """The file in site/ a same-origin URL names, from the page at ``page``; None for another origin."""
    base = site.site_url if site.site_url.endswith("/") else site.site_url + "/"
    absolute = urljoin(urljoin(base, page), url_as_browser_reads(url).replace("\\", "/"))
    root, target = urlsplit(base), urlsplit(absolute)
    if (target.scheme, target.netloc) != (root.scheme, root.netloc) or not target.path.startswith(root.path):
        return None
    return target.path[len(root.path):]


def _url_findings(tag: str, name: str, value: str, rel: set[str], page: str, site: Site) -> Iterable[Finding]:
    url = url_as_browser_reads(value).replace("\\", "/")
    shown = f"<{tag} {name}={quote(value)}>"
    needles = (value.strip(), url.split(":", 1)[-1].lstrip("/")[:60])
    scheme = urlsplit(url).scheme.lower() if re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:", url) else ""
    followed = tag == "a" and name == "href"  # a link the reader chooses to follow; everything else loads
    if not scheme and not url.startswith("//"):
        return  # relative: this site
    if scheme == "data" and any((tag, kind) in allowlist.DATA_URL_ELEMENTS for kind in rel) \
            and url.lower().startswith("data:image/"):
        return
    if scheme in allowlist.LINK_SCHEMES and followed:
        return
    if scheme in ("http", "https", "") and _site_path(url, page, site) is not None:
        return  # the site's own address
    host = (urlsplit(url if scheme else "https:" + url).hostname or "").lower()
    if scheme == "https" and followed and host in site.link_hosts:
        return
    if followed:
        yield Finding(f"link {shown} goes where the site does not link: only relative and same-origin URLs, "
                      f"https: to {', '.join(sorted(site.link_hosts)) or 'no other host'}, mailto: and tel: "
                      f"(to link another host, add it to LINK_HOSTS in {HERE})", needles)
    else:
        yield Finding(f"{shown} loads from another origin or scheme: the site loads only its own files "
                      "(put the file in docs/assets/)", needles)


def _element_findings(node: LexborNode, page: str, site: Site, ids: dict[str, int]) -> Iterable[Finding]:
    tag = node.tag.lower()
    if FROM_NOSCRIPT in node.attributes:
        return  # a <noscript>'s content, which a browser with scripting on reads as text
    attributes = _attributes(node)
    head = _in_head(node)
    if tag not in allowlist.ELEMENTS:
        yield Finding(f"<{tag}> is not an element the site allows; {_allow('ELEMENTS')}", (f"<{tag}", tag), head)
        return
    allowed = allowlist.GLOBAL_ATTRIBUTES | allowlist.ELEMENTS[tag]
    rel = set(dict(attributes).get("rel", "").lower().split())
    for name, value in attributes:
        if name not in allowed:
            yield Finding(f"attribute {name}= is not allowed on <{tag}> ({quote(f'{name}={value}'[:80])}); "
                          f"{_allow('ELEMENTS')}", (f"{name}=", name), head)
            continue
        values = allowlist.VALUES.get((tag, name))
        words = value.lower().split() if name == "rel" else [value.strip().lower()]
        if values is not None and not set(words) <= values:
            yield Finding(f"<{tag} {name}={quote(value)}> is not allowed: {name}= on <{tag}> may be only "
                          f"{', '.join(sorted(values))}; {_allow('VALUES')}", (value.strip(), f"{name}="), head)
        if name in allowlist.URL_ATTRIBUTES:
            yield from (Finding(f.message, f.needles, head) for f in _url_findings(tag, name, value, rel, page, site))
        if name == "id":
            ids[value] = ids.get(value, 0) + 1
            if ids[value] == 2:
                yield Finding(f"id={quote(value)} is on more than one element: a page's ids are unique (the theme "
                              "and the script find elements by id)", (f"#{value}", f'id="{value}"', value), head)
    if tag in HEAD_ONLY - {"head"} and not head:
        yield Finding(f"<{tag}> outside <head> is not allowed", (f"<{tag}",), head)
    if tag == "link" and "stylesheet" in rel:
        href = dict(attributes).get("href", "")
        if _site_path(href, page, site) not in allowlist.STYLESHEETS:
            yield Finding(f"<link rel=stylesheet href={quote(href)}> is not a stylesheet the site loads (only "
                          f"{', '.join(sorted(allowlist.STYLESHEETS))}); {_allow('STYLESHEETS')}",
                          (href.strip(), "stylesheet"), head)
    if tag == "script":
        yield from (Finding(f.message, f.needles, head) for f in _script_findings(node, page, site))
    if tag == "style":
        text = " ".join(_text(node).split())
        if text not in allowlist.INLINE_STYLES:
            yield Finding(f"inline <style> that is not one of ours: {quote(text[:80])}; "
                          f"{_allow('INLINE_STYLES')}", ("<style", text[:40]), head)


def _script_findings(node: LexborNode, page: str, site: Site) -> Iterable[Finding]:
    src = node.attributes.get("src")
    kind = (node.attributes.get("type") or "").strip().lower()
    if src is not None:
        path = _site_path(src, page, site)
        if path not in allowlist.SCRIPTS:
            yield Finding(f"<script src={quote(src)}> is not a script the site loads (only "
                          f"{', '.join(sorted(allowlist.SCRIPTS))}); {_allow('SCRIPTS')}", (src.strip(), "<script"))
    elif kind == "application/json":
        if node.attributes.get("id") not in allowlist.JSON_SCRIPT_IDS:
            yield Finding("a JSON <script> that is not the theme's configuration", ("<script",))
    elif script_hash(_text(node)) not in INLINE_SCRIPTS:
        yield Finding("inline script that is not one of the theme's (hooks/guide/theme.py): "
                      f"{quote(_text(node).strip()[:80])}", (_text(node).strip()[:40], "<script"))


def _as_scripting_reads_it(html: str) -> str:
    """The page as a browser with scripting on reads it: <noscript> content is raw text."""
    html = NOSCRIPT_OPEN.sub(f"<noframes {FROM_NOSCRIPT}", html)
    return NOSCRIPT_CLOSE.sub("</noframes", html)


def page_findings(html: str, page: str, site: Site) -> list[Finding]:
    """Every finding of one shipped page (``page``: its path in site/), both readings of <noscript>."""
    readings = [LexborHTMLParser(html)]
    if NOSCRIPT_OPEN.search(html):
        readings.append(LexborHTMLParser(_as_scripting_reads_it(html)))
    findings: list[Finding] = []
    for tree in readings:
        ids: dict[str, int] = {}
        found = [finding for node in (tree.root.traverse() if tree.root is not None else ())
                 if not node.tag.startswith(("-", "_", "!"))  # text, comments, the doctype
                 for finding in _element_findings(node, page, site, ids)]
        unseen = Counter(found) - Counter(findings)  # the second reading adds only what the first did not see
        findings += [finding for finding in found if unseen[finding] > 0 and not unseen.subtract([finding])]
    return findings


# ---- From a finding to a Markdown line ----

def front_matter_lines(path: str, text: str) -> list[tuple[str, int, str]]:
    """(path, line, value) of every string in a page's front matter, as YAML decodes it
    (escapes like \\x3c undone): what the theme prints into <head>, the navigation and the index."""
    lines = split_lines(text)
    if not lines or lines[0].strip() != "---":
        return []
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)
    if end is None:
        return []
    try:
        node = yaml.compose("\n".join(lines[1:end]), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    found, stack, seen = [], [node], 0
    while stack and seen < 10_000:  # bounded: an alias bomb is the front-matter check's to refuse
        current, seen = stack.pop(), seen + 1
        if isinstance(current, yaml.ScalarNode):
            found.append((path, current.start_mark.line + 2, str(current.value)))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(value, yaml.ScalarNode):  # the key's line, where the value starts
                    found.append((path, key.start_mark.line + 2, str(value.value)))
                else:
                    stack.append(value)
    return found


class _Lines(Locator):
    """rendered.Locator over the page's own sources first, then every Markdown file of the site;
    and over front matter as YAML decodes it."""

    def __init__(self, own: Iterable[tuple[str, str]], every: Iterable[tuple[str, str]]) -> None:
        own, every = list(own), list(every)
        super().__init__(own + [source for source in every if source not in own])
        decoded = [entry for path, text in own + every for entry in front_matter_lines(path, text)]
        self.lines += [(path, number, value.lower()) for path, number, value in decoded]


def _problem(finding: Finding, where: str, origin: Origin, locator: _Lines) -> Problem:
    message = f"{finding.message} (in {where})"
    place = locator.locate(finding.needles)
    if place:
        return Problem(place[0], place[1], message)
    if finding.in_head and origin.sources:
        return Problem(origin.path, 1, message)  # front matter: where a page's <head> comes from
    return Problem(origin.path, 0, message)


def check_page(html: str, page: str, origin: Origin, site: Site) -> list[Problem]:
    findings = page_findings(html, page, site)
    if not findings:
        return []
    locator = _Lines(origin.sources, site.sources)
    return list(dict.fromkeys(_problem(finding, f"site/{page}", origin, locator) for finding in findings))


# ---- Every file ----

def expected_pages(docs_dir: Path) -> dict[str, str]:
    """site/ path -> docs/ path of every page the build makes from docs/ (use_directory_urls)."""
    from .sources import page_files

    expected = {}
    for path in page_files(docs_dir):
        src_uri = path.relative_to(docs_dir).as_posix()
        lang, key = language_of(src_uri)
        stem = key.removesuffix(".md")
        url = "index.html" if stem == "index" else (
            f"{stem[:-len('/index')]}/index.html" if stem.endswith("/index") else f"{stem}/index.html")
        expected[url if lang == LANGUAGES[0] else f"{lang}/{url}"] = src_uri
    return expected


def _strict_json(text: str) -> object:
    def refuse(constant: str):
        raise ValueError(f"{constant} is not JSON")
    return json.loads(text, parse_constant=refuse)


def _same_bytes(path: Path, candidates: Iterable[Path]) -> bool | None:
    """True when a candidate of that name has the same bytes; False when one differs; None: none."""
    verdict = None
    for candidate in candidates:
        if candidate.is_file() and not candidate.is_symlink():
            if candidate.stat().st_size == path.stat().st_size and candidate.read_bytes() == path.read_bytes():
                return True
            verdict = False
    return verdict


def check_site(site: Site, root: Path) -> list[Problem]:
    """Every file in site/: the gate. ``root``: the repository, for paths in messages."""
    from .files import check_svg
    from .sources import shown_path

    problems: list[Problem] = []
    pages = expected_pages(site.docs_dir)
    shipped: set[str] = set()
    for folder, dirs, names in os.walk(site.site_dir):  # never follows a link
        for name in sorted(dirs + names):
            path = Path(folder) / name
            relative = path.relative_to(site.site_dir).as_posix()
            if path.is_symlink() or (name in names and not path.is_file()):
                problems.append(Problem(f"site/{relative}", 0, "the build shipped a link or a special file"))
                continue
            if name in dirs:
                continue
            shipped.add(relative)
            problems += _check_file(path, relative, site, pages, root, check_svg, shown_path)
    for missing in sorted(set(pages) - shipped):
        problems.append(Problem(f"docs/{pages[missing]}", 0, f"the build did not ship this page (site/{missing})"))
    return problems


def _check_file(path: Path, relative: str, site: Site, pages: dict[str, str], root: Path, check_svg,
                shown_path) -> list[Problem]:
    shown = f"site/{relative}"
    if relative.endswith(".html") and (relative in pages or relative in allowlist.GENERATED):
        origin = site.pages.get(relative) or Origin(
            f"{site.docs_dir.name}/{pages[relative]}" if relative in pages else f"{relative} (a theme template)")
        text = path.read_bytes().decode("utf-8", errors="replace")
        return check_page(text, relative, origin, site)
    if relative in allowlist.GENERATED:
        return _check_generated(path, relative, site)
    source = site.docs_dir / relative
    copy = _same_bytes(path, [source]) if not relative.endswith(".md") else None
    if copy is True:
        return [Problem(shown_path(source, root), 0, message)
                for message in check_svg(path.read_text(encoding="utf-8", errors="replace"))] \
            if relative.endswith(".svg") else []
    theme = _same_bytes(path, [folder / relative for folder in site.theme_dirs])
    if theme is True:
        return []
    if copy is False or theme is False:
        return [Problem(shown, 0, "differs from the file it copies (docs/ or the theme): something changed it "
                                  "during the build")]
    return [Problem(shown, 0, "not a file the build is expected to produce: not a page made from docs/, a copy of "
                              f"docs/ or of the theme, nor one of GENERATED in {HERE} (to publish a new generated "
                              "file, add it there)")]


def _check_index(index: object, relative: str, site: Site) -> list[Problem]:
    """A search index's titles and texts are shown as HTML in the search results: the same allowlist."""
    docs = index.get("docs", []) if isinstance(index, dict) else []
    found: list[Problem] = []
    locator = None
    for entry in docs if isinstance(docs, list) else []:
        for key in ("title", "text"):
            value = entry.get(key) if isinstance(entry, dict) else None
            if isinstance(value, str) and "<" in value:
                findings = page_findings(f"<body>{value}", relative, site)
                if findings:
                    locator = locator or _Lines((), site.sources)
                    origin = Origin(f"site/{relative}")
                    found += [_problem(finding, f"site/{relative}, {key} of {entry.get('location', '')!r}", origin,
                                       locator) for finding in findings]
    return list(dict.fromkeys(found))


def _check_generated(path: Path, relative: str, site: Site) -> list[Problem]:
    shown = f"site/{relative}"
    try:
        data = path.read_bytes()
        if relative.endswith(".json") or relative.endswith(".webmanifest"):
            parsed = _strict_json(data.decode("utf-8"))
            if relative.endswith("search_index.json"):
                return _check_index(parsed, relative, site)
        elif relative.endswith(".xml.gz"):
            if gzip.decompress(data) != (path.with_suffix("")).read_bytes():
                return [Problem(shown, 0, "is not the gzip of sitemap.xml")]
        elif relative.endswith(".xml"):
            for element in ElementTree.fromstring(data).iter():
                for url in [element.text or ""] if element.tag.endswith("loc") else [element.get("href", "")]:
                    if url.strip() and _site_path(url.strip(), relative, site) is None:
                        return [Problem(shown, 0, f"names a URL of another origin: {quote(url.strip())}")]
    except (ValueError, OSError, EOFError, ElementTree.ParseError) as error:
        return [Problem(shown, 0, f"is not well-formed ({error})")]
    return []
