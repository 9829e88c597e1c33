"""What ``/about`` says about the programme: the pilot municipalities, the timeline of events,
what each metric means, and the sources the figures come from.

Plain functions of reference rows (``queries.municipalities()``, ``events()``, ``metrics()``,
``sources()``), so the page's facts are checked without a server. The data's limitations are
stated from ``queries.coverage()`` in ``data_limits.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dash import html

from dashboard.components.source_notes import distinct_sources, source_item
from dashboard.i18n import localized
from dashboard.i18n.formatting import format_date


def pilot_names(municipalities: Iterable[dict[str, Any]], lang: str) -> str:
    """The pilot municipalities' names, comma-separated, in the order given."""
    return ", ".join(localized(m, "name", lang) for m in municipalities if m["is_pilot"])


def timeline(events: Iterable[dict[str, Any]], lang: str) -> html.Ol:
    """The programme's events in order: date (machine-readable too), title and place."""
    return html.Ol(
        [
            html.Li(
                [
                    html.Time(
                        format_date(e["date"], lang),
                        dateTime=e["date"].isoformat(),
                        className="fw-semibold me-2",
                    ),
                    localized(e, "title", lang),
                    html.Span(f" ({e['place']})", className="text-body-secondary")
                    if e.get("place")
                    else None,
                ],
                className="mb-2",
            )
            for e in events
        ],
        id="timeline",
        className="timeline list-unstyled",
    )


def metric_definitions(metrics: Iterable[dict[str, Any]], lang: str) -> html.Dl:
    """Each metric's name and unit, and what it counts (including what the source leaves open)."""
    return html.Dl(
        [
            item
            for metric in metrics
            for item in (
                html.Dt(f"{localized(metric, 'name', lang)} ({localized(metric, 'unit', lang)})"),
                html.Dd(localized(metric, "definition", lang)),
            )
        ],
        id="metric-definitions",
    )


def source_list(sources: Iterable[dict[str, Any]], lang: str) -> html.Ul:
    """Every source once, newest first: "publisher, title (date)", linked where it is online
    (the same wording as under the charts, ``source_notes.py``)."""
    return html.Ul(
        [source_item(s, lang) for s in distinct_sources(sources)],
        id="source-list",
        className="source-items",
    )
