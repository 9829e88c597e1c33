"""The map's side panel (dashboard/components/map_panel.py) from plain rows: the region's
figures, whom to contact and the support on offer. No database, no HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from component_tree import by_id, ids, links, of_kind, text
from observation_frames import frame

from dashboard.components.map_panel import (
    PAPS_URL,
    contacts_for,
    empty_panel,
    map_panel,
    panel_contacts,
    panel_measures,
    panel_region,
    region_figures,
    region_values,
)

NBSP = "\u00a0"
FAMILIES = {
    "code": "families_returned",
    "name_lv": "Ģimenes atgriezušās",
    "name_en": "Families returned",
    "unit_lv": "ģimenes",
    "unit_en": "families",
}
PEOPLE = {
    "code": "people_returned",
    "name_lv": "Cilvēki atgriezušies",
    "name_en": "People returned",
    "unit_lv": "cilvēki",
    "unit_en": "persons",
}
LATGALE = {"code": "latgale", "name_lv": "Latgale", "name_en": "Latgale"}
ZEMGALE = {"code": "zemgale", "name_lv": "Zemgale", "name_en": "Zemgale"}
DAUGAVPILS = {"code": "LV-DGV", "name_lv": "Daugavpils", "name_en": "Daugavpils (city)"}
PREILI = {"code": "LV-073", "name_lv": "Preiļu novads", "name_en": "Preiļi Municipality"}
FEATURE = {
    "id": "LV-DGV",
    "properties": {"name_lv": "Daugavpils", "name_en": "Daugavpils (city)", "region": "latgale"},
}
FRAME = frame(
    {
        ("2018-03..2018-12", "latgale", "families_returned"): 1200,
        ("2019", "latgale", "families_returned"): 1000,
        ("2018-03..2018-12", "zemgale", "families_returned"): 7,
        ("2019", "zemgale", "people_returned"): 30,
    }
)


def contact(code: str, *, region=None, municipality=None, **fields) -> dict:
    return {
        "code": code,
        "name": code.title(),
        "role_lv": "Koordinators",
        "role_en": "Coordinator",
        "region": region,
        "municipality": municipality,
        "email": None,
        "phone": None,
        "verified_on": None,
    } | fields


def test_region_values_sum_the_periods_of_the_region_only():
    values = region_values(FRAME, "latgale", [FAMILIES, PEOPLE], per_month=False)
    assert [(m["code"], v) for m, v in values] == [
        ("families_returned", 2200.0),
        ("people_returned", None),
    ]


def test_region_values_per_month_divide_by_the_region_periods_months():
    (_, families), (_, people) = region_values(FRAME, "latgale", [FAMILIES, PEOPLE], True)
    assert families == pytest.approx(2200 / 22)
    assert people is None


def test_region_values_of_a_region_without_data_are_none():
    assert [v for _, v in region_values(FRAME, "riga", [FAMILIES], True)] == [None]


@pytest.mark.parametrize(
    ("lang", "per_month", "expected"),
    [
        ("lv", False, f"Ģimenes atgriezušās 2{NBSP}200 ģimenes Cilvēki atgriezušies – cilvēki"),
        ("en", False, "Families returned 2,200 families People returned – persons"),
        (
            "en",
            True,
            "Families returned 100.0 families per month People returned – persons per month",
        ),
    ],
)
def test_region_figures_are_formatted_for_the_language(lang, per_month, expected):
    shown = region_figures(FRAME, "latgale", [FAMILIES, PEOPLE], per_month, lang)
    assert text(shown) == expected


def test_contacts_are_the_municipality_s_own_and_its_region_s_coordinators():
    own = contact("own", region=LATGALE, municipality=DAUGAVPILS)
    coordinator = contact("coordinator", region=LATGALE)
    neighbour = contact("neighbour", region=LATGALE, municipality=PREILI)
    elsewhere = contact("elsewhere", region=ZEMGALE)
    found = contacts_for([own, coordinator, neighbour, elsewhere], "latgale", "LV-DGV")
    assert found == [own, coordinator]


def test_without_contacts_the_panel_points_to_paps_and_the_region_s_directory():
    shown = panel_contacts([], "latgale", "en")
    assert "map-panel-no-contacts" in ids(shown)
    assert [href for _, href in links(shown)] == [PAPS_URL, "/contacts?region=latgale"]


def test_contacts_show_role_channels_and_where_the_details_come_from_in_the_language():
    olga = contact(
        "olga",
        municipality=DAUGAVPILS,
        email="olga@example.lv",
        phone="+37165476064",
        verified_on=dt.date(2020, 1, 7),
        source={
            "publisher": "Daugavpils pilsētas dome",
            "title": "Pilotprojekts",
            "url": None,
            "published_on": dt.date(2020, 1, 7),
            "published_precision": "day",
        },
    )
    shown = panel_contacts([olga, contact("silent")], "latgale", "lv")
    entries = of_kind(by_id(shown, "map-panel-contacts"), "Li")
    # "Silent" (of the region, no municipality, a coordinator's role) is the coordinator: first.
    assert text(entries[0]).startswith("Silent Koordinators E-pasts vai tālrunis nav publicēts.")
    assert text(entries[1]) == (
        "Olga Koordinators olga@example.lv +371 6547 6064 "
        "Publicēts 07.01.2020: Daugavpils pilsētas dome, “Pilotprojekts”"
    )
    assert links(entries[1]) == [
        ("olga@example.lv", "mailto:olga@example.lv"),
        ("+371 6547 6064", "tel:+37165476064"),
    ]


LATGALE_FULL = LATGALE | {
    "long_name_lv": "Latgales plānošanas reģions",
    "long_name_en": "Latgale Planning Region",
}


def test_a_region_s_current_coordinator_comes_first_and_the_office_is_the_route():
    office = contact(
        "office",
        region=LATGALE_FULL,
        name="Latgales plānošanas reģions",
        organisation="Latgales plānošanas reģions",
        email="pasts@example.lv",
        role_lv="Birojs",
        role_en="Office",
    )
    earlier = contact("earlier", region=LATGALE_FULL, verified_on=dt.date(2019, 1, 1))
    note = "Role confirmed on 2024-05-21 by https://example.lv/sapulce/."
    current = contact("current", region=LATGALE_FULL, note=note)
    local = contact("local", region=LATGALE_FULL, municipality=DAUGAVPILS, email="l@example.lv")
    shown = panel_contacts([local, office, earlier, current], "latgale", "en")
    entries = by_id(shown, "map-panel-contacts").children  # one item per entry
    names = [text(e).split(" ")[0] for e in entries]
    assert names == ["Current", "Earlier", "Latgales", "Local"]
    # The current coordinator has no channel: the office's published e-mail is the route.
    assert "No e-mail or phone published." in text(entries[0])
    assert ("pasts@example.lv", "mailto:pasts@example.lv") in links(entries[0])
    assert "In the role as published on 21 May 2024" in text(entries[0])
    assert "map-panel-no-contacts" not in ids(shown)


def test_a_region_without_a_coordinator_names_its_office_as_the_route():
    local = contact("local", region=LATGALE_FULL, municipality=DAUGAVPILS, email="l@example.lv")
    shown = panel_contacts([local], "latgale", "en")
    assert text(by_id(shown, "map-panel-no-contacts")) == (
        "No coordinator contact is published for Latgale; contact the Latgale Planning "
        "Region's office:"
    )
    assert "The Latgale Planning Region's general e-mail and phone are not in our sources." in (
        text(shown)
    )
    assert "No coordinator is listed" not in text(shown)


def test_measures_link_to_their_page_where_they_have_one():
    measures = [
        {"title_lv": "Mājoklis", "title_en": "Housing", "url": None},
        {"title_lv": "Granti", "title_en": "Grants", "url": "https://example.lv/g"},
    ]
    shown = panel_measures(measures, "en")
    assert text(shown) == "Housing Grants"
    assert links(shown) == [("Grants", "https://example.lv/g")]
    assert text(panel_measures([], "en")).startswith("Our sources do not yet describe")


def test_the_panel_of_a_pilot_lists_its_measures():
    children = map_panel(
        FEATURE,
        LATGALE,
        pilot=True,
        period="2019",
        figures="FIGURES",
        contacts=[],
        measures=[{"title_lv": "Granti", "title_en": "Grants", "url": None}],
        lang="en",
    )
    assert text(by_id(children, "map-panel-title")) == "Daugavpils (city)"
    assert text(by_id(children, "map-panel-region-name")) == (
        "Planning region: Latgale ★ Pilot municipality"
    )
    assert "The region's figures (2019) FIGURES Whom to contact" in text(children)
    assert "map-panel-measures" in ids(children)


def test_the_panel_of_a_non_pilot_has_no_measures_heading_or_star():
    children = map_panel(
        FEATURE,
        LATGALE,
        pilot=False,
        period="2019",
        figures=None,
        contacts=[],
        measures=None,
        lang="lv",
    )
    assert "★" not in text(children)
    assert "Atbalsta pasākumi pašvaldībā" not in text(children)


def test_the_panel_region_and_its_prompt():
    assert "map-panel" in ids(panel_region("lv"))
    assert text(empty_panel("en")).startswith("Select a municipality on the map")
