"""Funding charts: the 2020 programme budget by category and the Daugavpils pilot project's split.

The budget categories are published as shares only, so their amounts are computed here from the
total (rounded to the cent) and the shares are checked to add up to 100 %.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import plotly.graph_objects as go

from dashboard.figures.overview import ChartTable
from dashboard.figures.style import base_layout
from dashboard.i18n import normalise_lang, t
from dashboard.i18n.formatting import format_eur, format_percent

# One colour: every bar is named in its label, so colour carries no meaning here.
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
    suffix = normalise_lang(lang)
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


# Each part gets a band of LINE_PX per line of its label (name lines + amount line), at least
# MIN_BAND_PX; the bar fills the band's lower quarter, the label the space above it.
LINE_PX = 28
MIN_BAND_PX = 84
LABEL_WRAP = 26  # characters per line of a part's name: fits a 320 px wide phone screen


def _plotly_text(text: str) -> str:
    """Stored text for a Plotly label: Plotly reads ``<b>``, ``<a href>`` … in labels as markup,
    so ``<``, ``>`` and ``&`` are escaped and an admin's title is always shown as typed."""
    return html.escape(text, quote=False)


def _wrap(text: str, width: int = LABEL_WRAP) -> str:
    """Break a part's name into lines for a Plotly label (Plotly never wraps text itself)."""
    lines = textwrap.wrap(text, width=width, break_long_words=False) or [text]
    return "<br>".join(_plotly_text(line) for line in lines)


def breakdown_figure(data: Breakdown, lang: str) -> go.Figure:
    """Horizontal bars of the parts' amounts; each bar's name, amount and share written above it.

    The labels sit above the bars, left-aligned, rather than on the y axis and after the bar ends:
    long Latvian category names and "193 058,70 € (30 %)" labels then fit a 320 px phone screen
    instead of being cut off at either edge of the chart.
    """
    fig = go.Figure()
    labels = [f"{format_eur(p.amount, lang)} ({format_percent(p.share, lang)})" for p in data.parts]
    positions = list(range(len(data.parts)))
    texts = [
        f"<b>{_wrap(p.title)}</b><br>{label}" for p, label in zip(data.parts, labels, strict=True)
    ]
    band_px = max([MIN_BAND_PX] + [LINE_PX * (text.count("<br>") + 1) for text in texts])
    fig.add_bar(
        y=positions,
        x=[float(p.amount) for p in data.parts],
        orientation="h",
        # The lower part of each band; the band's upper part holds the label.
        width=0.25,
        offset=0.2,
        customdata=[
            [_plotly_text(p.title), label] for p, label in zip(data.parts, labels, strict=True)
        ],
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
        marker={"color": BAR_COLOUR},
    )
    for position, text in zip(positions, texts, strict=True):
        fig.add_annotation(
            text=text,
            xref="paper",
            x=0,
            xanchor="left",
            yref="y",
            y=position + 0.15,
            yanchor="bottom",
            align="left",
            showarrow=False,
            font={"size": 12},
        )
    base_layout(fig, lang, height=len(data.parts) * band_px + 64)
    fig.update_layout(showlegend=False, margin={"l": 8, "r": 16, "t": 8, "b": 56})
    largest = float(max((p.amount for p in data.parts), default=1))
    fig.update_xaxes(
        range=[0, largest * 1.02], title_text="EUR", tickformat=",.0f", gridcolor="#d9d9d9"
    )
    fig.update_xaxes(nticks=5)
    # First part on top, like the table; no tick labels (the names are the annotations).
    fig.update_yaxes(
        range=[len(data.parts) - 0.5, -0.5], showticklabels=False, showgrid=False, zeroline=False
    )
    return fig


def breakdown_table(data: Breakdown, lang: str) -> ChartTable:
    rows = [
        [p.title, format_eur(p.amount, lang), format_percent(p.share, lang)] for p in data.parts
    ]
    rows.append(
        [
            t("Total", lang),
            format_eur(data.total, lang),
            format_percent(sum((p.share for p in data.parts), Decimal(0)), lang),
        ]
    )
    return ChartTable(
        columns=[t("Item", lang), t("Amount", lang), t("Share", lang)],
        rows=rows,
    )


def breakdown_summary(data: Breakdown, lang: str) -> str:
    """One sentence listing every part with its amount and share."""
    parts = "; ".join(
        f"{p.title} – {format_eur(p.amount, lang)} ({format_percent(p.share, lang)})"
        for p in data.parts
    )
    return t("{total} in total: {parts}.", lang, total=format_eur(data.total, lang), parts=parts)
