"""One-sentence summaries of the overview's charts, each saying what it covers.

A summary counts the *selected* regions, names who reported ("only Vidzeme of the 5 selected
regions published figures for 2025"), and compares totals only between slots with the same
coverage (every selected region reported), never five regions' total with one region's.
"""

from __future__ import annotations

from dashboard.figures.overview import MetricInfo, decimals, share_slots, shares, unit_label
from dashboard.figures.series_view import SeriesView
from dashboard.i18n import t, tn
from dashboard.i18n.formatting import format_number, format_percent
from dashboard.queries.series import Slot


def _fmt(view: SeriesView, value: float | None) -> str:
    return format_number(value, view.lang, decimals(view))


def _together(view: SeriesView, slot: Slot) -> float:
    """The selected regions' combined value (or per-month rate) in a complete slot."""
    return sum(view.shown(view.cell(slot, code)) or 0.0 for code, _ in view.regions)


def regions_summary(view: SeriesView, metric: MetricInfo) -> str:
    """Who reported in the latest slot with figures, and who had the most there."""
    lang = view.lang
    with_data = view.with_data()
    if not with_data:
        return t("There are no data for this selection.", lang)
    slot = with_data[-1]
    unit = unit_label(metric, view.per_month, lang)
    n = len(view.regions)
    reported = view.reported(slot)
    top = max(reported, key=lambda c: (view.shown(view.cell(slot, c)) or 0.0, -reported.index(c)))
    value = _fmt(view, view.shown(view.cell(slot, top)))
    region = view.region_name(top)
    period = view.name(slot)
    if n == 1:
        text = t(
            "{period}: {region}, {value} ({unit}).",
            lang,
            period=period,
            region=region,
            value=value,
            unit=unit,
        )
    elif len(reported) == n:
        total = sum(view.cells[(slot.key, c)].value for c in reported)
        share = view.cells[(slot.key, top)].value / total * 100 if total else 0.0
        text = tn(
            "{period}: all {n} selected region reported; {region} had the most: {value} "
            "({unit}), {share} of their total.",
            "{period}: all {n} selected regions reported; {region} had the most: {value} "
            "({unit}), {share} of their total.",
            n,
            lang,
            period=period,
            region=region,
            value=value,
            unit=unit,
            share=format_percent(share, lang),
        )
    elif len(reported) == 1:
        text = tn(
            "{period}: only {region} of the {n} selected region published figures: {value} "
            "({unit}).",
            "{period}: only {region} of the {n} selected regions published figures: {value} "
            "({unit}).",
            n,
            lang,
            period=period,
            region=region,
            value=value,
            unit=unit,
        )
    else:
        text = tn(
            "{period}: {k} of the {n} selected region published figures; of these, {region} "
            "had the most: {value} ({unit}).",
            "{period}: {k} of the {n} selected regions published figures; of these, {region} "
            "had the most: {value} ({unit}).",
            n,
            lang,
            period=period,
            k=len(reported),
            region=region,
            value=value,
            unit=unit,
        )
    complete = view.complete_slots()
    if n > 1 and len(reported) < n:
        if complete:
            text += " " + t(
                "The latest period in which every selected region published figures: {period}.",
                lang,
                period=view.name(complete[-1]),
            )
        else:
            text += " " + t(
                "In no period of this view did every selected region publish figures.", lang
            )
    return text


def trend_summary(view: SeriesView, metric: MetricInfo) -> str:
    """The selected regions' combined value in the first and last slot in which all of them
    reported (like coverage only)."""
    lang = view.lang
    if not view.with_data():
        return t("There are no data for this selection.", lang)
    unit = unit_label(metric, view.per_month, lang)
    n = len(view.regions)
    complete = view.complete_slots()
    if n == 1:
        region = view.regions[0][1]
        first, last = complete[0], complete[-1]
        if first is last:
            return t(
                "{region}, {period}: {value} ({unit}).",
                lang,
                region=region,
                period=view.name(first),
                value=_fmt(view, _together(view, first)),
                unit=unit,
            )
        return t(
            "{region}: {first_period}: {first}; {last_period}: {last} ({unit}); {k} periods "
            "with figures.",
            lang,
            region=region,
            first_period=view.name(first),
            first=_fmt(view, _together(view, first)),
            last_period=view.name(last),
            last=_fmt(view, _together(view, last)),
            unit=unit,
            k=len(complete),
        )
    if not complete:
        return tn(
            "In no period did all {n} selected region publish figures, so their total is not "
            "compared over time; each region's own figures are in the table.",
            "In no period did all {n} selected regions publish figures, so their total is not "
            "compared over time; each region's own figures are in the table.",
            n,
            lang,
        )
    first, last = complete[0], complete[-1]
    if first is last:
        return tn(
            "The {n} selected region together, in the only period in which all of them "
            "published figures ({period}): {value} ({unit}).",
            "The {n} selected regions together, in the only period in which all of them "
            "published figures ({period}): {value} ({unit}).",
            n,
            lang,
            period=view.name(first),
            value=_fmt(view, _together(view, first)),
            unit=unit,
        )
    return tn(
        "The {n} selected region together, in the {k} periods in which all of them published "
        "figures: {first_period}: {first}; {last_period}: {last} ({unit}).",
        "The {n} selected regions together, in the {k} periods in which all of them published "
        "figures: {first_period}: {first}; {last_period}: {last} ({unit}).",
        n,
        lang,
        k=len(complete),
        first_period=view.name(first),
        first=_fmt(view, _together(view, first)),
        last_period=view.name(last),
        last=_fmt(view, _together(view, last)),
        unit=unit,
    )


def share_summary(view: SeriesView) -> str:
    """The region with the largest share over the slots the share chart shows (the latest of
    them on a month axis, where running totals and stocks must not be added up)."""
    lang = view.lang
    slots = share_slots(view)
    if not slots:
        if not view.with_data():
            return t("There are no data for this selection.", lang)
        return t(
            "No shares are shown: in no period did every selected region publish figures.", lang
        )
    if not view.additive:
        slot = slots[-1]
        data = shares(view)
        code, name = max(view.regions, key=lambda r: data[(slot.key, r[0])])
        return t(
            "{period}: {region} had the largest share: {share}.",
            lang,
            period=view.name(slot),
            region=name,
            share=format_percent(data[(slot.key, code)], lang),
        )
    totals = {code: sum(view.cells[(s.key, code)].value for s in slots) for code, _ in view.regions}
    whole = sum(totals.values())
    code, name = max(view.regions, key=lambda r: totals[r[0]])
    return tn(
        "Over the {n} period in which every selected region published figures, {region} had "
        "the largest share: {share}.",
        "Over the {n} periods in which every selected region published figures, {region} had "
        "the largest share: {share}.",
        len(slots),
        lang,
        region=name,
        share=format_percent(totals[code] / whole * 100 if whole else 0.0, lang),
    )
