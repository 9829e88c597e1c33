"""The table of every data release on ``/data``: number, what it published (its sources, how
many figures, which measures, places and periods), whether it is in effect or was rolled back
(and when), a permalink to the overview at that release and download links to exactly it.

Rolled-back releases stay listed and downloadable on purpose: anyone who cited one can fetch
the numbers they cited. The newest releases are shown first; older ones are folded under "show
all" so the table stays short on a phone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from babel.dates import format_date as babel_format_date
from dash import html

from dashboard.i18n import localized, t, tn
from dashboard.i18n.formatting import format_date, normalise_lang

# Releases shown before "show all"; the rest are folded.
SHOWN = 5
# Periods listed in full up to this many; longer lists show their first and last ones.
PERIODS_LISTED = 6


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


def permalink(number: int, lang: str) -> html.A:
    """The overview as it stood at release ``number``."""
    return html.A(
        t("Open the overview at release {number}", lang, number=number),
        href=f"/?release={number}",
    )


def publication_date(source: dict[str, Any], lang: str) -> str:
    """When a source was published, as precisely as it says: a day, a month, or "date not
    stated"."""
    day = source["published_on"]
    if day is None:
        return t("date not stated", lang)
    if source["published_precision"] == "month":
        return babel_format_date(day, "LLL y", locale=normalise_lang(lang))
    return format_date(day, lang)


def source_item(source: dict[str, Any], lang: str) -> list[Any]:
    """A publication: its publisher (linked to the page) and date, or "source not stated"."""
    if source["publisher"] is None and source["title"] is None:
        return [t("source not stated", lang)]
    name: Any = source["publisher"] or source["title"]
    if source["url"]:
        name = html.A(name, href=source["url"], rel="noopener")
    # No lang attribute: publishers are named in Latvian or English as the record has them.
    return [html.Span(name), f" ({publication_date(source, lang)})"]


def period_list(periods: Sequence[dict[str, Any]], lang: str) -> str:
    """The periods a release covers; a long list by its first and last two and its length."""
    labels = [localized(p, "label", lang) for p in periods]
    if len(labels) <= PERIODS_LISTED:
        return ", ".join(labels)
    return t(
        "{first} … {last} ({n} periods)",
        lang,
        first=", ".join(labels[:2]),
        last=", ".join(labels[-2:]),
        n=len(labels),
    )


def contents_summary(
    contents: dict[str, Any] | None,
    metrics: Mapping[str, dict[str, Any]],
    regions: Mapping[str, dict[str, Any]],
    lang: str,
) -> list[Any]:
    """What a release published: sources, figures and measures, places, periods."""
    if contents is None:
        return [html.Div(t("No figures.", lang))]
    sources = contents["sources"]
    places = [t("Latvia", lang)] if contents["national"] else []
    places += [localized(regions[c], "name", lang) for c in contents["regions"] if c in regions]
    if contents["municipalities"]:
        places.append(
            tn("{n} municipality", "{n} municipalities", contents["municipalities"], lang)
        )
    measures = [localized(metrics[c], "name", lang) for c in contents["metrics"] if c in metrics]
    source_parts: list[Any] = []
    for source in sources:
        if source_parts:
            source_parts.append("; ")
        source_parts += source_item(source, lang)
    return [
        html.Div(
            [(t("Source", lang) if len(sources) == 1 else t("Sources", lang)) + ": ", *source_parts]
        ),
        html.Div(
            tn(
                "{n} figure: {measures}",
                "{n} figures: {measures}",
                contents["figures"],
                lang,
                measures=", ".join(measures),
            )
        ),
        html.Div(t("Where: {places}", lang, places=", ".join(places))),
        html.Div(
            t("Period: {periods}", lang, periods=period_list(contents["periods"], lang))
            if len(contents["periods"]) == 1
            else t("Periods: {periods}", lang, periods=period_list(contents["periods"], lang))
        ),
    ]


def _table(rows: list[html.Tr], caption: str, lang: str, table_id: str | None = None) -> html.Div:
    extra = {"id": table_id} if table_id else {}
    return html.Div(
        html.Table(
            [
                html.Caption(caption),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(t("No.", lang), scope="col"),
                            html.Th(t("What it published", lang), scope="col"),
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm caption-top release-table",
            **extra,
        ),
        className="table-responsive",
    )


def release_table(
    releases: Iterable[dict[str, Any]],
    lang: str,
    contents: Mapping[int, dict[str, Any]] | None = None,
    metrics: Iterable[dict[str, Any]] = (),
    regions: Iterable[dict[str, Any]] = (),
) -> html.Div:
    """One row per release (newest first, as ``queries.releases()`` gives them): the first
    :data:`SHOWN` in the table, the others under "show all".

    ``contents`` is ``queries.availability.release_contents()``; without it the rows say only
    the state and the links.
    """
    by_code = {m["code"]: m for m in metrics}
    regions_by_code = {r["code"]: r for r in regions}

    def row(release: dict[str, Any]) -> html.Tr:
        number = release["number"]
        summary = (
            contents_summary(contents.get(number), by_code, regions_by_code, lang)
            if contents is not None
            else []
        )
        return html.Tr(
            [
                html.Th(str(number), scope="row"),
                html.Td(
                    [
                        html.Div(release_state(release, lang), className="fw-semibold"),
                        *summary,
                        html.Div(
                            [permalink(number, lang), " · ", *release_links(number)],
                            className="mt-1",
                        ),
                    ],
                    className="small",
                ),
            ]
        )

    rows = [row(r) for r in releases]
    shown = _table(
        rows[:SHOWN],
        t("Every release is available exactly as it was published.", lang),
        lang,
        "data-releases",
    )
    if len(rows) <= SHOWN:
        return html.Div(shown)
    return html.Div(
        [
            shown,
            html.Details(
                [
                    html.Summary(t("Show all {n} releases", lang, n=len(rows))),
                    _table(rows[SHOWN:], t("Older releases", lang), lang, "data-releases-older"),
                ],
                className="chart-table mb-3",
                id="data-releases-all",
            ),
        ]
    )
