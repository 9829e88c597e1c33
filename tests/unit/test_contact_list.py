"""The contact directory's pieces (dashboard/components/contact_list.py) on plain rows: which
entries a search shows, how an entry reads, the controls' initial values. No HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from component_tree import by_id, ids, links, of_kind, prop, text

from dashboard.components.contact_list import (
    ALL,
    SEARCH_MAX,
    contact_card,
    contact_list,
    directory_filters,
    initial_choices,
    matching_contacts,
    official_links,
    region_options,
)

TODAY = dt.date(2025, 6, 15)
LATGALE = {"code": "latgale", "name_lv": "Latgale", "name_en": "Latgale"}
RIGA = {"code": "riga", "name_lv": "Rīga", "name_en": "Riga"}
DAUGAVPILS = {"code": "LV-DGV", "name_lv": "Daugavpils", "name_en": "Daugavpils (city)"}


def contact(code: str, name: str, **fields) -> dict:
    return {
        "code": code,
        "name": name,
        "role_lv": "Koordinatore",
        "role_en": "Coordinator",
        "organisation": "Dome",
        "region": None,
        "municipality": None,
        "email": None,
        "phone": None,
        "verified_on": None,
    } | fields


JOLANTA = contact(
    "jolanta",
    "Jolanta Ūzuliņa",
    region=LATGALE,
    municipality=DAUGAVPILS,
    email="jolanta@example.lv",
    phone="+37165476066",
    verified_on=dt.date(2025, 1, 10),
)
ANNA = contact("anna", "anna Bērziņa", region=RIGA, verified_on=dt.date(2023, 1, 1))
OLGA = contact("olga", "Olga Tolmačova", region=LATGALE)
EVERYONE = [JOLANTA, ANNA, OLGA]


def codes(found: list[dict]) -> list[str]:
    return [c["code"] for c in found]


@pytest.mark.parametrize("region", [ALL, None, ""])
def test_all_regions_in_name_order_whatever_the_case(region):
    assert codes(matching_contacts(EVERYONE, "", region, "name")) == ["anna", "jolanta", "olga"]


def test_search_is_diacritic_insensitive_and_combines_with_the_region():
    assert codes(matching_contacts(EVERYONE, "uzulina", ALL, "name")) == ["jolanta"]
    assert codes(matching_contacts(EVERYONE, "koordinatore", "latgale", "name")) == [
        "jolanta",
        "olga",
    ]
    assert matching_contacts(EVERYONE, "uzulina", "riga", "name") == []


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("verified", ["jolanta", "anna", "olga"]),
        ("region", ["jolanta", "olga", "anna"]),
        ("nonsense", ["anna", "jolanta", "olga"]),
        (None, ["anna", "jolanta", "olga"]),
    ],
)
def test_sort_orders_and_the_fallback_to_name_order(sort, expected):
    assert codes(matching_contacts(EVERYONE, None, ALL, sort)) == expected


def test_a_card_shows_role_place_channels_and_verification():
    card = contact_card(JOLANTA, "en", TODAY, 12)
    assert prop(card, "id") == "contact-jolanta"
    assert text(card) == (
        "Jolanta Ūzuliņa Coordinator Dome Region: Latgale Municipality: Daugavpils (city) "
        "E-mail: jolanta@example.lv Phone: +371 6547 6066 Verified on 10 Jan 2025 "
        "Download contact card (vCard)"
    )
    assert links(card) == [
        ("jolanta@example.lv", "mailto:jolanta@example.lv"),
        ("+371 6547 6066", "tel:+37165476066"),
        ("Download contact card (vCard)", "/download/contact/jolanta.vcf"),
    ]
    vcard_link = of_kind(card, "A")[-1]
    # The accessible name starts with the visible text (WCAG 2.5.3).
    assert prop(vcard_link, "aria-label") == "Download contact card (vCard): Jolanta Ūzuliņa"


def test_an_old_or_unverified_entry_carries_the_stale_badge():
    def badges(c: dict) -> list:
        spans = of_kind(contact_card(c, "lv", TODAY, 12), "Span")
        return [s for s in spans if "stale-badge" in (prop(s, "className") or "")]

    assert badges(JOLANTA) == []
    for old in (ANNA, OLGA):
        stale = badges(old)
        assert len(stale) == 1
        assert text(stale[0]) == "⚠ var būt novecojis"
        assert prop(stale[0], "title") == (
            "Ieraksts pārbaudīts vairāk nekā pirms 12 mēnešiem vai nav pārbaudīts."
        )


def test_an_entry_without_channels_says_so():
    assert "The source gives no e-mail or phone." in text(contact_card(OLGA, "en", TODAY, 12))
    assert "Date of verification unknown" in text(contact_card(OLGA, "en", TODAY, 12))


def test_the_list_counts_its_cards_or_says_none_match():
    cards, count = contact_list([JOLANTA, OLGA], "lv", TODAY, 12)
    assert count == "Atrasti kontakti: 2"
    assert ids(cards) == [
        "contact-jolanta",
        "contact-olga",
    ]
    cards, count = contact_list([], "en", TODAY, 12)
    assert count == "Contacts found: 0"
    assert text(cards).startswith("No contact matches your search.")


def test_region_options_start_with_all_regions():
    assert region_options([LATGALE, RIGA], "en") == [
        {"label": "All regions", "value": ALL},
        {"label": "Latgale", "value": "latgale"},
        {"label": "Riga", "value": "riga"},
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ("", ALL, "name")),
        ({"q": "uzul", "region": "riga", "sort": "verified"}, ("uzul", "riga", "verified")),
        ({"region": "atlantis", "sort": "shoe size"}, ("", ALL, "name")),
        ({"region": ALL}, ("", ALL, "name")),
        ({"q": "x" * (SEARCH_MAX + 50)}, ("x" * SEARCH_MAX, ALL, "name")),
    ],
)
def test_initial_choices_come_from_the_query_with_safe_fallbacks(query, expected):
    assert initial_choices(query, ["latgale", "riga"]) == expected


def test_the_filters_show_the_choices_of_the_query():
    row = directory_filters("en", [LATGALE, RIGA], {"q": "olga", "sort": "region"})
    assert prop(by_id(row, "contacts-search"), "value") == "olga"
    assert prop(by_id(row, "contacts-region"), "value") == ALL
    sort = by_id(row, "contacts-sort")
    assert prop(sort, "value") == "region"
    assert [o["label"] for o in prop(sort, "options")] == ["name", "region", "date verified"]


def test_official_links_with_their_citation_date():
    section = official_links(
        [
            {
                "title_lv": "PAPS",
                "title_en": "PAPS (EN)",
                "url": "https://paps.lv",
                "cited_on": None,
            },
            {
                "title_lv": "VARAM",
                "title_en": "Ministry",
                "url": "https://varam.lv",
                "cited_on": dt.date(2020, 8, 18),
            },
        ],
        "lv",
    )
    assert links(section) == [("PAPS", "https://paps.lv"), ("VARAM", "https://varam.lv")]
    assert text(by_id(section, "official-links")) == "PAPS VARAM (citēts 18.08.2020)"
