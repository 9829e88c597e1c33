"""``GET /api/v1/observations``: the tidy dataset, filtered."""

from __future__ import annotations

from flask import Response

from dashboard import queries
from dashboard.api.v1 import bp, params
from dashboard.api.v1.params import NotFound
from dashboard.exports import TIDY_COLUMNS, tidy_records

OBSERVATION_PARAMS = ("format", "region", "metric", "from", "to", "release", "lang")


def parse_observation_filter() -> queries.ObservationFilter:
    params.only(*OBSERVATION_PARAMS)
    regions = params.codes("region", {r["code"] for r in queries.regions()})
    metrics = params.codes("metric", {m["code"] for m in queries.metrics()})
    # A range that ends before it starts is valid and holds nothing: OpenAPI cannot describe a
    # rule between two parameters, and the document must say exactly what is accepted.
    date_from, date_to = params.date("from"), params.date("to")
    release = params.release_number()
    if release is not None and release not in {r["number"] for r in queries.releases()}:
        raise NotFound(f"release {release} does not exist; see /api/v1/releases")
    return queries.ObservationFilter(
        regions=regions, metrics=metrics, date_from=date_from, date_to=date_to, release=release
    )


@bp.get("/observations")
def observations() -> Response:
    """The tidy dataset: one row per period × region × metric."""
    params.response_format()
    lang = params.lang()
    flt = parse_observation_filter()
    records = tidy_records(queries.observation_rows(flt), lang)
    return params.table_response(records, TIDY_COLUMNS, "observations")
