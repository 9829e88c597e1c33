"""Contact-directory logic (dashboard.directory): staleness, filtering, sorting and vCards."""

from __future__ import annotations

import datetime as dt

import pytest
import vobject

from dashboard.directory import (
    SORT_KEYS,
    filter_contacts,
    is_stale,
    months_before,
    sort_contacts,
    vcard,
)

LATGALE = {"code": "latgale", "name_lv": "Latgale", "name_en": "Latgale"}
ZEMGALE = {"code": "zemgale", "name_lv": "Zemgale", "name_en": "Zemgale"}
RIGA = {"code": "riga", "name_lv": "Rīga", "name_en": "Riga"}
DAUGAVPILS = {"code": "LV-DGV", "name_lv": "Daugavpils", "name_en": "Daugavpils (city)"}
RUNDALE = {"code": "LV-083", "name_lv": "Rundāles novads", "name_en": "Rundāle Municipality"}


def contact(code: str, name: str, **fields) -> dict:
    base = {
        "code": code,
        "name": name,
        "role_lv": "Koordinators",
        "role_en": "Coordinator",
        "organisation": "Dome",
        "region": None,
        "municipality": None,
        "email": None,
        "phone": None,
        "verified_on": None,
        "active": True,
    }
    return {**base, **fields}


@pytest.fixture
def contacts() -> list[dict]:
    return [
        contact(
            "olga-tolmacova",
            "Olga Tolmačova",
            role_lv="Daugavpils Pašvaldības reemigrācijas koordinators",
            role_en="Daugavpils municipality's remigration coordinator",
            organisation="Daugavpils pilsētas dome",
            region=LATGALE,
            municipality=DAUGAVPILS,
            email="olga.tolmacova@daugavpils.lv",
            phone="+37165476064",
            verified_on=dt.date(2020, 1, 7),
        ),
        contact(
            "jolanta-uzulina",
            "Jolanta Ūzuliņa",
            organisation="Daugavpils pilsētas dome",
            region=LATGALE,
            municipality=DAUGAVPILS,
            email="jolanta.uzulina@daugavpils.lv",
        ),
        contact(
            "astrida-lescinska",
            "Astrīda Leščinska",
            role_lv="Latgales plānošanas reģiona remigrācijas koordinatore",
            role_en="Remigration coordinator of the Latgale Planning Region",
            organisation="Latgales plānošanas reģions",
            region=LATGALE,
        ),
        contact(
            "zemgale-coordinator",
            "Ēriks Zariņš",
            organisation="Zemgales plānošanas reģions",
            region=ZEMGALE,
            municipality=RUNDALE,
            verified_on=dt.date(2021, 6, 1),
        ),
        contact(
            "riga-coordinator",
            "Anna Bērziņa",
            organisation="Rīgas plānošanas reģions",
            region=RIGA,
            verified_on=dt.date(2019, 3, 15),
        ),
        contact("no-region", "Zane Ozola", organisation="VARAM"),
    ]


def codes(items: list[dict]) -> list[str]:
    return [c["code"] for c in items]


# --- months_before -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),  # clamped to February's last day
        (dt.date(2024, 3, 31), 1, dt.date(2024, 2, 29)),  # leap year
        (dt.date(2026, 5, 31), 1, dt.date(2026, 4, 30)),
        (dt.date(2026, 3, 30), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 15), 1, dt.date(2026, 2, 15)),
        (dt.date(2026, 3, 31), 12, dt.date(2025, 3, 31)),
        (dt.date(2026, 1, 15), 1, dt.date(2025, 12, 15)),  # across the year boundary
        (dt.date(2026, 1, 31), 2, dt.date(2025, 11, 30)),
        (dt.date(2025, 2, 28), 12, dt.date(2024, 2, 28)),
        (dt.date(2024, 2, 29), 12, dt.date(2023, 2, 28)),
        (dt.date(2026, 6, 10), 0, dt.date(2026, 6, 10)),
        (dt.date(2026, 6, 10), 25, dt.date(2024, 5, 10)),
    ],
)
def test_months_before(today, months, expected):
    assert months_before(today, months) == expected


# --- is_stale ----------------------------------------------------------------------------------

TODAY = dt.date(2026, 6, 15)


