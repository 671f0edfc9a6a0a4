"""The checks of a page's rendered HTML (guide.rendered): every unsafe fixture, rendered by
the site's real renderer, is caught with its source line, whether or not the Markdown-level
scan saw it; the HTML is read as a browser reads it (entities, comments, URLs)."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from guide.rendered import check_content, check_page, parse
from guide.theme import INLINE_SCRIPTS
from render import render

UNSAFE = FIXTURES / "unsafe"


def rendered_problems(name: str) -> list[str]:
    text = (UNSAFE / name).read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]  # MkDocs renders the page without its front matter
    path = f"docs/{name}"
    return [str(p) for p in check_content(render(body), path, [(path, text)])]


OTHER_ORIGIN = "from another origin ({}): put the file in docs/assets/"
CAUGHT = {
    "script.md": "docs/script.md:7: <script> is not allowed in content",
    "iframe.md": "docs/iframe.md:7: <iframe> is not allowed in content",
    "object-embed.md": "docs/object-embed.md:7: <embed> is not allowed in content",
    "form.md": "docs/form.md:7: <form> is not allowed in content",
    "style.md": "docs/style.md:7: <style> is not allowed in content",
    "base.md": "docs/base.md:7: <base> is not allowed in content",
    "meta.md": "docs/meta.md:7: <meta> is not allowed in content",
    "link.md": "docs/link.md:7: <link> is not allowed in content",
    "frameset.md": "docs/frameset.md:7: <frame> is not allowed in content",
    "attr-list-event.md": 'docs/attr-list-event.md:7: event attribute onclick= is not allowed (<a onclick="steal()">)',
    "html-event.md": 'docs/html-event.md:7: event attribute onmouseover= is not allowed (<span onmouseover="steal()">)',
    "comment-trick.md": 'docs/comment-trick.md:7: event attribute onerror= is not allowed (<img onerror="alert(1)">)',
    "javascript-link.md": 'docs/javascript-link.md:7: javascript: URLs are not allowed (<a href="javascript:alert(1)">)',
    "entity-javascript-link.md": "docs/entity-javascript-link.md:7: javascript: URLs are not allowed "
                                 '(<a href="javascript:alert(1)">)',
    "tab-in-scheme.md": 'docs/tab-in-scheme.md:7: javascript: URLs are not allowed (<a href="java\ufffdscript:alert(1)">)',
    "formaction.md": 'docs/formaction.md:7: javascript: URLs are not allowed (<button formaction="javascript:alert(1)">)',
    "svg-animate.md": 'docs/svg-animate.md:7: javascript: URLs are not allowed (<set to="javascript:alert(1)">)',
    "vbscript-link.md": 'docs/vbscript-link.md:7: vbscript: URLs are not allowed (<a href="vbscript:msgbox(1)">)',
    "data-link.md": 'docs/data-link.md:7: data: URLs are not allowed (<a href="data:text/html;base64,PHNjcmlwdD4=">)',
    "data-image.md": 'docs/data-image.md:7: data: URLs are not allowed (<img src="data:image/svg+xml;base64,PHN2Zz4=">)',
    "external-image.md": 'docs/external-image.md:7: <img> loads "https://tracker.example/qr.png" '
                         + OTHER_ORIGIN.format("src"),
    "external-img-tag.md": 'docs/external-img-tag.md:7: <img> loads "//tracker.example/pixel.gif" '
                           + OTHER_ORIGIN.format("src"),
    "entity-external-img.md": 'docs/entity-external-img.md:7: <img> loads "//tracker.example/pixel.gif" '
                              + OTHER_ORIGIN.format("src"),
    "reference-image.md": 'docs/reference-image.md:9: <img> loads "https://tracker.example/qr.png" '
                          + OTHER_ORIGIN.format("src"),
    "srcset.md": 'docs/srcset.md:7: <img> loads "https://tracker.example/x.png" ' + OTHER_ORIGIN.format("srcset"),
    "poster.md": 'docs/poster.md:7: <video> loads "https://tracker.example/p.jpg" ' + OTHER_ORIGIN.format("poster"),
    "style-url.md": 'docs/style-url.md:7: <span> loads "//tracker.example/pixel.gif" ' + OTHER_ORIGIN.format("style"),
    "fence-longer-close.md": "docs/fence-longer-close.md:11: <script> is not allowed in content",
    "fence-tilde.md": 'docs/fence-tilde.md:11: <img> loads "https://tracker.example/pixel.gif" '
                      + OTHER_ORIGIN.format("src"),
    "fence-after-indented.md": "docs/fence-after-indented.md:9: <script> is not allowed in content",
}


def test_every_unsafe_fixture_is_caught_here():
    unsafe = {path.name for path in UNSAFE.glob("*.md")} - {"safe.md"}
    assert unsafe == set(CAUGHT)


@pytest.mark.parametrize("name", CAUGHT)
def test_what_the_renderer_made_of_an_unsafe_page_is_caught_at_its_line(name):
    assert CAUGHT[name] in rendered_problems(name)


def test_code_and_ordinary_links_are_safe_once_rendered():
    assert rendered_problems("safe.md") == []


# ---- HTML as a browser reads it ----

@pytest.mark.parametrize("html", [
    "<!--><script>alert(1)</script>-->",  # <!--> is a whole comment to a browser
    "<!--->x<script>alert(1)</script>-->",
    "<!-- a --!><script>alert(1)</script>-->",  # so is a comment ended by --!>
    "<![CDATA[ > <script>alert(1)</script> ]]>",  # in HTML, a bogus comment ending at the first >
    "<SCRIPT>alert(1)</SCRIPT>",
    "<!---><script>alert(1)</script>",  # the script right after the comment, not a character later
    "<!----><script>alert(1)</script>-->",  # an empty comment ends at its own -->
    "<![><script>alert(1)</script>",  # the shortest bogus comment
])
def test_scripts_hidden_from_a_naive_parser_are_found(html):
    assert [element.tag for element in parse(html).elements] == ["script"]


@pytest.mark.parametrize("html", [
    "<!--!><script>alert(1)</script>-->",  # --!> ends a comment, but !> alone does not
    "<!-- a comment never closed <script>alert(1)</script>",
])
def test_markup_a_browser_reads_as_a_comment_is_not_reported(html):
    assert check_content(html, "docs/x.md", []) == []


@pytest.mark.parametrize("html, text", [
    ("<p>a<!--->b</p>", "ab"),
    ("<p>a<!-- b -->c</p>", "ac"),
    ("<p>a<![CDATA[ b ]]>c</p>", "ac"),
])
def test_comments_are_not_text_and_the_text_after_them_is(html, text):
    assert "".join(piece.data for piece in parse(html).texts) == text


@pytest.mark.parametrize("html", ["<p>a</p><!-- b", "<p>a</p><![CDATA[ b"])
def test_a_page_ending_inside_a_comment_is_still_read(html):
    # no hang; what becomes of the unclosed part is html.parser's end-of-input rule, which Python releases changed
    assert parse(html).texts[0].data == "a"


@pytest.mark.parametrize("html, problems", [
    # an end tag closes what was left open inside it, as a browser does
    ("<p><code>[x]</code> [x] here</p>", ['Markdown syntax [x] is left in the rendered text ({}): "[x] here"']),
    ("<p><code>a<span>b</code> [x] here</p>", ['Markdown syntax [x] is left in the rendered text ({}): "[x] here"']),
    ("<p><code><span>a</span> [x]</code></p>", []),  # code with highlighted spans stays code
    ("<p>a</p></div><p>[x] a box</p>", ['Markdown syntax [x] is left in the rendered text ({}): "[x] a box"']),
    ("<style>*[hidden] { display: none }</style>", ["<style> is not allowed in content"]),  # CSS is not text
])
def test_text_is_code_exactly_while_a_code_element_is_open(html, problems):
    why = "a checkbox outside a checklist: task items belong in a !!! checklist box"
    assert [p.message for p in check_content(html, "docs/x.md", [])] == [m.format(why) for m in problems]


def test_a_bare_attribute_is_shown_with_an_empty_value():
    assert [str(p) for p in check_content('<img src="a.png" onerror alt="">', "docs/x.md", [])] == [
        'docs/x.md: event attribute onerror= is not allowed (<img onerror="">)']


@pytest.mark.parametrize("href, scheme", [
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("java&#x09;script:alert(1)", "javascript"),  # tabs and line breaks inside a URL are ignored
    ("java&#10;script:alert(1)", "javascript"),
    ("&#14; javascript:alert(1)", "javascript"),  # leading controls and spaces too
    ("javascript&colon;alert(1)", "javascript"),
    ("\x01javascript:alert(1)", "javascript"),  # a raw control character, trimmed by the browser
    ("vbscript:msgbox(1)", "vbscript"),
])
def test_script_urls_are_found_however_they_are_written(href, scheme):
    problems = check_content(f'<a href="{href}">x</a>', "docs/x.md", [])
    assert len(problems) == 1 and problems[0].message.startswith(f"{scheme}: URLs are not allowed")


@pytest.mark.parametrize("html", [
    '<img src="https://tracker.example/p.gif">',
    '<img src="//tracker.example/p.gif">',
    '<img src="/\\tracker.example/p.gif">',  # a backslash counts as a slash
    '<img src="&#47;/tracker.example/p.gif">',
    '<img src="ftp://tracker.example/p.gif">',
    '<img src="a.png" srcset="a.png 1x, https://tracker.example/p.gif 2x">',
    '<img src="a.png" srcset="a.png 1x,https://tracker.example/p.gif 2x">',  # no space after the comma
    '<video poster="https://tracker.example/p.jpg"></video>',
    '<audio src="https://tracker.example/a.mp3"></audio>',
    '<video><source src="https://tracker.example/v.mp4"><track src="https://tracker.example/t.vtt"></video>',
    '<input type="image" src="https://tracker.example/p.gif" alt="x">',
    '<table background="https://tracker.example/p.gif"></table>',
    '<a href="/ok" ping="https://tracker.example/ping">x</a>',
    '<svg><image href="https://tracker.example/p.svg"/></svg>',
    '<svg><use xlink:href="//tracker.example/s.svg#i"/></svg>',
    '<p style="background: url(https://tracker.example/p.gif)">x</p>',
    "<p style=\"background: url('//tracker.example/p.gif')\">x</p>",
    '<p style="background: \\75 rl(//tracker.example/p.gif)">x</p>',  # a CSS escape
    '<p style="background: u/**/rl(x); background-image: image-set(\'https://tracker.example/p.gif\' 1x)">x</p>',
])
def test_resources_from_another_origin_are_found(html):
    problems = check_content(html, "docs/x.md", [])
    assert problems and all("from another origin" in p.message for p in problems), problems


@pytest.mark.parametrize("html", [
    '<img src="../assets/x.png" alt="">',
    '<img src="/assets/x.png" srcset="/assets/x.png 1x, x@2x.png 2x" alt="">',
    '<a href="https://www.nfra.gov.cn/">a link to another site is fine</a>',
    '<p style="color: red">x</p>',
    "<p>javascript: is only a word here; onclick= too</p>",
    "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>",
    '<img src="X//x.png" alt="">',  # a browser trims only controls and spaces: these are relative paths
    '<img src="!//x.png" alt="">',
])
def test_ordinary_content_passes(html):
    assert check_content(html, "docs/x.md", []) == []


@pytest.mark.parametrize("style, url", [
    ("background: url(/**/'//tracker.example/p.gif')", "//tracker.example/p.gif"),  # a comment before the string
    ("background: url(\\/\\/tracker.example/p.gif)", "//tracker.example/p.gif"),  # escaped slashes
    ("background: url(\\2f\\2ftracker.example/p.gif)", "//tracker.example/p.gif"),  # hex escapes
    # the last code point (not printable: quoted as U+FFFD); one beyond it is dropped
    ("background: url(//tracker.example/\\10FFFF.gif)", "//tracker.example/\ufffd.gif"),
    ("background: url(//tracker.example/p.gif\\110000)", "//tracker.example/p.gif"),
    ("background-image: IMAGE-SET('//tracker.example/p.gif' 1x)", "//tracker.example/p.gif"),
    ("background: url(//tracker.example/a.gif), image-set('/assets/b.png' 1x)", "//tracker.example/a.gif"),
])
def test_the_url_a_style_loads_is_named(style, url):
    assert [p.message for p in check_content(f'<p style="{style}">x</p>', "docs/x.md", [])] == [
        f'<p> loads "{url}" ' + OTHER_ORIGIN.format("style")]


@pytest.mark.parametrize("html, problems", [
    ('<img src="data:image/png;base64,AA" alt="">',
     ['data: URLs are not allowed (<img src="data:image/png;base64,AA">)']),  # not also "another origin"
    ('<img src="javascript:alert(1)" alt="">', ['javascript: URLs are not allowed (<img src="javascript:alert(1)">)']),
    ('<img src="/a.png" srcset="/a.png 1x, data:image/png;base64,AA 2x" alt="">',
     ['data: URLs are not allowed (<img srcset="/a.png 1x, data:image/png;base64,AA 2x">)']),
    ('<link rel="preload" as="image" imagesrcset="/a.png 1x, data:image/png;base64,AA 2x">',
     ["<link> is not allowed in content",
      'data: URLs are not allowed (<link imagesrcset="/a.png 1x, data:image/png;base64,AA 2x">)']),
    ('<link rel="preload" as="image" imagesrcset="/a.png 1x, https://tracker.example/b.png 2x">',
     ["<link> is not allowed in content",
      '<link> loads "https://tracker.example/b.png" ' + OTHER_ORIGIN.format("imagesrcset")]),
    ('<a href="da&#10;ta:text/html;base64,PHNjcmlwdD4=">x</a>',  # a line break inside a URL is ignored
     ['data: URLs are not allowed (<a href="da\ufffdta:text/html;base64,PHNjcmlwdD4=">)']),
])
def test_each_unsafe_url_is_reported_once_under_its_own_rule(html, problems):
    assert [p.message for p in check_content(html, "docs/x.md", [])] == problems


# ---- Where a problem is reported ----

def test_repeated_problems_are_reported_at_each_of_their_lines():
    source = "# t\n\n<b onclick=\"a()\">x</b>\n\ntext\n\n<i onclick=\"b()\">y</i>\n"
    problems = check_content(render(source), "docs/x.md", [("docs/x.md", source)])
    assert [(p.path, p.line) for p in problems] == [("docs/x.md", 3), ("docs/x.md", 7)]


def test_a_problem_from_a_snippet_names_the_snippet():
    page = "# t\n\n--8<-- \"includes/x.md\"\n"
    snippet = "说明\n\n<iframe src=\"/x\"></iframe>\n"
    problems = check_content("<h1>t</h1><p>说明</p><iframe src=\"/x\"></iframe>", "docs/p.md",
                             [("docs/p.md", page), ("docs/includes/x.md", snippet)])
    assert [str(p) for p in problems] == ["docs/includes/x.md:3: <iframe> is not allowed in content"]


def test_two_problems_on_one_line_are_both_reported_at_it():
    source = "# t\n\n<b onclick=\"a()\">x</b> <i onclick=\"b()\">y</i>\n"
    problems = check_content(render(source), "docs/x.md", [("docs/x.md", source)])
    assert [(p.path, p.line) for p in problems] == [("docs/x.md", 3), ("docs/x.md", 3)]


def test_a_url_hidden_by_entities_is_found_by_what_follows_its_scheme():
    source = ("# t\n\n![scan](https://gamma-ray.example/scan.png)\n\n"
              "<img src=\"&#104;ttps://X-ray.example/scan.png\" alt=\"\">\n\n"
              "<a href=\"&#106;avascript:go()\">x</a>\n")
    problems = check_content(render(source), "docs/x.md", [("docs/x.md", source)])
    assert [(p.line, p.message.split(" from")[0]) for p in problems] == [
        (7, 'javascript: URLs are not allowed (<a href="javascript:go()">)'),
        (3, '<img> loads "https://gamma-ray.example/scan.png"'),
        (5, '<img> loads "https://X-ray.example/scan.png"'),
    ]


def test_a_url_too_short_to_find_is_reported_without_a_line_rather_than_at_a_wrong_one():
    source = "# Refunds\n\n<a href=\"&#106;avascript:f\">x</a>\n"
    problems = check_content(render(source), "docs/x.md", [("docs/x.md", source)])
    assert [str(p) for p in problems] == ['docs/x.md: javascript: URLs are not allowed (<a href="javascript:f">)']


def test_without_a_line_the_file_is_still_named():
    source = "# t\n\n<a href=\"&#x6A;&#x61;vascript&colon;&#x61;lert&lpar;1&rpar;\">x</a>\n"
    problems = check_content(render(source), "docs/x.md", [("docs/x.md", source)])
    assert [str(p) for p in problems] == ['docs/x.md: javascript: URLs are not allowed (<a href="javascript:alert(1)">)']


# ---- The whole page: only the theme's scripts ----

def test_a_page_runs_only_the_themes_inline_scripts():
    page = ('<html><head><script id="__config" type="application/json">{"a": 1}</script>'
            '<script src="assets/x.js"></script></head><body><script>alert(1)</script></body></html>')
    assert [str(p) for p in check_page(page, "docs/x.md")] == [
        "docs/x.md: inline script that is not one of the theme's (hooks/guide/theme.py): \"alert(1)\""
    ]


def test_a_page_loads_no_script_from_another_origin():
    assert [str(p) for p in check_page('<script src="https://cdn.example/x.js"></script>', "docs/x.md")] == [
        'docs/x.md: script from another origin: "https://cdn.example/x.js"'
    ]


def test_event_attributes_and_script_urls_anywhere_in_the_page_are_refused():
    problems = check_page('<body onload="x()"><a href="javascript:y()">z</a></body>', "docs/x.md")
    assert [p.message.split(" (")[0] for p in problems] == ["event attribute onload= is not allowed",
                                                           "javascript: URLs are not allowed"]


def test_the_allowlist_is_not_empty_and_holds_only_hashes():
    assert INLINE_SCRIPTS and all(h.startswith("'sha256-") and h.endswith("='") for h in INLINE_SCRIPTS)


# Markdown syntax left in the rendered text (issue #9, §8)

def leftovers(markdown: str, path: str = "docs/x.md") -> list[str]:
    return [str(p) for p in check_content(render(markdown), path, [(path, markdown)])]


@pytest.mark.parametrize("markdown, token, line", [
    ("# X\n\n- Such as the state of the business^^ and contact details^^.\n", "^^", 3),
    ("# X\n\nA note mid-line !!! note \"编者注\" is not a note.\n", "!!!", 3),
    ("# X\n\nA snippet mid-line --8<-- \"includes/red-flag.md\" is not included.\n", "--8<--", 3),
    ("# X\n\nA paragraph {: .lead }\n", "{:", 3),
    ("# X\n\nSee *[Jiebei]: a product, inside a sentence.\n", "*[", 3),
    ("# X\n\nText and - [ ] SC-09 a box in a paragraph.\n", "[ ]", 3),
    ("# X\n\nA ticked [x] box in a paragraph.\n", "[x]", 3),
])
def test_markdown_left_in_the_rendered_text_is_reported_at_its_line(markdown, token, line):
    [problem] = leftovers(markdown)
    assert problem.startswith(f"docs/x.md:{line}: Markdown syntax {token} is left in the rendered text (")


def test_leftover_markdown_is_shown_from_the_start_of_a_word_thirty_characters_around_it():
    why = "an insertion that did not render: write ^^text^^, with no space after the opening ^^ or before the closing one"
    left = f"Markdown syntax ^^ is left in the rendered text ({why})"
    assert leftovers("# X\n\nReaders who open the checklist on a phone ^^ see it.\n\n"
                     "Two ^^ carets are left in this long sentence.\n") == [
        f'docs/x.md:3: {left}: "open the checklist on a phone ^^ see it."',
        f'docs/x.md:5: {left}: "Two ^^ carets are left in this long"',
    ]


def test_leftover_markdown_is_reported_at_its_own_line_when_code_shows_the_same_syntax():
    markdown = ("# X\n\nIn code, `ax^^` and `^^` are shown as written.\n\nMax^^ is left as written.\n\n"
                "Q&amp;A - sessions^^ too.\n")
    assert [problem.split(": Markdown")[0] for problem in leftovers(markdown)] == ["docs/x.md:5", "docs/x.md:7"]


def test_the_english_ma02_repair_as_it_was():
    markdown = ("# X\n\n!!! checklist \"Keep business information up to date\"\n"
                "    - [ ] MA-02 This includes key information such as the state of the business^^ and "
                "contact details^^.[^gap]\n\n[^gap]: Editorial repair.\n")
    [problem] = leftovers(markdown, "docs/stages/maintenance.en.md")
    assert problem.startswith("docs/stages/maintenance.en.md:4: Markdown syntax ^^ is left in the rendered text")
    assert "the business^^ and contact details^^." in problem


def test_rendered_syntax_code_and_checklists_are_not_leftovers():
    markdown = ("# X\n\nFrequent ^^large^^ transfers. Write `^^text^^` or `- [ ] SC-01`.\n\n"
                "```markdown\n!!! note \"编者注\"\n--8<-- \"includes/red-flag.md\"\n*[term]: text\n```\n\n"
                "!!! checklist \"Title\"\n    - [ ] SC-01 A step.\n")
    assert leftovers(markdown) == []


@pytest.mark.slow
def test_the_build_stops_on_leftover_markdown_naming_the_page(tmp_path):
    from site_build import build, copy_project

    project = copy_project(tmp_path)
    page = project / "docs/stages/maintenance.en.md"
    text = page.read_text(encoding="utf-8")
    assert "business ^^and contact details^^" in text
    page.write_text(text.replace("business ^^and contact details^^", "business^^ and contact details^^"),
                    encoding="utf-8")
    line = next(n for n, row in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if "MA-02" in row)
    result = build(project / "site", cwd=project, strict=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"docs/stages/maintenance.en.md:{line}: Markdown syntax ^^ is left in the rendered text" in output
