"""A part can never be larger than its whole: in time, and in space.

* A flow counted over a period inside another period (Q1 inside the year, a year inside a
  running total since 2018) cannot exceed the figure for the longer period, same geography and
  measure (``part_period_gt_whole``). Stocks and targets are not additive in time and are left
  out.
* A municipality cannot exceed its planning region (in the municipality's division), nor a
  planning region or a municipality Latvia as a whole, for the same measure and period dates
  (``municipality_gt_region``, ``region_gt_national``, ``municipality_gt_national``). Targets
  are plans and are left out.

Both are checked within the file and against every published value in effect, whatever its
source: one publisher's part larger than another's whole is still a contradiction someone has
to look at. A published value of a cell and source the file gives again is left out: the file's
row is that figure now (the same, or superseding it). The error goes on the file's row (the
part's, or the whole's when the part is published). Rows are compared through sorted sweeps
and dictionaries, never pairwise, so n rows against m published values cost
O((n + m) log(n + m)).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from dashboard.i18n import t
from dashboard.ingest.consistency import CellKey, cell_key
from dashboard.ingest.context import Candidate, Upload, place_key
from dashboard.ingest.messages import SOURCE_NOT_STATED
from dashboard.ingest.types import PublishedValue

# An item of a series: (start, end, value, order); ``order`` numbers file rows first (in file
# order), then published values (in reference order), and breaks ties between equal values.
Item = tuple[date, date, int, int]
Payload = tuple[int, int]  # compared as a whole: the least one wins


def _least(a: Payload | None, b: Payload | None) -> Payload | None:
    if a is None:
        return b
    return a if b is None or a <= b else b


class _PrefixMin:
    """A Fenwick tree: "least payload at positions < i", after point updates, in O(log n)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.tree: list[Payload | None] = [None] * (size + 1)

    def update(self, position: int, payload: Payload) -> None:
        i = position + 1
        while i <= self.size:
            self.tree[i] = _least(self.tree[i], payload)
            i += i & -i

    def query(self, limit: int) -> Payload | None:
        best: Payload | None = None
        i = limit
        while i > 0:
            best = _least(best, self.tree[i])
            i -= i & -i
        return best


def dominating(
    points: Sequence[tuple[int, int, Payload]], queries: Sequence[tuple[int, int]]
) -> list[Payload | None]:
    """For each query (a, b): the least payload among points (x, y) with x ≤ a and y ≥ b,
    other than points at (a, b) itself. O((p + q) log p).

    Such points are those with x < a (swept in x order into a Fenwick tree over y, highest y
    first, so "y ≥ b" is a prefix) plus those with x = a and y > b (a suffix of that x's points
    sorted by y, whose least payloads are computed once).
    """
    ys = sorted({y for _x, y, _p in points})
    rank = {y: len(ys) - 1 - i for i, y in enumerate(ys)}  # 0 = the highest y
    tree = _PrefixMin(len(ys))
    by_x = sorted(points, key=lambda p: (p[0], p[1]))
    same_x: dict[int, tuple[list[int], list[Payload | None]]] = {}
    i = 0
    while i < len(by_x):
        j = i
        while j < len(by_x) and by_x[j][0] == by_x[i][0]:
            j += 1
        suffix: list[Payload | None] = [None] * (j - i + 1)
        for k in range(j - 1, i - 1, -1):
            suffix[k - i] = _least(by_x[k][2], suffix[k - i + 1])
        same_x[by_x[i][0]] = ([p[1] for p in by_x[i:j]], suffix)
        i = j
    answers: list[Payload | None] = [None] * len(queries)
    inserted = 0
    for qi in sorted(range(len(queries)), key=lambda q: queries[q][0]):
        a, b = queries[qi]
        while inserted < len(by_x) and by_x[inserted][0] < a:
            _x, y, payload = by_x[inserted]
            tree.update(rank[y], payload)
            inserted += 1
        best = tree.query(len(ys) - bisect_left(ys, b))
        if a in same_x:
            ys_at, suffix = same_x[a]
            best = _least(best, suffix[bisect_right(ys_at, b)])
        answers[qi] = best
    return answers


def check_part_periods(upload: Upload) -> None:
    """A flow for a period inside another period, larger than the figure for that period."""
    cands = upload.candidates
    published = upload.reference.published
    groups: dict[tuple[Any, str], tuple[list[Item], list[Item]]] = {}
    for order, cand in enumerate(cands):
        row = cand.parsed
        if upload.kinds.get(row.metric, "flow") == "flow":
            item = (row.period.start, row.period.end, row.value, order)
            groups.setdefault((place_key(row), row.metric), ([], []))[0].append(item)
    shadowed = _shadowed(upload)
    for index, pv in enumerate(published):
        group = groups.get((place_key(pv), pv.metric))
        if group is not None and (cell_key(pv), pv.source) not in shadowed:
            group[1].append((pv.period_start, pv.period_end, pv.value, len(cands) + index))
    for rows, values in groups.values():
        every = rows + values
        # Wholes of each row: periods containing it (start ≤, end ≥), least value first.
        wholes = dominating(
            [(s.toordinal(), e.toordinal(), (v, o)) for s, e, v, o in every],
            [(s.toordinal(), e.toordinal()) for s, e, _v, _o in rows],
        )
        # Published parts of each row: periods inside it (start ≥, end ≤), largest value first.
        parts = dominating(
            [(-s.toordinal(), -e.toordinal(), (-v, o)) for s, e, v, o in values],
            [(-s.toordinal(), -e.toordinal()) for s, e, _v, _o in rows],
        )
        for (_s, _e, value, order), whole, part in zip(rows, wholes, parts, strict=True):
            if whole is not None and whole[0] < value:
                _period_error(upload, cands[order], _item(upload, whole[1]), part_is_row=True)
            if part is not None and -part[0] > value:
                _period_error(upload, cands[order], _item(upload, part[1]), part_is_row=False)


