"""The pieces of ``/data`` called directly: the release table, the API examples, the data
dictionary, the citation and the report form with its answers. No database, no HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from component_tree import by_id, ids, links, of_kind, prop, text

from dashboard.components.open_data import (
    API_RESOURCES,
    api_examples,
    api_section,
    citation,
    column_descriptions,
    current_downloads,
    data_dictionary,
    example,
    licence_section,
    machine_readable,
)
from dashboard.components.release_table import release_links, release_state, release_table
from dashboard.components.report_form import (
    ANY,
    report_fields,
    report_form,
    report_refused,
    report_thanks,
    report_too_many,
)
from dashboard.exports import TIDY_COLUMNS
from dashboard.i18n import tn
from dashboard.services import ServiceError

PUBLISHED = {
    "number": 2,
    "status": "published",
    "published_at": dt.datetime(2024, 3, 5, 14, 30),
    "rolled_back_at": None,
}
ROLLED_BACK = {
    "number": 1,
    "status": "rolled_back",
    "published_at": dt.datetime(2020, 8, 18, 9, 0),
    "rolled_back_at": dt.datetime(2024, 3, 4, 8, 0),
}
METRIC = {
    "code": "families_returned",
    "name_lv": "Ģimenes atgriezušās",
    "name_en": "Families returned",
    "unit_lv": "ģimenes",
    "unit_en": "families",
    "definition_lv": "Ģimeņu skaits.",
    "definition_en": "Number of families.",
}
REGIONS = [{"code": "latgale", "name_lv": "Latgale", "name_en": "Latgale"}]
PERIODS = [{"code": "2019", "label_lv": "2019. gads", "label_en": "2019"}]


# --- releases --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("release", "lang", "expected"),
    [
        (PUBLISHED, "lv", "publicēts 05.03.2024"),
        (PUBLISHED, "en", "as published on 5 Mar 2024"),
        (ROLLED_BACK, "lv", "atsaukts 04.03.2024"),
        (ROLLED_BACK, "en", "rolled back on 4 Mar 2024"),
    ],
)
def test_release_state_says_when_it_was_published_or_rolled_back(release, lang, expected):
    assert release_state(release, lang) == expected


def test_every_release_links_to_exactly_its_numbers():
    assert links(release_links(7)) == [
        ("CSV", "/download/observations.csv?scope=full&release=7"),
        ("XLSX", "/download/observations.xlsx?scope=full&release=7"),
        ("JSON", "/api/v1/observations?release=7"),
    ]
    assert prop(release_links(7)[0], "aria-label") == "CSV – 7"


def test_the_release_table_keeps_rolled_back_releases_in_the_given_order():
    table = release_table([PUBLISHED, ROLLED_BACK], "en")
    assert "data-releases" in ids(table)
    rows = of_kind(of_kind(table, "Tbody")[0], "Tr")
    assert [text(r) for r in rows] == [
        "2 as published on 5 Mar 2024 Open the overview at release 2 · CSV XLSX JSON",
        "1 rolled back on 4 Mar 2024 Open the overview at release 1 · CSV XLSX JSON",
    ]
    assert ("Open the overview at release 2", "/?release=2") in links(table)


def test_a_release_row_says_what_it_published():
    contents = {
        "figures": 2,
        "metrics": ["families_returned"],
        "national": True,
        "regions": ["latgale"],
        "municipalities": 0,
        "periods": [{"code": "2019", "label_lv": "2019. gads", "label_en": "2019"}],
        "sources": [
            {
                "title": "Reģionālais remigrācijas atbalsts",
                "publisher": "VARAM",
                "url": "https://www.varam.gov.lv/x",
                "published_on": dt.date(2020, 8, 18),
                "published_precision": "day",
            }
        ],
    }
    table = release_table([PUBLISHED], "en", {2: contents}, [METRIC], REGIONS)
    row = of_kind(of_kind(table, "Tbody")[0], "Tr")[0]
    assert text(row) == (
        "2 as published on 5 Mar 2024 Source: VARAM (18 Aug 2020) "
        "2 figures: Families returned Where: Latvia, Latgale Period: 2019 "
        "Open the overview at release 2 · CSV XLSX JSON"
    )
    assert ("VARAM", "https://www.varam.gov.lv/x") in links(row)


def test_only_the_newest_releases_show_before_show_all():
    many = [{**PUBLISHED, "number": n} for n in range(8, 0, -1)]
    table = release_table(many, "lv")
    shown = of_kind(of_kind(table, "Table")[0], "Tbody")[0]
    assert [text(of_kind(r, "Th")[0]) for r in of_kind(shown, "Tr")] == ["8", "7", "6", "5", "4"]
    folded = by_id(table, "data-releases-all")
    assert text(of_kind(folded, "Summary")[0]) == "Rādīt visus laidienus (8)"
    older = of_kind(of_kind(folded, "Table")[0], "Tbody")[0]
    assert [text(of_kind(r, "Th")[0]) for r in of_kind(older, "Tr")] == ["3", "2", "1"]


# --- API, dictionary, citation -----------------------------------------------------------------


def test_api_examples_use_the_site_address_everywhere():
    examples = api_examples("https://dati.example.lv")
    assert "{site}" not in examples
    assert examples.count("https://dati.example.lv/api/v1/observations?format=csv") == 3
    # Excel reads the CSV for Excel: a BOM, semicolons and decimal commas.
    assert "https://dati.example.lv/download/observations.csv?scope=full&bom=1" in examples
    for tool in ("# curl", "# Python (pandas)", "# R", "# Excel"):
        assert tool in examples
    assert example("pandas", "https://dati.example.lv") in examples


def test_api_section_lists_every_resource_and_the_openapi_document():
    section = api_section("en", "https://dati.example.lv")
    shown = text(section)
    for name in API_RESOURCES:
        assert f"/api/v1/{name}" in shown
    assert ("/api/v1/openapi.json", "/api/v1/openapi.json") in links(section)


def test_current_downloads_are_the_release_in_effect():
    assert [href for _, href in links(current_downloads("lv"))] == [
        "/download/observations.csv?scope=full",
        "/download/observations.csv?scope=full&bom=1",
        "/download/observations.xlsx?scope=full",
        "/api/v1/observations",
        "/api/v1/observations?format=jsonstat",
    ]


def test_software_finds_the_package_the_catalogue_and_the_feed_in_the_language():
    assert [href for _, href in links(machine_readable("lv"))] == [
        "/api/v1/datapackage.json",
        "/api/v1/catalog.jsonld",
        "/api/v1/catalog.ttl",
        "/api/v1/releases.atom",
    ]
    assert links(machine_readable("en"))[-1][1] == "/api/v1/releases.atom?lang=en"


def test_licence_section_names_cc_by_the_credit_and_the_release():
    section = licence_section("en", "https://dati.example.lv", PUBLISHED)
    shown = text(section)
    assert "licensed under CC BY 4.0" in shown
    assert "subject to its original publisher's terms" in shown
    assert "https://dati.example.lv" in text(by_id(section, "data-attribution"))
    assert links(section) == [
        (
            "Creative Commons Attribution 4.0 International (CC BY 4.0)",
            "https://creativecommons.org/licenses/by/4.0/",
        )
    ]
    assert prop(of_kind(section, "A")[0], "rel") == "license"
    assert "release 2" in text(by_id(section, "data-cite"))


def test_every_download_column_is_described():
    assert list(column_descriptions("en")) == list(TIDY_COLUMNS)


def test_dictionary_gives_code_name_unit_and_definition_in_the_language():
    shown = text(data_dictionary([METRIC], "en"))
    assert "families_returned – Families returned (families) Number of families." in shown
    assert "value value (whole number)" in shown
    assert "Ģimeņu" not in shown


def test_citation_names_the_release_in_effect_and_nothing_before_one_exists():
    assert citation(None, "en") == ""
    assert citation(PUBLISHED, "en", "https://dati.example.lv") == (
        "Cite as: Regional remigration support, release 2 (5 Mar 2024), "
        "https://dati.example.lv/data, CC BY 4.0. Original sources: as named on each figure."
    )


# --- the report form ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "lv", "en"),
    [
        (1, "1 dienu", "1 day"),
        (11, "11 dienas", "11 days"),
        (21, "21 dienu", "21 days"),
        (30, "30 dienas", "30 days"),
        (111, "111 dienas", "111 days"),
        (0, "0 dienas", "0 days"),
    ],
)
def test_days_in_words_follow_each_language_s_plural(n, lv, en):
    assert tn("{n} day", "{n} days", n, "lv") == lv
    assert tn("{n} day", "{n} days", n, "en") == en


def test_the_form_offers_any_first_and_states_the_retention():
    form = report_form("en", REGIONS, PERIODS, [METRIC], "30 days")
    for field, option in (
        ("data-report-region", {"label": "Latgale", "value": "latgale"}),
        ("data-report-period", {"label": "2019", "value": "2019"}),
        ("data-report-metric", {"label": "Families returned", "value": "families_returned"}),
    ):
        select = by_id(form, field)
        assert prop(select, "value") == ANY
        assert prop(select, "options") == [{"label": "— any —", "value": ANY}, option]
    assert "It is erased 30 days after the report is resolved." in text(
        by_id(form, "data-report-privacy")
    )
    assert prop(by_id(form, "data-report-message"), "maxLength") == 2000
    assert {"data-report-email", "data-report-submit", "data-report-result"} <= set(ids(form))


@pytest.mark.parametrize("nothing", [None, "", ANY])
def test_report_fields_turn_any_into_nothing(nothing):
    assert report_fields(nothing, nothing, nothing, "It is wrong", None) == {
        "region": None,
        "period": None,
        "metric": None,
        "message": "It is wrong",
        "email": None,
    }


def test_report_fields_pass_choices_and_text_on_as_given():
    fields = report_fields("latgale", "2019", "families_returned", " msg ", "a@b.lv")
    assert fields == {
        "region": "latgale",
        "period": "2019",
        "metric": "families_returned",
        "message": " msg ",
        "email": "a@b.lv",
    }


def test_the_answers_after_sending():
    thanks = report_thanks(12, "en")
    assert prop(thanks, "id") == "data-report-thanks"
    assert text(thanks) == "Thank you! Your report has been saved (no. 12)."
    refused = report_refused(ServiceError("bad", "Slikti.", "Bad."), "lv")
    assert (prop(refused, "id"), text(refused)) == ("data-report-error", "Slikti.")
    assert text(report_too_many("en")).startswith("Too many reports from this address")
