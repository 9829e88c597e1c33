"""The map's search, municipality table and selection (dashboard/components/map_search.py),
called directly on small rows: no database, no HTTP."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from component_tree import by_id, ids, of_kind, prop, text

from dashboard.components.map_search import (
    MAX_RESULTS,
    chosen_municipality,
    former_note,
    main_trigger,
    municipality_details,
    municipality_rows,
    municipality_table,
    search_box,
    search_municipalities,
    search_results,
    unit_notes,
    with_successors,
)
from dashboard.geo import load_boundaries

REGIONS = [
    {"code": "zemgale", "name_lv": "Zemgale", "name_en": "Zemgale"},
    {"code": "latgale", "name_lv": "Latgale", "name_en": "Latgale"},
]


def feature(code: str, name_lv: str, name_en: str, region: str) -> dict:
    return {"id": code, "properties": {"name_lv": name_lv, "name_en": name_en, "region": region}}


FEATURES = [
    feature("LV-083", "Rundāles novads", "Rundāle Municipality", "zemgale"),
    feature("LV-DGV", "Daugavpils", "Daugavpils (city)", "latgale"),
    feature("LV-025", "Daugavpils novads", "Daugavpils Municipality", "latgale"),
    feature("LV-001", "Aglonas novads", "Aglona Municipality", "latgale"),
    feature("LV-999", "Ārpus novads", "Outside Municipality", "atlantis"),
]
ORDER = [f["id"] for f in FEATURES]


def rows(lang: str = "lv") -> list[dict]:
    return municipality_rows(FEATURES, REGIONS, {"LV-DGV"}, lang)


def test_rows_are_sorted_by_latvian_name_with_diacritics_folded():
    assert [r["code"] for r in rows()] == ["LV-001", "LV-999", "LV-DGV", "LV-025", "LV-083"]


@pytest.mark.parametrize(
    ("lang", "name", "region"),
    [("lv", "Daugavpils", "Latgale"), ("en", "Daugavpils (city)", "Latgale")],
)
def test_rows_carry_the_shown_names_both_names_and_pilot_status(lang, name, region):
    row = next(r for r in rows(lang) if r["code"] == "LV-DGV")
    assert row == {
        "key": "2009:LV-DGV",
        "code": "LV-DGV",
        "division": "2009",
        "name": name,
        "name_lv": "Daugavpils",
        "name_en": "Daugavpils (city)",
        "region": "latgale",
        "region_name": region,
        "pilot": True,
    }


def test_a_region_missing_from_the_list_shows_its_code():
    assert next(r for r in rows() if r["code"] == "LV-999")["region_name"] == "atlantis"


@pytest.mark.parametrize("query", ["rundale", "RUNDĀLE", "Rundāle Municipality", "lv-083"])
def test_search_finds_either_name_or_the_code_without_diacritics(query):
    assert [r["code"] for r in search_municipalities(query, rows())] == ["LV-083"]


def test_names_starting_with_the_query_come_first():
    found = search_municipalities("daugavpils", rows())
    assert [r["code"] for r in found] == ["LV-DGV", "LV-025"]
    # "novads" is inside every name but starts none: alphabetical.
    found = search_municipalities("novads", rows())
    assert [r["code"] for r in found] == ["LV-001", "LV-999", "LV-025", "LV-083"]


@pytest.mark.parametrize("query", ["", "   ", None])
def test_an_empty_search_finds_nothing_and_shows_nothing(query):
    assert search_municipalities(query, rows()) == []
    assert search_results(query, rows(), "lv") == []


def test_no_match_says_so_with_the_query():
    assert text(search_results("zzz", rows(), "en")) == "No municipality matches “zzz”."


def test_results_are_buttons_that_select_with_the_pilot_starred():
    shown = search_results("daug", rows(), "lv")
    buttons = of_kind(shown, "Button")
    assert [prop(b, "id") for b in buttons] == [
        {"type": "map-result", "code": "2009:LV-DGV"},
        {"type": "map-result", "code": "2009:LV-025"},
    ]
    assert [text(b) for b in buttons] == ["Daugavpils ★", "Daugavpils novads"]


def test_results_are_capped():
    many = [
        {"code": f"LV-{i:03}", "name": f"Ciems {i}", "name_lv": f"Ciems {i}", "name_en": "x"}
        | {"pilot": False}
        for i in range(MAX_RESULTS + 5)
    ]
    assert len(of_kind(search_results("ciems", many, "lv"), "Button")) == MAX_RESULTS


def test_table_has_a_labelled_select_button_per_municipality():
    table = municipality_table(rows("en"), "en")
    buttons = of_kind(table, "Button")
    assert [prop(b, "data-map-select") for b in buttons] == [r["key"] for r in rows("en")]
    assert all(prop(b, "type") == "button" and prop(b, "id") is None for b in buttons)
    assert prop(buttons[2], "aria-label") == "Select Daugavpils (city)"
    body = text(of_kind(table, "Tbody")[0])
    assert "Daugavpils (city) Latgale ★ yes Select" in body
    assert "Rundāle Municipality Zemgale no Select" in body


def test_table_details_and_search_box_carry_the_ids_the_callbacks_use():
    assert "map-municipality-table" in ids(municipality_details(rows(), "lv"))
    box = search_box("lv")
    assert {"map-search", "map-search-help", "map-search-results"} <= set(ids(box))
    assert prop(by_id(box, "map-search"), "maxLength") == 100


# --- which municipality a selection event picks --------------------------------------------


def test_a_clicked_result_button_selects_its_municipality():
    trigger = {"type": "map-result", "code": "LV-083"}
    assert chosen_municipality(trigger, [1], None, None, rows(), ORDER) == "LV-083"


@pytest.mark.parametrize("clicks", [[None], [0], []])
def test_a_button_that_was_only_just_rendered_selects_nothing(clicks):
    trigger = {"type": "map-result", "code": "LV-083"}
    assert chosen_municipality(trigger, clicks, None, None, rows(), ORDER) is None


def test_enter_selects_the_first_match_or_nothing():
    assert chosen_municipality("map-search", [1], None, "daug", rows(), ORDER) == "2009:LV-DGV"
    assert chosen_municipality("map-search", [1], None, "zzz", rows(), ORDER) is None
    assert chosen_municipality("map-search", [1], None, None, rows(), ORDER) is None


def test_a_map_click_selects_by_customdata_then_by_curve_number():
    by_code = {"points": [{"customdata": "LV-025", "curveNumber": 0}]}
    assert chosen_municipality("map-graph", [by_code], by_code, None, rows(), ORDER) == "LV-025"
    by_curve = {"points": [{"curveNumber": 1}]}
    assert chosen_municipality("map-graph", [by_curve], by_curve, None, rows(), ORDER) == "LV-DGV"


@pytest.mark.parametrize(
    "click",
    [
        None,
        {},
        {"points": []},
        {"points": [{"customdata": "LV-777"}]},
        {"points": [{"curveNumber": 99}]},
        {"points": [{"curveNumber": -1}]},
        {"points": [{"curveNumber": "1"}]},
    ],
)
def test_map_clicks_off_the_municipalities_select_nothing(click):
    assert chosen_municipality("map-graph", [click], click, None, rows(), ORDER) is None


def test_an_unknown_trigger_selects_nothing():
    assert chosen_municipality("map-filter-metric", [1], None, "daug", rows(), ORDER) is None


# --- current and former names (the real 2009 and 2021 divisions) ----------------------------

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def both() -> list[dict]:
    """Rows of both divisions from the committed boundaries and successor table."""
    bounds = load_boundaries(DATA / "geo")
    with (DATA / "seed" / "municipality_successors.csv").open(encoding="utf-8") as f:
        links = [
            (r["code_2009"], r["code_2021"], r["approximate"] == "1") for r in csv.DictReader(f)
        ]
    with (DATA / "seed" / "municipalities.csv").open(encoding="utf-8") as f:
        pilots = {r["code"] for r in csv.DictReader(f) if r["is_pilot"] == "1"}
    return with_successors(
        municipality_rows(bounds.layer("2009"), REGIONS, pilots, "lv", "2009"),
        municipality_rows(bounds.layer("2021"), REGIONS, pilots, "lv", "2021"),
        links,
        bounds.layer("2021"),
    )


REGION_LONG = {"zemgale": "Zemgales plānošanas reģions", "latgale": "Latgales plānošanas reģions"}


@pytest.mark.parametrize(
    ("query", "key", "name"),
    [
        ("Dienvidkurzeme", "2021:LV-112", "Dienvidkurzemes novads"),
        ("dienvidkurzeme", "2021:LV-112", "Dienvidkurzemes novads"),
        ("Augšdaugava", "2021:LV-111", "Augšdaugavas novads"),
        ("augsdaugava", "2021:LV-111", "Augšdaugavas novads"),
        ("Rundāle", "2021:LV-016", "Bauskas novads"),
        ("rundale", "2021:LV-016", "Bauskas novads"),
        ("RUNDĀLE", "2021:LV-016", "Bauskas novads"),
    ],
)
def test_current_and_former_names_answer_with_the_unit_in_force(both, query, key, name):
    found = search_municipalities(query, both, "2021")
    assert found[0]["key"] == key
    assert found[0]["name"] == name
    assert chosen_municipality("map-search", [1], None, query, both, [], "2021") == key


def test_a_former_name_names_the_former_unit_and_the_unit_in_force(both):
    found = search_municipalities("rundale", both, "2021")
    assert found[0]["via"]["name"] == "Rundāles novads"
    assert len(found) == 1  # Bauskas novads once, not once per name that leads to it
    en_regions = {"zemgale": "Zemgale Planning Region"}
    note = former_note(found[0]["via"], "en", en_regions)
    assert note == (
        "Rundāles novads (until 2021) is now part of Bauskas novads, Zemgale Planning Region"
    )
    shown = search_results("Rundāle", both, "en", "2021", en_regions)
    assert [prop(b, "id")["code"] for b in of_kind(shown, "Button")] == ["2021:LV-016"]
    assert note in text(shown)
    lv = former_note(found[0]["via"], "lv", REGION_LONG)
    assert lv == (
        "Rundāles novads (līdz 2021. gadam) tagad ir daļa no: Bauskas novads, "
        "Zemgales plānošanas reģions"
    )


def test_on_the_2009_layer_a_former_name_is_its_own_unit_and_a_new_name_the_2021_unit(both):
    assert search_municipalities("rundale", both, "2009")[0]["key"] == "2009:LV-083"
    assert search_municipalities("Dienvidkurzeme", both, "2009")[0]["key"] == "2021:LV-112"


def test_a_split_unit_names_both_successors_the_one_drawn_with_it_first(both):
    aglona = next(r for r in both if r["key"] == "2009:LV-001")
    assert [r["name"] for r in aglona["successors"]] == ["Preiļu novads", "Krāslavas novads"]
    assert search_municipalities("aglona", both, "2021")[0]["key"] == "2021:LV-073"
    assert former_note(aglona, "en", REGION_LONG) == (
        "Aglonas novads (until 2021) is now part of Preiļu novads and Krāslavas novads, "
        "Latgales plānošanas reģions"
    )


def test_a_2021_unit_lists_its_predecessors(both):
    bauska = next(r for r in both if r["key"] == "2021:LV-016")
    assert sorted(r["name"] for r in bauska["predecessors"]) == [
        "Bauskas novads",
        "Iecavas novads",
        "Rundāles novads",
        "Vecumnieku novads",
    ]
    assert former_note(bauska, "en", REGION_LONG) is None


def test_a_pilot_that_kept_its_territory_stays_a_pilot_in_2021(both):
    by_key = {r["key"]: r for r in both}
    assert by_key["2021:LV-DGV"]["pilot"] is True  # Daugavpils: the same city
    assert by_key["2021:LV-016"]["pilot"] is False  # Bauskas novads merely contains Rundāle
    assert by_key["2009:LV-083"]["pilot"] is True


def test_enter_counts_when_dash_merges_it_with_freshly_drawn_result_buttons():
    merged = [
        {"prop_id": '{"code":"2021:LV-016","type":"map-result"}.n_clicks', "value": None},
        {"prop_id": "map-search.n_submit", "value": 1},
    ]
    assert main_trigger(merged) == ("map-search", [1])


def test_a_clicked_button_counts_before_enter_and_a_map_click():
    merged = [
        {"prop_id": "map-graph.clickData", "value": {"points": []}},
        {"prop_id": "map-search.n_submit", "value": 2},
        {"prop_id": '{"code":"2009:LV-083","type":"map-result"}.n_clicks', "value": 1},
    ]
    assert main_trigger(merged) == ({"code": "2009:LV-083", "type": "map-result"}, [1])
    assert main_trigger([{"prop_id": "map-graph.clickData", "value": {"points": []}}]) == (
        "map-graph",
        [{"points": []}],
    )
    assert main_trigger([]) == (None, [None])


def test_unit_notes_name_the_searched_former_unit_predecessors_and_an_end(both):
    by_key = {r["key"]: r for r in both}
    notes = unit_notes(by_key["2021:LV-016"], by_key["2009:LV-083"], None, "en", REGION_LONG)
    assert notes[0].startswith("Rundāles novads (until 2021) is now part of Bauskas novads")
    assert notes[1].startswith("Formed in July 2021 from: ") and "Rundāles novads ★" in notes[1]
    varaklani = by_key["2021:LV-102"]
    ended = unit_notes(varaklani, None, dt.date(2025, 6, 30), "en", REGION_LONG)
    assert ended[-1] == "This municipality existed until 30 Jun 2025."
    assert unit_notes(by_key["2009:LV-083"], None, None, "lv", REGION_LONG) == [
        "Rundāles novads (līdz 2021. gadam) tagad ir daļa no: Bauskas novads, "
        "Zemgales plānošanas reģions"
    ]
