"""Whom to contact in a region (dashboard/regional_directory.py) on plain rows shaped like
``queries.directory_entries()``: who is the current coordinator, who is former, what the
directory shows for a region, a place name or a person's name."""

from __future__ import annotations

import datetime as dt

from dashboard.db.dossier_directory import FORMER
from dashboard.queries.places import PlaceMatch, PlaceUnit
from dashboard.regional_directory import (
    as_of,
    directory_view,
    former_of,
    kind_of,
    region_block,
    role_confirmation,
)

ZEMGALE = {
    "code": "zemgale",
    "name_lv": "Zemgale",
    "name_en": "Zemgale",
    "sort_order": 5,
    "long_name_lv": "Zemgales plānošanas reģions",
    "long_name_en": "Zemgale Planning Region",
}
KURZEME = {
    "code": "kurzeme",
    "name_lv": "Kurzeme",
    "name_en": "Kurzeme",
    "sort_order": 1,
    "long_name_lv": "Kurzemes plānošanas reģions",
    "long_name_en": "Kurzeme Planning Region",
}
REGIONS = [KURZEME, ZEMGALE]
BAUSKA = {"division": "2021", "code": "LV-016", "name_lv": "Bauskas novads", "name_en": "Bauska"}
JELGAVA = {"division": "2021", "code": "LV-041", "name_lv": "Jelgavas novads", "name_en": "J"}
CONFIRMED = "Role confirmed on 2024-05-21 by https://lpr.gov.lv/lv/2024/sapulce/."


def entry(code: str, **fields) -> dict:
    return {
        "code": code,
        "name": code.replace("-", " ").title(),
        "role_lv": "Zemgales plānošanas reģiona remigrācijas koordinatore",
        "role_en": "Remigration coordinator of the Zemgale Planning Region",
        "organisation": "Zemgales plānošanas reģions",
        "region": ZEMGALE,
        "municipality": None,
        "email": None,
        "phone": None,
        "verified_on": None,
        "active": True,
        "note": None,
        "source": None,
        "role_confirmed_on": None,
    } | fields


CURRENT = entry(
    "agnese-bokta",
    verified_on=dt.date(2024, 5, 21),
    note=CONFIRMED,
    role_confirmed_on=dt.date(2024, 5, 21),
)
EARLIER = entry("anna-agra", verified_on=dt.date(2019, 3, 1))
FORMER_ONE = entry("edgars-paulovics", active=False, note=f"{FORMER} Dossier: FORMER (2018).")
HIDDEN = entry("taken-down", active=False, note="Wrong number.")
OFFICE = entry(
    "zpr",
    name="Zemgales plānošanas reģions",
    role_en="Office",
    role_lv="Birojs",
    email="pasts@example.lv",
)
LOCAL = entry(
    "bauska-contact",
    municipality=BAUSKA,
    role_en="Municipal contact",
    role_lv="Kontakts",
    organisation="Bauskas novada pašvaldība",
    email="b@example.lv",
)
OTHER_TOWN = entry(
    "jelgava-contact",
    municipality=JELGAVA,
    role_en="Municipal contact",
    role_lv="Kontakts",
    organisation="Jelgavas novada pašvaldība",
)
MINISTER = entry(
    "vita-ziemele",
    region=None,
    role_en="Senior expert",
    role_lv="Eksperte",
    organisation="VARAM",
    note=CONFIRMED,
    role_confirmed_on=dt.date(2024, 5, 21),
)
ENTRIES = [LOCAL, OTHER_TOWN, OFFICE, FORMER_ONE, EARLIER, MINISTER, CURRENT]


def codes(rows) -> list[str]:
    return [r["code"] for r in rows]


def test_role_confirmation_is_read_from_the_loader_s_note():
    assert role_confirmation(CONFIRMED) == (
        dt.date(2024, 5, 21),
        "https://lpr.gov.lv/lv/2024/sapulce/",
    )
    assert role_confirmation("Source: “…”") is None
    assert role_confirmation(None) is None


def test_kinds():
    assert [kind_of(e) for e in (CURRENT, OFFICE, LOCAL, MINISTER, FORMER_ONE)] == [
        "coordinator",
        "office",
        "local",
        "ministry",
        "former",
    ]
    assert kind_of(HIDDEN) != "former"  # taken down by an editor: not "former"


def test_as_of_is_the_newest_date_that_says_the_entry_was_current():
    source = {"published_on": dt.date(2019, 12, 1), "published_precision": "month"}
    assert as_of(entry("x", source=source)) == dt.date(2019, 12, 1)
    assert as_of(entry("x", source=source, role_confirmed_on=dt.date(2024, 5, 21))) == dt.date(
        2024, 5, 21
    )
    assert as_of(entry("x", source={"published_on": None, "published_precision": None})) is None


def test_the_current_coordinator_comes_first_former_ones_are_apart():
    block = region_block(ZEMGALE, [e for e in ENTRIES if kind_of(e) != "former"])
    assert codes(block.current) == ["agnese-bokta"]
    assert codes(block.earlier) == ["anna-agra"]
    assert codes(block.offices) == ["zpr"]
    assert codes(block.shown) == [
        "agnese-bokta",
        "anna-agra",
        "zpr",
        "bauska-contact",
        "jelgava-contact",
    ]
    assert codes(former_of(ENTRIES)) == ["edgars-paulovics"]
    assert codes(former_of(ENTRIES, "kurzeme")) == []


def test_a_region_view_answers_coordinator_first_then_ministry_and_former():
    view = directory_view(ENTRIES + [HIDDEN], REGIONS, search="", region="zemgale", sort="name")
    assert [b.region["code"] for b in view.blocks] == ["zemgale"]
    assert codes(view.blocks[0].shown)[0] == "agnese-bokta"
    assert codes(view.ministry) == ["vita-ziemele"]
    assert codes(view.former) == ["edgars-paulovics"]
    assert "taken-down" not in codes(view.shown) + codes(view.former)


def test_a_region_with_no_entry_still_gets_a_block_not_a_search_failure():
    view = directory_view(ENTRIES, REGIONS, search="", region="kurzeme", sort="name")
    assert [b.region["code"] for b in view.blocks] == ["kurzeme"]
    assert view.blocks[0].shown == [] and view.found is None
    view = directory_view(ENTRIES, REGIONS, search="nobody", region="zemgale", sort="name")
    assert view.found == [] and codes(view.blocks[0].current) == ["agnese-bokta"]


def test_a_place_search_shows_its_region_and_only_its_own_municipal_contacts():
    rundale = PlaceUnit(
        "2009", "LV-083", "Rundāles novads", "Rundāle", "zemgale", successors=("LV-016",)
    )
    bauska = PlaceUnit("2021", "LV-016", "Bauskas novads", "Bauska", "zemgale")
    place = PlaceMatch(rundale, (bauska,), ("zemgale",), exact=True)
    view = directory_view(
        ENTRIES,
        REGIONS,
        search="Rundāle",
        region="kurzeme",
        sort="name",
        places=[place],
        place_units={("2009", "LV-083"), ("2021", "LV-016")},
    )
    assert [b.region["code"] for b in view.blocks] == ["zemgale"]
    assert codes(view.blocks[0].shown) == ["agnese-bokta", "anna-agra", "zpr", "bauska-contact"]
    assert view.elsewhere == KURZEME  # the reader had chosen Kurzeme: the page says so
    assert view.places == [place]


def test_a_region_name_or_a_person_s_name():
    view = directory_view(ENTRIES, REGIONS, search="zemgales", region=None, sort="name")
    assert [b.region["code"] for b in view.blocks] == ["zemgale"]
    view = directory_view(ENTRIES, REGIONS, search="bokta", region=None, sort="name")
    assert codes(view.found) == ["agnese-bokta"] and view.blocks == []
    view = directory_view(ENTRIES, REGIONS, search="paulovics", region=None, sort="name")
    assert view.found == [] and codes(view.former) == ["edgars-paulovics"]
