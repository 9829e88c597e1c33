"""Funding charts: the 2020 programme budget by category and the Daugavpils pilot project's split.

The budget categories are published as shares only, so their amounts are computed here from the
total (rounded to the cent) and the shares are checked to add up to 100 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import plotly.graph_objects as go

from dashboard.figures.overview import ChartTable
from dashboard.figures.style import base_layout
from dashboard.i18n import t
from dashboard.i18n.formatting import format_eur, format_percent

# One colour: every bar is named on the axis, so colour carries no meaning here.
BAR_COLOUR = "#0072B2"
CENT = Decimal("0.01")


class FundingDataError(ValueError):
    """The stored funding rows are inconsistent (e.g. shares do not add up to 100 %)."""


@dataclass(frozen=True)
class Part:
    code: str
    title: str
    amount: Decimal
    share: Decimal


@dataclass(frozen=True)
class Breakdown:
    code: str
    title: str
    total: Decimal
    parts: list[Part]
    source: dict[str, Any] | None


def breakdown(rows: list[dict[str, Any]], parent_code: str, lang: str) -> Breakdown:
    """A total and its parts. Amounts missing from the source are computed from the shares."""
    by_code = {r["code"]: r for r in rows}
    if parent_code not in by_code:
        raise FundingDataError(f"no funding row {parent_code!r}")
    parent = by_code[parent_code]
    total = Decimal(parent["amount_eur"])
    suffix = "en" if lang == "en" else "lv"
    parts = []
    given_shares = []
    for row in rows:
        if row.get("parent_code") != parent_code:
            continue
        share = Decimal(row["share_pct"]) if row.get("share_pct") is not None else None
        amount = Decimal(row["amount_eur"]) if row.get("amount_eur") is not None else None
        given_shares.append(share)
        if amount is None:
            if share is None:
                raise FundingDataError(f"{row['code']}: neither amount nor share")
            amount = (total * share / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        if share is None:
            share = (amount / total * 100).quantize(CENT, rounding=ROUND_HALF_UP)
        parts.append(Part(row["code"], row[f"title_{suffix}"], amount, share))
    shares_given = all(s is not None for s in given_shares)
    amounts = sum((p.amount for p in parts), Decimal(0))
    if parts and shares_given and sum(given_shares) != 100:  # type: ignore[arg-type]
        # Published shares must add up exactly.
        raise FundingDataError(f"{parent_code}: shares add up to {sum(given_shares)} %")  # type: ignore[arg-type]
    if parts and not shares_given and abs(amounts - total) > CENT * len(parts):
        # Shares computed from amounts are rounded; the amounts themselves must add up.
        raise FundingDataError(f"{parent_code}: parts add up to {amounts}, not {total}")
    return Breakdown(parent_code, parent[f"title_{suffix}"], total, parts, parent.get("source"))


def breakdown_figure(data: Breakdown, lang: str, *, height: int = 320) -> go.Figure:
    """Horizontal bars of the parts' amounts, labelled with amount and share."""
    fig = go.Figure()
    labels = [f"{format_eur(p.amount, lang)} ({format_percent(p.share, lang)})" for p in data.parts]
    fig.add_bar(
        y=[p.title for p in data.parts],
        x=[float(p.amount) for p in data.parts],
        orientation="h",
        text=labels,
        textposition="outside",
        cliponaxis=False,
        customdata=labels,
        hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
        marker={"color": BAR_COLOUR},
    )
    # Room on the right for the outside labels.
    fig.update_xaxes(range=[0, float(max((p.amount for p in data.parts), default=1)) * 1.45])
    fig.update_layout(showlegend=False)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title_text="EUR", tickformat=",.0f", gridcolor="#d9d9d9")
    base_layout(fig, lang, height=height)
    fig.update_layout(margin={"l": 8, "r": 16, "t": 16, "b": 48})
    return fig


def breakdown_table(data: Breakdown, lang: str) -> ChartTable:
    rows = [
        [p.title, format_eur(p.amount, lang), format_percent(p.share, lang)] for p in data.parts
    ]
    rows.append(
        [
            t("funding.total", lang),
            format_eur(data.total, lang),
            format_percent(sum((p.share for p in data.parts), Decimal(0)), lang),
        ]
    )
    return ChartTable(
        columns=[t("funding.item", lang), t("funding.amount", lang), t("funding.share", lang)],
        rows=rows,
    )


def breakdown_summary(data: Breakdown, lang: str) -> str:
    """One sentence listing every part with its amount and share."""
    parts = "; ".join(
        f"{p.title} – {format_eur(p.amount, lang)} ({format_percent(p.share, lang)})"
        for p in data.parts
    )
    return t("funding.summary", lang, total=format_eur(data.total, lang), parts=parts)
