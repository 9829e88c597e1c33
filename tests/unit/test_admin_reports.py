"""The admin page's Reports tab (``dashboard/admin/reports.py``) as plain functions: the inbox's
rows for admins and staff, the filter, which note goes with the pressed button, and the retention
time in words (the HTTP wiring is in tests/http/test_data_reports.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from dash import html

from dashboard.admin import reports
from dashboard.services.reports import retention_days

T = dt.datetime(2026, 3, 1, 12, 30, 45)


def _walk(node: Any) -> Any:
    """Every Dash component in a tree of (Python) components."""
    if isinstance(node, (list, tuple)):
        for item in node:
            yield from _walk(item)
    elif hasattr(node, "to_plotly_json"):
        yield node
        yield from _walk(getattr(node, "children", None))


def _by_id(tree: Any) -> dict[str, Any]:
    return {json.dumps(c.id, sort_keys=True): c for c in _walk(tree) if getattr(c, "id", None)}


NAMES = {
    "region": {"riga": "Riga"},
    "period": {"2019": "2019"},
    "metric": {"people_returned": "People returned"},
}


def _report(number: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": number,
        "created_at": T,
        "region": "riga",
        "period": "2019",
        "metric": "people_returned",
        "message": "Line one\nline two <b>",
        "lang": "en",
        "status": "new",
        "resolved_at": None,
        "resolution_note": None,
        "email_given": True,
        "email": "r@example.lv",
        **extra,
    }


def test_an_open_report_row_has_a_labelled_note_field_and_button():
    [row] = reports.report_rows([_report(5)], "en", True, NAMES)
    assert row[:5] == [5, "2026-03-01 12:30", "Riga", "2019", "People returned"]
    assert row[5].children == "Line one\nline two <b>", "text, never HTML"
    assert row[6].href == "mailto:r@example.lv" and row[7] == "new"
    ids = _by_id(row[8])
    note = ids[json.dumps({"report": 5, "type": "admin-report-note"}, sort_keys=True)]
    button = ids[json.dumps({"report": 5, "type": "admin-report-resolve"}, sort_keys=True)]
    assert note.maxLength == 2000 and note.disabled is False and button.disabled is False
    assert getattr(button, "aria-label") == "Mark resolved (report 5)"
    label = row[8].children[0]
    assert isinstance(label, html.Label) and label.children[0] == "Resolution note"
    assert label.children[1].children == " (report 5)" and label.children[2] is note


def test_staff_see_the_row_with_the_form_disabled_and_no_address():
    report = _report(5, email=None)
    [row] = reports.report_rows([report], "lv", False, NAMES)
    assert row[6] == "norādīts (redz tikai administratori)"
    assert all(c.disabled for c in _walk(row[8]) if getattr(c, "id", None))
    [row] = reports.report_rows([_report(6, email=None, email_given=False)], "lv", False, NAMES)
    assert row[6] == ""


def test_a_resolved_report_row_shows_when_and_the_note():
    resolved = _report(
        7, status="resolved", resolved_at=T, resolution_note="Fixed.\nSee release 3."
    )
    [row] = reports.report_rows([resolved], "lv", True, NAMES)
    assert row[7] == "atrisināts"
    when, note = row[8].children
    assert when.children == "2026-03-01 12:30" and note.children == "Fixed.\nSee release 3."
    assert not [c for c in _walk(row[8]) if getattr(c, "id", None)], "no form"
    [row] = reports.report_rows([{**resolved, "resolution_note": None}], "en", True, NAMES)
    assert row[8].children[1].children == "", "resolved before notes existed"


def test_a_report_without_choices_or_with_unknown_codes():
    [row] = reports.report_rows(
        [_report(8, region=None, period="2031", metric=None)], "en", True, NAMES
    )
    assert row[2:5] == ["", "2031", ""], "an unknown code is shown as it is"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("open", "open"), ("resolved", "resolved"), ("all", "all"), (None, "open"), ("x", "open")],
)
def test_chosen_filter(value, expected):
    assert reports.chosen_filter(value) == expected


def test_note_for_takes_the_note_of_the_pressed_row():
    notes = [
        {"id": {"type": "admin-report-note", "report": 3}, "property": "value", "value": "three"},
        {"id": {"type": "admin-report-note", "report": 4}, "property": "value", "value": "four"},
    ]
    assert reports.note_for(4, notes) == "four"
    assert reports.note_for(3, notes) == "three"
    assert reports.note_for(5, notes) is None
    assert reports.note_for(4, None) is None
    assert reports.note_for(4, ["junk", {"id": "admin-report-note", "value": "x"}]) is None


@pytest.mark.parametrize(
    ("days", "lv", "en"),
    [
        (1, "1 dienu", "1 day"),
        (11, "11 dienas", "11 days"),
        (21, "21 dienu", "21 days"),
        (30, "30 dienas", "30 days"),
    ],
)
def test_retention_days_in_words(make_app, config, days, lv, en):
    app = make_app(dataclasses.replace(config, report_email_retention_days=days))
    with app.server.app_context():
        assert (retention_days("lv"), retention_days("en")) == (lv, en)
