"""Checks across the rows of the file: duplicates, overlapping periods, totals, families vs people.

They run on the candidate rows the layouts kept (``layouts.py``), after every cell has been
checked, because each rule needs two or more rows at once. Each is O(n log n) or better in the
number of rows; ``tests/unit/test_ingest_properties.py`` holds them to the obvious pairwise
reading of the same rules.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date

from dashboard.i18n import t
from dashboard.ingest.context import Candidate, Upload
from dashboard.ingest.published import latest_published

FAMILIES = "families_returned"
PEOPLE = "people_returned"


def check_duplicates(upload: Upload) -> None:
    """The same period, region and metric twice: the later row names the first."""
    first: dict[tuple[date, date, str, str], int] = {}
    for cand in upload.candidates:
        row = cand.parsed
        key = (row.period.start, row.period.end, row.region, row.metric)
        if key in first:
            upload.issues.error(
                "duplicate",
                row.row,
                cand.value_column,
                period=row.period.code,
                region=upload.region_name(row.region),
                metric=row.metric,
                first=first[key],
            )
        else:
            first[key] = row.row


def check_overlaps_in_file(upload: Upload) -> None:
    """Periods of one region and metric that overlap without being the same period.

    Sorted by (start, end, row), each candidate is compared with those before it, and the
    "other" row named is the first of them in that order that overlaps it with other dates:
    the overlapping period that starts first, then ends first, then is on the lowest row.
    ``reach[j]`` is the latest end among the first j + 1 candidates, so that first one is
    found by bisection: O(n log n) for n candidates, whatever their shape.
    """
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for cand in upload.candidates:
        groups.setdefault((cand.parsed.region, cand.parsed.metric), []).append(cand)
    for (region, metric), cands in groups.items():
        cands.sort(key=lambda c: (c.parsed.period.start, c.parsed.period.end, c.parsed.row))
        reach: list[date] = []
        block = 0  # the first candidate with the current one's dates (they sort together)
        for i, cand in enumerate(cands):
            spec = cand.parsed.period
            before = cands[i - 1].parsed.period if i else None
            if before is not None and (before.start, before.end) != (spec.start, spec.end):
                block = i
            j = bisect_left(reach, spec.start, 0, block)
            if j < block:
                other = cands[j]
                upload.issues.error(
                    "overlap_in_file",
                    cand.parsed.row,
                    cand.value_column,
                    period=spec.code,
                    other=other.parsed.period.code,
                    other_row=other.parsed.row,
                    region=upload.region_name(region),
                    metric=metric,
                )
            reach.append(max(reach[-1], spec.end) if reach else spec.end)


def check_totals(upload: Upload) -> None:
    """Long-layout rows whose region is KOPĀ/Total check the regions' sum, never stored."""
    if not upload.totals:
        return
    sums: dict[tuple[date, date, str], dict[str, int]] = {}
    for cand in upload.candidates:
        row = cand.parsed
        sums.setdefault((row.period.start, row.period.end, row.metric), {})[row.region] = row.value
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
    """Families cannot outnumber people: within the file, or against published figures."""
    published = latest_published(upload.reference)
    by_key: dict[tuple[date, date, str], dict[str, Candidate]] = {}
    for cand in upload.candidates:
        row = cand.parsed
        if row.metric in (FAMILIES, PEOPLE):
            by_key.setdefault((row.period.start, row.period.end, row.region), {}).setdefault(
                row.metric, cand
            )
    for (start, end, region), pair in by_key.items():
        fam, ppl = pair.get(FAMILIES), pair.get(PEOPLE)
        where: Callable[[str], str] | str = ""
        if fam is not None and ppl is not None:
            families, people, at = fam.parsed.value, ppl.parsed.value, fam
        elif fam is not None:
            pv = published.get((start, end, region, PEOPLE))
            if pv is None:
                continue
            families, people, at = fam.parsed.value, pv.value, fam
            where = _from_published_people(pv.release)
        else:
            assert ppl is not None
            pv = published.get((start, end, region, FAMILIES))
            if pv is None:
                continue
            families, people, at = pv.value, ppl.parsed.value, ppl
            where = _from_published_families(pv.release)
        if families > people:
            upload.issues.error(
                "families_gt_people",
                at.parsed.row,
                at.value_column,
                families=families,
                people=people,
                region=upload.region_name(region),
                period=at.parsed.period.code,
                where=where,
            )


def _from_published_people(release: int) -> Callable[[str], str]:
    """Where the people figure came from, in each language (``messages.make_issue``)."""
    return lambda lang: t(" (people from published data, release {release})", lang, release=release)


def _from_published_families(release: int) -> Callable[[str], str]:
    return lambda lang: t(
        " (families from published data, release {release})", lang, release=release
    )
