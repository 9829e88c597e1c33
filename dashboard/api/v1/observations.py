"""``GET /api/v1/observations``: the tidy dataset at every geography level, filtered."""

from __future__ import annotations

from flask import Response

from dashboard import queries
from dashboard.api.v1 import bp, params
from dashboard.api.v1.params import NotFound
from dashboard.exports import TIDY_COLUMNS, tidy_records, to_json
from dashboard.opendata.jsonstat import jsonstat_dataset
from dashboard.web.site import absolute

# ``format`` of /observations: the table formats, and JSON-stat 2.0 (one value per cell).
OBSERVATION_FORMATS = (*params.FORMATS, "jsonstat")

OBSERVATION_PARAMS = (
    "format",
    "geo_level",
    "region",
    "measure",
    "metric",
    "from",
    "to",
    "release",
    "sources",
    "lang",
)


def parse_observation_filter(allowed: tuple[str, ...] = OBSERVATION_PARAMS) -> queries.RowFilter:
    """The filters of the query string, checked as the OpenAPI document describes.

    Also used by ``/download/observations.<fmt>?scope=full`` (``dashboard/web/downloads.py``),
    so the file and the API can never read the same query differently. ``measure`` and its
    first name ``metric`` are one filter: codes given in either are all selected (a union), so
    an old link keeps its meaning when ``measure`` is added to it.
    """
    params.only(*allowed)
    geo_levels = params.codes("geo_level", set(queries.GEO_LEVELS))
    regions = params.codes("region", {r["code"] for r in queries.regions()}, any_case=True)
    known_measures = {m["code"] for m in queries.metrics()}
    metrics = params.codes("measure", known_measures) + params.codes("metric", known_measures)
    # A range that ends before it starts is valid and holds nothing: OpenAPI cannot describe a
    # rule between two parameters, and the document must say exactly what is accepted.
    date_from = params.date_bound("from", end=False)
    date_to = params.date_bound("to", end=True)
    release = params.release_number()
    if release is not None and release not in {r["number"] for r in queries.releases()}:
        raise NotFound(f"release {release} does not exist; see /api/v1/releases")
    sources = params.choice("sources", params.SOURCES, "preferred")
    return queries.RowFilter(
        regions=regions,
        metrics=tuple(dict.fromkeys(metrics)),
        date_from=date_from,
        date_to=date_to,
        release=release,
        geo_levels=geo_levels,
        all_sources=sources == "all",
    )


@bp.get("/observations")
def observations() -> Response:
    """The tidy dataset: one row per geography × period × measure (the preferred source's
    value), or one row per source with ``sources=all``; ``format=jsonstat`` is the same rows as
    a JSON-stat 2.0 cube (measure × geography × period; with ``sources=all`` the other
    sources' figures in ``extension.cell.other_sources``)."""
    fmt = params.response_format(allowed=OBSERVATION_FORMATS)
    lang = params.lang()
    flt = parse_observation_filter()
    records = tidy_records(queries.observation_rows(flt), lang)
    if fmt == "jsonstat":
        dataset = jsonstat_dataset(
            records,
            queries.metrics(),
            lang,
            updated=queries.last_modified(),
            href=absolute("/api/v1/observations?format=jsonstat"),
        )
        return Response(to_json(dataset), mimetype="application/json")
    return params.table_response(records, TIDY_COLUMNS, "observations")
