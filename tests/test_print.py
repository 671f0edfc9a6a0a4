"""On paper: every stage page and the worksheet, in both languages, printed to PDF by Chromium
on A4 and on US Letter, then read back from the PDF (poppler's pdftotext and pdftoppm).

The first page of every printout is kept as a PNG in tests/artifacts/print/ to look at."""

from __future__ import annotations

import re
import subprocess
from functools import cache
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT
from guide.export import page_url, plain
from guide.model import LANGUAGES, STAGES
from guide.sources import load_pages

pytestmark = pytest.mark.browser
PAGES = load_pages(ROOT / "docs", ROOT)
STAGE_PAGES = [p for p in PAGES if p.stage in STAGES]
WORKSHEETS = {p.lang: p for p in PAGES if p.key == "worksheet.md"}
WORKSHEET_PATHS = {page_url(p).lstrip("/"): lang for lang, p in WORKSHEETS.items()}
PRINTED = [page_url(p).lstrip("/") for p in STAGE_PAGES + list(WORKSHEETS.values())]
PAPERS = {"A4": (210, 297), "Letter": (215.9, 279.4)}  # millimetres
ARTIFACTS = ROOT / "tests" / "artifacts" / "print"
MM = 72 / 25.4  # PDF points per millimetre
TICKED = ("SC-02", "RE-05")  # ticked before printing


