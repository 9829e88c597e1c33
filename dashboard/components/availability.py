"""The "Data availability" section of ``/data``: for every measure, which places published
figures for which years, and where sources disagree.

Built from ``queries.availability.availability()`` alone (plain dicts in, components out), so
what a reader sees is checked without a server. Two parts:

* an overview table of every measure, grouped as flows, running totals, stocks and targets, in
  registry order, saying which years and places have figures;
* one matrix (a real ``<table>``: places × calendar years) for the measure chosen in a select,
  in its own horizontally scrollable region so a phone at 360 px scrolls the table, not the
  page. Each cell says "published", "conflicting sources" or "not published" with an icon and
  words (visually hidden where the icon is shown), lists the periods published in that year,
  and links each period to its API query and to its sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit

import dash_bootstrap_components as dbc
from dash import html

from dashboard.components.release_table import publication_date
from dashboard.components.static_section import static_section
from dashboard.i18n import N_, localized, t, tn
from dashboard.i18n.formatting import format_number
from dashboard.queries.availability import CONFLICTING, GROUPS, NOT_PUBLISHED, PUBLISHED

GROUP_LABELS = {
    "flow": N_("Flows within a calendar year"),
    "running_total": N_("Running totals and periods over several years"),
    "stock": N_("Stocks (standing at a month)"),
    "target": N_("Targets"),
}
# Icons are shown with their meaning beside them in the legend, and in words to screen readers.
ICONS = {PUBLISHED: "✓", CONFLICTING: "≠", NOT_PUBLISHED: "–"}
STATUS_LABELS = {
    PUBLISHED: N_("published"),
    CONFLICTING: N_("conflicting sources"),
    NOT_PUBLISHED: N_("not published"),
}


def choice_value(entry: dict[str, Any]) -> str:
    """The select's value for a matrix: ``<group>.<measure code>``."""
    return f"{entry['group']}.{entry['metric']}"


def matrices(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The entries that have a matrix (a measure and group with at least one figure)."""
    return [e for e in data["measures"] if e["figures"]]


def year_ranges(years: Sequence[int]) -> str:
    """``[2018, 2019, 2020, 2022]`` → ``"2018–2020, 2022"``: gaps stay visible."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def places(entry: dict[str, Any], region_count: int, lang: str) -> str:
    """Where a measure has figures: "Latvia, 2 of 5 regions, 3 municipalities"."""
    parts = []
    if entry["national"]:
        parts.append(t("Latvia", lang))
    if entry["regions"]:
        parts.append(t("{n} of {total} regions", lang, n=len(entry["regions"]), total=region_count))
    if entry["municipalities"]:
        parts.append(tn("{n} municipality", "{n} municipalities", entry["municipalities"], lang))
    return ", ".join(parts) if parts else t("no figures published", lang)


def _status(status: str, lang: str) -> list[Any]:
    return [
        html.Span(ICONS[status], className="availability-icon", **{"aria-hidden": "true"}),
        html.Span(t(STATUS_LABELS[status], lang), className="visually-hidden"),
    ]


def legend(lang: str) -> html.Ul:
    """What the icons of the matrix mean."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        ICONS[status], className="availability-icon", **{"aria-hidden": "true"}
                    ),
                    " ",
                    t(STATUS_LABELS[status], lang),
                ],
                className="list-inline-item me-3",
            )
            for status in (PUBLISHED, CONFLICTING, NOT_PUBLISHED)
        ],
        className="list-inline availability-legend",
        id="data-availability-legend",
        **{"aria-label": t("Legend", lang)},
    )


def overview_table(data: dict[str, Any], region_count: int, lang: str) -> html.Div:
    """Every measure in one table, one row group per kind, saying where and when it has
    figures (the UK dashboard's metrics list)."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(t("Measure", lang), scope="col"),
                html.Th(t("Years", lang), scope="col"),
                html.Th(t("Where", lang), scope="col"),
                html.Th(t("Figures", lang), scope="col"),
                html.Th(t("Conflicting", lang), scope="col"),
            ]
        )
    )
    bodies = []
    for group in GROUPS:
        entries = [e for e in data["measures"] if e["group"] == group]
        if not entries:
            continue
        rows = [
            html.Tr(
                html.Th(t(GROUP_LABELS[group], lang), scope="rowgroup", colSpan=5),
                className="table-light",
            ),
            *(
                html.Tr(
                    [
                        html.Th(localized(e, "name", lang), scope="row"),
                        html.Td(
                            _joined(
                                (
                                    html.Span(run, className="text-nowrap")
                                    for run in year_ranges(e["years"]).split(", ")
                                ),
                                ", ",
                            )
                            if e["years"]
                            else "–"
                        ),
                        html.Td(places(e, region_count, lang)),
                        html.Td(format_number(e["figures"], lang)),
                        html.Td(format_number(e["conflicts"], lang)),
                    ]
                )
                for e in entries
            ),
        ]
        bodies.append(html.Tbody(rows))
    caption_id = "data-availability-overview-caption"
    return html.Div(
        html.Table(
            [
                # The heading above says it to sighted readers; on a phone a caption inside
                # the scrolling region would be cut off.
                html.Caption(
                    t("Which years and places have figures, by measure", lang),
                    id=caption_id,
                    className="visually-hidden",
                ),
                head,
                *bodies,
            ],
            className="table table-sm availability-overview",
            id="data-availability-overview",
        ),
        className="table-responsive availability-scroll",
        role="region",
        tabIndex="0",
        **{"aria-labelledby": caption_id},
    )


