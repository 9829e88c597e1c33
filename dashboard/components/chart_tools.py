"""Labelled download, citation, permalink and embed controls under every chart.

Plotly's own mode bar is switched off: its icon buttons have no names a screen reader can read,
and its PNG has no title or source. These controls are ordinary buttons and links with visible
text. The PNG/SVG buttons are handled in ``assets/chart-tools.js``, which redraws the chart with
its title and the caption built here (unit, period, source, release) before saving it, so a
picture lifted into a newspaper still says where the numbers come from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import Any

from dash import html

from dashboard import queries
from dashboard.components.copy_control import copy_control
from dashboard.components.source_notes import SHOWN, distinct_sources, sources_text
from dashboard.i18n import localized, t, tc
from dashboard.i18n.formatting import format_date
from dashboard.opendata.licence import LICENCE_SHORT
from dashboard.web.site import site_url

# Embeddable charts: name -> the page it belongs to (see dashboard/pages/embed.py).
EMBEDS = {
    "overview": "/",
    "trend": "/",
    "share": "/",
    "map": "/map",
    "budget": "/funding",
    "pilot": "/funding",
}


def scope_labels(lang: str) -> dict[str, str]:
    """The labels of the two download scopes: the data in view, and all of it."""
    return {"view": t("this view", lang), "full": t("full dataset", lang)}


def observation_links(lang: str, view_query: str) -> list[tuple[str, str]]:
    """CSV and XLSX of the data in the current view and of the full dataset."""
    labels = scope_labels(lang)
    links = []
    for scope, query in (("view", view_query), ("full", f"scope=full&lang={lang}")):
        for fmt in ("csv", "xlsx"):
            links.append(
                (f"{fmt.upper()} – {labels[scope]}", f"/download/observations.{fmt}?{query}")
            )
    return links


def _source_text(sources: Sequence[dict[str, Any]], lang: str = "lv", limit: int = SHOWN) -> str:
    """The sources as one line: each once, newest first, "publisher, title (date)", the first
    ``limit`` named and the rest counted."""
    return sources_text(sources, lang, limit)


def citation(
    lang: str,
    title: str,
    sources: Sequence[dict[str, Any]],
    release: dict[str, Any] | None,
    url: str,
    today: dt.date | None = None,
) -> str:
    """A reference a journalist or researcher can paste: site, chart, source, release, link."""
    today = today or dt.date.today()
    parts = [t("Regional remigration support", lang), title, _source_text(sources, lang)]
    if release is not None:
        published = format_date(release["published_at"].date(), lang)
        parts[-1] += ", " + t(
            "release {number} ({date})", lang, number=release["number"], date=published
        )
    parts.append(LICENCE_SHORT)
    accessed = t("accessed {today}", lang, today=format_date(today, lang))
    return ". ".join(p.rstrip(".") for p in parts if p) + f". {url} ({accessed})."


def embed_snippet(url: str, title: str, height: int = 640) -> str:
    """The ``<iframe>`` a site pastes to show the chart; it sizes to the column it sits in."""
    return (
        f'<iframe src="{escape(url)}" title="{escape(title)}" width="100%" height="{height}" '
        'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )


def chart_tools(
    chart_id: str,
    lang: str,
    *,
    title: str,
    caption: str,
    sources: Sequence[dict[str, Any]],
    release: dict[str, Any] | None,
    page_path: str,
    page_query: str,
    embed: str,
    data_links: Sequence[tuple[str, str]],
) -> html.Div:
    """The controls for one chart (``chart_id`` is the card's id prefix, e.g. ``trend-chart``).

    ``caption`` is drawn under the chart in the PNG/SVG (unit, period, source, release);
    ``page_query`` reopens this exact view on ``page_path``; ``data_links`` are (text, href)
    pairs for the data files (CSV/XLSX of this view and of the full dataset).
    """
    origin = site_url()
    permalink = f"{origin}{page_path}?{page_query}"
    embed_url = f"{origin}/embed/{embed}?{page_query}"
    filename = f"remigration-{embed}"
    hidden_title = html.Span(f" – {title}", className="visually-hidden")
    image_buttons = [
        html.Button(
            [fmt.upper(), hidden_title],
            type="button",
            className="btn btn-sm btn-outline-secondary chart-image-button",
            id=f"{chart_id}-{fmt}",
            **{
                "data-graph": f"{chart_id}-graph",
                "data-format": fmt,
                "data-filename": filename,
                "data-title": title,
                "data-caption": caption,
            },
        )
        for fmt in ("png", "svg")
    ]
    file_links = [
        html.A(
            [text, hidden_title],
            href=href,
            className="btn btn-sm btn-outline-secondary",
            download="",
        )
        for text, href in data_links
    ]
    return html.Div(
        [
            html.Div(
                [
                    html.Span(tc("button", "Download", lang) + ":", className="small fw-semibold"),
                    *image_buttons,
                    *file_links,
                ],
                className="chart-downloads d-flex flex-wrap gap-2 align-items-center",
                role="group",
                **{"aria-label": tc("button", "Download", lang) + f": {title}"},
            ),
            html.Details(
                [
                    html.Summary(t("Cite, link, embed", lang)),
                    html.Div(
                        [
                            html.H3(t("How to cite", lang), className="h6 mt-2"),
                            html.P(
                                citation(lang, title, sources, release, permalink),
                                className="small chart-citation mb-1",
                                id=f"{chart_id}-citation",
                            ),
                            copy_control(chart_id, "citation", lang),
                            html.H3(t("Permanent link to this view", lang), className="h6 mt-3"),
                            html.A(
                                permalink,
                                href=permalink,
                                id=f"{chart_id}-permalink",
                                className="d-block small text-break mb-1",
                            ),
                            copy_control(chart_id, "permalink", lang),
                            html.Label(
                                t("Embed in your page (HTML code)", lang),
                                htmlFor=f"{chart_id}-embed",
                                className="form-label small fw-semibold mt-3",
                            ),
                            html.Textarea(
                                embed_snippet(embed_url, title),
                                id=f"{chart_id}-embed",
                                readOnly=True,
                                rows=3,
                                className="form-control form-control-sm font-monospace mb-1",
                            ),
                            copy_control(chart_id, "embed", lang),
                        ]
                    ),
                ],
                className="chart-share mt-2",
            ),
        ],
        className="chart-tools mt-2",
        id=f"{chart_id}-tools",
    )


def period_text(period_from: str | None, period_to: str | None, lang: str) -> str:
    """ "2018 (Mar–Dec) – 2020 (Jan–Jun)": the period range of a view, in the reader's language."""
    years = [y for y in (period_from, period_to) if y and y.isascii() and y.isdigit()]
    if len(years) == 2:  # the filter panels' years ("2018" … "2025")
        return " – ".join(dict.fromkeys(years))
    periods = {p["code"]: p for p in queries.periods()}
    first, last = periods.get(period_from or ""), periods.get(period_to or "")
    if not first or not last:
        return ""
    if first is last:
        return localized(first, "label", lang)
    return f"{localized(first, 'label', lang)} – {localized(last, 'label', lang)}"


def image_caption(
    lang: str,
    unit: str,
    sources: Sequence[dict[str, Any]],
    release: dict[str, Any] | None,
    period: str = "",
) -> str:
    """The line drawn under a downloaded chart image: unit · period · source · release ·
    licence (an image passed on carries its terms, like every other download)."""
    parts = [t("Unit: {unit}", lang, unit=unit)]
    if period:
        parts.append(period)
    if sources:
        # One line under a 1 200 px image: two sources named, the rest counted.
        text = _source_text(sources, lang, limit=2)
        count = len(distinct_sources(sources))
        if count == 1:
            parts.append(t("Source: {source}", lang, source=text))
        else:
            parts.append(t("Sources: {sources}", lang, sources=text))
    if release is not None:
        parts.append(
            t(
                "release {number}, published {date}",
                lang,
                number=release["number"],
                date=format_date(release["published_at"].date(), lang),
            )
        )
    parts.append(LICENCE_SHORT)
    return " · ".join(parts)
