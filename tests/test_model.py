"""The shared names of guide.model: an item's fingerprint and the language-suffix rule.
Expected values are written out here, never computed with the code under test."""

from __future__ import annotations

import pytest

from guide.model import item_hash, language_of


def test_an_item_rewrapped_or_reindented_keeps_its_fingerprint():
    # sha256("保持 良好 记录".encode("utf-8")).hexdigest()[:8] (hashlib, outside the guide).
    assert item_hash("保持  良好\n    记录 ") == item_hash("保持 良好 记录") == "442d1b24"


@pytest.mark.parametrize("src_uri, expected", [
    ("stages/self-check.md", ("zh", "stages/self-check.md")),
    ("stages/self-check.en.md", ("en", "stages/self-check.md")),
    ("notes/v1.2/page.en.md", ("en", "notes/v1.2/page.md")),   # only the last suffix is the language
    ("stages/self-check.fr.md", ("zh", "stages/self-check.fr.md")),  # not a language of the guide: part of the name
    ("en.md", ("zh", "en.md")),  # a page named "en" is a Chinese page, not the English one of ".md"
])
def test_the_language_suffix_rule(src_uri, expected):
    assert language_of(src_uri) == expected
