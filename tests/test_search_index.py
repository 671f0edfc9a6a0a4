"""The search index builder (hooks/guide/search.py) on small pages as the build renders them."""

from __future__ import annotations

import json

from guide.search import index_json, index_name, page_entries

STAGE = """<h1 id="stage">Stage 1 · Self-check<a class="headerlink" href="#stage">&para;</a></h1>
<div class="guide-toolbar guide-js" data-search-exclude><span class="guide-toolbar__progress">Done 0/2</span>
<button>Print this page</button></div>
<p>Intro words.</p>
<div class="admonition checklist">
<p class="admonition-title">Check the finances<span class="checklist-count guide-js" data-search-exclude="">0/2</span></p>
<ul class="checklist-items">
<li class="checklist-item" id="sc-01" data-item="SC-01"><input type="checkbox"><label>
<span class="checklist-id">SC-01</span> Review the <abbr title="a hint">balance sheet</abbr>.</label></li>
<li class="checklist-item" id="sc-02" data-item="SC-02"><label><span class="checklist-id">SC-02</span> Check funds.</label></li>
</ul></div>
<div class="admonition note sc-02"><p class="admonition-title">Editors' note</p><p>About SC-02 only.</p></div>
<h2 id="later">Later<a class="headerlink" href="#later">&para;</a></h2>
<p>Section words.</p>
"""

GLOSSARY = """<h1 id="glossary">术语表</h1><p>下列词语。</p>
<dl><dt id="支付宝">支付宝（Alipay）</dt><dd>移动支付平台。</dd>
<dt id="借呗">借呗（Jiebei）</dt><dd>个人消费信贷服务。</dd></dl><p>After the list.</p>"""


def by_location(entries):
    return {e["location"]: e for e in entries}


def test_each_item_is_an_entry_at_its_anchor_shown_with_its_checklist():
    entries = by_location(page_entries("en/stages/self-check/", "Stage 1 · Self-check", STAGE))
    assert list(entries) == ["en/stages/self-check/", "en/stages/self-check/#sc-01",
                             "en/stages/self-check/#sc-02", "en/stages/self-check/#later"]
    # The checklist's title is shown with each item (guide.js) but weighed once, as words of
    # the section holding the checklist: as every item's title it outweighed the item's own words.
    # An item says what to do, so its words weigh more than an explanation's (ITEM_BOOST).
    assert entries["en/stages/self-check/#sc-01"] == {
        "location": "en/stages/self-check/#sc-01", "title": "", "checklist": "Check the finances",
        "text": "<p>SC-01 Review the balance sheet.</p>", "boost": 2.5}
    assert entries["en/stages/self-check/"]["text"] == "<p>Intro words.</p><p>Check the finances</p>"
    assert "boost" not in entries["en/stages/self-check/#later"]
    # An editor's note on one item is found with that item, without its label.
    assert entries["en/stages/self-check/#sc-02"]["text"] == "<p>SC-02 Check funds.</p><p>About SC-02 only.</p>"
    assert entries["en/stages/self-check/#later"]["text"] == "<p>Section words.</p>"


def test_interface_words_are_not_indexed():
    text = json.dumps(page_entries("stages/self-check/", "Stage 1", STAGE))
    for words in ("Done", "0/2", "Print this page", "¶", "a hint"):
        assert words not in text


def test_a_page_entry_holds_its_preface_and_weighs_like_a_section():
    page = page_entries("en/stages/self-check/", "Stage 1 · Self-check", STAGE)[0]
    assert page["title"] == "Stage 1 · Self-check" and page["text"].startswith("<p>Intro words.</p>")
    assert page["boost"] == 0.4


def test_each_glossary_term_is_an_entry_at_its_anchor_in_segmented_chinese():
    entries = by_location(page_entries("glossary/", "术语表", GLOSSARY, boost=0.5))
    assert entries["glossary/#借呗"]["title"] == "借\u200b呗\u200b（Jiebei）"
    assert entries["glossary/#借呗"]["text"] == "<p>\u200b个人\u200b消费信贷\u200b服务\u200b。</p>"
    assert entries["glossary/#借呗"]["boost"] == 0.5
    assert "After the list" in entries["glossary/"]["text"]  # back to the page after the terms


