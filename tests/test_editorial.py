"""Editorial text readers can trust (issue #9): every editorial word marked as such, in both languages.

- The hover definitions (docs/includes/abbreviations*.md) are labelled as the editors' and say
  what the glossary says: each is the first sentence of its glossary entry.
- The Chinese and English pages have titles of the same shape, and page titles fit in search results.
- Every stage page and the worksheet carry the article's own statement that it is fiction.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from content import languages, nav_pages
from guide.export import page_url
from guide.model import CHECKLIST_TYPE, STAGES
from guide.parse import ADMONITION
from guide.record import EDITORS_NOTE
from guide.sources import load_pages

DOCS = ROOT / "docs"
PAGES = load_pages(DOCS, ROOT)
LANGS = {"zh": "", "en": ".en"}  # language -> file suffix
LABEL = {"zh": "编者释义：", "en": "Editors' definition: "}
STAGE_H1 = {"zh": re.compile(r"^第 (\d) 阶段 · \S"), "en": re.compile(r"^Stage (\d) · \S")}
FICTION = {"zh": "虚构", "en": "fictional"}
TITLE_LIMIT = 70  # characters of <title> that search engines show


def tooltips(lang: str, docs: Path = DOCS) -> list[tuple[int, str, str]]:
    """(line, term, text) for each `*[term]: text` line of the language's abbreviations file."""
    path = docs / "includes" / f"abbreviations{LANGS[lang]}.md"
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        match = re.match(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.*)$", line)
        if match:
            found.append((number, match["term"], match["text"].strip()))
    return found


def glossary(lang: str, docs: Path = DOCS) -> list[tuple[list[str], str]]:
    """(names, definition) for each entry of the glossary page: `Term (其他语言)` then `:   definition`."""
    lines = (docs / f"glossary{LANGS[lang]}.md").read_text(encoding="utf-8").splitlines()
    entries = []
    for term, definition in zip(lines, lines[1:]):
        if term.strip() and not term.startswith((" ", ":", "#", "-")) and definition.startswith(":"):
            own_language = re.split(r"\s*[（(]", term, maxsplit=1)[0]
            names = [n.strip("“” ") for n in re.split(r"\s*[,/]\s*", own_language) if n.strip()]
            entries.append((names, definition.lstrip(":").strip()))
    return entries


def first_sentence(text: str, lang: str) -> str:
    end = re.search(r"。" if lang == "zh" else r"\.(?=\s|$)", text)
    return text[: end.end()] if end else text


def entry_for(term: str, lang: str, docs: Path = DOCS) -> list[tuple[list[str], str]]:
    """The glossary entries naming the term: by exact name, else by a name that contains it."""
    entries = glossary(lang, docs)
    exact = [e for e in entries if any(n.casefold() == term.casefold() for n in e[0])]
    return exact or [e for e in entries if any(term.casefold() in n.casefold() for n in e[0])]


@pytest.mark.parametrize("lang", LANGS)
def test_every_hover_definition_is_labelled_as_the_editors(lang):
    unlabelled = [f"abbreviations{LANGS[lang]}.md:{n}: {term}" for n, term, text in tooltips(lang)
                  if not text.startswith(LABEL[lang])]
    assert len(tooltips(lang)) >= 15
    assert not unlabelled, f"start these with {LABEL[lang]!r}: {unlabelled}"


def hover_problems(lang: str, docs: Path = DOCS) -> list[str]:
    """Hover definitions that are not the first sentence of exactly one glossary entry (tests/test_recipe.py
    asks this of a copy of the project)."""
    problems = []
    for number, term, text in tooltips(lang, docs):
        where = f"docs/includes/abbreviations{LANGS[lang]}.md:{number}"
        found = entry_for(term, lang, docs)
        if len(found) != 1:
            problems.append(f"{where}: {term!r} names {len(found)} glossary entries, not 1")
            continue
        expected = first_sentence(found[0][1], lang)
        if text.removeprefix(LABEL[lang]) != expected:
            problems.append(f"{where}: {term!r} says {text!r} but the glossary's first sentence is {expected!r}")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_every_hover_definition_is_the_first_sentence_of_its_glossary_entry(lang):
    problems = hover_problems(lang)
    assert not problems, "\n".join(problems)


def test_the_glossary_reader_finds_the_entries():
    """One entry per definition line (``:   …``) of each glossary page, and the same number in both."""
    zh, en = glossary("zh"), glossary("en")
    definitions = {lang: sum(line.startswith(":") for line in
                             (DOCS / f"glossary{LANGS[lang]}.md").read_text(encoding="utf-8").splitlines())
                   for lang in LANGS}
    assert len(zh) == definitions["zh"] and len(en) == definitions["en"] and len(zh) == len(en) > 0
    assert ["借呗"] in [names for names, _ in zh] and ["Jiebei"] in [names for names, _ in en]


def test_chinese_and_english_titles_have_the_same_shape():
    """Both numbered “第 N 阶段 ·” / “Stage N ·” with the same N, or neither."""
    by_key = {}
    for page in PAGES:
        by_key.setdefault(page.key, {})[page.lang] = page
    problems = []
    for key, pair in sorted(by_key.items()):
        numbers = {lang: (m[1] if (m := STAGE_H1[lang].match(pair[lang].title)) else None) for lang in LANGS}
        if numbers["zh"] != numbers["en"]:
            problems.append(f"{key}: {pair['zh'].title!r} / {pair['en'].title!r}")
        if pair["zh"].stage and numbers["zh"] is None:
            problems.append(f"{key}: a stage page's title starts with its stage number: {pair['zh'].title!r}")
    assert sorted(by_key) == sorted(nav_pages())  # every page of the nav, each in both languages
    assert not problems, "\n".join(problems)


def title_of(site: Path, page) -> str:
    text = (site / page_url(page).lstrip("/") / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.search(r"<title>(.*?)</title>", text, re.S)[1]).strip()


def test_every_page_title_fits_in_search_results(built_site):
    titles = {f"{p.path}": title_of(built_site, p) for p in PAGES}
    long = {path: f"{len(t)}: {t}" for path, t in titles.items() if len(t) > TITLE_LIMIT}
    assert len(titles) == len(nav_pages()) * len(languages())
    assert not long, long


def article_text(site: Path, page) -> str:
    """The page's main content as a reader sees it (no tags, no tooltips' titles)."""
    text = (site / page_url(page).lstrip("/") / "index.html").read_text(encoding="utf-8")
    main = text[text.index("<article"): text.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", "", main))


@pytest.mark.parametrize("lang", LANGS)
def test_every_stage_page_and_the_worksheet_say_the_article_is_fiction(built_site, lang):
    pages = [p for p in PAGES if p.lang == lang and (p.stage or p.key == "worksheet.md")]
    missing = [p.path for p in pages if FICTION[lang] not in article_text(built_site, p)]
    assert len(pages) == len(STAGES) + 1
    assert not missing, f"no {FICTION[lang]!r} in the content of {missing}"


def test_every_editors_box_carries_the_one_label():
    """Every box other than a checklist is the editors', titled with record.EDITORS_NOTE (the one
    home of the label: “编者注” / “Editors' note”, matching “the editors” and “Editors' definition”)."""
    problems = []
    for path in sorted(DOCS.rglob("*.md")):
        lang = "en" if path.name.endswith(".en.md") else "zh"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = ADMONITION.match(line.strip())
            if match and match.group("type").lower() != CHECKLIST_TYPE:
                if not (match.group("title") or "").startswith(EDITORS_NOTE[lang]):
                    problems.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
            if re.search(r"Editor['’]s note", line):
                problems.append(f"{path.relative_to(ROOT)}:{number}: “Editor's note”: write {EDITORS_NOTE['en']!r}")
    assert not problems, "\n".join(problems)


SUGGESTS = {"zh": "原文建议", "en": "The article suggests"}
NAMES_THE_ARTICLE = {"zh": "原文", "en": "article"}


def description(path: Path) -> str:
    front = path.read_text(encoding="utf-8").split("---", 2)[1]
    return str(yaml.safe_load(front)["description"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_stage_pages_description_gives_the_advice_as_the_articles(lang):
    """A description states the article's advice as the article's, never in the guide's own imperative."""
    stages = [p for p in PAGES if p.lang == lang and p.stage]
    wrong = {p.path: description(ROOT / p.path) for p in stages
             if not description(ROOT / p.path).startswith(SUGGESTS[lang])}
    assert len(stages) == 4 and not wrong, wrong


def test_an_english_description_keeps_what_the_chinese_says_of_the_article():
    """Where the Chinese description names the article (原文) or its fiction statement (虚构), so does the English."""
    problems = []
    for page in (p for p in PAGES if p.lang == "en"):
        zh, en = description(ROOT / page.path.replace(".en.md", ".md")), description(ROOT / page.path)
        if NAMES_THE_ARTICLE["zh"] in zh and NAMES_THE_ARTICLE["en"] not in en.lower():
            problems.append(f"{page.path}: the Chinese names the article, the English does not: {en}")
        if FICTION["zh"] in zh and "fiction" not in en.lower():
            problems.append(f"{page.path}: the Chinese gives the fiction statement, the English does not: {en}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_every_hover_definition_is_keyed_to_its_own_term(lang):
    """The tooltip's term is the glossary entry's own name, not a word inside it: the definition of a
    pledge of accounts receivable landed on “accounts receivable”, that of the conversion on “capital
    reserve”, and 征信 defined as a report landed on 征信中心."""
    names = {name.casefold() for names, _ in glossary(lang) for name in names}
    loose = [f"abbreviations{LANGS[lang]}.md:{n}: {term!r} is not the name of a glossary entry"
             for n, term, _ in tooltips(lang) if term.casefold() not in names]
    assert not loose, "\n".join(loose)
