"""The fast cross-row checks report exactly what a plain, pairwise reading of the rules reports.

``validate_upload`` finds duplicates, overlapping periods in the file and clashes with published
data in O(n log n) (sorting, bisection, a segment tree). Here the same rules are written the
obvious quadratic way, and Hypothesis compares the two on random small files: every error and
warning (code, row, column, wording, and which "other" row is named), their order, the caps on
the issue lists (patched small so they are reached), the changes and the superseded values.
Helpers come from ``test_ingest.py`` (same directory).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_ingest import TODAY, to_csv

from dashboard.ingest import (
    Change,
    Issue,
    PublishedValue,
    Reference,
    RefMetric,
    RefPeriod,
    RefRegion,
    parse_period,
    validate_upload,
)
from dashboard.ingest import issues as issues_module
from dashboard.ingest.messages import make_issue
from dashboard.ingest.periods import _normalise, make_spec
from dashboard.ingest.published import _Series
from dashboard.ingest.reader import count_outside_quotes

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REGIONS = [
    RefRegion("riga", "Rīga", "Riga", "Rīgas plānošanas reģions", "Riga Planning Region"),
    RefRegion("kurzeme", "Kurzeme", "Kurzeme", "Kurzemes plānošanas reģions", "Kurzeme Region"),
]
REGION_NAME = {r.code: r.name_lv for r in REGIONS}
# No people_returned: the families-vs-people rule stays out of these comparisons.
METRICS = [
    RefMetric("offers_prepared", "Personalizētie piedāvājumi", "Offers prepared"),
    RefMetric("families_returned", "Ģimenes", "Families"),
]
MONTHS = 18  # 2020-01 .. 2021-06: few enough that periods often coincide or overlap


def month(index: int) -> tuple[dt.date, dt.date]:
    year, m = 2020 + index // 12, index % 12 + 1
    return dt.date(year, m, 1), dt.date(year, m, calendar.monthrange(year, m)[1])


@st.composite
def spans(draw: Any) -> tuple[dt.date, dt.date]:
    first = draw(st.integers(0, MONTHS - 1))
    last = draw(st.integers(first, min(MONTHS - 1, first + draw(st.sampled_from([0, 2, 5, 11])))))
    return month(first)[0], month(last)[1]


rows_strategy = st.lists(
    st.tuples(
        spans(),
        st.sampled_from([r.code for r in REGIONS]),
        st.sampled_from([m.code for m in METRICS]),
        st.integers(0, 2),
    ),
    min_size=1,
    max_size=14,
)
published_strategy = st.lists(
    st.tuples(
        spans(),
        st.sampled_from([r.code for r in REGIONS]),
        st.sampled_from([m.code for m in METRICS]),
        st.integers(0, 2),
        st.integers(1, 3),
    ),
    max_size=14,
)
caps_strategy = st.sampled_from([0, 1, 2, 3, 5, 1000])


def published_values(raw: list[tuple[Any, ...]]) -> list[PublishedValue]:
    return [
        PublishedValue(start, end, make_spec(start, end).code, region, metric, value, release)
        for (start, end), region, metric, value, release in raw
    ]


def upload(rows: list[tuple[Any, ...]]) -> bytes:
    lines = [["period", "region", "metric", "value"]]
    for (start, end), region, metric, value in rows:
        lines.append([f"{start:%Y-%m}..{end:%Y-%m}", REGION_NAME[region], metric, str(value)])
    return to_csv(lines)


# --- the rules, read plainly --------------------------------------------------------------------


def expected_report(
    rows: list[tuple[Any, ...]],
    published: list[PublishedValue],
    replace: bool,
    max_errors: int,
    max_warnings: int,
) -> dict[str, Any]:
    """What the rules say, pair by pair, in the order the validator's checks run."""
    # (line number, start, end, region, metric, value, period code); the header is line 1
    file = [
        (i + 2, start, end, region, metric, value, make_spec(start, end).code)
        for i, ((start, end), region, metric, value) in enumerate(rows)
    ]
    errors: list[Issue] = []
    warnings: list[Issue] = []

    # 1. A row repeating the dates, region and metric of an earlier row names the first one.
    for line, start, end, region, metric, _value, code in file:
        earlier = [f for f in file if f[0] < line and f[1:5] == (start, end, region, metric)]
        if earlier:
            errors.append(
                make_issue(
                    "duplicate",
                    line,
                    "value",
                    period=code,
                    region=REGION_NAME[region],
                    metric=metric,
                    first=earlier[0][0],
                )
            )

    # 2. Within one region and metric (in order of first appearance), sorted by dates then row,
    # a row overlapping an earlier-sorted row with other dates names the first such row.
    groups: list[tuple[str, str]] = []
    for f in file:
        if (f[3], f[4]) not in groups:
            groups.append((f[3], f[4]))
    for region, metric in groups:
        ordered = sorted(
            (f for f in file if (f[3], f[4]) == (region, metric)), key=lambda f: (f[1], f[2], f[0])
        )
        for i, f in enumerate(ordered):
            others = [o for o in ordered[:i] if o[2] >= f[1] and (o[1], o[2]) != (f[1], f[2])]
            if others:
                other = others[0]
                errors.append(
                    make_issue(
                        "overlap_in_file",
                        f[0],
                        "value",
                        period=f[6],
                        other=other[6],
                        other_row=other[0],
                        region=REGION_NAME[region],
                        metric=metric,
                    )
                )

    # 3. Every row against every published value of its region and metric that it overlaps.
    changes: list[Change] = []
    superseded: dict[tuple[Any, ...], PublishedValue] = {}
    for line, start, end, region, metric, value, code in file:
        names = {"region": REGION_NAME[region], "metric": metric}
        for pv in published:
            if (pv.region, pv.metric) != (region, metric):
                continue
            if pv.period_start > end or pv.period_end < start:
                continue
            identical = (pv.period_start, pv.period_end) == (start, end)
            if identical and pv.value == value:
                warnings.append(
                    make_issue(
                        "unchanged",
                        line,
                        "value",
                        period=code,
                        value=value,
                        release=pv.release,
                        **names,
                    )
                )
            elif replace:
                warnings.append(
                    make_issue(
                        "supersedes",
                        line,
                        "value",
                        other=pv.period_code,
                        old=pv.value,
                        release=pv.release,
                        **names,
                    )
                )
            elif identical:
                errors.append(
                    make_issue(
                        "already_published",
                        line,
                        "value",
                        period=code,
                        old=pv.value,
                        new=value,
                        release=pv.release,
                        **names,
                    )
                )
            else:
                errors.append(
                    make_issue(
                        "overlap",
                        line,
                        "value",
                        period=code,
                        other=pv.period_code,
                        old=pv.value,
                        release=pv.release,
                        **names,
                    )
                )
        # The old value is the latest release of exactly these dates (the first of equals).
        same = None
        for pv in published:
            if (pv.period_start, pv.period_end, pv.region, pv.metric) == (
                start,
                end,
                region,
                metric,
            ) and (same is None or pv.release > same.release):
                same = pv
        changes.append(
            Change(
                code,
                region,
                metric,
                same.value if same else None,
                value,
                same.release if same else None,
            )
        )
    if replace:
        # Superseded: some row overlaps it other than as the same dates with the same value.
        for pv in published:
            if any(
                (pv.region, pv.metric) == (f[3], f[4])
                and not (pv.period_start > f[2] or pv.period_end < f[1])
                and not ((pv.period_start, pv.period_end) == (f[1], f[2]) and pv.value == f[5])
                for f in file
            ):
                superseded[(pv.period_start, pv.period_end, pv.region, pv.metric, pv.release)] = pv

    def capped(issues: list[Issue], cap: int, code: str) -> list[Issue]:
        kept = issues if len(issues) <= cap else [*issues[:cap], make_issue(code, limit=cap)]
        return sorted(kept, key=lambda i: (i.row is not None, i.row or 0))

    ok = not errors
    return {
        "errors": capped(errors, max_errors, "too_many_errors"),
        "warnings": capped(warnings, max_warnings, "too_many_warnings"),
        "changes": changes if ok else [],
        "superseded": list(superseded.values()) if ok else [],
        "ok": ok,
    }


