"""The downloads of a real build, read by standard tools (issue #20, §6): the CSVs with Python's
csv module without options (the header is the first row), the whole data package with
Frictionless, checklists.json with its published JSON Schema. Each check is also shown failing
on a download broken the way the old format was."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import frictionless
import jsonschema
import pytest
import yaml

from conftest import ROOT
from guide import export
from guide.model import LANGUAGES, STAGES
from guide.sources import load_cautions, load_pages

PAGES = load_pages(ROOT / "docs", ROOT)
CAUTIONS = load_cautions(ROOT / "docs", ROOT)[0]


def site_url() -> str:
    """mkdocs.yml's local default (the tests build without the deploy settings)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("site_url:"))
    return yaml.safe_load(line.split("!ENV", 1)[1])[1]


def items(lang: str) -> list[tuple[str, str]]:
    return [(page.stage, item.id) for stage in STAGES for page in PAGES if page.stage == stage and page.lang == lang
            for item in page.items]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def frictionless_errors(site: Path) -> list[list]:
    """[resource, row, field, error type] of every error Frictionless finds in the package."""
    report = frictionless.validate(str(site / export.PACKAGE_NAME))
    return [[None, None, None, error.type] for error in report.errors] + [[task.name, *error] for task in report.tasks for error in task.flatten(["rowNumber", "fieldName", "type"])]


def schema_errors(site: Path) -> list[str]:
    schema = json.loads((site / export.SCHEMA_NAME).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((site / export.JSON_NAME).read_text(encoding="utf-8"))
    return [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(data)]


@pytest.fixture
def copy(built_site, tmp_path) -> Path:
    """The built downloads, copied to be broken."""
    site = tmp_path / "site"
    shutil.copytree(built_site / export.DOWNLOADS, site / export.DOWNLOADS)
    shutil.copyfile(built_site / export.PACKAGE_NAME, site / export.PACKAGE_NAME)
    return site


def rewrite(path: Path, change) -> None:
    path.write_bytes(change(path.read_bytes().decode("utf-8")).encode("utf-8"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_csv_is_read_by_the_csv_module_without_options(built_site, lang):
    path = built_site / export.csv_name(lang)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfstage,checklist,id,by,")  # the BOM Excel needs, then the header
    rows = read_csv(path)
    assert list(rows[0]) == [field.name for field in export.CSV_FIELDS]
    cautions = [row for row in rows if not row["id"]]
    assert [row["text"] for row in cautions] == [export.plain(line) for line in CAUTIONS[lang].lines]
    assert rows[:len(cautions)] == cautions and {row["by"] for row in cautions} == {"editors"}
    assert [(row["stage"], row["id"]) for row in rows[len(cautions):]] == items(lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_address_is_absolute_under_the_sites_url(built_site, lang):
    base = site_url()
    for row in read_csv(built_site / export.csv_name(lang)):
        if row["id"]:
            page = next(p for p in PAGES if p.lang == lang and p.stage == row["stage"])
            assert row["url"] == base + export.page_url(page).lstrip("/"), row["id"]
    data = json.loads((built_site / export.JSON_NAME).read_text(encoding="utf-8"))
    assert all(item["url"].startswith(base) for item in data["items"])


def test_the_data_package_is_valid_and_every_file_in_it_matches_it(built_site):
    assert frictionless_errors(built_site) == []
    report = frictionless.validate(str(built_site / export.PACKAGE_NAME))
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {"checklists-zh": len(items("zh")) + len(CAUTIONS["zh"].lines),
                    "checklists-en": len(items("en")) + len(CAUTIONS["en"].lines),
                    "checklists": len(items("zh")) + len(items("en"))}


def test_the_data_package_describes_every_field_in_both_languages_with_the_notice_licence_and_source(built_site):
    package = json.loads((built_site / export.PACKAGE_NAME).read_text(encoding="utf-8"))
    assert package["notice"] == export.NOTICE and package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "静候缘来" in package["sources"][0]["title"]
    assert package["cautions"]["en"]["lines"] == [export.plain(line) for line in CAUTIONS["en"].lines]
    by_name = {resource["name"]: resource for resource in package["resources"]}
    assert [f["name"] for f in by_name["checklists"]["schema"]["fields"]] == list(json.loads(
        (built_site / export.JSON_NAME).read_text(encoding="utf-8"))["items"][0])
    for lang in LANGUAGES:
        assert by_name[f"checklists-{lang}"]["path"] == export.csv_name(lang)
        assert [f["name"] for f in by_name[f"checklists-{lang}"]["schema"]["fields"]] == list(
            read_csv(built_site / export.csv_name(lang))[0])
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            zh, _, en = field["description"].partition(" / ")
            assert any("\u4e00" <= char <= "\u9fff" for char in zh), field["name"]
            assert len([word for word in en.split() if word.isascii() and word.isalpha()]) >= 3, field["name"]


def test_checklists_json_is_valid_against_its_published_schema(built_site):
    assert schema_errors(built_site) == []
    data = json.loads((built_site / export.JSON_NAME).read_text(encoding="utf-8"))
    assert data["$schema"] == site_url() + export.SCHEMA_NAME
    assert data["cautions"]["zh"]["lines"] == [export.plain(line) for line in CAUTIONS["zh"].lines]


# Broken the way they were, the validators say so

def test_a_notice_row_before_the_header_fails(copy):
    rewrite(copy / export.csv_name("zh"), lambda text: "\ufeff" + export.NOTICE["zh"] + "\r\n" + text.lstrip("\ufeff"))
    assert ["checklists-zh", None, "stage", "incorrect-label"] in frictionless_errors(copy)


def test_the_old_notes_column_fails(copy):
    rewrite(copy / export.csv_name("en"), lambda text: text.replace(",editors_notes,", ",notes,", 1))
    assert ["checklists-en", None, "editors_notes", "incorrect-label"] in frictionless_errors(copy)


def test_a_root_relative_url_fails(copy):
    rewrite(copy / export.csv_name("en"), lambda text: text.replace(site_url(), "/", 1))
    assert any(error[2] == "url" and error[3] == "type-error" for error in frictionless_errors(copy))


def test_an_item_without_its_id_or_with_an_unknown_field_fails_the_json_schema(copy):
    rewrite(copy / export.JSON_NAME, lambda text: text.replace('"editors_notes"', '"notes"', 1))
    assert any("'editors_notes' is a required property" in message for message in schema_errors(copy))
    assert any("'notes' was unexpected" in message for message in schema_errors(copy))