@pytest.fixture(scope="module")
def printout(chromium, server, tmp_path_factory):
    """(path, paper) -> the PDF Chromium prints, as a reader's browser would (print media,
    after the 'beforeprint' event), with TICKED ticked on the stage pages beforehand."""
    folder = tmp_path_factory.mktemp("print")
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for item_id in TICKED:
        page.goto(server.url + next(page_url(p) for p in STAGE_PAGES if p.lang == "zh" and
                                    any(i.id == item_id for i in p.items)).lstrip("/"))
        page.locator(f"#{item_id.lower()}-box").check()

    @cache
    def render(path: str, paper: str) -> Path:
        page.goto(server.url + path)
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        name = (path.strip("/").replace("/", "-") or "home") + f"-{paper}"
        pdf = folder / f"{name}.pdf"
        page.pdf(path=str(pdf), format=paper)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", "1", "-l", "1", str(pdf),
                        str(ARTIFACTS / name)], check=True)
        return pdf

    yield render
    context.close()


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def pages_of(pdf: Path) -> list[dict]:
    """Every page of the PDF: its size in points and its words with their boxes."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    return [{"width": float(w), "height": float(h),
             "words": [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in WORD.findall(body)]}
            for w, h, body in PAGE.findall(xhtml)]


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, in reading order."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def squeezed(text: str) -> str:
    """Letters and digits only: line breaks, spaces and hyphenation do not matter."""
    return re.sub(r"[\W_]", "", text)


# ---- Page counts ------------------------------------------------------------------

@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_worksheet_prints_on_at_most_five_pages(printout, lang, paper):
    pdf = printout(page_url(WORKSHEETS[lang]).lstrip("/"), paper)
    pages = pages_of(pdf)
    assert len(pages) <= 5, f"{lang} worksheet on {paper}: {len(pages)} pages"
    # make quick's estimate (tests/print_estimate.py) stays true to the real printout: pages used, the
    # last one to the bottom of its last word, within half a page.
    from print_estimate import estimate
    used = len(pages) - 1 + max(word[3] for word in pages[-1]["words"]) / pages[-1]["height"]
    guessed = estimate(PAGES, lang, paper)
    assert abs(guessed - used) <= 0.5, (f"{lang} worksheet on {paper}: estimated {guessed:.2f} pages, printed "
                                        f"{used:.2f}: measure again and update LINES_PER_PAGE in tests/print_estimate.py")
    width, height = PAPERS[paper]
    assert abs(pages[0]["width"] - width * MM) < 2 and abs(pages[0]["height"] - height * MM) < 2


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("path", [page_url(p).lstrip("/") for p in STAGE_PAGES])
def test_a_stage_page_prints_on_at_most_four_pages(printout, path, paper):
    assert len(pages_of(printout(path, paper))) <= 4


# ---- Nothing clipped --------------------------------------------------------------

@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("path", PRINTED)
def test_every_glyph_lies_well_inside_the_paper(printout, path, paper):
    # Printers cannot print the last few millimetres, and a table that runs off the edge
    # leaves its text beyond it: every word must lie at least 5 mm inside every edge.
    inset = 5 * MM
    outside = []
    for number, page in enumerate(pages_of(printout(path, paper)), 1):
        for x0, y0, x1, y1, text in page["words"]:
            if x0 < inset or y0 < inset or x1 > page["width"] - inset or y1 > page["height"] - inset:
                outside.append(f"page {number}: {text!r} at x {x0:.0f}–{x1:.0f}, y {y0:.0f}–{y1:.0f}")
    assert outside == [], outside[:10]
    # Chromium leaves out what falls beyond the paper altogether: on the worksheet, the
    # whole header row, last column included, must be printed over every table.
    if path in WORKSHEET_PATHS:
        lang = WORKSHEET_PATHS[path]
        tables = sum(len(p.checklists) for p in STAGE_PAGES if p.lang == lang)
        printed = squeezed("".join(page_texts(printout(path, paper))))
        assert printed.count({"zh": "编号步骤完成日期备注", "en": "IDStepDoneonNotes"}[lang]) == tables


# ---- The worksheet ------------------------------------------------------------------

@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_worksheet_prints_one_address_in_its_header_and_none_in_its_tables(printout, server, lang, paper):
    path = page_url(WORKSHEETS[lang]).lstrip("/")
    texts = page_texts(printout(path, paper))
    addresses = [(number, found) for number, text in enumerate(texts, 1)
                 for found in re.findall(r"https?://\S+", "".join(text.split("\n")))]
    assert addresses == [(1, server.url + path)], addresses
    assert texts[0].lstrip().startswith(server.url + path)  # in the header, first on the sheet


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_worksheet_prints_ticked_items_ticked(printout, lang, paper):
    lines = "\n".join(page_texts(printout(page_url(WORKSHEETS[lang]).lstrip("/"), paper))).splitlines()
    ids = [item.id for p in STAGE_PAGES if p.lang == lang for item in p.items]
    for item_id in ids:
        line = next(line for line in lines if re.search(rf"\b{item_id}\b", line))
        assert ("☑" if item_id in TICKED else "☐") in line, line


def header_row_borders(pdf: Path, header_word: str) -> list[float]:
    """The x positions (mm) of the vertical rules of the first table's header row, found by
    looking at page 1's pixels: a rule is dark all along the 4 mm around the header's middle,
    which is taller than any letter of the 8.5 pt header text."""
    page = pages_of(pdf)[0]
    word = next(w for w in page["words"] if w[4] == header_word)
    dpi = 96
    image = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf)],
                           capture_output=True, check=True).stdout
    magic, width, height, depth, pixels = image.split(maxsplit=4)
    assert magic == b"P5" and depth == b"255"
    width = int(width)
    middle = round((word[1] + word[3]) / 2 / 72 * dpi)
    rows = [pixels[y * width:(y + 1) * width] for y in range(middle - 7, middle + 8)]
    rules = [x for x in range(width) if all(row[x] < 200 for row in rows)]
    starts = [x for x in rules if x - 1 not in rules]
    return [x / dpi * 25.4 for x in starts]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_worksheet_columns_leave_room_for_the_step_a_date_and_a_note(printout, lang, paper):
    pdf = printout(page_url(WORKSHEETS[lang]).lstrip("/"), paper)
    borders = header_row_borders(pdf, {"zh": "步骤", "en": "Step"}[lang])
    assert len(borders) == 5, borders  # four columns
    left, step, done, notes, right = borders
    widths = {"step": done - step, "done": notes - done, "notes": right - notes, "table": right - left}
    assert widths["step"] >= widths["table"] / 2, widths
    assert widths["done"] >= 30 and widths["notes"] >= 45, widths
    print(lang, paper, {key: round(value, 1) for key, value in widths.items()})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_table_longer_than_a_page_repeats_its_header_on_the_next(chromium, server, tmp_path, lang):
    page = chromium.new_page()
    page.goto(server.url + page_url(WORKSHEETS[lang]).lstrip("/"))
    page.evaluate("""() => {  // one table of 80 rows
        const body = document.querySelector('.worksheet-table tbody');
        const row = body.querySelector('tr');
        for (let i = 0; i < 80; i++) body.appendChild(row.cloneNode(true));
    }""")
    page.emulate_media(media="print")
    pdf = tmp_path / "long.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    header = {"zh": "完成日期", "en": "Done on"}[lang]
    with_rows = [text for text in page_texts(pdf) if "SC-01" in text]
    assert len(with_rows) >= 2 and all(header in text for text in with_rows)


# ---- Checklists stay whole ------------------------------------------------------------

@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("path", PRINTED)
def test_no_checklist_is_split_across_pages(printout, path, paper):
    printed = [squeezed(text) for text in page_texts(printout(path, paper))]
    lang = "en" if path.startswith("en/") else "zh"
    stage_pages = [p for p in STAGE_PAGES if p.lang == lang and (page_url(p).lstrip("/") == path or "worksheet" in path)]
    for stage_page in stage_pages:
        for checklist in stage_page.checklists:
            # The page with the checklist's title holds every item: its ID and its text's end.
            title = squeezed(plain(checklist.title))
            holders = [n for n, text in enumerate(printed) if title in text]
            assert holders, f"{checklist.title!r} not printed"
            on = printed[holders[0]]
            for item in checklist.items:
                end = squeezed(plain(item.text))[-6:]
                assert squeezed(item.id) in on and end in on, (
                    f"{path} on {paper}: {item.id} is not on the page of {checklist.title!r}")


# ---- Stage pages: links and ticks -------------------------------------------------------

SELF_CHECK = {lang: page_url(p).lstrip("/") for p in STAGE_PAGES if p.stage == "self-check" for lang in [p.lang]}


def test_printed_addresses_are_decoded_and_kept_whole(chromium, server, tmp_path):
    page = chromium.new_page()
    page.goto(server.url + SELF_CHECK["zh"])
    page.evaluate("""() => {  // a link to a Chinese anchor, as the worksheet's intro has one
        const p = document.querySelector('article > p');
        p.insertAdjacentHTML('beforeend', ' <a href="../../#四个阶段">四个阶段</a>');
    }""")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    pdf = tmp_path / "links.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    text = "\n".join(page_texts(pdf))
    assert "%E5" not in text.upper()
    assert f"<{server.url}#四个阶段>" in "".join(text.split())
    # An address is never broken inside: it is whole on its line.
    for line in text.splitlines():
        if "<http" in line:
            assert ">" in line.split("<http", 1)[1], line


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ticked_items_print_ticked_without_has_selector_support(chromium, server, tmp_path, lang):
    page = chromium.new_page()
    page.goto(server.url + SELF_CHECK[lang])
    page.locator("#sc-01-box").check()
    page.evaluate("""() => {  // as a browser without :has() would: those rules never apply
        for (const sheet of document.styleSheets) {
            const walk = (rules) => { for (let i = rules.length - 1; i >= 0; i--) {
                if (rules[i].cssRules) walk(rules[i].cssRules);
                if (rules[i].selectorText && rules[i].selectorText.includes(':has(')) rules[i].parentRule
                    ? rules[i].parentRule.deleteRule(i) : rules[i].parentStyleSheet.deleteRule(i);
            } };
            try { walk(sheet.cssRules); } catch (error) {}
        }
    }""")
    assert page.evaluate("[...document.styleSheets].every(s => [...s.cssRules].every("
                         "r => !r.cssText.includes(':has(')))")
    page.emulate_media(media="print")
    pdf = tmp_path / "ticked.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()
    lines = "\n".join(page_texts(pdf)).splitlines()
    assert "☑" in next(line for line in lines if "SC-01" in line)
    assert "☐" in next(line for line in lines if "SC-02" in line)


# ---- Notes stay with their title; worksheet notes legible -------------------------------

def last_lines(page: dict, count: int) -> str:
    """The words of the lowest ``count`` lines of text on a printed page, in reading order."""
    lines: dict[int, list] = {}
    for x0, y0, x1, y1, text in page["words"]:
        key = next((k for k in lines if abs(k - y1) < 3), round(y1))
        lines.setdefault(key, []).append((x0, text))
    lowest = sorted(lines)[-count:]
    return " ".join(text for key in lowest for _, text in sorted(lines[key]))


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("path", [page_url(p).lstrip("/") for p in STAGE_PAGES])
def test_no_notes_title_sits_alone_at_the_foot_of_a_page(printout, path, paper):
    source = next(p for p in STAGE_PAGES if page_url(p).lstrip("/") == path)
    titles = {squeezed(plain(note.title)) for note in source.admonitions if note.title}
    titles |= {squeezed(plain(checklist.title)) for checklist in source.checklists}
    pages = pages_of(printout(path, paper))
    for number, page in enumerate(pages[:-1], 1):
        for count in (1, 2):  # a title of one line or two, a checklist's count after it
            foot = squeezed(re.sub(r"\s\d+/\d+$", "", last_lines(page, count)))
            assert foot not in titles, f"{path} on {paper}, page {number}: the title {foot!r} ends the page"


@pytest.mark.parametrize("path", sorted(WORKSHEET_PATHS))
def test_worksheet_notes_print_at_8_points_or_more(chromium, server, path):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server.url + path)
    page.emulate_media(media="print")
    sizes = page.evaluate("[...document.querySelectorAll('.worksheet-note')].map(n => parseFloat(getComputedStyle(n).fontSize))")
    context.close()
    assert sizes, "the worksheet has no notes under its steps"
    assert min(sizes) * 72 / 96 >= 8, f"{path}: worksheet notes print at {min(sizes) * 72 / 96:.1f} pt"
