"""How a checklist item is rendered, and abbreviations inside Chinese text."""

from __future__ import annotations

import markdown
import pytest

from guide.markdown_ext import GuideExtension
from guide.model import BUILD_MARK, item_hash

MARK = f'data-mark="{BUILD_MARK}"'
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
    assert f'<ul class="checklist-items" {MARK}>\n<li class="checklist-item"' in html  # the stylesheet's hook
    assert '<li class="checklist-item" data-hash="' in html and f'data-item="SC-01" {MARK} id="sc-01"' in html
    assert f'<input class="checklist-box" {MARK} id="sc-01-box" type="checkbox" />' in html
    assert f'<label for="sc-01-box"><span class="checklist-id" {MARK}>SC-01</span> 对企业<a href="x.md">资产负债表</a>' \
           "进行<strong>详细</strong>审查。</label>" in html
    assert f'<span class="checklist-count guide-js" data-mark="{BUILD_MARK}" data-search-exclude="">0/2</span>' in html
    # every element the script reads carries this build's mark, which a page's Markdown cannot know
    assert html.count(MARK) == 1 + 1 + 1 + 2 * 3


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
    assert f'<summary>全面检查财务状况<span class="checklist-count guide-js" {MARK} data-search-exclude="">0/2</span></summary>' in html


def test_a_malformed_item_is_left_as_written_for_the_validator_to_report():
    html = render('!!! checklist "t"\n    - [ ] SC-1 文字\n')
    assert 'class="checklist-item"' not in html and "<li>[ ] SC-1 文字</li>" in html


def test_the_count_counts_only_well_formed_items_and_is_left_out_when_there_are_none():
    html = render('!!! checklist "t"\n    - [ ] SC-01 一。\n    - [ ] SC-2 二。\n    - \n')
    assert f'<p class="admonition-title">t<span class="checklist-count guide-js" {MARK} data-search-exclude="">0/1</span></p>' \
           in html
    assert "<li>[ ] SC-2 二。</li>\n<li></li>" in html  # an empty item too stays as written
    html = render('!!! checklist "t"\n    - [ ] SC-1 一。\n')
    assert '<p class="admonition-title">t</p>' in html and "checklist-count" not in html


def test_a_loose_list_renders_the_same_items_without_paragraphs():
    html = render('!!! checklist "t"\n    - [ ] SC-01 一。\n\n    - [x] SC-02 二。 { .editors }\n').replace(f" {MARK}", "")
    assert html.count('class="checklist-item"') == 2 and "<p>" not in html.replace('<p class="admonition-title">', "")
    assert ('<li class="checklist-item" data-hash="%s" data-item="SC-01" id="sc-01">'
            '<input class="checklist-box" id="sc-01-box" type="checkbox" />'
            '<label for="sc-01-box"><span class="checklist-id">SC-01</span> 一。</label></li>') % item_hash("一。") in html
    assert ('<li class="checklist-item" data-by="editors" data-hash="%s" data-item="SC-02" id="sc-02">'
            % item_hash("二。")) in html and "{ .editors }" not in html


def test_a_sub_list_under_an_item_stays_visible_in_its_label():
    # The validator refuses nested lists; until an editor fixes the page, it still shows what was written.
    html = render('!!! checklist "t"\n    - [ ] SC-01 一。 { .editors }\n        - 子\n    - [ ] SC-02 二。\n').replace(f" {MARK}", "")
    assert ('<li class="checklist-item" data-by="editors" data-hash="%s" data-item="SC-01" id="sc-01">'
            '<input class="checklist-box" id="sc-01-box" type="checkbox" /><label for="sc-01-box">'
            '<span class="checklist-id">SC-01</span> 一。<ul><li>子</li></ul></label></li>') % item_hash("一。") in html
    assert html.count('class="checklist-item"') == 2 and html.count("子") == 1


def test_abbreviations_match_inside_chinese_text_and_at_english_word_boundaries():
    html = render("支付宝旗下的借呗额度。Jiebeis and Jiebei.\n\n*[借呗]: 蚂蚁集团的信贷产品\n*[Jiebei]: Ant Group's credit line\n")
    assert ('<p>支付宝旗下的<abbr title="蚂蚁集团的信贷产品">借呗</abbr>额度。'
            'Jiebeis and <abbr title="Ant Group\'s credit line">Jiebei</abbr>.</p>') in html


