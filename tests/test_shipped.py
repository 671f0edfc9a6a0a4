"""The shipped-output gate (guide.shipped): every file of the built site, read as a browser reads
it, against hooks/guide/allowlist.py. The real site passes; each hostile fixture
(tests/fixtures/hostile/), forced into a real built page the way the theme prints a page's
content and title, is refused at its Markdown line (front matter for what reached <head>)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT
from guide import allowlist, shipped
from render import render

HOSTILE = FIXTURES / "hostile"
PAGE = "causes/index.html"
ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)')
HEADER_TOPIC = re.compile(r'(data-md-component="header-topic">\s*<span class="md-ellipsis">)')


def real_site(built_site: Path, **changes) -> shipped.Site:
    """What the build's hook gives the gate for the real mkdocs.yml."""
    import material

    config = yaml.compose((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = {key.value: value for key, value in config.value}
    edit_uri = settings["edit_uri"].value[1].value  # !ENV [NAME, default]
    site_url = settings["site_url"].value[1].value
    site = shipped.Site(site_dir=built_site, site_url=site_url, docs_dir=ROOT / "docs",
                        theme_dirs=[ROOT / "overrides", Path(material.__file__).parent / "templates"],
                        link_hosts=frozenset({re.match(r"https://([^/]+)/", edit_uri).group(1)}) | allowlist.LINK_HOSTS)
    for key, value in changes.items():
        setattr(site, key, value)
    return site


def forced(built_site: Path, name: str, page: str = PAGE) -> tuple[str, shipped.Origin]:
    """A real built page with the fixture's content in its article, and its front-matter title
    printed unescaped where the theme prints a page's title (<title>, the header)."""
    text = (HOSTILE / name).read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    html = ARTICLE.sub(lambda m: m.group(1) + render(body), (built_site / page).read_text(encoding="utf-8"), count=1)
    title = (yaml.safe_load(front) or {}).get("title")
    if title:
        html = re.sub(r"<title>.*?</title>", lambda m: f"<title>{title}</title>", html, count=1)
        html = HEADER_TOPIC.sub(lambda m: m.group(1) + title, html, count=1)
    return html, shipped.Origin(f"docs/{name}", ((f"docs/{name}", text),))


def problems(built_site: Path, name: str) -> list[str]:
    html, origin = forced(built_site, name)
    return [str(problem) for problem in shipped.check_page(html, PAGE, origin, real_site(built_site))]


ALLOW = "if the theme, our templates or an extension make it, allow it in hooks/guide/allowlist.py"
IN_PAGE = f"(in site/{PAGE})"

HOSTILE_CASES = {
    # 1. Front matter into <head>: YAML escapes carry markup past the Markdown scan.
    "front-matter-refresh.md": [
        f'docs/front-matter-refresh.md:2: <meta http-equiv="refresh"> is not allowed: http-equiv= on <meta> may be '
        f'only content-security-policy; {ALLOW} (VALUES) {IN_PAGE}',
        f"docs/front-matter-refresh.md:2: <meta> outside <head> is not allowed {IN_PAGE}",
    ],
    "front-matter-script.md": [
        f'docs/front-matter-script.md:3: <script src="../assets/guide.css"> is not a script the site loads (only '
        f'assets/guide.js, assets/javascripts/bundle.a5f9d56c.min.js); {ALLOW} (SCRIPTS) {IN_PAGE}',
    ],
    # 2. Raw-text elements, with backticks that a Markdown scan blanks.
    "noscript-backticks.md": [
        f'docs/noscript-backticks.md:7: <meta http-equiv="refresh"> is not allowed: http-equiv= on <meta> may be '
        f'only content-security-policy; {ALLOW} (VALUES) {IN_PAGE}',
        f"docs/noscript-backticks.md:7: <meta> outside <head> is not allowed {IN_PAGE}",
    ],
    "noscript-attribute.md": [
        f'docs/noscript-attribute.md:7: <script src="../assets/guide.css"> is not a script the site loads (only '
        f'assets/guide.js, assets/javascripts/bundle.a5f9d56c.min.js); {ALLOW} (SCRIPTS) {IN_PAGE}',
    ],
    "raw-text.md": [
        f"docs/raw-text.md:7: <xmp> is not an element the site allows; {ALLOW} (ELEMENTS) {IN_PAGE}",
        f'docs/raw-text.md:7: attribute onerror= is not allowed on <img> ("onerror=localStorage.clear()"); '
        f'{ALLOW} (ELEMENTS) {IN_PAGE}',
        f"docs/raw-text.md:8: <noembed> is not an element the site allows; {ALLOW} (ELEMENTS) {IN_PAGE}",
        f'docs/raw-text.md:8: attribute onerror= is not allowed on <img> ("onerror=localStorage.clear()"); '
        f'{ALLOW} (ELEMENTS) {IN_PAGE}',
        f"docs/raw-text.md:9: <noframes> is not an element the site allows; {ALLOW} (ELEMENTS) {IN_PAGE}",
        f'docs/raw-text.md:9: attribute onerror= is not allowed on <img> ("onerror=localStorage.clear()"); '
        f'{ALLOW} (ELEMENTS) {IN_PAGE}',
        f"docs/raw-text.md:10: <textarea> is not an element the site allows; {ALLOW} (ELEMENTS) {IN_PAGE}",
        'docs/raw-text.md:10: link <a href="javascript:localStorage.clear()"> goes where the site does not link: '
        "only relative and same-origin URLs, https: to github.com, squidfunk.github.io, mailto: and tel: (to link "
        f"another host, add it to LINK_HOSTS in hooks/guide/allowlist.py) {IN_PAGE}",
        f"docs/raw-text.md:11: <title> outside <head> is not allowed {IN_PAGE}",
        f"docs/raw-text.md:11: <link> outside <head> is not allowed {IN_PAGE}",
        f'docs/raw-text.md:11: <link rel=stylesheet href="../assets/guide.js"> is not a stylesheet the site loads '
        f"(only assets/guide.css, assets/stylesheets/main.57a0d79d.min.css, assets/stylesheets/palette.fb2fffe2.min.css); "
        f"{ALLOW} (STYLESHEETS) {IN_PAGE}",
    ],
}


@pytest.mark.parametrize("name", sorted(HOSTILE_CASES))
def test_each_hostile_case_is_refused_at_its_source_line(built_site, name):
    assert sorted(problems(built_site, name)) == sorted(HOSTILE_CASES[name])


def test_every_hostile_fixture_has_its_case():
    assert {path.name for path in HOSTILE.glob("*.md")} == set(HOSTILE_CASES) | {"walk-around.md"}


WALK_AROUND = {  # line -> what gives it away
    7: 'id="__config" is on more than one element',
    8: "attribute href= is not allowed on <script>",
    9: 'ascript:alert(document.domain)"> goes where the site does not link',
    10: 'link <a href="//tracker.example/"> goes where the site does not link',
    11: "attribute ontoggle= is not allowed on <details>",
    12: "<template> is not an element the site allows",
    13: '<td style="text-align: left; background: url(//evil.example/t.gif)"> is not allowed',
    14: "attribute action= is not allowed on <form>",
    15: "<math> is not an element the site allows",
}


def test_ways_around_an_allowlist_are_refused(built_site):
    found = problems(built_site, "walk-around.md")
    for line, telling in WALK_AROUND.items():
        assert any(p.startswith(f"docs/walk-around.md:{line}: ") and telling in p for p in found), (line, found)


def test_the_real_site_passes_the_gate(built_site):
    assert shipped.check_site(real_site(built_site), ROOT) == []


@pytest.mark.parametrize("element", ["nav", "footer", "label"])
def test_without_an_entry_the_theme_needs_the_real_site_fails(built_site, monkeypatch, element):
    monkeypatch.delitem(allowlist.ELEMENTS, element)
    found = [str(p) for p in shipped.check_site(real_site(built_site), ROOT)]
    assert f"docs/index.md: <{element}> is not an element the site allows; {ALLOW} (ELEMENTS) (in site/index.html)" \
        in found


def test_a_script_the_allowlist_drops_fails_the_real_site(built_site, monkeypatch):
    monkeypatch.delitem(allowlist.SCRIPTS, "assets/guide.js")
    found = [str(p) for p in shipped.check_site(real_site(built_site), ROOT)]
    assert any(re.match(r'docs/index\.md: <script src="assets/guide\.js(\?v=[0-9a-f]{8})?"> is not a script the site loads', p)
               for p in found)  # ?v=: a hash of its content (hooks/guide/offline.py)


def test_every_file_shipped_is_expected(built_site, tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "stages" / "evil.html").write_text("<p>hi</p>", encoding="utf-8")
    (site / "assets" / "guide.js").write_text("localStorage.clear()", encoding="utf-8")
    (site / "search" / "search_index.json").write_text('{"boost": Infinity}', encoding="utf-8")
    (site / "en" / "about" / "index.html").unlink()
    (site / "leak").symlink_to("/proc/self/environ")
    found = [str(p) for p in shipped.check_site(real_site(site, site_dir=site), ROOT)]
    assert sorted(found) == sorted([
        "site/stages/evil.html: not a file the build is expected to produce: not a page made from docs/, a copy of "
        "docs/ or of the theme, nor one of GENERATED in hooks/guide/allowlist.py (to publish a new generated file, "
        "add it there)",
        "site/assets/guide.js: differs from the file it copies (docs/ or the theme): something changed it during "
        "the build",
        "site/search/search_index.json: is not well-formed (Infinity is not JSON)",
        "docs/about.en.md: the build did not ship this page (site/en/about/index.html)",
        "site/leak: the build shipped a link or a special file",
    ])


def test_noscript_is_read_both_ways():
    """With scripting off its content is markup; with scripting on, raw text up to </noscript."""
    site = shipped.Site(site_dir=Path("."), site_url="https://example.org/", docs_dir=Path("docs"), theme_dirs=[])
    off = shipped.page_findings("<body><noscript><img src=x onerror=alert(1)></noscript>", "index.html", site)
    on = shipped.page_findings('<body><noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
                               "index.html", site)
    assert [f.message.split(" (")[0] for f in off] == ["attribute onerror= is not allowed on <img>"]
    assert [f.message.split(" (")[0] for f in on] == ["attribute onerror= is not allowed on <img>"]
    allowed = shipped.page_findings("<head><noscript><style>.guide-js { display: none !important; }</style>"
                                    "</noscript></head>", "index.html", site)
    assert allowed == []


# ---- The gate in the real build ----

def hostile_project(tmp_path: Path, title: bool = True) -> tuple[Path, int]:
    """The real project with the raw-text and walk-around fixtures at the end of docs/causes.md
    (and, with ``title``, hostile front matter); returns the line the appended text starts at."""
    from site_build import copy_project

    project = copy_project(tmp_path / "project")
    page = project / "docs" / "causes.md"
    text = page.read_text(encoding="utf-8")
    if title:
        title_line = (HOSTILE / "front-matter-refresh.md").read_text(encoding="utf-8").splitlines()[1]
        text = text.replace("---\n", f"---\n{title_line}\n", 1)
    start = len(text.splitlines()) + 2
    bodies = [(HOSTILE / name).read_text(encoding="utf-8").split("---\n", 2)[2].split("\n", 3)[3]
              for name in ("raw-text.md", "walk-around.md")]
    page.write_text(text + "\n" + "\n".join(bodies), encoding="utf-8")
    return project, start


@pytest.mark.slow
def test_the_build_refuses_hostile_content_at_its_lines(tmp_path):
    """Every hostile line is refused by the gate over the built page, at its own line. (Markup in
    a title never gets that far: the front-matter schema refuses it before anything is built; the
    gate's own reading of <head> is tested above on built pages.)"""
    from site_build import build

    project, start = hostile_project(tmp_path, title=False)
    result = build(tmp_path / "site", cwd=project, strict=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    gate = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines()
            if line.startswith("ERROR") and line.endswith("(in site/causes/index.html)")]
    lines = {int(line.split(":")[1]) - start for line in gate}
    assert lines == set(range(5)) | set(range(6, 15))  # every hostile line (5: the blank one between the files)


@pytest.mark.slow
def test_a_title_carrying_markup_stops_the_build_at_its_line_before_anything_is_built(tmp_path):
    from site_build import build

    project, _ = hostile_project(tmp_path)
    result = build(tmp_path / "site", cwd=project, strict=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ('ERROR   -  docs/causes.md:2: the title must not contain " < or >: use “ ” or 「 」 '
            '("Causes</title><meta http-equiv=refresh content=\'0;url=https:…")') in result.stderr.splitlines()
    assert "nothing was built" in result.stderr and not (tmp_path / "site" / "causes").exists()


@pytest.mark.slow
def test_the_build_fails_without_an_allowlist_entry_the_theme_needs(tmp_path):
    from site_build import build, copy_project

    project = copy_project(tmp_path / "project")
    allowed = project / "hooks" / "guide" / "allowlist.py"
    text = allowed.read_text(encoding="utf-8")
    assert '    "footer": set(),\n' in text
    allowed.write_text(text.replace('    "footer": set(),\n', ""), encoding="utf-8")
    result = build(tmp_path / "site", cwd=project)
    assert result.returncode == 1
    assert (f"ERROR   -  docs/index.md: <footer> is not an element the site allows; {ALLOW} (ELEMENTS) "
            "(in site/index.html)") in result.stderr.splitlines()


# ---- The rules, on small pages (no build) ----

TINY = shipped.Site(site_dir=Path("."), site_url="https://example.org/guide/", docs_dir=Path("docs"), theme_dirs=[],
                    link_hosts=frozenset({"github.com"}))


def messages(html: str, page: str = "x/index.html") -> list[str]:
    return [finding.message.split(";")[0].split(" (")[0] for finding in shipped.page_findings(html, page, TINY)]


@pytest.mark.parametrize("html", [
    '<a href="https://github.com/o/r/edit/main/docs/x.md">edit</a>',
    '<a href="mailto:editors@example.org">mail</a>',
    '<a href="tel:95188">call</a>',
    '<a href="https://example.org/guide/en/">same origin</a>',
    '<a href="../en/">relative</a>',
    '<a href="#top">here</a>',
    '<img src="https://example.org/guide/assets/a.png" alt="">',
    '<head><link rel="icon" href="data:image/svg+xml,%3Csvg%3E%3C/svg%3E"></head>',
    '<head><link rel="stylesheet" href="../assets/guide.css"></head>',
    '<script src="../assets/guide.js"></script>',
    '<script id="__config" type="application/json">{}</script>',
    '<head><noscript><style>.guide-js { display: none !important; }</style></noscript></head>',
    '<p id="a"></p><p id="b"></p>',
    '<head><meta name="theme-color" content="#3f51b5"><meta property="og:title" content="x"></head>',
])
def test_what_the_site_makes_passes(html):
    assert messages(html) == []


@pytest.mark.parametrize("html, message", [
    ('<a href="https://evil.example/">x</a>', 'link <a href="https://evil.example/"> goes where the site does not link:'
                                               " only relative and same-origin URLs, https: to github.com, mailto: and tel:"),
    ('<a href="http://github.com/">x</a>', 'link <a href="http://github.com/"> goes where the site does not link: only '
                                           "relative and same-origin URLs, https: to github.com, mailto: and tel:"),
    ('<img src="mailto:x@example.org" alt="">', '<img src="mailto:x@example.org"> loads from another origin or scheme:'
                                                 " the site loads only its own files"),
    ('<img src="https://example.org/other/a.png" alt="">', '<img src="https://example.org/other/a.png"> loads from '
                                                            "another origin or scheme: the site loads only its own files"),
    ('<img src="https://github.com/a.png" alt="">', '<img src="https://github.com/a.png"> loads from another origin or '
                                                     "scheme: the site loads only its own files"),
    ('<a href="data:text/html,x">x</a>', 'link <a href="data:text/html,x"> goes where the site does not link: only '
                                         "relative and same-origin URLs, https: to github.com, mailto: and tel:"),
    ('<script src="assets/guide.js"></script>', '<script src="assets/guide.js"> is not a script the site loads'),
    ("<script>x()</script>", 'inline script that is not one of the theme\'s'),
    ('<script type="application/json">{}</script>', "a JSON <script> that is not the theme's configuration"),
    ('<head><style>body { display: none }</style></head>', 'inline <style> that is not one of ours: "body { display: none }"'),
    ('<p id="a"></p><span id="a"></span>', 'id="a" is on more than one element: a page\'s ids are unique'),
    ("<blink>x</blink>", "<blink> is not an element the site allows"),
    ('<p onclick="x()">x</p>', "attribute onclick= is not allowed on <p>"),
    ('<head><link rel="preload stylesheet" href="../assets/guide.css"></head>',
     '<link rel="preload stylesheet"> is not allowed: rel= on <link> may be only alternate, apple-touch-icon, '
     "canonical, icon, manifest, next, prev, stylesheet"),
    ('<body><p>x</p><meta name="description" content="x">', "<meta> outside <head> is not allowed"),
])
def test_anything_else_is_refused(html, message):
    assert messages(html) == [message]


def test_a_finding_with_no_source_line_names_the_file_and_for_head_its_front_matter():
    origin = shipped.Origin("docs/x.md", (("docs/x.md", "---\ndescription: x\n---\n\n# X\n"),))
    site = shipped.Site(**{**TINY.__dict__, "sources": origin.sources})
    found = shipped.check_page('<head><meta http-equiv="refresh" content="0"></head><body><blink>x</blink>',
                               "x/index.html", origin, site)
    assert [(p.path, p.line) for p in found] == [("docs/x.md", 1), ("docs/x.md", 0)]


def test_front_matter_is_read_as_yaml_decodes_it():
    text = '---\ndescription: "a \\x3cb\\x3e"\nsearch:\n  boost: 2\ntags: [one, "\\u003ci"]\n---\n# X\n'
    assert sorted(shipped.front_matter_lines("docs/x.md", text)) == [
        ("docs/x.md", 2, "a <b>"), ("docs/x.md", 4, "2"), ("docs/x.md", 5, "<i"), ("docs/x.md", 5, "one")]
    assert shipped.front_matter_lines("docs/x.md", "# no front matter\n") == []
    assert shipped.front_matter_lines("docs/x.md", "---\n: [\n---\n") == []


def test_the_files_of_a_small_site(tmp_path):
    import gzip

    docs, site_dir = tmp_path / "docs", tmp_path / "site"
    for name in ("index.md", "index.en.md", "stages/a.md", "stages/a.en.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# x\n", encoding="utf-8")
    (docs / "assets").mkdir()
    (docs / "assets" / "guide.css").write_text("p {}", encoding="utf-8")
    page = "<!doctype html><html><head><title>x</title></head><body><p>x</p></body></html>"
    for name in ("index.html", "en/index.html", "stages/a/index.html"):
        (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / name).write_text(page, encoding="utf-8")
    (site_dir / "assets").mkdir()
    (site_dir / "assets" / "guide.css").write_text("p {}", encoding="utf-8")
    sitemap = b'<urlset><url><loc>https://other.example/</loc></url></urlset>'
    (site_dir / "sitemap.xml").write_bytes(sitemap)
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset/>"))
    (site_dir / "downloads").mkdir()
    (site_dir / "downloads" / "checklists.json").write_text("[NaN]", encoding="utf-8")
    (site_dir / "notes.txt").write_text("x", encoding="utf-8")
    (site_dir / "search").mkdir()
    (site_dir / "search" / "search_index.json").write_text(
        '{"docs": [{"location": "#a", "title": "<img src=x onerror=y>", "text": "<p>fine</p>"}]}', encoding="utf-8")
    site = shipped.Site(**{**TINY.__dict__, "site_dir": site_dir, "docs_dir": docs})
    assert sorted(str(p) for p in shipped.check_site(site, tmp_path)) == [
        "docs/stages/a.en.md: the build did not ship this page (site/en/stages/a/index.html)",
        "site/downloads/checklists.json: is not well-formed (NaN is not JSON)",
        "site/notes.txt: not a file the build is expected to produce: not a page made from docs/, a copy of docs/ or "
        "of the theme, nor one of GENERATED in hooks/guide/allowlist.py (to publish a new generated file, add it there)",
        "site/search/search_index.json: attribute onerror= is not allowed on <img> (\"onerror=y\"); if the theme, our "
        "templates or an extension make it, allow it in hooks/guide/allowlist.py (ELEMENTS) (in "
        "site/search/search_index.json, title of '#a')",
        "site/sitemap.xml.gz: is not the gzip of sitemap.xml",
        'site/sitemap.xml: names a URL of another origin: "https://other.example/"',
    ]
