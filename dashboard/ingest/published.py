"""The file against what is already published, cell by cell: same source or another source.

A cell is a geography (level, region or municipality of a division), a measure and the exact
period dates. Each row is compared with the values in effect for its cell:

* from the **same source** (``types.source_key``): equal is "same" (a warning, nothing new);
  different is "change", which needs ``replace`` and then supersedes the old value;
* from **another source**: equal is a "corroboration", different a "conflict" (a warning that
  names the other value, its source and release). Both are stored beside the other value
  without ``replace``; readers see the preferred one.

Other periods (a half-year beside its year) are never a clash here: ``hierarchy.py`` checks
that a part is not larger than its whole. Runs last, fills ``report.changes`` (one per row) and,
for a replace, ``report.superseded``. Cells are looked up in a dictionary: O(n + m).
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard.i18n import t
from dashboard.ingest.consistency import cell_key, latest, published_cells
from dashboard.ingest.context import Candidate, Upload
from dashboard.ingest.hierarchy import source_label
from dashboard.ingest.messages import SOURCE_NOT_STATED
from dashboard.ingest.types import Change, PublishedValue


def check_published(upload: Upload) -> None:
    """Compare every row with the published values of its cell; fill ``changes``.

    Same-source values give one message each, in the order of ``reference.published``: equal
    ones "unchanged", others "supersedes" (with replace) or "already_published"; then each
    other-source value that differs gives a "conflict" warning. ``superseded`` lists, in the
    order of ``reference.published``, every same-source value some row differs from.
    """
    cells = published_cells(upload.reference)
    superseded: dict[int, PublishedValue] = {}
    for cand in upload.candidates:
        row = cand.parsed
        values = cells.get(cell_key(cand), [])
        same = [pv for pv in values if pv.source == row.source]
        other = [pv for pv in values if pv.source != row.source]
        for pv in same:
            _compare_same(upload, cand, pv)
            if upload.replace and pv.value != row.value:
                superseded[id(pv)] = pv
        for pv in other:
            if pv.value != row.value:
                _conflict(upload, cand, pv)
        old = latest(same)
        if old is None and other:
            old = next((pv for pv in reversed(other) if pv.value != row.value), None)
            old = old or latest(other)
        upload.report.changes.append(
            Change(
                period_code=row.period.code,
                region=row.region,
                metric=row.metric,
                old=old.value if old else None,
                new=row.value,
                old_release=old.release if old else None,
                geo_level=row.geo_level,
                municipality=row.municipality,
                division=row.division,
                other_source=bool(old is not None and not same),
            )
        )
    if upload.replace:
        order = {id(pv): i for i, pv in enumerate(upload.reference.published)}
        upload.report.superseded = sorted(superseded.values(), key=lambda pv: order[id(pv)])


def _compare_same(upload: Upload, cand: Candidate, pv: PublishedValue) -> None:
    row, column, spec = cand.parsed, cand.value_column, cand.parsed.period
    names = {"place": upload.place_name(row), "metric": row.metric}
    issues = upload.issues
    if pv.value == row.value:
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
    else:
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


def _conflict(upload: Upload, cand: Candidate, pv: PublishedValue) -> None:
    row = cand.parsed
    upload.issues.warning(
        "conflict",
        row.row,
        cand.value_column,
        period=row.period.code,
        place=upload.place_name(row),
        metric=row.metric,
        old=pv.value,
        source=_source(pv.source),
        release=pv.release,
        new=row.value,
    )


def _source(key: str) -> Callable[[str], str] | str:
    label = source_label(key)
    return label if label else (lambda lang: t(SOURCE_NOT_STATED, lang))
