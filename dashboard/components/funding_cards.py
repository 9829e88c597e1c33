"""The cards of ``/funding`` (and its embeds): a funding breakdown as chart, summary, table
alternative and source, the pilot project's duration, and the "Impulss" grant cap.

Built from ``queries.funding()`` rows and ``figures.funding.Breakdown`` values, so a card's text
and links are checked without a server; ``/embed/budget`` and ``/embed/pilot`` reuse
:func:`funding_details` so an embed shows the same caption and table as the page.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.chart_card import GRAPH_CONFIG, chart_details, graph_box
from dashboard.components.chart_tools import chart_tools, image_caption, scope_labels
from dashboard.figures import funding as ff
from dashboard.i18n import localized, t
from dashboard.i18n.formatting import format_date, format_eur


def funding_caption(title: str, lang: str) -> str:
    """ "<title>. Unit: EUR." (the table's caption)."""
    unit = t("Unit: {unit}", lang, unit=t("euro (EUR)", lang))
    return f"{title}. {unit}."


def funding_data_links(code: str, lang: str) -> list[tuple[str, str]]:
    """``(label, href)`` of the CSV/XLSX downloads: this breakdown, then the whole table."""
    scopes = (("view", f"?code={code}"), ("full", ""))
    labels = scope_labels(lang)
    return [
        (f"{fmt.upper()} – {labels[scope]}", f"/download/funding.{fmt}{query}")
        for scope, query in scopes
        for fmt in ("csv", "xlsx")
    ]


def funding_details(
    data: ff.Breakdown, title: str, lang: str, note: str | None = None, tools: Any = None
) -> list[Any]:
    """Summary, table alternative and provenance of a breakdown (no release: funding figures
    are not part of the published observation releases)."""
    return chart_details(
        lang,
        ff.breakdown_summary(data, lang),
        ff.breakdown_table(data, lang),
        funding_caption(title, lang),
        t("euro (EUR)", lang),
        [data.source] if data.source else [],
        None,
        note,
        tools,
    )


def funding_chart_card(
    chart_id: str,
    lang: str,
    title: str,
    data: ff.Breakdown,
    note: str | None,
    extra: Any = None,
    *,
    embed: str,
) -> dbc.Card:
    """A breakdown's card: heading, ``extra`` (e.g. the duration), chart, details and tools."""
    sources = [data.source] if data.source else []
    unit = t("euro (EUR)", lang)
    figure = ff.breakdown_figure(data, lang)
    tools = chart_tools(
        chart_id,
        lang,
        title=title,
        caption=image_caption(lang, unit, sources, None),
        sources=sources,
        release=None,
        page_path="/funding",
        page_query=f"lang={lang}",
        embed=embed,
        data_links=funding_data_links(data.code, lang),
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(title, className="h5 card-title", id=f"{chart_id}-title"),
                extra,
                graph_box(
                    dcc.Graph(
                        id=f"{chart_id}-graph",
                        figure=figure,
                        config={**GRAPH_CONFIG, "locale": lang},
                    ),
                    figure,
                ),
                html.Div(funding_details(data, title, lang, note, tools), id=f"{chart_id}-details"),
            ]
        ),
        className="chart-card mb-4 shadow-sm",
        id=f"{chart_id}-card",
    )


def pilot_duration(row: dict[str, Any], lang: str) -> html.P | None:
    """ "Runs until <date>" for a funding row with an end date, else nothing."""
    if not row.get("period_end"):
        return None
    return html.P(
        t(
            "Duration: from the signing of the agreement until {end}.",
            lang,
            end=format_date(row["period_end"], lang),
        ),
        className="mb-1",
    )


def impulss_card(row: dict[str, Any], lang: str) -> dbc.Card:
    """The "Impulss" grant cap: the amount, what it is, and its source."""
    source = row.get("source") or {}
    amount = format_eur(row["amount_eur"], lang, 0)
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("“Impulss” grant programme (Daugavpils)", lang), className="h5"),
                html.P(amount, className="display-6 fw-semibold mb-1", id="impulss-amount"),
                html.P(
                    t(
                        "New entrepreneurs can receive up to {amount} in the annual competition.",
                        lang,
                        amount=amount,
                    )
                ),
                html.P(
                    t("Source", lang)
                    + f": {source.get('publisher', '')}: {source.get('title', '')}",
                    className="small text-body-secondary mb-0",
                ),
                html.P(localized(row, "title", lang), className="visually-hidden"),
            ]
        ),
        className="h-100",
        id="impulss-card",
    )