def test_verified_13_months_ago_is_stale():
    assert is_stale(dt.date(2025, 5, 15), TODAY, 12)


def test_verified_11_months_ago_is_not_stale():
    assert not is_stale(dt.date(2025, 7, 15), TODAY, 12)


def test_never_verified_is_stale():
    assert is_stale(None, TODAY, 12)
    assert is_stale(None, TODAY, 1000)


def test_exactly_the_limit_is_not_stale_one_day_more_is():
    assert not is_stale(dt.date(2025, 6, 15), TODAY, 12)
    assert is_stale(dt.date(2025, 6, 14), TODAY, 12)


def test_verified_today_or_in_the_future_is_not_stale():
    assert not is_stale(TODAY, TODAY, 12)
    assert not is_stale(TODAY + dt.timedelta(days=3), TODAY, 12)


def test_month_end_clamping_in_is_stale():
    # 2026-03-31 minus 1 month is 2026-02-28: verified on the 28th is still fresh.
    today = dt.date(2026, 3, 31)
    assert not is_stale(dt.date(2026, 2, 28), today, 1)
    assert is_stale(dt.date(2026, 2, 27), today, 1)


def test_the_limit_is_configurable():
    verified = dt.date(2025, 12, 15)  # six months before TODAY
    assert is_stale(verified, TODAY, 5)
    assert not is_stale(verified, TODAY, 6)
    assert not is_stale(verified, TODAY, 12)


def test_seed_dates_are_stale_today():
    # The seed's one verified contact was checked in January 2020: years ago by now.
    assert is_stale(dt.date(2020, 1, 7), dt.date.today(), 12)


# --- filter_contacts ---------------------------------------------------------------------------


def test_no_filter_keeps_everyone_in_order(contacts):
    assert codes(filter_contacts(contacts)) == codes(contacts)
    assert codes(filter_contacts(contacts, "", None)) == codes(contacts)


def test_filter_by_region(contacts):
    assert codes(filter_contacts(contacts, region="latgale")) == [
        "olga-tolmacova",
        "jolanta-uzulina",
        "astrida-lescinska",
    ]
    assert codes(filter_contacts(contacts, region="zemgale")) == ["zemgale-coordinator"]
    assert filter_contacts(contacts, region="vidzeme") == []


def test_contacts_without_a_region_are_left_out_by_a_region_filter(contacts):
    assert "no-region" not in codes(filter_contacts(contacts, region="riga"))
    assert "no-region" in codes(filter_contacts(contacts))


@pytest.mark.parametrize("query", ["uzulina", "UZULINA", "Ūzuliņa", "jolanta uzul"])
def test_query_is_diacritic_insensitive(contacts, query):
    assert codes(filter_contacts(contacts, query)) == ["jolanta-uzulina"]


def test_query_searches_role_organisation_region_municipality_and_email(contacts):
    assert codes(filter_contacts(contacts, "plānošanas reģiona")) == ["astrida-lescinska"]
    assert codes(filter_contacts(contacts, "planning region")) == ["astrida-lescinska"]
    assert codes(filter_contacts(contacts, "zemgales planosanas")) == ["zemgale-coordinator"]
    assert codes(filter_contacts(contacts, "rundale")) == ["zemgale-coordinator"]
    assert codes(filter_contacts(contacts, "Rundāle Municipality")) == ["zemgale-coordinator"]
    assert codes(filter_contacts(contacts, "riga")) == ["riga-coordinator"]
    assert codes(filter_contacts(contacts, "olga.tolmacova@")) == ["olga-tolmacova"]
    assert set(codes(filter_contacts(contacts, "daugavpils"))) == {
        "olga-tolmacova",
        "jolanta-uzulina",
    }


def test_query_and_region_combine(contacts):
    assert codes(filter_contacts(contacts, "koordinators", "latgale")) == [
        "olga-tolmacova",
        "jolanta-uzulina",
    ]
    assert filter_contacts(contacts, "uzulina", "zemgale") == []


def test_query_without_match(contacts):
    assert filter_contacts(contacts, "Valmiera") == []


def test_filter_accepts_any_iterable(contacts):
    assert codes(filter_contacts(iter(contacts), "uzulina")) == ["jolanta-uzulina"]


