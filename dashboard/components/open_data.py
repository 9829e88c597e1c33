"""The open-data explanations on ``/data``: current downloads, the API with examples in four
tools, the data dictionary and how to cite a release.

Plain functions of the site's address, the metrics and the latest release, so the examples a
reader copies and the citation they paste are checked without a server.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dash import html

from dashboard.exports import TIDY_COLUMNS
from dashboard.i18n import localized, t
from dashboard.i18n.formatting import format_date
from dashboard.opendata.licence import LICENCE_TITLE, LICENCE_URL, attribution, licence_statement

API_RESOURCES = (
    "observations",
    "releases",
    "regions",
    "geographies",
    "metrics",
    "measures",
    "contacts",
    "funding",
    "datapackage.json",
    "catalog.jsonld",
    "catalog.ttl",
    "releases.atom",
)
FEED_PATH = "/api/v1/releases.atom"

# Copy-and-run examples, one per tool, ``{site}`` standing for the site's address. The pandas and
# R ones are run against the app by the tests (tests/http/test_open_data_files.py), and the
# Excel one's address is checked to give the file Excel opens with a double click.
EXAMPLES = {
    "curl": (
        "# curl",
        'curl -o latgale.csv "{site}/api/v1/observations?format=csv&region=latgale"',
    ),
    "pandas": (
        "# Python (pandas)",
        "import pandas as pd\n"
        "\n"
        'df = pd.read_csv("{site}/api/v1/observations?format=csv", dtype={"division": "string"})\n'
        'people = df[(df.measure == "people_returned") & (df.geo_level == "planning_region")]\n'
        'print(people[["period", "geo_code", "value", "months", "part_year"]])',
    ),
    "r": (
        "# R",
        'df <- read.csv("{site}/api/v1/observations?format=csv", fileEncoding = "UTF-8")\n'
        "df$part_year <- as.logical(df$part_year)  # written True / False\n"
        'people <- subset(df, measure == "people_returned" & geo_level == "planning_region")\n'
        'print(people[, c("period", "geo_code", "value", "months", "part_year")])',
    ),
    "excel": (
        "# Excel: open the CSV for Excel (UTF-8 with BOM, “;”, decimal commas),\n"
        "# or Data → From Web (Power Query) with its address:",
        "{site}/download/observations.csv?scope=full&bom=1",
    ),
}


def example(tool: str, site: str) -> str:
    """One tool's example against the site at ``site``."""
    return EXAMPLES[tool][1].replace("{site}", site)


def api_examples(site: str) -> str:
    """Copy-and-run examples (curl, pandas, R, Excel) against the site at ``site``."""
    return "\n\n".join(
        f"{heading}\n{example(tool, site)}" for tool, (heading, _) in EXAMPLES.items()
    )


def current_downloads(lang: str) -> html.P:
    """Links to the data in effect: CSV, the CSV for Excel, XLSX, JSON and JSON-stat."""
    return html.P(
        [
            t("Current data (all releases in effect)", lang),
            ": ",
            html.A("CSV", href="/download/observations.csv?scope=full", className="me-2"),
            html.A(
                t("CSV for Excel", lang),
                href="/download/observations.csv?scope=full&bom=1",
                className="me-2",
            ),
            html.A("XLSX", href="/download/observations.xlsx?scope=full", className="me-2"),
            html.A("JSON", href="/api/v1/observations", className="me-2"),
            html.A("JSON-stat", href="/api/v1/observations?format=jsonstat"),
        ]
    )


def machine_readable(lang: str) -> list[Any]:
    """Where tools find the data's description, its catalogue record and its release feed."""
    feed = FEED_PATH if lang == "lv" else f"{FEED_PATH}?lang=en"
    items = [
        (
            t("Data package (Frictionless): files, fields, types and keys", lang),
            "/api/v1/datapackage.json",
        ),
        (
            t("Catalogue record (DCAT-AP, JSON-LD) for open-data portals", lang),
            "/api/v1/catalog.jsonld",
        ),
        (t("The same record in Turtle", lang), "/api/v1/catalog.ttl"),
        (t("Feed of new releases (Atom)", lang), feed),
    ]
    return [
        html.H3(t("For software", lang), className="h5"),
        html.Ul(
            [html.Li([f"{label}: ", html.A(html.Code(href), href=href)]) for label, href in items],
            id="data-machine-readable",
        ),
    ]


def licence_section(lang: str, site: str, latest: dict[str, Any] | None) -> list[Any]:
    """The licence (CC BY 4.0 for the compilation, the publishers' terms for their figures),
    the credit line to copy, and how to cite the release in effect."""
    return [
        html.H2(t("Licence and citation", lang), className="h4 mt-4", id="licence"),
        html.P(
            [
                licence_statement(lang),
                " ",
                html.A(LICENCE_TITLE, href=LICENCE_URL, rel="license"),
                ".",
            ],
            id="data-licence",
        ),
        html.P(attribution(lang, site), id="data-attribution"),
        html.P(citation(latest, lang, site), id="data-cite"),
    ]


def api_section(lang: str, site: str) -> list[Any]:
    """The API's heading, its OpenAPI description, its resources and the examples."""
    return [
        html.H2(t("API", lang), className="h4 mt-4"),
        html.P(
            [
                t(
                    "The API answers in JSON or CSV, with no key needed. OpenAPI description:",
                    lang,
                ),
                " ",
                html.A("/api/v1/openapi.json", href="/api/v1/openapi.json"),
            ]
        ),
        html.Ul([html.Li(html.Code(f"/api/v1/{name}")) for name in API_RESOURCES]),
        html.Pre(
            html.Code(api_examples(site)),
            className="bg-body-tertiary p-3 border rounded",
            tabIndex="0",
            **{"aria-label": "API examples"},
        ),
    ]


def column_descriptions(lang: str) -> dict[str, str]:
    """What each column of the tidy download (``exports.TIDY_COLUMNS``) holds."""
    return {
        "period": t("period code", lang),
        "period_label": t("period label", lang),
        "period_start": t("period start (ISO date)", lang),
        "period_end": t("period end (ISO date)", lang),
        "region": t("planning region code (empty for Latvia as a whole)", lang),
        "region_name": t("planning region", lang),
        "metric": t("metric code", lang),
        "unit": t("unit", lang),
        "value": t("value (whole number)", lang),
        "source_url": t("source URL", lang),
        "release": t("release number", lang),
        "geo_level": t("geography level: national, planning_region or municipality", lang),
        "geo_code": t("geography code: LV, a planning region or a municipality code", lang),
        "geo_name_lv": t("geography name in Latvian", lang),
        "geo_name_en": t("geography name in English", lang),
        "division": t("municipal division (2009 or 2021); empty for other levels", lang),
        "period_label_lv": t("period label in Latvian", lang),
        "period_label_en": t("period label in English", lang),
        "months": t("number of months in the period", lang),
        "measure": t("measure code (the same as metric)", lang),
        "kind": t("kind of measure: flow, stock or target", lang),
        "preferred": t("true for the value shown when several sources give one", lang),
        "reliability": t("reliability: normal or low", lang),
        "note": t("note", lang),
        "source_title": t("source title (all source columns empty: source not stated)", lang),
        "source_publisher": t("source publisher", lang),
        "source_published_on": t("source publication date (day or month; may be empty)", lang),
        "part_year": t(
            "true for a period inside one calendar year and shorter than it "
            "(a month, a quarter, March–December)",
            lang,
        ),
    }


def data_dictionary(metrics: Iterable[dict[str, Any]], lang: str) -> list[Any]:
    """Every metric (code, name, unit, definition) and every download column, then the rule
    for periods."""
    columns = column_descriptions(lang)
    return [
        html.H2(t("Data dictionary", lang), className="h4 mt-4"),
        html.H3(t("What each measure means", lang), className="h5"),
        html.Dl(
            [
                item
                for metric in metrics
                for item in (
                    html.Dt(
                        f"{metric['code']} – {localized(metric, 'name', lang)} "
                        f"({localized(metric, 'unit', lang)})",
                        # Long codes (people_returned_unassisted_then_contacted) would widen
                        # a phone's page; they break instead.
                        className="text-break",
                    ),
                    html.Dd(localized(metric, "definition", lang)),
                )
            ]
        ),
        html.H3(t("Columns", lang), className="h5"),
        html.Dl(
            [item for c in TIDY_COLUMNS for item in (html.Dt(html.Code(c)), html.Dd(columns[c]))]
        ),
        html.P(
            t(
                "Periods differ in length and each has a start and an end date. "
                "Part-year periods are marked. To compare, divide by the number of "
                "months. Families, people and offers are different units and are "
                "never added together.",
                lang,
            )
        ),
    ]


def citation(latest: dict[str, Any] | None, lang: str, site: str = "") -> str:
    """How to cite the release in effect (empty before anything is published)."""
    if latest is None:
        return ""
    return t(
        "Cite as: {site}, release {number} ({date}), {url}, CC BY 4.0. Original sources: as "
        "named on each figure.",
        lang,
        site=t("Regional remigration support", lang),
        number=latest["number"],
        date=format_date(latest["published_at"].date(), lang),
        url=f"{site}/data",
    )