def _shadowed(upload: Upload) -> set[tuple[CellKey, str]]:
    """(cell, source) of the file's rows: a published value of the same cell and source is this
    row again, or is superseded by it (replace) or refused (without), so it is not compared."""
    return {(cell_key(c), c.parsed.source) for c in upload.candidates}


def _item(upload: Upload, order: int) -> Candidate | PublishedValue:
    n = len(upload.candidates)
    return upload.candidates[order] if order < n else upload.reference.published[order - n]


def _facts(item: Candidate | PublishedValue) -> tuple[str, int]:
    if isinstance(item, Candidate):
        return item.parsed.period.code, item.parsed.value
    return item.period_code, item.value


def _where(item: Candidate | PublishedValue) -> Callable[[str], str]:
    """How a message names the other figure: its row, or its release and source."""
    if isinstance(item, Candidate):
        return lambda lang: t("row {row}", lang, row=item.parsed.row)
    source = source_label(item.source)
    return lambda lang: t(
        "published in release {release}, {source}",
        lang,
        release=item.release,
        source=source if source else t(SOURCE_NOT_STATED, lang),
    )


def source_label(key: str) -> str:
    """A published value's source as a message shows it: the URL, else title and publisher."""
    if key.startswith("url:"):
        return key[4:]
    if key.startswith("title:"):
        title, _bar, publisher = key[6:].partition("|")
        return f"{title} ({publisher})" if title and publisher else title or publisher
    return ""


def _period_error(
    upload: Upload, cand: Candidate, other: Candidate | PublishedValue, *, part_is_row: bool
) -> None:
    row = cand.parsed
    mine = (row.period.code, row.value)
    part, whole = (mine, _facts(other)) if part_is_row else (_facts(other), mine)
    upload.issues.error(
        "part_period_gt_whole",
        row.row,
        cand.value_column,
        place=upload.place_name(row),
        metric=row.metric,
        part=part[0],
        part_value=part[1],
        whole=whole[0],
        whole_value=whole[1],
        other=_where(other),
    )


def check_part_places(upload: Upload) -> None:
    """A municipality larger than its planning region or Latvia, a region larger than Latvia."""
    cands = upload.candidates
    # (whole's place key, metric, start, end) → least whole (value, order) / largest published
    # part (-value, order), over the levels below it.
    wholes: dict[tuple[Any, ...], Payload] = {}
    parts: dict[tuple[Any, ...], Payload] = {}
    items: list[Candidate | PublishedValue] = [*cands, *upload.reference.published]
    shadowed = _shadowed(upload)
    for order, item in enumerate(items):
        row = item.parsed if isinstance(item, Candidate) else item
        if upload.kinds.get(row.metric, "flow") == "target":
            continue
        if order >= len(cands) and (cell_key(row), row.source) in shadowed:
            continue
        start, end = _dates(item)
        key = (place_key(row), row.metric, start, end)
        if row.geo_level != "municipality" and (
            key not in wholes or (row.value, order) < wholes[key]
        ):
            wholes[key] = (row.value, order)
        if order >= len(cands):
            for above in _above(row):
                k = (above, row.metric, start, end)
                if k not in parts or (-row.value, order) < parts[k]:
                    parts[k] = (-row.value, order)
    for cand in cands:
        row = cand.parsed
        if upload.kinds.get(row.metric, "flow") == "target":
            continue
        start, end = row.period.start, row.period.end
        for above in _above(row):
            whole = wholes.get((above, row.metric, start, end))
            if whole is not None and whole[0] < row.value:
                _place_error(upload, cand, items[whole[1]], part_is_row=True)
        part = parts.get((place_key(row), row.metric, start, end))
        if part is not None and -part[0] > row.value:
            _place_error(upload, cand, items[part[1]], part_is_row=False)


def _dates(item: Candidate | PublishedValue) -> tuple[date, date]:
    if isinstance(item, Candidate):
        return item.parsed.period.start, item.parsed.period.end
    return item.period_start, item.period_end


def _above(row: Any) -> list[tuple[str, str, str]]:
    """The place keys of the wholes a row's geography is part of."""
    if row.geo_level == "municipality":
        return [("planning_region", row.region or "", ""), ("national", "", "")]
    if row.geo_level == "planning_region":
        return [("national", "", "")]
    return []


def _place_error(
    upload: Upload, cand: Candidate, other: Candidate | PublishedValue, *, part_is_row: bool
) -> None:
    mine = cand.parsed
    theirs = other.parsed if isinstance(other, Candidate) else other
    part, whole = (mine, theirs) if part_is_row else (theirs, mine)
    if part.geo_level == "municipality" and whole.geo_level == "planning_region":
        code = "municipality_gt_region"
    elif part.geo_level == "municipality":
        code = "municipality_gt_national"
    else:
        code = "region_gt_national"
    upload.issues.error(
        code,
        mine.row,
        cand.value_column,
        metric=mine.metric,
        period=mine.period.code,
        part=upload.place_name(part),
        part_value=part.value,
        whole=upload.place_name(whole),
        whole_value=whole.value,
        other=_where(other),
    )
