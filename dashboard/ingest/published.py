"""The file against what is already published: unchanged, changed, overlapping, superseded.

Runs last, on the candidate rows, and also fills ``report.changes`` (old → new for every row)
and, for a replace, ``report.superseded``. ``reference.published`` can be as long as the whole
history, so each region and metric's published values are indexed (:class:`_Series`) rather than
scanned for every row.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date
from typing import Any

from dashboard.ingest.context import Candidate, Upload
from dashboard.ingest.types import Change, ParsedRow, PublishedValue, Reference


class _Series:
    """The published values of one region and metric, indexed for "which overlap this period".

    The values are sorted by (start, end, value, position); ``tree`` is a segment tree holding
    the latest end date under each node, so the values in a range of that order that end on or
    after a day are listed in O((k + 1) log m) for k found. Values starting after a period ends
    never overlap it, so the range is a prefix; the values equal to a row (same dates, same
    value) form one block inside it, which lets a caller ask for them alone or for all but them.
    """

    def __init__(self, values: list[PublishedValue]) -> None:
        order = sorted(
            range(len(values)),
            key=lambda i: (values[i].period_start, values[i].period_end, values[i].value, i),
        )
        self.values = [values[i] for i in order]
        self.position = order
        self.starts = [v.period_start for v in self.values]
        self.keys = [(v.period_start, v.period_end, v.value) for v in self.values]
        size = 1
        while size < len(self.values):
            size *= 2
        self.size = size
        tree = [date.min] * (2 * size)
        tree[size : size + len(self.values)] = [v.period_end for v in self.values]
        for node in range(size - 1, 0, -1):
            tree[node] = max(tree[2 * node], tree[2 * node + 1])
        self.tree = tree

    def _reaching(self, lo: int, hi: int, day: date, out: list[int]) -> None:
        """Append the indexes in ``[lo, hi)`` whose value ends on or after ``day``."""
        stack = [(1, 0, self.size)]
        while stack:
            node, first, last = stack.pop()
            if last <= lo or hi <= first or self.tree[node] < day:
                continue
            if last - first == 1:
                out.append(first)
                continue
            middle = (first + last) // 2
            stack.append((2 * node + 1, middle, last))
            stack.append((2 * node, first, middle))

    def overlapping(
        self, start: date, end: date, value: int, *, same: bool, other: bool
    ) -> list[PublishedValue]:
        """Values overlapping ``start``..``end``, in their original order: those equal to the
        row (same dates and value) when ``same``, the others when ``other``."""
        prefix = bisect_right(self.starts, end)
        equal_from = bisect_left(self.keys, (start, end, value), 0, prefix)
        equal_to = bisect_right(self.keys, (start, end, value), equal_from, prefix)
        found: list[int] = []
        if other:
            self._reaching(0, equal_from, start, found)
        if same:
            found.extend(range(equal_from, equal_to))
        if other:
            self._reaching(equal_to, prefix, start, found)
        found.sort(key=self.position.__getitem__)
        return [self.values[i] for i in found]


def latest_published(reference: Reference) -> dict[tuple[date, date, str, str], PublishedValue]:
    """The value in effect for each (start, end, region, metric): the one of the latest release."""
    index: dict[tuple[date, date, str, str], PublishedValue] = {}
    for pv in reference.published:
        key = (pv.period_start, pv.period_end, pv.region, pv.metric)
        if key not in index or pv.release > index[key].release:
            index[key] = pv
    return index


def check_published(upload: Upload) -> None:
    """Compare with published data: unchanged, changed, overlapping; fill ``changes``.

    Every pair of a row and a published value of its region and metric whose periods
    overlap gives one message, in row order and, within a row, in the order of
    ``reference.published``. Pairs are only enumerated while a message they would give can
    still be kept (the issue lists are capped), through an index of each series
    (:class:`_Series`), so n rows against m published values cost O((n + m) log m) plus
    the messages kept. ``superseded`` lists, in the order of ``reference.published``, every
    value that some row overlaps other than as the same period with the same value.
    """
    latest = latest_published(upload.reference)
    series: dict[tuple[str, str], _Series] = {}
    by_series: dict[tuple[str, str], list[PublishedValue]] = {}
    for pv in upload.reference.published:
        by_series.setdefault((pv.region, pv.metric), []).append(pv)
    for cand in upload.candidates:
        row = cand.parsed
        spec = row.period
        key = (row.region, row.metric)
        # Equal pairs give warnings; the others give errors, or warnings with replace.
        same = upload.issues.take_warnings()
        other = same if upload.replace else upload.issues.take_errors()
        if key in by_series and (same or other):
            if key not in series:
                series[key] = _Series(by_series[key])
            pairs = series[key].overlapping(spec.start, spec.end, row.value, same=same, other=other)
            _compare(upload, cand, pairs)
        old = latest.get((spec.start, spec.end, row.region, row.metric))
        upload.report.changes.append(
            Change(
                period_code=spec.code,
                region=row.region,
                metric=row.metric,
                old=old.value if old else None,
                new=row.value,
                old_release=old.release if old else None,
            )
        )
    if upload.replace:
        upload.report.superseded = _superseded(upload)


def _compare(upload: Upload, cand: Candidate, pairs: list[PublishedValue]) -> None:
    """The messages for one row against the published values its period overlaps."""
    row, column, spec = cand.parsed, cand.value_column, cand.parsed.period
    names = {"region": upload.region_name(row.region), "metric": row.metric}
    issues = upload.issues
    for pv in pairs:
        identical = (pv.period_start, pv.period_end) == (spec.start, spec.end)
        if identical and pv.value == row.value:
            issues.warning(
                "unchanged",
                row.row,
                column,
                period=spec.code,
                value=row.value,
                release=pv.release,
                **names,
            )
        elif upload.replace:
            issues.warning(
                "supersedes",
                row.row,
                column,
                other=pv.period_code,
                old=pv.value,
                release=pv.release,
                **names,
            )
        elif identical:
            issues.error(
                "already_published",
                row.row,
                column,
                period=spec.code,
                old=pv.value,
                new=row.value,
                release=pv.release,
                **names,
            )
        else:
            issues.error(
                "overlap",
                row.row,
                column,
                period=spec.code,
                other=pv.period_code,
                old=pv.value,
                release=pv.release,
                **names,
            )


def _superseded(upload: Upload) -> list[PublishedValue]:
    """Published values a replace would supersede, counted rather than paired with rows.

    A value is superseded when some row of its region and metric overlaps it and is not the
    same period with the same value: (rows overlapping it) minus (rows equal to it) > 0,
    both counted by bisection or a dictionary rather than by pairing rows with values.
    """
    rows: dict[tuple[str, str], list[ParsedRow]] = {}
    for cand in upload.candidates:
        rows.setdefault((cand.parsed.region, cand.parsed.metric), []).append(cand.parsed)
    counts: dict[tuple[str, str], tuple[list[date], list[date], Counter[Any]]] = {}
    for key, group in rows.items():
        starts = sorted(r.period.start for r in group)
        ends = sorted(r.period.end for r in group)
        counts[key] = (
            starts,
            ends,
            Counter((r.period.start, r.period.end, r.value) for r in group),
        )
    out: dict[tuple[Any, ...], PublishedValue] = {}
    for pv in upload.reference.published:
        if (pv.region, pv.metric) not in counts:
            continue
        starts, ends, equal = counts[(pv.region, pv.metric)]
        # Rows ending before it starts are among those starting before it ends.
        overlapping = bisect_right(starts, pv.period_end) - bisect_left(ends, pv.period_start)
        if overlapping > equal[(pv.period_start, pv.period_end, pv.value)]:
            out[(pv.period_start, pv.period_end, pv.region, pv.metric, pv.release)] = pv
    return list(out.values())
