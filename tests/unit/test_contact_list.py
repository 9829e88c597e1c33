"""The contact directory's pieces (dashboard/components/contact_list.py and contact_cards.py)
on plain rows: which entries a search shows, how an entry reads, the controls' initial values.
No HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from component_tree import by_id, ids, links, of_kind, prop, text

from dashboard.components.contact_cards import contact_card
from dashboard.components.contact_list import (
    ALL,
    SEARCH_MAX,
    directory,
    directory_filters,
    initial_choices,
    matching_contacts,
    official_links,
    region_options,
)
from dashboard.regional_directory import directory_view

TODAY = dt.date(2025, 6, 15)
LATGALE = {
    "code": "latgale",
    "name_lv": "Latgale",
    "name_en": "Latgale",
    "long_name_lv": "Latgales plānošanas reģions",
    "long_name_en": "Latgale Planning Region",
    "sort_order": 2,
}
RIGA = {
    "code": "riga",
    "name_lv": "Rīga",
    "name_en": "Riga",
    "long_name_lv": "Rīgas plānošanas reģions",
    "long_name_en": "Riga Planning Region",
    "sort_order": 3,
}
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
        "active": True,
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


def test_a_card_shows_role_place_channels_and_where_its_details_come_from():
    card = contact_card(JOLANTA, "en", TODAY, 12)
    assert prop(card, "id") == "contact-jolanta"
    assert text(card) == (
        "Municipality contact Jolanta Ūzuliņa Coordinator Dome Region: Latgale "
        "Municipality: Daugavpils (city) E-mail: jolanta@example.lv Phone: +371 6547 6066 "
        "Source not stated Checked by the editors on 10 Jan 2025 "
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


def test_a_card_says_as_published_on_which_date_in_which_source():
    source = {
        "publisher": "Latgales plānošanas reģions",
        "title": "Latgales plānošanas reģions, lpr.gov.lv, 2024-05",
        "url": "https://lpr.gov.lv/lv/2024/sapulce/",
        "published_on": dt.date(2024, 5, 1),
        "published_precision": "month",
    }
    ruta = contact(
        "ruta",
        "Ruta Priede",
        region=LATGALE,
        email="ruta@example.lv",
        verified_on=dt.date(2024, 5, 21),
        role_confirmed_on=dt.date(2024, 5, 21),
        role_source=source,
        source={"publisher": "Preiļu novada pašvaldība", "url": "https://www.preili.lv/x"},
    )
    shown = text(contact_card(ruta, "en", TODAY, 12))
    assert "Regional coordinator Ruta Priede" in shown
    assert (
        "In the role as published on 21 May 2024 in Latgales plānošanas reģions (lpr.gov.lv)"
        in (shown)
    )
    assert "Contact details as published in Preiļu novada pašvaldība (preili.lv)" in shown
    assert "(date not stated)" in shown
    assert "Verified" not in shown and "Checked" not in shown  # the role date is no check
    lv = text(contact_card(ruta, "lv", TODAY, 12))
    assert "Amatu apliecina publikācija 21.05.2024: Latgales plānošanas reģions" in lv
    # Over 12 months old: marked, with the date.
    assert "⚠ var būt novecojis (21.05.2024)" in lv
    # A month-precise source date is shown as a month.
    alone = contact("a", "A", region=LATGALE, source=source)
    assert "As published on May 2024 in Latgales plānošanas reģions" in text(
        contact_card(alone, "en", TODAY, 12)
    )


def test_an_old_or_undated_entry_carries_the_stale_badge_with_its_date():
    def badges(c: dict) -> list:
        spans = of_kind(contact_card(c, "lv", TODAY, 12), "Span")
        return [s for s in spans if "stale-badge" in (prop(s, "className") or "")]

    assert badges(JOLANTA) == []
    assert text(badges(ANNA)[0]) == "⚠ var būt novecojis (01.01.2023)"
    assert text(badges(OLGA)[0]) == "⚠ var būt novecojis (datums nav publicēts)"
    assert prop(badges(OLGA)[0], "title") == (
        "Jaunākais datums, kas apliecina šīs ziņas, ir vecāks par 12 mēnešiem, vai datums nav "
        "publicēts."
    )


def test_an_entry_without_channels_says_so_and_names_the_route():
    shown = text(contact_card(OLGA, "en", TODAY, 12, route=["Via the office."]))
    assert "No e-mail or phone published." in shown
    assert "Via the office." in shown
    assert "E-pasts vai tālrunis nav publicēts." in text(contact_card(OLGA, "lv", TODAY, 12))
    # With a channel, no route is needed.
    assert "Via the office." not in text(contact_card(JOLANTA, "en", TODAY, 12, route=["Via"]))


def test_a_former_coordinator_s_card_offers_no_channel_and_no_vcard():
    former = contact(
        "astrida", "Astrīda Leščinska", region=LATGALE, email="a@example.lv", active=False
    )
    former["note"] = "Former coordinator. Named in seed 003."
    card = contact_card(former, "en", TODAY, 12, badge="former")
    assert text(card).startswith("Former coordinator Astrīda Leščinska")
    assert links(card) == []


def test_the_listing_counts_its_cards_or_says_none_match():
    view = directory_view(
        [JOLANTA, OLGA, ANNA], [LATGALE, RIGA], search="", region="latgale", sort="name"
    )
    cards, count = directory(view, [LATGALE, RIGA], [], "lv", TODAY, 12)
    assert count == "Atrasti kontakti: 2"
    # Olga is of the region and no municipality, with a coordinator's role: she comes first.
    assert ids(cards)[:3] == ["contacts-region-latgale", "contact-olga", "contact-jolanta"]
    # Rīga has no coordinator here: the route through its office comes first, never "no match".
    view = directory_view([JOLANTA], [LATGALE, RIGA], search="", region="riga", sort="name")
    cards, count = directory(view, [LATGALE, RIGA], [], "en", TODAY, 12)
    assert ids(cards)[:2] == ["contacts-region-riga", "contact-route-riga"]
    assert "No coordinator contact is published for Riga; contact the Riga Planning Region's " in (
        text(cards)
    )
    assert "No contact matches" not in text(cards)
    view = directory_view([JOLANTA], [LATGALE, RIGA], search="zzz", region=None, sort="name")
    cards, count = directory(view, [LATGALE, RIGA], [], "en", TODAY, 12)
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
    assert [o["label"] for o in prop(sort, "options")] == ["name", "region", "newest date first"]


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
