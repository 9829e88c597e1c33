"""Warnings for a file that leaves regions or periods out: published, such a gap is what readers
meet as "no data", so the admin should know before publishing. Warnings only: sparse data is
normal (a planning region publishes for some years only), and the file is still valid.

* **Regions left out**: for a measure and a calendar period (a year, half-year, quarter or
  month) the file gives some planning regions for, each region it does not give and for which
  nothing is published either;
* **periods skipped**: for a measure, the years (half-years, quarters) between the first and the
  last the file gives, that it does not give and that nothing is published for.

Figures already published fill a gap, so they silence its warning: a file correcting one region
is not told the other four are missing. Running totals and other irregular spans (a press
figure for "March to October") are one publisher's own cut, which no other region is expected
to share, and have no "next period": they are checked for neither. Months are not checked for
skipped periods: they are stocks standing at the month they were counted, and a year-end count
does not make the eleven months before it missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from dashboard.ingest.context import Upload
from dashboard.ingest.periods import make_spec
from dashboard.ingest.types import PeriodSpec

# A calendar kind of period: its length in months and the months it may start in.
KINDS: dict[str, tuple[int, tuple[int, ...]]] = {
    "year": (12, (1,)),
    "half": (6, (1, 7)),
    "quarter": (3, (1, 4, 7, 10)),
    "month": (1, tuple(range(1, 13))),
}
AND = {"lv": " un ", "en": " and "}
MAX_LISTED = 12  # skipped periods named in one warning; the rest as "…"


def warn_coverage(upload: Upload) -> None:
    """Both checks, after every row has been read (called by ``validate.py``)."""
    warn_missing_regions(upload)
    warn_skipped_periods(upload)


def _names(pairs: Iterable[tuple[str, str]], *, more: bool = False) -> Callable[[str], str]:
    """A list of (LV, EN) names as the message's language joins it: "Kurzeme and Zemgale"
    (with ``more``: "2019, 2020, …", the list cut short)."""
    pairs = list(pairs)

    def joined(lang: str) -> str:
        names = [lv if lang == "lv" else en for lv, en in pairs]
        if more:
            return ", ".join([*names, "…"])
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + AND.get(lang, AND["en"]) + names[-1]

    return joined


def _metric_names(upload: Upload, codes: Iterable[str]) -> Callable[[str], str]:
    known = {m.code: (m.name_lv, m.name_en) for m in upload.reference.metrics}
    return _names(known.get(code, (code, code)) for code in codes)


def _label(spec: PeriodSpec) -> Callable[[str], str]:
    return lambda lang: spec.label_lv if lang == "lv" else spec.label_en


def warn_missing_regions(upload: Upload) -> None:
    """One warning per period and set of regions left out, naming the measures concerned."""
    regions: dict[str, tuple[str, str]] = {}
    for r in upload.reference.regions:
        regions.setdefault(r.code, (r.name_lv, r.name_en))
    published = {
        (pv.region, pv.metric, pv.period_start, pv.period_end)
        for pv in upload.reference.published
        if pv.geo_level == "planning_region"
    }
    given: dict[tuple[str, date, date], tuple[PeriodSpec, set[str]]] = {}
    for cand in upload.candidates:
        row = cand.parsed
        if row.geo_level != "planning_region" or not row.region or not period_kind(row.period):
            continue
        key = (row.metric, row.period.start, row.period.end)
        given.setdefault(key, (row.period, set()))[1].add(row.region)
    # (period dates, regions left out) → the period and the measures, in the file's order
    gaps: dict[tuple[date, date, tuple[str, ...]], tuple[PeriodSpec, list[str]]] = {}
    for (metric, start, end), (spec, present) in given.items():
        missing = tuple(
            code
            for code in regions
            if code not in present and (code, metric, start, end) not in published
        )
        if missing:
            gaps.setdefault((start, end, missing), (spec, []))[1].append(metric)
    for (_start, _end, missing), (spec, metrics) in sorted(gaps.items(), key=lambda g: g[0]):
        upload.issues.warning(
            "region_missing" if len(missing) == 1 else "regions_missing",
            regions=_names(regions[code] for code in missing),
            period=_label(spec),
            metrics=_metric_names(upload, metrics),
        )


def period_kind(spec: PeriodSpec) -> str | None:
    """``year``, ``half``, ``quarter`` or ``month`` for a calendar period; ``None`` otherwise."""
    for kind, (months, starts) in KINDS.items():
        if spec.months == months and spec.start.day == 1 and spec.start.month in starts:
            return kind
    return None


def _next_start(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _end_of(start: date, months: int) -> date:
    return date.fromordinal(_next_start(start, months).toordinal() - 1)


def warn_skipped_periods(upload: Upload) -> None:
    """One warning per measure and kind of period that has periods missing in between."""
    published = {(pv.metric, pv.period_start, pv.period_end) for pv in upload.reference.published}
    given: dict[tuple[str, str], dict[date, PeriodSpec]] = {}
    for cand in upload.candidates:
        row = cand.parsed
        kind = period_kind(row.period)
        if kind is not None and kind != "month":
            given.setdefault((row.metric, kind), {})[row.period.start] = row.period
    for (metric, kind), periods in sorted(given.items()):
        months = KINDS[kind][0]
        starts = sorted(periods)
        skipped: list[PeriodSpec] = []
        start = _next_start(starts[0], months)
        while start < starts[-1]:
            end = _end_of(start, months)
            if start not in periods and (metric, start, end) not in published:
                skipped.append(make_spec(start, end, upload.known_periods))
            start = _next_start(start, months)
        if not skipped:
            continue
        listed = [(s.label_lv, s.label_en) for s in skipped[:MAX_LISTED]]
        upload.issues.warning(
            "periods_skipped",
            metric=_metric_names(upload, [metric]),
            first=_label(periods[starts[0]]),
            last=_label(periods[starts[-1]]),
            missing=_names(listed, more=len(skipped) > MAX_LISTED),
        )