def host(url: str) -> str:
    """A source's link text: its site (``lpr.gov.lv``), short enough for a table cell."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


def source_link(source: dict[str, Any], lang: str) -> Any:
    """The source's site, linked to the page that published the figure; the publisher and
    date in its title. A source without an address is named; no source, said so."""
    if source["publisher"] is None and source["title"] is None:
        return html.Span(t("source not stated", lang))
    title = f"{source['publisher']}, {publication_date(source, lang)}"
    if not source["url"]:
        return html.Span(source["publisher"])
    return html.A(host(source["url"]), href=source["url"], title=title, rel="noopener")


def api_query(entry: dict[str, Any], geo: dict[str, Any], period: dict[str, Any]) -> str:
    """The API query that returns this period's figures at this place from every source."""
    query: dict[str, str] = {"measure": entry["metric"], "geo_level": geo["level"]}
    if geo["level"] != "national" and geo["region"]:
        query["region"] = geo["region"]
    query["from"] = period["start"].strftime("%Y-%m")
    query["to"] = period["end"].strftime("%Y-%m")
    query["sources"] = "all"
    return "/api/v1/observations?" + urlencode(query)


def _joined(items: Iterable[Any], sep: str) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if out:
            out.append(sep)
        out.append(item)
    return out


def _period_item(
    entry: dict[str, Any], geo: dict[str, Any], period: dict[str, Any], lang: str
) -> html.Li:
    label = html.A(localized(period, "label", lang), href=api_query(entry, geo, period))
    if not period["conflicting"]:
        return html.Li(
            [label, ": ", *_joined((source_link(s, lang) for s in period["sources"]), ", ")]
        )
    values = [
        html.Span(
            [
                format_number(s["value"], lang),
                " ",
                source_link(s, lang),
                " (" + t("in use", lang) + ")" if s["preferred"] else "",
            ],
            className="text-nowrap",
        )
        for s in period["sources"]
    ]
    # The cell says "conflicting sources" once; the period whose sources disagree is the one
    # that lists each source's value.
    return html.Li([label, ": ", *_joined(values, "; ")])


def _cell(entry: dict[str, Any], geo: dict[str, Any], cell: dict[str, Any] | None, lang: str):
    if cell is None:
        return html.Td(_status(NOT_PUBLISHED, lang), className="availability-none")
    return html.Td(
        [
            *_status(cell["status"], lang),
            html.Ul(
                [_period_item(entry, geo, p, lang) for p in cell["periods"]],
                className="list-unstyled mb-0 small",
            ),
        ],
        className=f"availability-{cell['status']}"
        + (" table-warning" if cell["status"] == CONFLICTING else ""),
    )


def _geo_name(geo: dict[str, Any], lang: str) -> str:
    name = localized(geo, "name", lang)
    if geo["level"] == "municipality":
        return t("{name} ({division} division)", lang, name=name, division=geo["division"])
    return name