# --- sort_contacts -----------------------------------------------------------------------------


def test_sort_keys():
    assert SORT_KEYS == ("name", "region", "verified")


def test_sort_by_name_ignores_case(contacts):
    extra = contact("lower", "aija Lapa")
    ordered = sort_contacts([*contacts, extra], "name")
    # Names starting with a Latvian long vowel (Ē, Ī, Ū …) are left out here: where they belong
    # (after Z by code point, or with their base letter) is a collation choice, not tested.
    assert [c["name"] for c in ordered if c["code"] != "zemgale-coordinator"] == [
        "aija Lapa",
        "Anna Bērziņa",
        "Astrīda Leščinska",
        "Jolanta Ūzuliņa",
        "Olga Tolmačova",
        "Zane Ozola",
    ]
    assert len(ordered) == len(contacts) + 1


def test_sort_by_region_then_name_with_no_region_last(contacts):
    ordered = sort_contacts(contacts, "region")
    assert codes(ordered) == [
        "astrida-lescinska",
        "jolanta-uzulina",
        "olga-tolmacova",  # Latgale, by name
        "riga-coordinator",  # Rīga
        "zemgale-coordinator",  # Zemgale
        "no-region",  # no region: last
    ]


def test_sort_by_verified_newest_first_never_verified_last(contacts):
    ordered = sort_contacts(contacts, "verified")
    assert codes(ordered[:3]) == ["zemgale-coordinator", "olga-tolmacova", "riga-coordinator"]
    assert [c["verified_on"] for c in ordered[3:]] == [None, None, None]
    assert set(codes(ordered[3:])) == {"jolanta-uzulina", "astrida-lescinska", "no-region"}


def test_unknown_sort_key_falls_back_to_name(contacts):
    assert codes(sort_contacts(contacts, "bogus")) == codes(sort_contacts(contacts, "name"))


def test_sort_does_not_change_its_input(contacts):
    before = codes(contacts)
    sort_contacts(contacts, "verified")
    assert codes(contacts) == before


# --- vcard -------------------------------------------------------------------------------------


@pytest.fixture
def olga(contacts) -> dict:
    return contacts[0]


def test_vcard_uses_crlf_line_endings(olga):
    card = vcard(olga)
    assert card.endswith("\r\n")
    assert "\n" not in card.replace("\r\n", "")
    assert "\r" not in card.replace("\r\n", "")


def test_vcard_structure(olga):
    lines = vcard(olga).split("\r\n")
    assert lines[0] == "BEGIN:VCARD"
    assert lines[1] == "VERSION:3.0"
    assert lines[-2] == "END:VCARD"
    assert lines[-1] == ""
    assert lines.count("BEGIN:VCARD") == 1 and lines.count("END:VCARD") == 1


def test_vcard_fields(olga):
    lines = vcard(olga).split("\r\n")
    assert "FN:Olga Tolmačova" in lines
    assert "N:Olga Tolmačova;;;;" in lines
    assert "ORG:Daugavpils pilsētas dome" in lines
    assert "EMAIL;TYPE=INTERNET,WORK:olga.tolmacova@daugavpils.lv" in lines
    assert "REV:2020-01-07" in lines


def test_vcard_phone_is_e164(olga):
    tel = [line for line in vcard(olga).split("\r\n") if line.startswith("TEL")]
    assert tel == ["TEL;TYPE=WORK,VOICE:+37165476064"]
    number = tel[0].split(":", 1)[1]
    assert number.startswith("+") and number[1:].isdigit()


def test_vcard_title_follows_the_language(olga):
    assert "TITLE:Daugavpils Pašvaldības reemigrācijas koordinators" in vcard(olga).split("\r\n")
    assert "TITLE:Daugavpils Pašvaldības reemigrācijas koordinators" in vcard(olga, "lv")
    en = vcard(olga, "en").split("\r\n")
    assert "TITLE:Daugavpils municipality's remigration coordinator" in en
    assert not any("Pašvaldības" in line for line in en)