# --- the comparisons ----------------------------------------------------------------------------


@PROPERTY
@given(
    rows=rows_strategy,
    raw_published=published_strategy,
    replace=st.booleans(),
    max_errors=caps_strategy,
    max_warnings=caps_strategy,
)
def test_cross_row_checks_match_the_pairwise_rules(
    rows: list[tuple[Any, ...]],
    raw_published: list[tuple[Any, ...]],
    replace: bool,
    max_errors: int,
    max_warnings: int,
) -> None:
    published = published_values(raw_published)
    reference = Reference(REGIONS, METRICS, [], published)
    with (
        mock.patch.object(issues_module, "MAX_ERRORS", max_errors),
        mock.patch.object(issues_module, "MAX_WARNINGS", max_warnings),
    ):
        report = validate_upload(upload(rows), "f.csv", reference, today=TODAY, replace=replace)
    expected = expected_report(rows, published, replace, max_errors, max_warnings)
    assert report.errors == expected["errors"]
    assert report.warnings == expected["warnings"]
    assert report.ok == expected["ok"]
    assert report.changes == expected["changes"]
    assert report.superseded == expected["superseded"]
    assert len(report.rows) == (len(rows) if expected["ok"] else 0)


@PROPERTY
@given(
    rows=st.lists(
        st.tuples(spans(), st.just("riga"), st.just("offers_prepared"), st.integers(0, 2)),
        min_size=1,
        max_size=30,
    ),
    raw_published=st.lists(
        st.tuples(
            spans(), st.just("riga"), st.just("offers_prepared"), st.integers(0, 2), st.just(1)
        ),
        max_size=30,
    ),
    replace=st.booleans(),
)
def test_one_crowded_series_matches_the_pairwise_rules(
    rows: list[tuple[Any, ...]], raw_published: list[tuple[Any, ...]], replace: bool
) -> None:
    """Everything in one region and metric: the shape where pairs are most numerous."""
    published = published_values(raw_published)
    reference = Reference(REGIONS, METRICS, [], published)
    report = validate_upload(upload(rows), "f.csv", reference, today=TODAY, replace=replace)
    expected = expected_report(rows, published, replace, 1000, 1000)
    assert (report.errors, report.warnings) == (expected["errors"], expected["warnings"])
    assert (report.changes, report.superseded) == (expected["changes"], expected["superseded"])


