"""In `make quick`: the worksheet's estimated printout stays within its page limit (the real PDF is
printed in the browser tier, tests/test_print.py, which also holds the estimate to it)."""

from __future__ import annotations

import warnings

import pytest

from conftest import ROOT
from guide.model import LANGUAGES
from guide.sources import load_pages
from print_estimate import LIMIT, estimate

PAGES = load_pages(ROOT / "docs", ROOT)
MARGIN = 0.5  # pages: the estimate's tolerance against the real PDF (tests/test_print.py)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_worksheet_is_estimated_to_print_within_its_limit(lang, paper):
    """Past the limit by more than the estimate's tolerance, CI's printout would fail too: an error.
    Within the tolerance of the limit, it may or may not: a warning in make quick's summary, naming
    the test that prints it for real."""
    pages = estimate(PAGES, lang, paper)
    message = (f"the {lang} worksheet on {paper} is estimated at {pages:.1f} pages of its {LIMIT} (give or take "
               f"{MARGIN}): shorten the notes or steps just added, or print it for real with "
               "`.venv/bin/python -m pytest tests/test_print.py -k five_pages`")
    assert pages <= LIMIT + MARGIN, message
    if pages > LIMIT - MARGIN:
        warnings.warn(message)
