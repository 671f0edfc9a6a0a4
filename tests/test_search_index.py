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
<div class="admonition note sc-02"><p class="admonition-title">Editor's note</p><p>About SC-02 only.</p></div>
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
