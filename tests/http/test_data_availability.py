"""``/data`` with the real record, over HTTP as dash-renderer asks for it: the "Data
availability" matrix in Latvian and English, and the release table.

The app runs on a fresh database loaded as ``remigration init-db`` loads it (the seed table and
the dossier in ``data/seed/dossier``). The cell checked as conflicting is found in the CSV
files, not typed here: a dossier figure for a planning region, period and measure of the seed
table whose value differs from the seed's. Its matrix cell must say so in words and link to
both publications.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest
from component_tree import links, of_kind, prop, text, walk
from support import dash_outputs, expand_static_sections, page_content

from dashboard.db.seed import OBSERVATIONS_FILE, read_published_table

SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed"
WORDS = {
    "lv": {"conflict": "avoti atšķiras", "none": "nav publicēts", "heading": "Datu pieejamība"},
    "en": {
        "conflict": "conflicting sources",
        "none": "not published",
        "heading": "Data availability",
    },
}


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def conflicting_cell() -> dict[str, Any]:
    """A cell with two sources that disagree, from the CSVs: the seed table's value (source
    seed-004) and a dossier row for the same region, measure and calendar year."""
    regions = {r["name_lv"]: r["code"] for r in _csv(SEED_DIR / "regions.csv")}
    seed_url = next(r["url"] for r in _csv(SEED_DIR / "sources.csv") if r["code"] == "seed-004")
    seed = {
        (r["period"], regions[r["region_name"]], r["metric"]): r["value"]
        for r in read_published_table(SEED_DIR / OBSERVATIONS_FILE)
    }
    for row in _csv(SEED_DIR / "dossier" / "figures.csv"):
        year = row["period_start"][:4]
        whole_year = (row["period_start"], row["period_end"]) == (f"{year}-01", f"{year}-12")
        if row["geo_level"] != "planning_region" or not whole_year:
            continue
        if not re.fullmatch(r"[0-9]+", row["value"]):
            continue
        seed_value = seed.get((year, regions[row["geo"]], row["measure"]))
        if seed_value is not None and seed_value != int(row["value"]):
            return {
                "measure": row["measure"],
                "region": row["geo"],
                "year": year,
                "urls": {seed_url, row["source_url"]},
            }
    raise AssertionError("no dossier figure disagrees with the seed table")


def _content(client: Any, lang: str) -> Any:
    response = page_content(client, "/data", f"?lang={lang}")
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return expand_static_sections(response.get_json()["response"]["_pages_content"]["children"])


def _by_id(tree: Any, component_id: str) -> Any:
    found = [c for c in walk(tree) if prop(c, "id") == component_id]
    assert len(found) == 1, component_id
    return found[0]


def _choose(client: Any, value: Any, lang: str) -> Any:
    """POST the measure select's callback as dash-renderer does when the reader picks one."""
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if d["output"] == "data-availability-matrix.children")
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [{"id": "data-availability-measure", "property": "value", "value": value}],
        "state": [{"id": "data-lang", "property": "data", "value": lang}],
        "changedPropIds": ["data-availability-measure.value"],
    }
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )


def _matrix(client: Any, choice: str, lang: str) -> Any:
    response = _choose(client, choice, lang)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return expand_static_sections(
        response.get_json()["response"]["data-availability-matrix"]["children"]
    )


def _cell(matrix: Any, row_name: str, year: str) -> Any:
    table = of_kind(matrix, "Table")[0]
    header = [text(th) for th in of_kind(of_kind(table, "Thead")[0], "Th")]
    for tr in of_kind(table, "Tr"):
        cells = prop(tr, "children")
        if isinstance(cells, list) and text(cells[0]) == row_name:
            return cells[header.index(year)]
    raise AssertionError(f"no row {row_name!r}")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_cell_with_sources_that_disagree_is_conflicting_and_links_to_both(record_app, lang):
    client = record_app.server.test_client()
    cell = conflicting_cell()
    content = _content(client, lang)
    assert WORDS[lang]["heading"] in [text(h) for h in of_kind(content, "H2")]
    select = _by_id(content, "data-availability-measure")
    choice = f"flow.{cell['measure']}"
    assert choice in [o["value"] for o in prop(select, "options")]

    matrix = _matrix(client, choice, lang)
    region = cell["region"] if lang == "lv" else cell["region"].replace("Rīga", "Riga")
    shown = _cell(matrix, region, cell["year"])
    assert WORDS[lang]["conflict"] in text(shown)
    assert cell["urls"] <= {href for _, href in links(shown)}
    # The region is a real <th scope="row">, every year a <th scope="col">, in a named region.
    region_box = _by_id(matrix, "data-availability-table")
    assert prop(region_box, "role") == "region"
    assert prop(region_box, "tabIndex") == "0"
    head = of_kind(of_kind(matrix, "Thead")[0], "Th")
    assert {prop(th, "scope") for th in head} == {"col"}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_year_with_nothing_published_says_not_published(record_app, lang):
    """No figure of families returned within 2021 is in the dossier or the seed table, so the
    2021 column says "not published" for Latvia and every region."""
    dossier = _csv(SEED_DIR / "dossier" / "figures.csv")
    assert not [
        r
        for r in dossier
        if r["measure"] == "families_returned"
        and r["period_start"][:4] == r["period_end"][:4] == "2021"
    ]
    client = record_app.server.test_client()
    content = _content(client, lang)
    # families_returned is the first measure of the registry: the matrix shown on arrival.
    matrix = _by_id(content, "data-availability-matrix")
    names = [r["name_lv" if lang == "lv" else "name_en"] for r in _csv(SEED_DIR / "regions.csv")]
    latvia = "Latvija" if lang == "lv" else "Latvia"
    for name in [latvia, *names]:
        assert text(_cell(matrix, name, "2021")) == f"– {WORDS[lang]['none']}"
        assert links(_cell(matrix, name, "2021")) == []
    assert text(_cell(matrix, latvia, "2024")).startswith("✓")


def test_the_release_table_is_short_and_links_each_release_to_the_overview(record_app):
    client = record_app.server.test_client()
    releases = client.get("/api/v1/releases").get_json()
    content = _content(client, "en")
    table = _by_id(content, "data-releases")
    numbers = [text(th) for th in of_kind(table, "Th") if prop(th, "scope") == "row"]
    newest = sorted((r["number"] for r in releases), reverse=True)
    assert numbers == [str(n) for n in newest[:5]]
    folded = _by_id(content, "data-releases-all")
    assert text(of_kind(folded, "Summary")[0]) == f"Show all {len(releases)} releases"
    hrefs = {href for _, href in links(content)}
    assert {f"/?release={n}" for n in newest} <= hrefs
    assert "Sources:" in text(table) or "Source:" in text(table)


def test_a_choice_that_names_no_measure_gets_a_message_not_an_error(record_app):
    client = record_app.server.test_client()
    answer = _matrix(client, "flow.no_such_measure", "en")
    assert text(answer) == "Choose a measure from the list."
    assert _choose(client, ["not", "text"], "en").status_code == 400