def test_vcard_escapes_commas_semicolons_backslashes_and_newlines():
    card = vcard(
        contact(
            "x",
            "Bērziņš; Jānis, jr.",
            role_lv="Vadītājs; p.i.",
            organisation="Dome, nodaļa\\A\nB",
        )
    )
    lines = card.split("\r\n")
    assert "FN:Bērziņš\\; Jānis\\, jr." in lines
    assert "TITLE:Vadītājs\\; p.i." in lines
    assert "ORG:Dome\\, nodaļa\\\\A\\nB" in lines


def _unfold(card: str) -> str:
    """RFC 2426 unfolding: a CRLF followed by one space continues the previous line."""
    return card.replace("\r\n ", "")


def _parse(card: str) -> vobject.base.Component:
    """The one card in ``card`` (fails if there are more)."""
    cards = list(vobject.readComponents(card))
    assert len(cards) == 1, card
    return cards[0]


def test_vcard_escapes_the_real_seed_role():
    role = (
        "Remigrācijas koordinators Daugavpils pašvaldībā (pagaidām pilda šos pienākumus); "
        "atbalsta kontaktpersona remigrācijas jautājumu risināšanai"
    )
    card = vcard(contact("j", "Jolanta Ūzuliņa", role_lv=role))
    title = next(line for line in _unfold(card).split("\r\n") if line.startswith("TITLE:"))
    assert title == "TITLE:" + role.replace(";", "\\;")
    assert _parse(card).title.value == role


def test_vcard_folds_long_lines_at_75_octets():
    role, organisation = " ".join(["Koordinatore"] * 20), " ".join(["Dome"] * 30)
    card = vcard(contact("j", "J", role_lv=role, organisation=organisation))
    assert max(len(line.encode()) for line in card.split("\r\n")) == 75
    assert _parse(card).title.value == role
    assert _parse(card).org.value == [organisation]


HOSTILE = [
    "A\rEMAIL:evil@example.com",
    "A\nTEL:+37100000000",
    "A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Mallory",
    "A;B;C;D;E",
    "A,B",
    "A:B",
    "A\\B\\nC",
    "\r\n",
]
TEXT_FIELDS = ["name", "role_lv", "organisation", "email", "phone"]


def _expected(value: str) -> str:
    """What a vCard reader gets back: vCard 3.0 has one escape for a line break, ``\\n``."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_no_field_can_add_a_property_or_a_card(field, value):
    fields = {
        "name": "Anna Bērziņa",
        "role_lv": "Koordinatore",
        "organisation": "Dome",
        "email": "anna@example.lv",
        "phone": "+37120000000",
        "verified_on": dt.date(2024, 5, 6),
    }
    fields[field] = value
    name = fields.pop("name")
    card_text = vcard(contact("a", name, **fields))
    assert "\r" not in card_text.replace("\r\n", "") and "\n" not in card_text.replace("\r\n", "")
    card = _parse(card_text)
    names = sorted(child.name for child in card.getChildren())
    assert names == ["EMAIL", "FN", "N", "ORG", "REV", "TEL", "TITLE", "VERSION"]
    got = {
        "name": card.fn.value,
        "role_lv": card.title.value,
        "organisation": card.org.value[0] if len(card.org.value) == 1 else card.org.value,
        "email": card.email.value,
        "phone": card.tel.value,
    }
    assert got[field] == _expected(value)
    assert card.n.value.family == got["name"]
    assert card.email.params == {"TYPE": ["INTERNET", "WORK"]}
    assert card.tel.params == {"TYPE": ["WORK", "VOICE"]}
    assert card.rev.value == "2024-05-06"
    others = {k: v for k, v in got.items() if k != field}
    assert others == {
        k: v
        for k, v in {
            "name": "Anna Bērziņa",
            "role_lv": "Koordinatore",
            "organisation": "Dome",
            "email": "anna@example.lv",
            "phone": "+37120000000",
        }.items()
        if k != field
    }


def test_vcard_without_channels_or_date_leaves_them_out():
    card = vcard(contact("a", "Astrīda Leščinska"))
    assert "EMAIL" not in card
    assert "TEL" not in card
    assert "REV" not in card
    assert "FN:Astrīda Leščinska" in card


def test_vcard_without_role_has_no_title():
    card = vcard(contact("a", "A", role_lv="", role_en=""))
    assert "TITLE" not in card
    card = vcard(contact("a", "A", role_lv="Loma", role_en=None), "en")
    assert "TITLE" not in card