def test_preface_only_indexes_the_title_and_introduction():
    entries = page_entries("worksheet/", "Worksheet", "<h1>Worksheet</h1><p>Intro.</p><h2 id='a'>A</h2><p>Table.</p>",
                           preface_only=True)
    assert entries == [{"location": "worksheet/", "title": "Worksheet", "text": "<p>Intro.</p>", "boost": 0.4}]


def test_each_language_gets_its_own_file_and_analysis():
    assert index_name("zh") == "search/search_index.json"
    assert index_name("en") == "en/search/search_index.json"
    en = json.loads(index_json("en", []))["config"]
    zh = json.loads(index_json("zh", []))["config"]
    assert en["lang"] == ["en"] and en["pipeline"] == ["trimmer", "stopWordFilter", "stemmer"]
    assert zh["lang"] == ["zh"] and zh["pipeline"] == ["stopWordFilter"]


def test_words_repeated_on_later_pages_are_indexed_only_on_the_first():
    warning = "<p>Beware of scams.</p>"
    entries = [{"location": "a/", "title": "A", "text": warning + "<p>A's own.</p>"},
               {"location": "a/#x", "title": "X", "text": warning},  # the same page: kept
               {"location": "b/", "title": "B", "text": "<p>B's own.</p>" + warning}]
    docs = {d["location"]: d["text"] for d in json.loads(index_json("en", entries))["docs"]}
    assert docs == {"a/": warning + "<p>A's own.</p>", "a/#x": warning, "b/": "<p>B's own.</p>"}


APPLY = """<h1 id="apply">Stage 4 · Apply</h1>
<p>First paragraph.</p>
<p>Second paragraph, with <a href="#later">a link</a>.</p>
<h2 id="submit">Submit <em>the</em> application<a class="headerlink" href="#submit" title="Permanent link">&para;</a></h2>
<details class="checklist">
<summary>Before <abbr title="a hint">applying</abbr><span class="checklist-count guide-js" data-search-exclude="">0/2</span></summary>
<ul class="checklist-items">
<li class="checklist-item" data-item="AP-01" id="ap-01"><input class="checklist-box" id="ap-01-box" type="checkbox" /><label for="ap-01-box"><span class="checklist-id">AP-01</span> Find the entry.<br />
It may be missing.</label></li>
<li class="checklist-item" data-item="AP-02" id="ap-02"><input class="checklist-box" id="ap-02-box" type="checkbox" /><label for="ap-02-box"><span class="checklist-id">AP-02</span> Fill in the form.</label></li>
</ul>
</details>
<p>Words after the checklist.</p>
<div class="admonition note ap-01">
<p class="admonition-title">Editors' note</p>
<p>Only about AP-01.</p>
</div>
<p>Back in the section.</p>
<div class="admonition warning">
<p class="admonition-title">Beware of scams</p>
<p>Nobody can sell a reopening.</p>
</div>
<ul>
<li>Point one</li>
<li>Point two</li>
</ul>
<p id="fiction">The article says it is fiction.</p>
"""


def test_a_collapsible_checklist_its_items_and_what_follows_them():
    entries = by_location(page_entries("en/stages/application/", "Stage 4 · Apply", APPLY))
    assert list(entries) == ["en/stages/application/", "en/stages/application/#submit",
                             "en/stages/application/#ap-01", "en/stages/application/#ap-02"]
    # A <details> checklist is titled by its <summary>, words of every inline element joined as shown.
    assert entries["en/stages/application/#ap-01"] == {
        "location": "en/stages/application/#ap-01", "title": "", "checklist": "Before applying",
        "text": "<p>AP-01 Find the entry. It may be missing.</p><p>Only about AP-01.</p>", "boost": 2.5}
    assert entries["en/stages/application/#ap-02"]["text"] == "<p>AP-02 Fill in the form.</p>"
    # After an item or an item's note, and in any other note, lists and paragraphs (one block each,
    # an element's id notwithstanding), the words are the section's again.
    assert entries["en/stages/application/#submit"] == {
        "location": "en/stages/application/#submit", "title": "Submit the application",
        "text": "<p>Before applying</p><p>Words after the checklist.</p><p>Back in the section.</p>"
                "<p>Beware of scams</p><p>Nobody can sell a reopening.</p><p>Point one</p><p>Point two</p>"
                "<p>The article says it is fiction.</p>"}
    assert entries["en/stages/application/"]["text"] == (
        "<p>First paragraph.</p><p>Second paragraph, with a link.</p>")


