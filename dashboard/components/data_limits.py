"""What ``/about`` says about the data's limits, stated from the figures in effect.

Built from ``queries.coverage()`` (:class:`~dashboard.queries.coverage.Coverage`) and the region
rows, so every year, region, count and date on the page comes from the database and changes
with the next release; plain functions, checked without a server.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from dash import html

from dashboard.components.source_notes import published_text
from dashboard.i18n import localized, t, tn
from dashboard.i18n.formatting import format_date
from dashboard.queries.coverage import Coverage, PeriodKind


def _months(kind: PeriodKind, lang: str) -> str:
    if kind.months_min == kind.months_max:
        return tn("{n} month", "{n} months", kind.months_min, lang)
    return t("{low}–{high} months", lang, low=kind.months_min, high=kind.months_max)


def period_kind_text(kind: PeriodKind, lang: str) -> str:
    """One kind of period: how many the figures use and how long they are."""
    n = kind.count
    if kind.kind == "year":
        years = ", ".join(str(y) for y in kind.years)
        return tn("{n} calendar year: {years}", "{n} calendar years: {years}", n, lang, years=years)
    if kind.kind == "half":
        return tn("{n} half-year", "{n} half-years", n, lang)
    if kind.kind == "quarter":
        return tn("{n} quarter", "{n} quarters", n, lang)
    if kind.kind == "month":
        return tn("{n} single month", "{n} single months", n, lang)
    months = _months(kind, lang)
    if kind.kind == "part":
        return tn(
            "{n} other part of a year ({months})",
            "{n} other parts of a year ({months})",
            n,
            lang,
            months=months,
        )
    text = tn(
        "{n} period of several years ({months})",
        "{n} periods of several years ({months})",
        n,
        lang,
        months=months,
    )
    if kind.running_totals:
        text += "; " + tn(
            "{n} of them a running total since March 2018",
            "{n} of them running totals since March 2018",
            kind.running_totals,
            lang,
        )
    return text


def _region_names(codes: Iterable[str], regions: Sequence[dict[str, Any]], lang: str) -> str:
    names = {r["code"]: localized(r, "name", lang) for r in regions}
    return ", ".join(names.get(code, code) for code in codes)


def region_coverage(cov: Coverage, regions: Sequence[dict[str, Any]], lang: str) -> list[Any]:
    """Which years the planning regions' figures cover, and which regions left which years out."""
    first, last = cov.years[0], cov.years[-1]
    counted = t(
        "A year counts when a region published a figure of any measure for that year or a part "
        "of it; running totals over several years are not counted.",
        lang,
    )
    if not cov.missing:
        return [
            t(
                "Every planning region published figures for every year from {first} to {last}.",
                lang,
                first=first,
                last=last,
            ),
            " ",
            counted,
        ]
    return [
        t(
            "Planning regions' figures have been published for the years {first} to {last}, "
            "but not by every region for every year. Years for which some regions published no "
            "figure:",
            lang,
            first=first,
            last=last,
        ),
        html.Ul(
            [
                html.Li(f"{year}: {_region_names(codes, regions, lang)}")
                for year, codes in cov.missing
            ],
            id="data-missing-years",
        ),
        counted,
    ]


def _sources_text(cov: Coverage, lang: str) -> str:
    kinds = cov.sources_by_kind
    text = tn(
        "The figures come from {n} publication (official: {official}; press: {press}; other "
        "websites: {other}).",
        "The figures come from {n} publications (official: {official}; press: {press}; other "
        "websites: {other}).",
        cov.sources,
        lang,
        official=kinds.get("official", 0),
        press=kinds.get("press", 0),
        other=kinds.get("other", 0),
    )
    if cov.undated_sources:
        text += " " + tn(
            "{n} of them does not state its publication date.",
            "{n} of them do not state their publication date.",
            cov.undated_sources,
            lang,
        )
    if cov.unsourced_figures:
        text += " " + tn(
            "{n} figure has no stated source.",
            "{n} figures have no stated source.",
            cov.unsourced_figures,
            lang,
        )
    return text


def _conflicts_text(cov: Coverage, lang: str) -> str:
    if not cov.conflicts:
        return t("No two sources give different values for the same figure.", lang)
    return tn(
        "For {n} figure, sources give different values. Each figure is shown with one value (an "
        "administrator's choice, else an official source before the press, then the later "
        "publication); the open data (API, sources=all) lists every source's value.",
        "For {n} figures, sources give different values. Each figure is shown with one value (an "
        "administrator's choice, else an official source before the press, then the later "
        "publication); the open data (API, sources=all) lists every source's value.",
        cov.conflicts,
        lang,
    )


def data_limitations(cov: Coverage, regions: Sequence[dict[str, Any]], lang: str) -> html.Ul:
    """The limitations of the data in effect, each item computed from ``cov``."""
    items: list[Any] = []
    if cov.years:
        items.append(html.Li(region_coverage(cov, regions, lang), id="data-region-coverage"))
    if cov.national_years:
        items.append(
            html.Li(
                t(
                    "Figures for the whole of Latvia have been published for these years: "
                    "{years}. They are the published national figures, not sums of the regions.",
                    lang,
                    years=", ".join(str(y) for y in cov.national_years),
                )
            )
        )
    if cov.period_kinds:
        items.append(
            html.Li(
                [
                    t(
                        "The figures cover periods of different lengths. Periods that overlap (a "
                        "half-year and its year, a year and a running total) are never added "
                        "together; use the “per month” view to compare periods of different "
                        "lengths. Periods with figures:",
                        lang,
                    ),
                    html.Ul(
                        [html.Li(period_kind_text(k, lang)) for k in cov.period_kinds],
                        id="data-period-kinds",
                    ),
                ]
            )
        )
    items.append(
        html.Li(
            t("Families, people and offers are different units and are never added together.", lang)
        )
    )
    items.append(
        html.Li(
            t(
                "The published table's “KOPĀ” (total) column is the sum of the regions; it is "
                "used as a check, not as a sixth region.",
                lang,
            )
        )
    )
    if cov.figures:
        items.append(html.Li(_sources_text(cov, lang), id="data-source-counts"))
        items.append(html.Li(_conflicts_text(cov, lang), id="data-conflict-count"))
    return html.Ul(items, id="data-limitations")


def data_currency(cov: Coverage, lang: str) -> html.P:
    """ "Data as of" (the newest publication date among the sources of the figures in effect)
    and the latest release."""
    parts: list[str] = []
    if not cov.figures:
        parts.append(t("No figures have been published yet.", lang))
    elif cov.as_of is None:
        parts.append(t("The sources of the figures do not state their publication dates.", lang))
    else:
        parts.append(
            t(
                "Data as of {date}: the newest publication date among the sources of the figures.",
                lang,
                date=published_text(cov.as_of, cov.as_of_precision, lang),
            )
        )
    if cov.release is not None:
        parts.append(
            t(
                "Latest release: {number}, published {date}.",
                lang,
                number=cov.release["number"],
                date=format_date(cov.release["published_at"].date(), lang),
            )
        )
    return html.P(" ".join(parts), id="data-as-of")
