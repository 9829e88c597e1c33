"""The fast cross-row checks report exactly what a plain, pairwise reading of the rules reports.

``validate_upload`` finds duplicates, parts larger than their wholes (a period inside another)
and what each row meets in published data in O(n log n) (sorting, a Fenwick tree, dictionaries).
Here the same rules are written the obvious quadratic way, and Hypothesis compares the two on
random small files: every error and warning (code, row, column, wording, and which "other" row
or release is named), their order, the caps on the issue lists (patched small so they are
reached), the changes and the superseded values. Published values come from the file's own
(unstated) source or from another one, so corroborations and conflicts are drawn too.
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

from dashboard.i18n import t
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
from dashboard.ingest import validate as validate_module
from dashboard.ingest.hierarchy import dominating, source_label
from dashboard.ingest.messages import make_issue
from dashboard.ingest.periods import _normalise, make_spec
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
SOURCES = ["", "url:https://example.lv/a", "title:pārskats|varam"]
published_strategy = st.lists(
    st.tuples(
        spans(),
        st.sampled_from([r.code for r in REGIONS]),
        st.sampled_from([m.code for m in METRICS]),
        st.integers(0, 2),
        st.integers(1, 3),
        st.sampled_from(SOURCES),
    ),
    max_size=14,
)
caps_strategy = st.sampled_from([0, 1, 2, 3, 5, 1000])


def published_values(raw: list[tuple[Any, ...]]) -> list[PublishedValue]:
    return [
        PublishedValue(
            start, end, make_spec(start, end).code, region, metric, value, release, source=source
        )
        for (start, end), region, metric, value, release, source in raw
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

    # 1. A row repeating the dates, region and metric of an earlier row (from the same source,
    # unstated on every row here) names the first one.
    for line, start, end, region, metric, _value, code in file:
        earlier = [f for f in file if f[0] < line and f[1:5] == (start, end, region, metric)]
        if earlier:
            errors.append(
                make_issue(
                    "duplicate",
                    line,
                    "value",
                    period=code,
                    place=REGION_NAME[region],
                    metric=metric,
                    first=earlier[0][0],
                )
            )

    # 2. Parts larger than their wholes, group by group (region and metric, in order of first
    # appearance), row by row: the least whole containing the row (file or published; least
    # value, then file row before published value, each in its order), then the largest
    # published part inside it.
    n = len(file)
    items = [(f[1], f[2], f[5], i, f) for i, f in enumerate(file)]
    # A published value of a cell the file gives again from its source (unstated) is left out.
    again = {(f[1], f[2], f[3], f[4]) for f in file}
    items += [
        (pv.period_start, pv.period_end, pv.value, n + i, pv)
        for i, pv in enumerate(published)
        if not (pv.source == "" and (pv.period_start, pv.period_end, pv.region, pv.metric) in again)
    ]
    groups: list[tuple[str, str]] = []
    for f in file:
        if (f[3], f[4]) not in groups:
            groups.append((f[3], f[4]))

    def key_of(item: Any) -> tuple[str, str]:
        other = item[4]
        return (other[3], other[4]) if isinstance(other, tuple) else (other.region, other.metric)

    def other_text(item: Any) -> Any:
        other = item[4]
        if isinstance(other, tuple):
            return lambda lang: t("row {row}", lang, row=other[0])
        label = source_label(other.source)
        return lambda lang: t(
            "published in release {release}, {source}",
            lang,
            release=other.release,
            source=label or t("source not stated", lang),
        )

    def facts(item: Any) -> tuple[str, int]:
        other = item[4]
        return (
            (other[6], other[5]) if isinstance(other, tuple) else (other.period_code, other.value)
        )

    for group in groups:
        members = [it for it in items if key_of(it) == group]
        for it in members:
            if it[3] >= n:
                continue
            f = it[4]
            wholes = [
                w for w in members if w[0] <= f[1] and w[1] >= f[2] and (w[0], w[1]) != (f[1], f[2])
            ]
            parts = [
                p
                for p in members
                if p[3] >= n and p[0] >= f[1] and p[1] <= f[2] and (p[0], p[1]) != (f[1], f[2])
            ]
            whole = min(wholes, key=lambda w: (w[2], w[3]), default=None)
            part = min(parts, key=lambda p: (-p[2], p[3]), default=None)
            for other, is_part in ((whole, True), (part, False)):
                if other is None or (other[2] >= f[5] if is_part else other[2] <= f[5]):
                    continue
                mine = (f[6], f[5])
                small, large = (mine, facts(other)) if is_part else (facts(other), mine)
                errors.append(
                    make_issue(
                        "part_period_gt_whole",
                        f[0],
                        "value",
                        place=REGION_NAME[f[3]],
                        metric=f[4],
                        part=small[0],
                        part_value=small[1],
                        whole=large[0],
                        whole_value=large[1],
                        other=other_text(other),
                    )
                )

    # 3. Every row against the published values of its cell (region, metric, dates): the file
    # states no source, so values without a source are the same source, others another one.
    changes: list[Change] = []
    superseded: dict[int, PublishedValue] = {}
    for line, start, end, region, metric, value, code in file:
        names = {"place": REGION_NAME[region], "metric": metric}
        cell = [
            (i, pv)
            for i, pv in enumerate(published)
            if (pv.period_start, pv.period_end, pv.region, pv.metric)
            == (start, end, region, metric)
        ]
        same = [pv for _i, pv in cell if pv.source == ""]
        other = [pv for _i, pv in cell if pv.source != ""]
        for i, pv in ((i, pv) for i, pv in cell if pv.source == ""):
            if pv.value == value:
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
                superseded[i] = pv
            else:
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
        for pv in other:
            if pv.value != value:
                warnings.append(
                    make_issue(
                        "conflict",
                        line,
                        "value",
                        period=code,
                        old=pv.value,
                        source=source_label(pv.source),
                        release=pv.release,
                        new=value,
                        **names,
                    )
                )
        # The old value: the same source's latest release (the first of equals); else another
        # source's, the last that differs, or failing that the latest.
        old = None
        for pv in same:
            if old is None or pv.release > old.release:
                old = pv
        if old is None and other:
            differing = [pv for pv in other if pv.value != value]
            if differing:
                old = differing[-1]
            else:
                for pv in other:
                    if old is None or pv.release > old.release:
                        old = pv
        changes.append(
            Change(
                code,
                region,
                metric,
                old.value if old else None,
                value,
                old.release if old else None,
                other_source=bool(old is not None and not same),
            )
        )
    warnings.append(make_issue("no_source_file"))

    def capped(issues: list[Issue], cap: int, code: str) -> list[Issue]:
        kept = issues if len(issues) <= cap else [*issues[:cap], make_issue(code, limit=cap)]
        return sorted(kept, key=lambda i: (i.row is not None, i.row or 0))

    ok = not errors
    return {
        "errors": capped(errors, max_errors, "too_many_errors"),
        "warnings": capped(warnings, max_warnings, "too_many_warnings"),
        "changes": changes if ok else [],
        "superseded": [superseded[i] for i in sorted(superseded)] if ok else [],
        "ok": ok,
    }


# --- the comparisons ----------------------------------------------------------------------------


def without_coverage_warnings() -> Any:
    """The model above is of the cross-row rules; the warnings about regions and periods a file
    leaves out (``coverage.py``, added after them) have their own tests
    (test_ingest_coverage.py), so they are left out here."""
    return mock.patch.object(validate_module, "warn_coverage", lambda upload: None)


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
        without_coverage_warnings(),
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
            spans(),
            st.just("riga"),
            st.just("offers_prepared"),
            st.integers(0, 2),
            st.just(1),
            st.sampled_from(SOURCES),
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
    with without_coverage_warnings():
        report = validate_upload(upload(rows), "f.csv", reference, today=TODAY, replace=replace)
    expected = expected_report(rows, published, replace, 1000, 1000)
    assert (report.errors, report.warnings) == (expected["errors"], expected["warnings"])
    assert (report.changes, report.superseded) == (expected["changes"], expected["superseded"])


@PROPERTY
@given(
    points=st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 3)), max_size=30
    ),
    queries=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=10),
)
def test_dominating_finds_what_a_scan_finds(
    points: list[tuple[int, int, int]], queries: list[tuple[int, int]]
) -> None:
    """The least payload among points with x ≤ a and y ≥ b, other than at (a, b) itself."""
    with_payloads = [(x, y, (v, i)) for i, (x, y, v) in enumerate(points)]
    found = dominating(with_payloads, queries)
    for (a, b), answer in zip(queries, found, strict=True):
        scan = [p for x, y, p in with_payloads if x <= a and y >= b and (x, y) != (a, b)]
        assert answer == min(scan, default=None)


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
