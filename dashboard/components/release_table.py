"""The table of every data release on ``/data``: number, whether it is in effect or was rolled
back (and when), and download links to exactly that release.

Rolled-back releases stay listed and downloadable on purpose: anyone who cited one can fetch
the numbers they cited.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dash import html

from dashboard.i18n import t, tc
from dashboard.i18n.formatting import format_date


def release_state(release: dict[str, Any], lang: str) -> str:
    """ "as published on <date>" or "rolled back on <date>"."""
    if release["status"] == "published":
        return t(
            "as published on {date}", lang, date=format_date(release["published_at"].date(), lang)
        )
    return t(
        "rolled back on {date}", lang, date=format_date(release["rolled_back_at"].date(), lang)
    )


def release_links(number: int) -> list[html.A]:
    """CSV, XLSX and JSON of release ``number`` as it was published."""
    return [
        html.A(
            fmt.upper(),
            href=f"/download/observations.{fmt}?scope=full&release={number}",
            className="me-2",
            **{"aria-label": f"{fmt.upper()} – {number}"},
        )
        for fmt in ("csv", "xlsx")
    ] + [html.A("JSON", href=f"/api/v1/observations?release={number}")]


def release_table(releases: Iterable[dict[str, Any]], lang: str) -> html.Div:
    """One row per release (newest first, as ``queries.releases()`` gives them)."""
    rows = [
        html.Tr(
            [
                html.Th(str(r["number"]), scope="row"),
                html.Td(release_state(r, lang)),
                html.Td(release_links(r["number"])),
            ]
        )
        for r in releases
    ]
    return html.Div(
        html.Table(
            [
                html.Caption(t("Every release is available exactly as it was published.", lang)),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(t("No.", lang), scope="col"),
                            html.Th(t("Status", lang), scope="col"),
                            html.Th(tc("table column", "Download", lang), scope="col"),
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm caption-top",
            id="data-releases",
        ),
        className="table-responsive",
    )
