"""Plain Flask download routes used by the pages: vCards, upload templates, and CSV/XLSX files
of the observations and funding tables behind each chart."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, abort, current_app, request, send_file

from dashboard import queries
from dashboard.api.v1.observations import OBSERVATION_PARAMS, parse_observation_filter
from dashboard.api.v1.params import BadRequest, NotFound, table_file
from dashboard.components.overview_charts import state_view
from dashboard.directory import vcard
from dashboard.exports import (
    FUNDING_COLUMNS,
    TIDY_COLUMNS,
    VIEW_COLUMNS,
    XLSX_MIMETYPE,
    funding_records,
    tidy_records,
    to_json,
)
from dashboard.i18n.context import current_lang
from dashboard.opendata.licence import LICENCE_LINK_HEADER
from dashboard.view_state import OverviewState, parse_overview_state

bp = Blueprint("downloads", __name__, url_prefix="/download")

_CODE_RE = re.compile(r"^[a-z0-9-]{1,64}$")
_RELEASE_RE = re.compile(r"[1-9][0-9]{0,8}")  # ASCII digits only: str.isdigit() accepts "²"


TEMPLATES = {
    "remigration-template-long.csv": "text/csv",
    "remigration-template-wide.csv": "text/csv",
    "remigration-template.xlsx": XLSX_MIMETYPE,
}


@bp.get("/template/<name>")
def template(name: str) -> Response:
    """Upload templates from data/templates (a fixed list: no path is built from the URL)."""
    if name not in TEMPLATES:
        abort(404)
    path = current_app.config["REMIGRATION"].data_dir / "templates" / name
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype=TEMPLATES[name], as_attachment=True, download_name=name)


@bp.get("/contact/<code>.vcf")
def contact_vcard(code: str) -> Response:
    """One active contact as a vCard; unknown or inactive codes are 404."""
    if not _CODE_RE.match(code):
        abort(404)
    contact = next((c for c in queries.contacts(active_only=True) if c["code"] == code), None)
    if contact is None:
        abort(404)
    return Response(
        vcard(contact, current_lang()),
        mimetype="text/vcard",
        headers={"Content-Disposition": f'attachment; filename="{code}.vcf"'},
    )


def _full_filter() -> queries.RowFilter | Response:
    """``scope=full``: the open-data file, filtered exactly as ``/api/v1/observations`` filters
    (every geography level by default; ``geo_level``, ``region``, ``measure``/``metric``,
    ``from``/``to``, ``release``, ``sources``), or the API's 400/404 answer."""
    allowed = tuple(p for p in OBSERVATION_PARAMS if p != "format") + ("scope", "bom")
    try:
        return parse_observation_filter(allowed)
    except BadRequest as error:
        return Response(
            to_json({"error": "bad_request", "message": str(error)}),
            400,
            mimetype="application/json",
        )
    except NotFound as error:
        return Response(
            to_json({"error": "not_found", "message": str(error.args[0])}),
            404,
            mimetype="application/json",
        )


@bp.get("/observations.<fmt>")
def observations(fmt: str) -> Response:
    """The data in a view (same query string as the page) or the full dataset, as CSV/XLSX.

    A view (``regions``, ``metric``, ``from``, ``to``, ``granularity`` and ``per_month`` as the
    pages write them, so a download button passes the reader's view through unchanged; unknown
    values fall back like the pages do) holds exactly the planning-region figures the charts
    show (:func:`view_records`). ``scope=full`` is the open data at every geography level,
    with the API's filters (:func:`_full_filter`). ``release`` gives a release as published.
    """
    if fmt not in {"csv", "xlsx"}:
        abort(404)
    lang = current_lang()
    args = request.args
    full = args.get("scope") == "full"
    if full:
        flt = _full_filter()
        if isinstance(flt, Response):
            return flt
    else:
        release = args.get("release") or None
        # A release that is not a plain number, or not one of ours, is "not found", never the
        # current data under a release's name.
        if release is not None and (
            not _RELEASE_RE.fullmatch(release)
            or int(release) not in {r["number"] for r in queries.releases()}
        ):
            abort(404)
        state = parse_overview_state(
            args,
            queries.regions(),
            queries.charted_metrics,
            queries.periods(),
            [r["number"] for r in queries.releases()],
            queries.view_years(),
            queries.default_granularity(),
        )
        records = view_records(state, lang)
        name = "remigration-view"
        if state.release is not None:
            name += f"-release-{state.release}"
        return _table_file(records, VIEW_COLUMNS, fmt, name)
    records = tidy_records(queries.observation_rows(flt), lang)
    name = "remigration-full"
    if flt.release is not None:
        name += f"-release-{flt.release}"
    return _table_file(records, TIDY_COLUMNS, fmt, name)


def view_records(state: OverviewState, lang: str) -> list[dict[str, Any]]:
    """The rows the overview's charts show for ``state``: the preferred planning-region row of
    each cell in the view, with the view's slot and the value as the chart shows it (per month
    in the per-month view, said so in ``shown_as``)."""
    view = state_view(state, lang)
    shown = {(cell.period, region): (slot, cell) for (slot, region), cell in view.cells.items()}
    rows = queries.observation_rows(
        queries.RowFilter(
            regions=state.regions,
            metrics=(state.metric,),
            geo_levels=("planning_region",),
            release=state.release,
        )
    )
    records = []
    for row, record in zip(rows, tidy_records(rows, lang), strict=True):
        found = shown.get((row["period"], row["region"]))
        if found is None:
            continue
        slot, cell = found
        records.append(
            {
                **record,
                "granularity": state.granularity,
                "slot": slot,
                "shown_as": "per_month" if view.per_month else "total",
                "value_shown": round(view.shown(cell) or 0.0, 4),
            }
        )
    return records


def _table_file(records: list[dict], columns: list[str], fmt: str, name: str) -> Response:
    """The file as the API writes it (``bom=1``: the CSV for Excel; a workbook's licence
    sheet); a malformed ``bom`` is the API's 400."""
    try:
        return table_file(records, columns, fmt, name)
    except BadRequest as error:
        return Response(
            to_json({"error": "bad_request", "message": str(error)}),
            400,
            mimetype="application/json",
        )


@bp.after_request
def _licence_link(response: Response) -> Response:
    """Every download names its licence (RFC 8288 ``Link``; the workbook also on a sheet)."""
    response.headers.add("Link", LICENCE_LINK_HEADER)
    return response


@bp.get("/funding.<fmt>")
def funding(fmt: str) -> Response:
    """The funding table as CSV/XLSX: one total with its parts (``?code=budget-2020``, the data
    behind one funding chart) or, without ``code``, every funding row. Unknown codes are 404."""
    if fmt not in {"csv", "xlsx"}:
        abort(404)
    records = funding_records(queries.funding())
    code = request.args.get("code")
    name = "remigration-funding"
    if code is not None:
        if not _CODE_RE.match(code) or not any(r["code"] == code for r in records):
            abort(404)
        records = [r for r in records if code in (r["code"], r["parent"])]
        name += f"-{code}"
    return _table_file(records, FUNDING_COLUMNS, fmt, name)
