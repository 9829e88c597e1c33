"""A file shaped like the dossier of published figures validates: the real record, uploaded.

The file is built here from ``../shared/data/published-figures/figures.csv`` (its own columns and
spellings: ``id``, ``period_start``/``period_end``, ``geo_level``, ``geo``, ``parent_region``,
``measure``, ``publisher``, ``published_on``, ``quote``, ``notes``, ``reliability`` …), keeping
the rows with ``exact_period = yes`` and a whole-number value, as the issue's held-out check
will. Nothing is typed in: every number comes from the dossier. Two things are changed, and
only these: a ``published_on`` that is prose ("c. 2022-07 (not stated)") is left empty, because
for an upload that is a date the source does not state (the raw prose is refused with row and
column, tested below); and the validation day is fixed, so the test does not change with the
calendar.

Three real rows break a rule. They are genuine conflicts between the dossier and the measure
registry, listed in ``GENUINE`` with the reason, and asserted as exactly the errors: no rule is
weakened for them and no row is dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter

import pytest
from test_ingest import COVERAGE_CODES, REPO_ROOT
from test_ingest_geography import municipal_reference

from dashboard.ingest import PublishedValue, Reference, ValidationReport, validate_upload

DOSSIER = REPO_ROOT.parent / "shared" / "data" / "published-figures" / "figures.csv"
TODAY = dt.date(2026, 12, 1)  # the day this was written; see F155 below
DATE = re.compile(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?")

pytestmark = pytest.mark.skipif(
    not DOSSIER.exists(),
    reason=f"the dossier is not checked out next to the repository ({DOSSIER})",
)

# id → the error it gets, and why it is the data (or the registry), not the rule.
GENUINE = {
    # people_planning_return is a stock in the registry (people who said they plan to return,
    # as of a month; F044 is such a stock, June 2022). F040 is the 55 who said so *during*
    # the first half of 2022 (the dossier's period_kind: flow): a flow under a stock's code.
    "F040": "stock_not_one_month",
    # families_planning_return is a stock; F090 ("15 other families are planning to return",
    # The Baltic Course, 30 Aug 2018) is given as March–August 2018 (period_kind: flow).
    # As a stock it stands at one month (2018-08); as written it is refused.
    "F090": "stock_not_one_month",
    # municipalities_selected, 2024-01..2026-12 ("atbalstu saņems divas pašvaldības": two
    # municipalities will get support in 2024–2026) is a plan ending after today, and the
    # registry calls the measure a flow, not a target. It validates from 2027-01-01, or now if
    # the measure were a target.
    "F155": "future_period",
}


def dossier_rows() -> list[dict[str, str]]:
    with DOSSIER.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r for r in rows if r["exact_period"] == "yes" and r["value"].isdigit()]


def dossier_file(rows: list[dict[str, str]], *, raw_dates: bool = False) -> bytes:
    buffer = io.StringIO()
    header = list(rows[0])
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        if not raw_dates and not DATE.fullmatch(row["published_on"]):
            row = {**row, "published_on": ""}
        writer.writerow([row[h] for h in header])
    return buffer.getvalue().encode("utf-8")


def validate(
    rows: list[dict[str, str]], reference: Reference | None = None, **kw: object
) -> ValidationReport:
    data = dossier_file(rows, raw_dates=bool(kw.pop("raw_dates", False)))
    ref = reference or municipal_reference(published=True)
    return validate_upload(data, "figures.csv", ref, today=TODAY, **kw)  # type: ignore[arg-type]


def ids_by_line(rows: list[dict[str, str]]) -> dict[int, str]:
    return {line: row["id"] for line, row in enumerate(rows, start=2)}


def test_the_dossier_is_what_the_issue_describes() -> None:
    rows = dossier_rows()
    assert len(rows) == 114
    registry = {m.code for m in municipal_reference().metrics}
    # The registry (data/seed/metrics.csv) defines every measure the dossier uses.
    assert {r["measure"] for r in rows} <= registry


def test_dossier_file_validates_but_for_three_genuine_conflicts() -> None:
    rows = dossier_rows()
    report = validate(rows)
    line_id = ids_by_line(rows)
    assert {(line_id[e.row], e.code) for e in report.errors if e.row} == set(GENUINE.items())
    assert len(report.errors) == len(GENUINE)
    for error in report.errors:
        assert error.column and error.message_lv != error.message_en


def test_dossier_file_without_them_publishes_every_row() -> None:
    rows = [r for r in dossier_rows() if r["id"] not in GENUINE]
    report = validate(rows)
    assert report.ok, report.errors
    assert len(report.rows) == len(rows) == 111
    line_id = ids_by_line(rows)
    parsed = {line_id[r.row]: r for r in report.rows}
    assert Counter(r.geo_level for r in report.rows) == Counter(r["geo_level"] for r in rows)
    valmiera = parsed["F156"]
    assert (valmiera.geo_level, valmiera.division, valmiera.municipality, valmiera.region) == (
        "municipality",
        "2009",
        "LV-VMR",
        "vidzeme",
    )
    national = parsed["F001"]
    assert (national.geo_level, national.region, national.value) == ("national", None, 774)
    assert national.source_publisher and national.source_published_on == "2025-01-22"
    assert parsed["F100"].source_published_on == "2022-01"  # a month
    assert parsed["F037"].source_published_on is None  # "c. early 2020 (not stated)"
    assert {i for i, r in parsed.items() if r.reliability == "low"} == {
        r["id"] for r in rows if r["reliability"] == "low"
    }
    # The columns that carry nothing stored are named once each; nothing else is warned about
    # but the one value another source (the seed table) gives differently.
    assert {w.column for w in report.warnings if w.code == "ignored_column_known"} == {
        "id",
        "exact_period",
        "period_kind",
        "unit_as_published",
        "quote",
    }
    others = [
        (line_id.get(w.row or 0), w.code)
        for w in report.warnings
        if w.code != "ignored_column_known" and w.code not in COVERAGE_CODES
    ]
    # What the dossier leaves out is said, not refused: e.g. people returned in 2023 are
    # published for Latgale, Rīga and Vidzeme only.
    coverage = [w.message_en for w in report.warnings if w.code in COVERAGE_CODES]
    assert (
        "Kurzeme and Zemgale have no figures for 2023 in this file (People returned), and none "
        "are published: readers will see no figures for them."
    ) in coverage
    assert others == [("F061", "conflict")]  # Latgale 2019 offers: 889 here, 890 in the seed
    kinds = {line_id[r.row]: c.kind for r, c in zip(report.rows, report.changes, strict=True)}
    assert kinds["F061"] == "conflict"
    assert kinds["F062"] == kinds["F063"] == "corroboration"  # Latgale 2019 families, people
    assert report.superseded == []


def test_dossier_uploaded_again_once_published_is_all_the_same() -> None:
    """After a release holds these rows (each with its source), the same file changes nothing,
    and every part/whole and level comparison now runs against published values."""
    rows = [r for r in dossier_rows() if r["id"] not in GENUINE]
    first = validate(rows)
    base = municipal_reference(published=True)
    published = [
        PublishedValue(
            r.period.start,
            r.period.end,
            r.period.code,
            r.region,
            r.metric,
            r.value,
            2,
            r.geo_level,
            r.municipality,
            r.division,
            r.source,
        )
        for r in first.rows
    ]
    reference = Reference(
        base.regions,
        base.metrics,
        base.periods,
        [*base.published, *published],
        base.municipalities,
        base.successors,
    )
    again = validate(rows, reference)
    assert again.ok, again.errors
    assert {c.kind for c in again.changes} == {"same"}


def test_prose_publication_dates_are_refused_where_they_are() -> None:
    rows = dossier_rows()
    report = validate(rows, raw_dates=True)
    line_id = ids_by_line(rows)
    prose = {r["id"] for r in rows if r["published_on"] and not DATE.fullmatch(r["published_on"])}
    assert len(prose) > 40
    bad_dates = {line_id[e.row] for e in report.errors if e.code == "bad_published_on"}
    assert bad_dates == prose
    assert {e.column for e in report.errors if e.code == "bad_published_on"} == {"published_on"}