def test_the_page_title_is_the_one_given_else_its_h1():
    content = "<h1 id='t'>Stage 1 · Self-check</h1><p>Intro.</p>"
    assert page_entries("a/", "Self-check", content)[0]["title"] == "Self-check"
    assert page_entries("a/", "", content)[0]["title"] == "Stage 1 · Self-check"


def test_a_page_without_a_title_or_heading_keeps_its_words():
    assert page_entries("a/", "", "<p>Only words.</p>\nAnd loose ones.") == [
        {"location": "a/", "title": "", "text": "<p>Only words.</p><p>And loose ones.</p>", "boost": 0.4}]


def test_a_heading_with_no_words_under_it_is_still_an_entry():
    entries = page_entries("a/", "A", "<h1>A</h1><h2 id='b'>B</h2><h3 id='c'>C</h3><p>Words.</p>")
    assert entries[1:] == [{"location": "a/#b", "title": "B", "text": ""},
                           {"location": "a/#c", "title": "C", "text": "<p>Words.</p>"}]


def test_text_keeps_what_the_reader_sees_escaped_as_html():
    """Entities are read as characters and written back escaped; quotes stay as typed."""
    [page] = page_entries("a/", "A", "<p>Fees &amp; “5 years” &lt;b&gt; &quot;quoted&quot; it&#39;s</p>")
    assert page["text"] == "<p>Fees &amp; “5 years” &lt;b&gt; \"quoted\" it's</p>"


def test_what_is_marked_for_no_search_is_left_out_with_all_it_holds():
    content = """<h1>A</h1>
<p>Kept words.</p>
<p data-search-exclude>Hidden words.</p>
<div class="guide-dialog guide-js"><h2 id="tools">Tools</h2><p>Export</p></div>
<p>Line one <img alt="" class="guide-js" src="x.png" /> line two.</p>
"""
    assert page_entries("a/", "A", content) == [
        {"location": "a/", "title": "A", "text": "<p>Kept words.</p><p>Line one line two.</p>", "boost": 0.4}]


def test_titles_are_segmented_without_losing_their_last_letter():
    entries = by_location(page_entries("case-study/", "案例", "<h1>案例</h1><h2 id='x'>案例:企业X</h2><p>词。</p>"))
    assert entries["case-study/#x"]["title"] == "案例\u200b:\u200b企业\u200bX"


def test_weights_are_written_with_three_decimals():
    entries = page_entries("a/", "A", STAGE, boost=0.3333)
    assert [entry.get("boost") for entry in entries] == [0.133, 0.833, 0.833, 0.333]


def test_the_index_file_is_compact_utf8_in_materials_format():
    text = index_json("zh", [{"location": "a/", "title": "借呗", "text": "<p>词</p>"}])
    assert text == (r'{"config":{"lang":["zh"],"pipeline":["stopWordFilter"],"separator":"[\\s\\u200b\\-]+",'
                    '"fields":{"title":{"boost":4},"text":{"boost":1},"tags":{"boost":1000}}},'
                    '"docs":[{"location":"a/","title":"借呗","text":"<p>词</p>"}]}')


def test_a_list_item_is_one_block_with_all_its_paragraphs():
    """A block starts at the outermost block element: one result snippet per list item."""
    content = "<h1>A</h1>\n<ol>\n<li>\n<p>Self-check</p>\n<p>Start with the finances.</p>\n</li>\n<li>Apply</li>\n</ol>"
    assert page_entries("a/", "A", content)[0]["text"] == "<p>Self-check Start with the finances.</p><p>Apply</p>"


def test_a_term_is_titled_with_all_its_words():
    content = '<h1>Glossary</h1>\n<dl>\n<dt id="sesame-credit"><strong>Sesame</strong> Credit score</dt>\n<dd>A score.</dd>\n</dl>'
    assert page_entries("glossary/", "Glossary", content)[1] == {
        "location": "glossary/#sesame-credit", "title": "Sesame Credit score", "text": "<p>A score.</p>"}
