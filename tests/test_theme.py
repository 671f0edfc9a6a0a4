"""What the site trusts of its theme is pinned with the theme's version (guide.theme): an
upgrade of Material fails here until each pinned fact is checked again."""

from __future__ import annotations

import hashlib
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import material

from guide.rendered import script_hash
from guide.theme import INLINE_SCRIPTS, MATERIAL_VERSION, UPSTREAM_FILES

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = Path(material.__file__).resolve().parent.parent  # site-packages: where "material/…" lives


def test_the_pins_name_the_installed_material():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert f"mkdocs-material=={MATERIAL_VERSION}" in project["dependencies"]
    assert version("mkdocs-material") == MATERIAL_VERSION


def test_each_trusted_script_is_in_its_template():
    """The hash of every <script> in the named template (the theme's, or our override)."""
    for expression, template in INLINE_SCRIPTS.items():
        path = ROOT / template if template.startswith("overrides/") else PACKAGES / template
        bodies = re.findall(r"<script[^>]*>(.*?)</script>", path.read_text(encoding="utf-8"), re.S)
        assert expression in [script_hash(body) for body in bodies], f"{template} no longer holds {expression}"


def test_the_upstream_files_we_override_are_the_pinned_ones():
    for name, digest in UPSTREAM_FILES.items():
        assert hashlib.sha256((PACKAGES / name).read_bytes()).hexdigest() == digest, (
            f"{name} changed with the theme: compare it with our override, then update guide/theme.py")


def test_built_pages_trust_exactly_the_allowlist_and_hold_only_its_scripts(built_site):
    expected = "script-src 'self' " + " ".join(INLINE_SCRIPTS) + ";"
    used = set()
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert expected in html, page
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            if "src=" not in attrs and "application/json" not in attrs:
                assert script_hash(body) in INLINE_SCRIPTS, f"{page}: {body[:60]!r}"
                used.add(script_hash(body))
    assert used == set(INLINE_SCRIPTS)  # no hash is trusted that no page needs
