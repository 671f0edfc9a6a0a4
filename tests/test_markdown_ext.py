"""How a checklist item is rendered, and abbreviations inside Chinese text."""

from __future__ import annotations

import markdown
import pytest

from guide.markdown_ext import GuideExtension
from guide.model import item_hash
from guide.parse import parse_page


def render(text: str) -> str:
    md = markdown.Markdown(extensions=["admonition", "abbr", "attr_list", "pymdownx.details", GuideExtension()])
    return md.convert(text)


CHECKLIST = '''!!! checklist "全面检查财务状况"
    - [ ] SC-01 对企业[资产负债表](x.md)进行**详细**审查。
    - [ ] SC-02 确认是否存在资金挪用。
'''


def test_an_item_becomes_an_anchored_labelled_checkbox():
    html = render(CHECKLIST)
    assert '<li class="checklist-item" data-hash="' in html and 'data-item="SC-01" id="sc-01"' in html
    assert '<input class="checklist-box" id="sc-01-box" type="checkbox" />' in html
    assert '<label for="sc-01-box"><span class="checklist-id">SC-01</span> 对企业<a href="x.md">资产负债表</a>' \
           "进行<strong>详细</strong>审查。</label>" in html
    assert '<span class="checklist-count guide-js" data-search-exclude="">0/2</span>' in html


def test_the_rendered_hash_is_the_hash_of_the_parsed_item_text():
    page = parse_page("---\nstage: self-check\n---\n" + CHECKLIST, "docs/x.md", "x.md")
    html = render(CHECKLIST)
    for item in page.items:
        assert f'data-hash="{item_hash(item.text)}" data-item="{item.id}"' in html


@pytest.mark.parametrize("marker", ["???", "???+"])
def test_collapsible_checklists_render_the_same_items(marker):
    html = render(CHECKLIST.replace("!!!", marker, 1))
    assert html.startswith('<details class="checklist"')
    assert html.count('class="checklist-item"') == 2
    assert "<summary>全面检查财务状况<span class=\"checklist-count guide-js\" data-search-exclude=\"\">0/2</span></summary>" in html


def test_a_malformed_item_is_left_as_written_for_the_validator_to_report():
    html = render('!!! checklist "t"\n    - [ ] SC-1 文字\n')
    assert 'class="checklist-item"' not in html and "<li>[ ] SC-1 文字</li>" in html


def test_abbreviations_match_inside_chinese_text_and_at_english_word_boundaries():
    html = render("支付宝旗下的借呗额度。Jiebei and Jiebeis.\n\n*[借呗]: 蚂蚁集团的信贷产品\n*[Jiebei]: Ant Group's credit line\n")
    assert '<abbr title="蚂蚁集团的信贷产品">借呗</abbr>额度' in html
    assert '<abbr title="Ant Group\'s credit line">Jiebei</abbr> and Jiebeis' in html


def test_a_term_is_marked_once_at_its_first_use_in_the_body_and_never_in_a_heading():
    html = render("# 借呗指南\n\n支付宝里的借呗额度，借呗再次出现。\n\n## 借呗与 Jiebei\n\n"
                  "Jiebei again, `借呗` in code, Jiebei.\n\n"
                  "*[借呗]: 蚂蚁集团的信贷产品\n*[支付宝]: 支付平台\n*[Jiebei]: Ant Group's credit line\n")
    assert html.count("<abbr") == 3
    assert "<h1>借呗指南</h1>" in html and "<h2>借呗与 Jiebei</h2>" in html
    assert ('<p><abbr title="支付平台">支付宝</abbr>里的<abbr title="蚂蚁集团的信贷产品">借呗</abbr>额度，'
            "借呗再次出现。</p>") in html
    assert "<p><abbr title=\"Ant Group's credit line\">Jiebei</abbr> again, <code>借呗</code> in code, Jiebei.</p>" in html


def test_the_first_use_may_be_inside_emphasis_a_link_or_a_checklist_item():
    html = render("文字 **借呗** 后面的借呗。\n\n" + CHECKLIST.replace("资金挪用", "借呗资金挪用")
                  + "\n*[借呗]: 蚂蚁集团的信贷产品\n")
    assert html.count("<abbr") == 1
    assert '<strong><abbr title="蚂蚁集团的信贷产品">借呗</abbr></strong> 后面的借呗' in html


@pytest.mark.parametrize("line", ["    - [ ] SC-07 先核对[术语表](g.md)中的词语。{ .editors }",
                                  "    - [ ] SC-07 先核对术语表中的词语。 {: .editors }"])
def test_a_step_the_editors_added_is_marked_and_keeps_its_text(line):
    from guide.html import with_editors_badges

    source = '!!! checklist "分析"\n' + line + "\n    - [ ] SC-03 调取记录。\n"
    page = parse_page("---\nstage: self-check\n---\n" + source, "docs/x.md", "x.md")
    assert [(item.id, item.editors, item.text.endswith("词语。")) for item in page.items] == [
        ("SC-07", True, True), ("SC-03", False, False)]
    html = with_editors_badges(render(source), "zh")
    assert "editors" not in html.replace('data-by="editors"', "")  # the mark itself is not shown
    assert html.count('data-by="editors"') == 1
    assert '<span class="checklist-id">SC-07</span> <span class="checklist-by">编者补充</span> 先核对' in html
    assert f'data-hash="{item_hash(page.items[0].text)}"' in html


def test_each_glossary_term_gets_its_own_anchor():
    from pymdownx.slugs import slugify  # as mkdocs.yml configures the table of contents

    md = markdown.Markdown(extensions=["def_list", "toc", GuideExtension()],
                           extension_configs={"toc": {"slugify": slugify(case="lower")}})
    html = md.convert("## 支付宝\n\n支付宝（Alipay）\n:   平台。\n\nAnt Financial (蚂蚁金服)\n:   Old name.\n\n"
                      "支付宝（Alipay Inc.）\n:   Same words.\n")
    assert '<dt id="支付宝_1">支付宝（Alipay）</dt>' in html  # the heading keeps its own anchor
    assert '<dt id="ant-financial">Ant Financial (蚂蚁金服)</dt>' in html
    assert '<dt id="支付宝_2">支付宝（Alipay Inc.）</dt>' in html


# ---- The renderer and the validator agree on what an item is, on every page ----

def _every_page():
    from conftest import FIXTURES, ROOT
    from guide.sources import page_files

    for docs in (ROOT / "docs", FIXTURES / "docs"):
        for path in page_files(docs):
            yield pytest.param(docs, path, id=path.relative_to(docs.parent.parent).as_posix())


@pytest.mark.parametrize("docs, path", list(_every_page()))
def test_the_renderer_and_the_validator_agree_on_the_items_of_every_page(docs, path):
    import re

    from mkdocs.utils.meta import get_data

    import render as site

    text = path.read_text(encoding="utf-8")
    body, _ = get_data(text)  # what MkDocs gives the renderer
    rendered = re.findall(r'data-item="([^"]+)"', site.render(body))
    parsed = parse_page(text, str(path), path.relative_to(docs).as_posix())
    assert rendered == [item.id for item in parsed.items]
