"""One item-ID pattern (ASCII digits only) for Python and the script, and items only the checklist
extension can make (issue #19, class 5)."""

from __future__ import annotations

import re

from conftest import ROOT
from guide.model import BUILD_MARK, ID_PATTERN, ID_SOURCE
from guide.pipeline import check
from guide.rendered import check_content

SCRIPT = (ROOT / "docs" / "assets" / "guide.js").read_text(encoding="utf-8")


def test_the_script_and_python_share_one_id_pattern():
    (pattern,) = re.findall(r"var ID = /(.*)/;", SCRIPT)
    assert pattern == f"^{ID_SOURCE}$"
    assert "\\d" not in ID_SOURCE


def test_full_width_digits_are_no_id():
    assert ID_PATTERN.fullmatch("SC-01") and not ID_PATTERN.fullmatch("SC-０１") and not ID_PATTERN.fullmatch("SC-٠١")


def test_an_id_with_full_width_digits_is_refused_at_build(docs):
    path = docs / "stages" / "self-check.md"
    path.write_text(path.read_text(encoding="utf-8").replace("- [ ] SC-01 ", "- [ ] SC-０１ ", 1), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "SC-０１" in text)
    found = [str(p) for p in check(docs, docs.parent)[1]]
    assert any(p.startswith(f"docs/stages/self-check.md:{line}: item has no well-formed ID (like SC-01) after the "
                            'checkbox: "- [ ] SC-０１ ') for p in found), found


FORGED = '<li class="checklist-item" data-item="SC-01" data-mark="0123456789abcdef">x</li>'


def test_raw_html_carrying_the_checklist_markers_is_refused_at_its_line():
    source = "# T\n\n<ul>\n" + FORGED + "\n</ul>\n"
    found = check_content("<h1>T</h1><ul>" + FORGED + "</ul>", "docs/x.md", [("docs/x.md", source)])
    assert [str(p) for p in found] == [
        "docs/x.md:4: <li> written as HTML carries the checklist's markers (class checklist-item, data-item, "
        "data-mark): checklist items are written '- [ ] ID text' inside !!! checklist"]


def test_an_attribute_list_giving_a_checklist_class_is_refused():
    found = check_content('<p class="checklist-box">x</p>', "docs/x.md", [("docs/x.md", "x { .checklist-box }\n")])
    assert [str(p) for p in found] == [
        "docs/x.md:1: <p> written as HTML carries the checklist's markers (class checklist-box): checklist items "
        "are written '- [ ] ID text' inside !!! checklist"]


def test_what_the_extension_writes_carries_the_mark_and_passes():
    html = f'<li class="checklist-item" data-item="SC-01" data-hash="abcd1234" data-mark="{BUILD_MARK}">x</li>'
    assert check_content(html, "docs/x.md", [("docs/x.md", "")]) == []
    assert re.fullmatch(r"[0-9a-f]{16}", BUILD_MARK)  # safe in an attribute and a CSS selector
