"""What ``/about`` and ``/accessibility`` say, built directly from plain rows and dates
(dashboard/components/programme.py, accessibility_statement.py): no database, no HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from component_tree import by_id, ids, links, of_kind, prop, text

from dashboard.components.accessibility_statement import (
    accessibility_statement,
    known_limitations,
)
from dashboard.components.programme import (
    metric_definitions,
    pilot_names,
    source_list,
    timeline,
)

MUNICIPALITIES = [
    {
        "code": "LV-001",
        "name_lv": "Aglonas novads",
        "name_en": "Aglona Municipality",
        "is_pilot": False,
    },
    {"code": "LV-DGV", "name_lv": "Daugavpils", "name_en": "Daugavpils (city)", "is_pilot": True},
    {
        "code": "LV-099",
        "name_lv": "Tukuma novads",
        "name_en": "Tukums Municipality",
        "is_pilot": True,
    },
]
EVENTS = [
    {
        "date": dt.date(2018, 4, 13),
        "title_lv": "Sanāksme",
        "title_en": "Meeting",
        "place": "Daugavpils",
    },
    {"date": dt.date(2020, 8, 18), "title_lv": "Pārskats", "title_en": "Report", "place": None},
]
METRICS = [
    {
        "code": "families_returned",
        "name_lv": "Ģimenes atgriezušās",
        "name_en": "Families returned",
        "unit_lv": "ģimenes",
        "unit_en": "families",
        "definition_lv": "Ģimeņu skaits.",
        "definition_en": "Number of families.",
    }
]
SOURCES = [
    {
        "title": "Pārskats",
        "url": "https://varam.example.lv/p",
        "publisher": "VARAM",
        "published_on": dt.date(2020, 8, 18),
    },
    {"title": "Protokols", "url": None, "publisher": "Dome", "published_on": None},
]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("lv", "Daugavpils, Tukuma novads"), ("en", "Daugavpils (city), Tukums Municipality")],
)
def test_pilot_names_are_the_pilots_only_in_the_language(lang, expected):
    assert pilot_names(MUNICIPALITIES, lang) == expected


def test_timeline_has_dates_for_people_and_machines_and_the_place_where_known():
    shown = timeline(EVENTS, "lv")
    assert prop(shown, "id") == "timeline"
    assert [text(item) for item in of_kind(shown, "Li")] == [
        "13.04.2018 Sanāksme (Daugavpils)",
        "18.08.2020 Pārskats",
    ]
    assert [prop(t, "dateTime") for t in of_kind(shown, "Time")] == ["2018-04-13", "2020-08-18"]
    assert text(timeline(EVENTS, "en")).startswith("13 Apr 2018 Meeting")


def test_metric_definitions_in_the_language():
    shown = metric_definitions(METRICS, "en")
    assert prop(shown, "id") == "metric-definitions"
    assert text(shown) == "Families returned (families) Number of families."


def test_sources_are_linked_where_online_with_publisher_and_date():
    shown = source_list([SOURCES[1], SOURCES[0], SOURCES[0]], "en")
    assert prop(shown, "id") == "source-list"
    assert links(shown) == [("VARAM, Pārskats", "https://varam.example.lv/p")]
    # Each source once, newest first, "publisher, title (date)".
    assert [text(item) for item in of_kind(shown, "Li")] == [
        "VARAM, Pārskats ( 18 Aug 2020 )",
        "Dome, Protokols ( date not stated )",
    ]


def test_statement_dates_and_limitations_in_the_language():
    statement = accessibility_statement("lv", dt.date(2026, 1, 2), dt.date(2026, 3, 4))
    assert "02.01.2026" in text(by_id(statement, "a11y-method"))
    assert "04.03.2026" in text(statement)
    limitations = of_kind(by_id(statement, "a11y-limitations"), "Li")
    assert [text(li) for li in limitations] == known_limitations("lv")
    assert len(set(known_limitations("en"))) == 5


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_statement_sends_feedback_to_the_report_form_in_the_same_language(lang):
    statement = accessibility_statement(lang, dt.date(2026, 1, 2), dt.date(2026, 1, 2))
    assert {"a11y-status", "a11y-method", "a11y-feedback"} <= set(ids(statement))
    feedback = links(by_id(statement, "a11y-feedback"))
    assert [href for _, href in feedback] == [f"/data?lang={lang}#data-report-form"]
