"""The headline cards at the top of the overview: one total (or monthly average) per metric for
the selected regions and periods, with the time span it covers.

The numbers are computed by :func:`headline_values` and the span by :func:`coverage_text` from
the observations frame alone, so what the cards say is checked on a small frame, no server.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard.i18n import localized, t, tn
from dashboard.i18n.formatting import format_date, format_number


def _periods(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop_duplicates("period").sort_values("period_start")


def covered_months(periods: pd.DataFrame) -> int:
    """Calendar months that the periods cover, each counted once: regions publish different
    periods within a year (one its year, another its first half), so adding the periods'
    lengths would count a month twice."""
    months: set[tuple[int, int]] = set()
    for start, end in zip(periods["period_start"], periods["period_end"], strict=True):
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            months.add((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return len(months)


def headline_values(
    frame: pd.DataFrame, metrics: Iterable[dict[str, Any]], per_month: bool
) -> list[int | float | None]:
    """Per metric: the sum over ``frame``, or that sum divided by the calendar months its own
    periods cover when ``per_month``; ``None`` where the frame holds no value of the metric.

    Each measure is counted over its own periods: the registry's measures were published for
    different years, so one span for all of them would claim coverage a measure does not have.
    """
    out: list[int | float | None] = []
    for metric in metrics:
        values = frame[frame["metric"] == metric["code"]]
        total = int(values["value"].sum()) if not values.empty else None
        if per_month:
            months = covered_months(_periods(values)) if not values.empty else 0
            out.append(total / months if total is not None and months else None)
        else:
            out.append(total)
    return out


def coverage_text(frame: pd.DataFrame, lang: str) -> tuple[str, bool]:
    """ "<first day> – <last day> (<n> months)" of the frame's periods (or "no data"), and
    whether any of them is a partial year."""
    periods = _periods(frame)
    if periods.empty:
        return t("There are no data for this selection.", lang), False
    text = tn(
        "{start} – {end} ({n} month)",
        "{start} – {end} ({n} months)",
        covered_months(periods),
        lang,
        start=format_date(periods["period_start"].iloc[0], lang),
        end=format_date(periods["period_end"].iloc[-1], lang),
    )
    return text, bool(periods["is_partial"].any())


def headline_cards(
    frame: pd.DataFrame, metrics: list[dict[str, Any]], per_month: bool, lang: str
) -> list[dbc.Col]:
    """One card per metric: name, value with unit (per month when asked), and the span of that
    metric's own periods."""
    cards = []
    for metric, shown in zip(metrics, headline_values(frame, metrics, per_month), strict=True):
        coverage, has_partial = coverage_text(frame[frame["metric"] == metric["code"]], lang)
        unit = localized(metric, "unit", lang)
        cards.append(
            dbc.Col(
                dbc.Card(
                    dbc.CardBody(
                        [
                            html.H3(localized(metric, "name", lang), className="h6 mb-1"),
                            html.P(
                                [
                                    html.Span(
                                        format_number(shown, lang, 1 if per_month else 0),
                                        className="display-6 fw-semibold headline-value",
                                    ),
                                    " ",
                                    html.Span(
                                        unit
                                        + (
                                            " " + t("per month on average", lang)
                                            if per_month
                                            else ""
                                        ),
                                        className="text-body-secondary",
                                    ),
                                ],
                                className="mb-1",
                            ),
                            html.P(
                                [coverage]
                                + (
                                    [html.Br(), t("includes part-year periods", lang)]
                                    if has_partial
                                    else []
                                ),
                                className="small text-body-secondary mb-0",
                            ),
                        ]
                    ),
                    className="h-100 headline-card",
                    id=f"headline-{metric['code'].replace('_', '-')}",
                ),
                md=4,
            )
        )
    return cards
