"""Query parameters of the open-data API, checked exactly as the OpenAPI document describes."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from flask import Response, request

from dashboard.exports import XLSX_MIMETYPE, to_csv, to_json, to_xlsx
from dashboard.i18n.context import current_lang
from dashboard.opendata.licence import licence_lines
from dashboard.web.site import site_url

_CODE_LIST = re.compile(r"[a-z0-9_]+(,[a-z0-9_]+)*")
# ASCII letters only before lowering: str.lower() would turn the Kelvin sign into "k".
_CODE_LIST_ANY_CASE = re.compile(r"[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*")
_DATE_BOUND = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_RELEASE = re.compile(r"[1-9][0-9]{0,8}")
FORMATS = ("json", "csv", "xlsx")
SOURCES = ("preferred", "all")
BOM = ("0", "1")


class BadRequest(ValueError):
    """A parameter failed validation; the message is shown to the client."""


class NotFound(LookupError):
    """A well-formed parameter names something that does not exist (e.g. a release number)."""


def codes(name: str, allowed: set[str], *, any_case: bool = False) -> tuple[str, ...]:
    """The codes of a comma-separated (and repeatable) parameter, each one of ``allowed``.

    With ``any_case`` a code may be written in any mix of ASCII capitals (``Kurzeme``,
    ``KURZEME``) and means its lower-case self.
    """
    raw = request.args.getlist(name)
    # Exactly what the OpenAPI document's pattern admits: codes joined by commas, or nothing
    # (the same as leaving the parameter out).
    grammar = _CODE_LIST_ANY_CASE if any_case else _CODE_LIST
    malformed = [value for value in raw if value and not grammar.fullmatch(value)]
    if malformed:
        raise BadRequest(
            f"{name} must be one or more codes separated by commas, got {malformed[0]!r}"
        )
    found = [c.lower() if any_case else c for value in raw for c in value.split(",") if c]
    unknown = sorted(set(found) - allowed)
    if unknown:
        raise BadRequest(
            f"unknown {name}: {', '.join(unknown)}; expected one or more of "
            f"{', '.join(sorted(allowed))}"
        )
    return tuple(dict.fromkeys(found))


def date_bound(name: str, *, end: bool) -> dt.date | None:
    """A year (``2019``), a month (``2019-06``) or a date (``2019-06-15``) as the first day it
    covers, or with ``end`` the last: ``from=2019`` is 1 January 2019, ``to=2019`` is
    31 December 2019, ``to=2019-06`` is 30 June 2019."""
    value = request.args.get(name)
    if not value:
        return None  # empty: the same as leaving the parameter out
    match = _DATE_BOUND.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)  # fromisoformat would also take "20190101" or "2019-W01"
        year, month, day = match.groups()
        if day is not None:
            return dt.date.fromisoformat(value)
        first_month, last_month = (int(month), int(month)) if month else (1, 12)
        if not end:
            return dt.date(int(year), first_month, 1)
        return dt.date(int(year), last_month, calendar.monthrange(int(year), last_month)[1])
    except ValueError:
        raise BadRequest(
            f"{name} must be a year (YYYY), a month (YYYY-MM) or an ISO date (YYYY-MM-DD), "
            f"got {value!r}"
        ) from None


def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    """One of ``allowed``; empty or absent is ``default``."""
    value = request.args.get(name) or default
    if value not in allowed:
        raise BadRequest(f"{name} must be {' or '.join(map(repr, allowed))}, got {value!r}")
    return value


def release_number(name: str = "release") -> int | None:
    value = request.args.get(name)
    if not value:
        return None
    if not _RELEASE.fullmatch(value):
        raise BadRequest(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def only(*allowed: str) -> None:
    """Refuse parameters outside ``allowed``; ``bom`` goes with ``format`` (it shapes the CSV)."""
    if "format" in allowed:
        allowed = (*allowed, "bom")
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        raise BadRequest(
            f"unknown parameter(s): {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
        )


def response_format(default: str = "json", allowed: tuple[str, ...] = FORMATS) -> str:
    fmt = request.args.get("format", default)
    if fmt not in allowed:
        names = ", ".join(repr(f) for f in allowed[:-1])
        raise BadRequest(f"format must be {names} or {allowed[-1]!r}, got {fmt!r}")
    return fmt


def excel_csv() -> bool:
    """``bom=1``: the CSV for Excel (byte-order mark, semicolons, decimal commas); ``0``, empty
    or absent: plain RFC 4180. Other formats are not affected."""
    return choice("bom", BOM, "0") == "1"


def lang() -> str:
    value = request.args.get("lang", "lv")
    if value not in {"lv", "en"}:
        raise BadRequest(f"lang must be 'lv' or 'en', got {value!r}")
    return value


def table_response(records: list[dict[str, Any]], columns: list[str], name: str) -> Response:
    """``records`` as JSON, or as CSV or XLSX with ``columns`` (``format=csv`` / ``xlsx``)."""
    return table_file(records, columns, response_format(), f"remigration-{name}")


def table_file(records: list[dict[str, Any]], columns: list[str], fmt: str, name: str) -> Response:
    """``records`` as ``fmt`` (json, csv or xlsx) named ``name``: the CSV for Excel with
    ``bom=1``, and a workbook with its licence sheet. Shared with the download routes."""
    excel = excel_csv()  # checked for every format: the document admits only 0 and 1
    if fmt == "json":
        return Response(to_json(records), mimetype="application/json")
    if fmt == "csv":
        body, mimetype = to_csv(records, columns, excel=excel), "text/csv"
        if excel:
            name += "-excel"
    else:
        licence = licence_lines(current_lang(), site_url())
        body, mimetype = to_xlsx(records, columns, licence), XLSX_MIMETYPE
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )
