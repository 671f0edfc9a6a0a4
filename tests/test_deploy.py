"""A fork deploys with its own address and repository, without editing a file: the deploy
workflow passes GitHub Pages' URL and the repository to the build (mkdocs.yml reads them
with !ENV), and everything that names the site's address or its sources follows them."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from guide.export import page_url
from guide.sources import load_pages
from site_build import DEPLOY_SETTINGS, build

PAGES = load_pages(ROOT / "docs", ROOT)
DEFAULT_URL = "https://jiebei-guide.example.org/"
DEFAULT_REPOSITORY = "https://github.com/jiebei-guide/jiebei-guide/"
FORK_URL = "https://someone.github.io/fork-guide/"
FORK_EDIT_URI = "https://github.com/someone/fork-guide/edit/trunk/docs/"


class Links(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.anchors: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "link":
            self.links.append(attrs)
        elif tag == "a" and "href" in attrs:
            self.anchors.append(attrs["href"])


def test_mkdocs_yml_reads_the_address_and_the_edit_links_from_the_environment_with_local_defaults():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(rf'^site_url: !ENV \[GUIDE_SITE_URL, "{re.escape(DEFAULT_URL)}"\]$', text, re.M)
    assert re.search(rf'^edit_uri: !ENV \[GUIDE_EDIT_URI, "{re.escape(DEFAULT_REPOSITORY)}edit/main/docs/"\]$',
                     text, re.M)
    assert set(re.findall(r"!ENV \[(\w+),", text)) >= set(DEPLOY_SETTINGS)


def test_the_deploy_workflow_builds_with_github_pages_address_and_its_own_repository():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    build_step = next(s for s in steps if s.get("run") == "make build")
    assert steps.index(pages) < steps.index(build_step)
    env = build_step["env"]
    assert env["GUIDE_SITE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}/"
    assert env["GUIDE_EDIT_URI"] == ("${{ github.server_url }}/${{ github.repository }}/edit/"
                                     "${{ github.event.repository.default_branch }}/docs/")
    test_step = next(s for s in steps if s.get("run") == "bash .ci/run")
    assert not set(DEPLOY_SETTINGS) & set(test_step.get("env", {})), "the tests build with the defaults"


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("fork-site")
    result = build(site, env={"GUIDE_SITE_URL": FORK_URL, "GUIDE_EDIT_URI": FORK_EDIT_URI})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def built(site: Path, page) -> Path:
    return site / page_url(page).lstrip("/") / "index.html"


def twin(page, lang: str):
    return next(p for p in PAGES if p.key == page.key and p.lang == lang)


@pytest.mark.slow
def test_canonical_links_alternates_and_edit_links_follow_the_deploy_settings(fork_site):
    for page in PAGES:
        html = Links(built(fork_site, page).read_text(encoding="utf-8"))
        canonical = [link["href"] for link in html.links if link.get("rel") == "canonical"]
        assert canonical == [FORK_URL + page_url(page).lstrip("/")], page.src_uri
        alternates = {link["hreflang"]: link["href"] for link in html.links
                      if link.get("rel") == "alternate" and "hreflang" in link}
        assert alternates == {"zh": FORK_URL + page_url(twin(page, "zh")).lstrip("/"),
                              "en": FORK_URL + page_url(twin(page, "en")).lstrip("/"),
                              "x-default": FORK_URL + page_url(twin(page, "zh")).lstrip("/")}, page.src_uri
        edits = [href for href in html.anchors if "/edit/" in href]
        assert edits == [FORK_EDIT_URI + page.src_uri], page.src_uri


@pytest.mark.slow
def test_the_sitemap_and_the_404_page_follow_the_deploy_settings(fork_site):
    expected = {FORK_URL + page_url(page).lstrip("/") for page in PAGES}
    for text in ((fork_site / "sitemap.xml").read_text(encoding="utf-8"),
                 gzip.decompress((fork_site / "sitemap.xml.gz").read_bytes()).decode("utf-8")):
        assert set(re.findall(r"<loc>([^<]+)</loc>", text)) == expected
        assert set(re.findall(r'<xhtml:link rel="alternate" hreflang="[^"]+" href="([^"]+)"', text)) == expected
    not_found = (fork_site / "404.html").read_text(encoding="utf-8")
    menu = re.findall(r'href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', not_found)
    assert sorted(menu) == [("/fork-guide/", "zh"), ("/fork-guide/en/", "en")]


@pytest.mark.slow
def test_nothing_published_names_the_default_address_or_repository(fork_site):
    stale = [str(path.relative_to(fork_site)) for path in sorted(fork_site.rglob("*"))
             if path.suffix in (".html", ".xml", ".json", ".csv", ".js")
             and (DEFAULT_URL in (text := path.read_text(encoding="utf-8", errors="replace"))
                  or DEFAULT_REPOSITORY in text)]
    assert stale == []


@pytest.mark.slow
def test_the_downloads_addresses_follow_the_deploy_settings(fork_site):
    import csv
    import json

    from guide import export

    data = json.loads((fork_site / export.JSON_NAME).read_text(encoding="utf-8"))
    assert {item["url"] for item in data["items"]} == {FORK_URL + page_url(page).lstrip("/") for page in PAGES
                                                       if page.stage}
    with (fork_site / export.csv_name("en")).open(encoding="utf-8-sig", newline="") as file:
        assert {row["url"] for row in csv.DictReader(file) if row["id"]} == {
            FORK_URL + page_url(page).lstrip("/") for page in PAGES if page.stage and page.lang == "en"}
    package = json.loads((fork_site / export.PACKAGE_NAME).read_text(encoding="utf-8"))
    assert package["homepage"] == FORK_URL and data["$schema"] == FORK_URL + export.SCHEMA_NAME