@PROPERTY
@given(
    values=st.lists(
        st.tuples(spans(), st.integers(0, 2)).map(
            lambda t: PublishedValue(t[0][0], t[0][1], "x", "riga", "offers_prepared", t[1], 1)
        ),
        max_size=40,
    ),
    query=spans(),
    value=st.integers(0, 2),
    same=st.booleans(),
    other=st.booleans(),
)
def test_series_index_lists_what_a_scan_lists(
    values: list[PublishedValue],
    query: tuple[dt.date, dt.date],
    value: int,
    same: bool,
    other: bool,
) -> None:
    start, end = query
    found = _Series(values).overlapping(start, end, value, same=same, other=other)
    expected = []
    for pv in values:
        if pv.period_start > end or pv.period_end < start:
            continue
        equal = (pv.period_start, pv.period_end, pv.value) == (start, end, value)
        if (equal and same) or (not equal and other):
            expected.append(pv)
    assert [id(pv) for pv in found] == [id(pv) for pv in expected]


@PROPERTY
@given(
    line=st.text(alphabet=st.sampled_from('ab,;\t" '), max_size=40),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_delimiter_count_matches_a_character_scan(line: str, delimiter: str) -> None:
    in_quotes, count = False, 0
    for char in line:
        if char == '"':
            in_quotes = not in_quotes
        elif char == delimiter and not in_quotes:
            count += 1
    assert count_outside_quotes(line, delimiter) == count


@st.composite
def known_periods(draw: Any) -> list[RefPeriod]:
    out = []
    for start, end in draw(st.lists(spans(), max_size=8)):
        spec = make_spec(start, end)
        code = draw(st.sampled_from([spec.code, f"P{draw(st.integers(0, 3))}"]))
        label_lv = draw(st.sampled_from([spec.label_lv, f"Periods {draw(st.integers(0, 3))}"]))
        out.append(RefPeriod(code, start, end, label_lv, spec.label_en, spec.months))
    return out


@PROPERTY
@given(known=known_periods(), data=st.data())
def test_period_lookup_matches_a_scan_of_the_known_periods(
    known: list[RefPeriod], data: st.DataObject
) -> None:
    """Known codes and labels are found, first one winning, as a scan of the list finds them."""
    spellings = [s for ref in known for s in (ref.code, ref.label_lv, ref.label_en)]
    label = data.draw(st.sampled_from([*spellings, "2020-Q1", "P9", "nonsense"]))
    spec = parse_period(label, known)
    text = _normalise(label)
    scanned = next(
        (
            ref
            for ref in known
            if text in {_normalise(ref.code), _normalise(ref.label_lv), _normalise(ref.label_en)}
        ),
        None,
    )
    if parse_period(label) is not None:  # a pattern matched: the dates come from the label
        start, end = parse_period(label).start, parse_period(label).end  # type: ignore[union-attr]
    elif scanned is not None:
        start, end = scanned.start, scanned.end
    else:
        assert spec is None
        return
    assert spec is not None and (spec.start, spec.end) == (start, end)
    first = next((ref for ref in known if (ref.start, ref.end) == (start, end)), None)
    if first is not None:  # the first known period with these dates gives code and labels
        assert (spec.code, spec.label_lv, spec.label_en) == (
            first.code,
            first.label_lv,
            first.label_en,
        )
    else:
        assert spec == make_spec(start, end)