def matrix(entry: dict[str, Any], years: Sequence[int], lang: str) -> html.Div:
    """One measure's places × years table under a heading, in a scrollable region named by
    that heading (the table's caption says the same to screen readers)."""
    cells = {(c["geo_level"], c["geo_code"], c["division"], c["year"]): c for c in entry["cells"]}

    def row(geo: dict[str, Any]) -> html.Tr:
        key = (geo["level"], geo["code"], geo["division"])
        return html.Tr(
            [html.Th(_geo_name(geo, lang), scope="row")]
            + [_cell(entry, geo, cells.get((*key, year)), lang) for year in years]
        )

    fixed = [g for g in entry["geographies"] if g["level"] != "municipality"]
    units = [g for g in entry["geographies"] if g["level"] == "municipality"]
    municipal_rows = [
        html.Tr(html.Th(t("Municipalities", lang), scope="rowgroup", colSpan=len(years) + 1))
    ]
    if units:
        municipal_rows += [row(g) for g in units]
    else:
        municipal_rows.append(
            html.Tr(
                [
                    html.Th(t("Any municipality", lang), scope="row"),
                    html.Td(
                        [
                            html.Span(
                                ICONS[NOT_PUBLISHED],
                                className="availability-icon",
                                **{"aria-hidden": "true"},
                            ),
                            " ",
                            t("not published in any year", lang),
                        ],
                        colSpan=len(years),
                        className="availability-none",
                    ),
                ]
            )
        )
    caption_id = f"data-availability-caption-{entry['group']}-{entry['metric']}"
    caption = t(
        "{measure} – {group}: published figures by place and year",
        lang,
        measure=localized(entry, "name", lang),
        group=t(GROUP_LABELS[entry["group"]], lang).lower(),
    )
    table = html.Table(
        [
            # Shown as the heading above the scrolling region, so a phone shows it whole.
            html.Caption(caption, className="visually-hidden"),
            html.Thead(
                html.Tr(
                    [html.Th(t("Place", lang), scope="col")]
                    + [html.Th(str(year), scope="col") for year in years]
                )
            ),
            html.Tbody([row(g) for g in fixed]),
            html.Tbody(municipal_rows),
        ],
        className="table table-sm availability-matrix mb-0",
    )
    return html.Div(
        [
            html.H3(caption, id=caption_id, className="h6 mt-3"),
            html.Div(
                table,
                className="table-responsive availability-scroll",
                id="data-availability-table",
                role="region",
                tabIndex="0",
                **{"aria-labelledby": caption_id},
            ),
        ]
    )


def matrix_for(data: dict[str, Any], choice: str | None, lang: str) -> list[Any]:
    """The children of ``data-availability-matrix`` for the select's ``choice`` (the first
    matrix when unset); a choice that names no matrix gets a message, not an error."""
    entries = matrices(data)
    if not entries:
        return [html.P(t("No figures have been published yet.", lang))]
    entry = next((e for e in entries if choice_value(e) == choice), None)
    if entry is None:
        if choice:
            return [html.P(t("Choose a measure from the list.", lang), role="alert")]
        entry = entries[0]
    api = "/api/v1/observations?" + urlencode({"measure": entry["metric"], "sources": "all"})
    return [
        matrix(entry, data["years"], lang),
        html.P(
            [
                t("Unit: {unit}", lang, unit=localized(entry, "unit", lang)),
                ". ",
                t(
                    "Municipalities not listed published no figures for this measure. "
                    "Each period links to its figures from every source in the API;",
                    lang,
                ),
                " ",
                html.A(t("all figures of this measure", lang), href=api),
                ".",
            ],
            className="small text-body-secondary mt-2",
        ),
    ]


def availability_section(
    data: dict[str, Any], region_count: int, lang: str, choice: str | None = None
) -> list[Any]:
    """The heading, the explanation, the overview of every measure, the measure select and
    the chosen measure's matrix."""
    options = [
        {
            "label": f"{localized(e, 'name', lang)} ({t(GROUP_LABELS[e['group']], lang).lower()})",
            "value": choice_value(e),
        }
        for e in matrices(data)
    ]
    chosen = choice if any(o["value"] == choice for o in options) else None
    chosen = chosen or (options[0]["value"] if options else None)
    return [
        html.H2(t("Data availability", lang), className="h4 mt-4", id="data-availability"),
        html.P(
            t(
                "Which figures have been published for each measure, where and for which "
                "periods. Each cell of a measure's table is one place and one calendar year: "
                "it lists the periods published in that year and links to their sources. "
                "Running totals and stocks are shown in the year their period ends, targets "
                "in every year they apply to.",
                lang,
            )
        ),
        html.Div(
            [
                dbc.Label(t("Measure", lang), html_for="data-availability-measure"),
                dbc.Select(
                    id="data-availability-measure",
                    options=options,
                    value=chosen,
                    className="availability-select",
                ),
            ],
            className="mb-2 mt-3",
        ),
        legend(lang),
        html.Div(
            # Static until the reader picks another measure: the callback's answer replaces it.
            static_section(matrix_for(data, chosen, lang)),
            id="data-availability-matrix",
            **{"aria-live": "polite"},
        ),
        html.H3(t("Every measure at a glance", lang), className="h5 mt-4"),
        static_section(overview_table(data, region_count, lang)),
    ]