def test_the_longest_term_wins_where_two_start_at_the_same_place():
    html = render("蚂蚁集团和蚂蚁。Ant Group and Ant.\n\n"
                  "*[蚂蚁]: 简称\n*[蚂蚁集团]: 全称\n*[Ant]: short\n*[Ant Group]: full\n")
    assert ('<p><abbr title="全称">蚂蚁集团</abbr>和<abbr title="简称">蚂蚁</abbr>。'
            '<abbr title="full">Ant Group</abbr> and <abbr title="short">Ant</abbr>.</p>') in html


def test_terms_after_a_marked_or_emphasised_word_are_marked_in_order():
    html = render("借呗，借呗和支付宝。**粗体**里有花呗和余额宝，*斜体*。\n\n"
                  "*[借呗]: 信贷\n*[支付宝]: 平台\n*[花呗]: 消费信贷\n*[余额宝]: 理财\n")
    assert ('<p><abbr title="信贷">借呗</abbr>，借呗和<abbr title="平台">支付宝</abbr>。<strong>粗体</strong>里有'
            '<abbr title="消费信贷">花呗</abbr>和<abbr title="理财">余额宝</abbr>，<em>斜体</em>。</p>') in html


def test_a_term_inside_an_attribute_list_is_left_to_attr_list_whatever_the_order_of_extensions():
    md = markdown.Markdown(extensions=["abbr", GuideExtension(), "attr_list"])
    html = md.convert('见[额度](x.md){ title="借呗额度" }。\n\n*[借呗]: 信贷\n')
    assert html == '<p>见<a href="x.md" title="借呗额度">额度</a>。</p>'


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
    html = with_editors_badges(render(source), "zh").replace(f" {MARK}", "")
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


def glossary(text: str, *extensions, **toc) -> str:
    md = markdown.Markdown(extensions=["def_list", "attr_list", *extensions],
                           extension_configs={"toc": toc} if toc else {})
    return md.convert(text)


def test_a_term_is_slugified_by_the_table_of_contents_slugify_as_its_headings_are():
    from pymdownx.slugs import slugify

    text = "Ant & Co（安特）\n:   Words.\n"  # Python-Markdown's own slugify would say ant-co
    assert '<dt id="ant--co">' in glossary(text, "toc", GuideExtension(), slugify=slugify(case="lower"))


def test_a_chinese_term_keeps_chinese_words_where_the_slugify_drops_them_or_there_is_no_toc():
    text = "支付宝（Alipay）\n:   平台。\n\n芝麻 信用（Sesame Credit）\n:   分。\n"
    for html in (glossary(text, "toc", GuideExtension()), glossary(text, GuideExtension())):  # ASCII-only; none
        assert '<dt id="支付宝">支付宝（Alipay）</dt>' in html and '<dt id="芝麻-信用">' in html


def test_a_term_keeps_an_anchor_given_to_it():
    html = glossary("支付宝 { #alipay }\n:   x\n\n余额宝\n:   y\n", "toc", GuideExtension())
    assert '<dt id="alipay">支付宝</dt>' in html and '<dt id="余额宝">余额宝</dt>' in html


def test_a_linked_term_is_named_by_its_words_and_one_without_words_is_called_term():
    html = glossary("[余额宝](y.md)（Yu'e Bao）\n:   y\n\n（……）\n:   z\n", "toc", GuideExtension())
    assert '<dt id="余额宝"><a href="y.md">余额宝</a>（Yu\'e Bao）</dt>' in html
    assert '<dt id="term">（……）</dt>' in html


def test_headings_keep_their_anchors_when_the_guide_is_listed_before_the_toc():
    from pymdownx.slugs import slugify

    html = glossary("## 支付宝\n\n支付宝（Alipay）\n:   平台。\n", GuideExtension(), "toc", slugify=slugify(case="lower"))
    assert '<h2 id="支付宝">支付宝</h2>' in html and '<dt id="支付宝_1">' in html


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
