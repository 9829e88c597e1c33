"""A chart card: heading, graph, one-sentence summary, table alternative and provenance.

Every chart on the site is built with this so none can ship without its unit, source, "data as
of" date and an accessible table of the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.components.source_notes import SHOWN, as_of_text, source_block
from dashboard.components.static_section import static_markup, static_section
from dashboard.figures.facade import chart_facade
from dashboard.figures.overview import ChartTable
from dashboard.figures.style import DEFAULT_HEIGHT
from dashboard.i18n import t
from dashboard.i18n.formatting import format_date

# The picture's section in a chart box (assets/plotly-on-demand.js looks for it).
FACADE_BOX = "chart-facade-box"

GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    # Our own labelled controls replace the unlabeled mode bar for screen-reader users.
    "displayModeBar": False,
    "locale": "lv",
}


def figure_height(figure: Any) -> int:
    """The height a figure draws at (its ``layout.height``), or the house default."""
    if figure is None:
        return DEFAULT_HEIGHT
    layout = figure.get("layout", {}) if isinstance(figure, dict) else figure.layout
    height = layout.get("height") if isinstance(layout, dict) else layout.height
    return int(height) if height else DEFAULT_HEIGHT


def graph_box(graph: dcc.Graph, figure: Any = None) -> html.Div:
    """The graph in a box that already has the chart's height when the page first paints.

    Without it the page grew by each chart's height as Plotly drew it, pushing everything below
    down (a layout shift of 0.8 on a phone); ``.chart-box`` is also what
    ``assets/plotly-on-demand.js`` watches to load Plotly when a chart nears the viewport.
    Hidden from screen readers: the table alternative beside every chart carries its numbers.
    The box also holds the server's picture of ``figure`` (``figures/facade.py``), which
    Plotly draws over when the reader reaches for the chart or a filter changes it.
    """
    picture = chart_facade(figure)
    return html.Div(
        [graph] if picture is None else [graph, static_markup(picture, className=FACADE_BOX)],
        className="chart-box",
        style={"minHeight": f"{figure_height(figure)}px"},
        **{"aria-hidden": "true"},
    )


def chart_card(
    chart_id: str,
    lang: str,
    title: Any = None,
    figure: Any = None,
    details: Any = None,
) -> dbc.Card:
    """The card for one chart: ``-title``, ``-graph`` and ``-details``, filled on the server for
    the first view (so the chart draws without waiting for a callback) and by the page's
    callback when a filter changes."""
    config = {**GRAPH_CONFIG, "locale": lang}
    graph = dcc.Graph(id=f"{chart_id}-graph", config=config, className="chart-graph")
    if figure is not None:
        graph.figure = figure
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(title, id=f"{chart_id}-title", className="h5 card-title"),
                graph_box(graph, figure),
                html.Div(details, id=f"{chart_id}-details", **{"aria-live": "polite"}),
            ]
        ),
        className="chart-card mb-4 shadow-sm",
        id=f"{chart_id}-card",
    )


HTML = "dash_html_components"


def data_table(table: ChartTable, caption: str) -> html.Table:
    """An accessible HTML table with a caption and header cells scoped to their columns/rows.

    The body rows are written in Dash's JSON form (what ``html.Tr``/``html.Th``/``html.Td``
    serialise to), which dash-renderer reads exactly like components: a table alternative of
    280 periods has well over a thousand cells, and building them as component objects and
    serialising those again was a third of an uncached overview callback
    (``bench/data_scale.py``).
    """
    head = html.Thead(html.Tr([html.Th(c, scope="col") for c in table.columns]))
    rows = [
        {
            "type": "Tr",
            "namespace": HTML,
            "props": {
                "children": [
                    {"type": "Th", "namespace": HTML, "props": {"children": row[0], "scope": "row"}}
                ]
                + [{"type": "Td", "namespace": HTML, "props": {"children": c}} for c in row[1:]]
            },
        }
        for row in table.rows
    ]
    return html.Table(
        [html.Caption(caption), head, html.Tbody(rows)],
        # Cells are right-aligned by the data-table rule in assets/app.css, not per cell.
        className="table table-sm table-striped align-middle mb-0 data-table",
    )


def provenance(
    lang: str,
    unit: str,
    sources: Sequence[dict[str, Any]],
    release: dict[str, Any] | None,
    note: str | None = None,
    *,
    shown: int = SHOWN,
) -> html.Div:
    """Unit, "data as of" date, release number and note in small print, then the sources of the
    numbers shown (``sources``: pass only those), each once, newest first, the first ``shown``
    listed and the rest folded away (``source_notes.py``).

    "Data as of" is the newest publication date among ``sources``, not the release date: a
    release made today of figures published in 2020 does not make them today's.
    """
    items: list[Any] = [html.Span(t("Unit: {unit}", lang, unit=unit))]
    as_of = as_of_text(sources, lang)
    if as_of is not None:
        items.append(html.Span(as_of, className="provenance-as-of"))
    if release is not None:
        items.append(
            html.Span(
                t(
                    "release {number}, published {date}",
                    lang,
                    number=release["number"],
                    date=format_date(release["published_at"].date(), lang),
                )
            )
        )
    if note:
        items.append(html.Span(note))
    children: list[Any] = [
        html.Div([html.Div(item, className="provenance-item") for item in items])
    ]
    if sources:
        children.append(source_block(sources, lang, shown))
    return html.Div(children, className="provenance small text-body-secondary mt-2")


def chart_details(
    lang: str,
    summary: str,
    table: ChartTable,
    caption: str,
    unit: str,
    sources: Sequence[dict[str, Any]],
    release: dict[str, Any] | None,
    note: str | None = None,
    tools: Any = None,
) -> list[Any]:
    """Children of ``{id}-details``: summary sentence, collapsible table, provenance and the
    chart's download/cite/embed controls (``dashboard/components/chart_tools.py``).

    All of it is plain content (the tools' buttons work through delegated listeners in
    ``assets/chart-tools.js`` and ``assets/copy-buttons.js``), so React gets it as one static
    section (components/static_section.py): a chart's details were about 45 Dash components.
    """
    return [
        static_section(
            [
                html.P(summary, className="chart-summary mb-2"),
                html.Details(
                    [
                        html.Summary(t("Show the data as a table", lang)),
                        # A wide table scrolls sideways on a phone: the keyboard must reach it.
                        html.Div(
                            data_table(table, caption),
                            className="table-responsive mt-2",
                            tabIndex="0",
                            role="region",
                            **{"aria-label": caption},
                        ),
                    ],
                    className="chart-table",
                ),
                provenance(lang, unit, sources, release, note),
                tools,
            ]
        ),
    ]
