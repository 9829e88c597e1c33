"""Checks across the rows of the file: duplicates, totals, families vs people.

They run on the candidate rows the layouts kept (``layouts.py``), after every cell has been
checked, because each rule needs two or more rows at once. Overlapping periods are not an error:
publishers give a half-year beside its year and running totals beside both, and those are
different views of one flow, never summed. What is impossible is checked in ``hierarchy.py``
(a part larger than its whole). Each check here is a pass over dictionaries, O(n).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from dashboard.i18n import t
from dashboard.ingest.context import Candidate, PlaceKey, Upload, place_key
from dashboard.ingest.types import PublishedValue, Reference

# (families measure, people measure): families of the first can never outnumber people of the
# second for the same geography, period and source.
FAMILY_PAIRS = (
    ("families_returned", "people_returned"),
    ("families_returned_unassisted_then_contacted", "people_returned_unassisted_then_contacted"),
    ("families_returned_all_known", "people_returned_all_known"),
)
# A cell: where, what, when (without the source).
CellKey = tuple[PlaceKey, str, date, date]


def cell_key(row: Candidate | PublishedValue) -> CellKey:
    if isinstance(row, Candidate):
        p = row.parsed
        return (place_key(p), p.metric, p.period.start, p.period.end)
    return (place_key(row), row.metric, row.period_start, row.period_end)


def published_cells(reference: Reference) -> dict[CellKey, list[PublishedValue]]:
    """Published values in effect by cell, in the order of ``reference.published``."""
    cells: dict[CellKey, list[PublishedValue]] = {}
    for pv in reference.published:
        cells.setdefault(cell_key(pv), []).append(pv)
    return cells


def latest(values: list[PublishedValue]) -> PublishedValue | None:
    """The value of the latest release (the first of equals), or ``None``."""
    best: PublishedValue | None = None
    for pv in values:
        if best is None or pv.release > best.release:
            best = pv
    return best


def check_duplicates(upload: Upload) -> None:
    """The same cell from the same source twice: the later row names the first.

    The same cell from another source is not a duplicate: it is a second source for it.
    """
    first: dict[tuple[CellKey, str], int] = {}
    for cand in upload.candidates:
        row = cand.parsed
        key = (cell_key(cand), row.source)
        if key in first:
            upload.issues.error(
                "duplicate",
                row.row,
                cand.value_column,
                period=row.period.code,
                place=upload.place_name(row),
                metric=row.metric,
                first=first[key],
            )
        else:
            first[key] = row.row


def check_totals(upload: Upload) -> None:
    """Long-layout rows whose region is KOPĀ/Total check the regions' sum, never stored."""
    if not upload.totals:
        return
    sums: dict[tuple[date, date, str], dict[str, int]] = {}
    for cand in upload.candidates:
        row = cand.parsed
        if row.geo_level == "planning_region" and row.region:
            key = (row.period.start, row.period.end, row.metric)
            sums.setdefault(key, {})[row.region] = row.value
    codes = {r.code for r in upload.reference.regions}
    for spec, metric, total, number, column in upload.totals:
        values = sums.get((spec.start, spec.end, metric), {})
        missing = codes - set(values)
        if missing:
            names = ", ".join(upload.region_name(c) for c in sorted(missing))
            upload.issues.warning("total_not_checked", number, column, missing=names)
        elif sum(values.values()) != total:
            upload.issues.error(
                "total_mismatch", number, column, total=total, sum=sum(values.values())
            )


def check_families_people(upload: Upload) -> None:
    """Families cannot outnumber people, for each pair of measures in ``FAMILY_PAIRS``.

    In the file, a families row and a people row of the same geography, period and source are
    compared (two publishers may count differently). When the file has one of the two for a
    geography and period and no row of the other, it is compared with the published figure:
    of the same source if there is one, else of the latest release.
    """
    published = published_cells(upload.reference)
    for families, people in FAMILY_PAIRS:
        if families not in upload.kinds or people not in upload.kinds:
            continue
        by_source: dict[tuple[PlaceKey, date, date, str], dict[str, Candidate]] = {}
        any_source: dict[tuple[PlaceKey, date, date], set[str]] = {}
        for cand in upload.candidates:
            row = cand.parsed
            if row.metric in (families, people):
                where = (place_key(row), row.period.start, row.period.end)
                by_source.setdefault((*where, row.source), {}).setdefault(row.metric, cand)
                any_source.setdefault(where, set()).add(row.metric)
        for (place, start, end, source), pair in by_source.items():
            fam, ppl = pair.get(families), pair.get(people)
            label: Callable[[str], str] | str = ""
            if fam is not None and ppl is not None:
                n_fam, n_ppl, at = fam.parsed.value, ppl.parsed.value, fam
            else:
                at = fam or ppl
                assert at is not None
                other = people if fam is not None else families
                if other in any_source[(place, start, end)]:
                    continue  # only another source's figure: counted another way, perhaps
                values = published.get((place, other, start, end), [])
                pv = latest([v for v in values if v.source == source]) or latest(values)
                if pv is None:
                    continue
                if fam is not None:
                    n_fam, n_ppl = fam.parsed.value, pv.value
                    label = _from_published_people(pv.release)
                else:
                    n_fam, n_ppl = pv.value, at.parsed.value
                    label = _from_published_families(pv.release)
            if n_fam > n_ppl:
                upload.issues.error(
                    "families_gt_people",
                    at.parsed.row,
                    at.value_column,
                    families=n_fam,
                    people=n_ppl,
                    family_metric=families,
                    people_metric=people,
                    place=upload.place_name(at.parsed),
                    period=at.parsed.period.code,
                    where=label,
                )


def _from_published_people(release: int) -> Callable[[str], str]:
    """Where the people figure came from, in each language (``messages.make_issue``)."""
    return lambda lang: t(" (people from published data, release {release})", lang, release=release)


def _from_published_families(release: int) -> Callable[[str], str]:
    return lambda lang: t(
        " (families from published data, release {release})", lang, release=release
    )
