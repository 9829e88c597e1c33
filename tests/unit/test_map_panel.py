"""The map's side panel (dashboard/components/map_panel.py) from plain rows: the region's
figures, whom to contact and the support on offer. No database, no HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from component_tree import by_id, ids, links, of_kind, prop, text

from dashboard.components.map_panel import (
    PAPS_URL,
    contacts_for,
    empty_panel,
    map_panel,
    panel_contacts,
    panel_measures,
    panel_region,
    region_figures,
    unit_figures,
)
from dashboard.queries.map_values import Figure

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
SOURCE = {
    "title": "Delfi (VPR release)",
    "publisher": "Delfi (VPR release)",
    "url": "https://www.delfi.lv/example",
    "published_on": dt.date(2021, 2, 1),
}


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


def figure(value, period="2020", metric="people_returned", source=SOURCE) -> Figure:
    labels = {"2020": ("2020. gads", "2020"), "2019": ("2019. gads", "2019")}[period]
    return Figure(value, period, *labels, metric, source)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("lv", f"Ģimenes atgriezušās 1{NBSP}200 ģimenes Cilvēki atgriezušies dati nav publicēti"),
        ("en", "Families returned 1,200 families People returned no data published"),
    ],
)
def test_region_figures_say_no_data_published_never_zero(lang, expected):
    shown = region_figures(
        [(FAMILIES, figure(1200, metric="families_returned")), (PEOPLE, None)], lang
    )
    assert text(shown) == expected
    assert "0" not in text(shown).replace("1" + NBSP + "200", "").replace("1,200", "")


def test_unit_figures_list_each_figure_with_period_and_source():
    shown = unit_figures(
        [figure(97)], [FAMILIES, PEOPLE], "en", unit_name="Valmiera", region_name="Vidzeme"
    )
    listed = by_id(shown, "map-panel-unit-figures")
    # (text() joins the text of each element with a space: "…release) , 1 Feb 2021")
    assert text(listed).startswith("People returned, 2020: 97 persons Source: Delfi (VPR release)")
    assert text(listed).endswith("1 Feb 2021")
    assert links(listed) == [("Delfi (VPR release)", SOURCE["url"])]
    assert "map-panel-no-unit-figures" not in ids(shown)


def test_unit_figures_in_latvian_use_the_latvian_period_label():
    shown = unit_figures(
        [figure(97)], [FAMILIES, PEOPLE], "lv", unit_name="Valmiera", region_name="Vidzeme"
    )
    assert text(shown).startswith("Cilvēki atgriezušies, 2020. gads: 97 cilvēki Avots: Delfi")


def test_a_unit_without_figures_says_so_and_points_to_its_region():
    shown = unit_figures(
        [], [PEOPLE], "en", unit_name="Bauskas novads", region_name="Zemgale Planning Region"
    )
    assert text(by_id(shown, "map-panel-no-unit-figures")) == (
        "No figures are published for Bauskas novads. See the figures of its planning region, "
        "Zemgale Planning Region, below."
    )
    lv = unit_figures(
        [], [PEOPLE], "lv", unit_name="Bauskas novads", region_name="Zemgales plānošanas reģions"
    )
    assert "Zemgales plānošanas reģions" in text(by_id(lv, "map-panel-no-unit-figures"))


def test_a_unit_lists_its_predecessors_figures_under_their_names_not_as_its_own():
    shown = unit_figures(
        [],
        [PEOPLE],
        "en",
        unit_name="Valmieras novads",
        region_name="Vidzeme",
        former=[("Valmiera", [figure(97)]), ("Kocēnu novads", [])],
    )
    assert "map-panel-no-unit-figures" in ids(shown)
    assert "Published for Valmiera (before July 2021): People returned, 2020: 97" in text(shown)
    assert "Kocēnu" not in text(shown)


def test_a_figure_without_a_source_says_so():
    shown = unit_figures([figure(5, source=None)], [PEOPLE], "en", unit_name="X", region_name="Y")
    assert text(shown).endswith("5 persons source not stated")


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
    assert prop(by_id(children, "map-panel-title"), "tabIndex") == "-1"
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


def test_the_panel_shows_the_unit_block_and_the_notes_before_the_region_figures():
    children = map_panel(
        FEATURE,
        LATGALE,
        pilot=False,
        period="2024",
        figures="REGION",
        contacts=[],
        measures=None,
        lang="en",
        unit_block=["UNIT"],
        notes=["Daugavpils (until 2021) is now part of …"],
    )
    shown = text(children)
    assert shown.index("is now part of") < shown.index("UNIT") < shown.index("REGION")
    assert "Figures published for the municipality UNIT The region's figures (2024)" in shown
