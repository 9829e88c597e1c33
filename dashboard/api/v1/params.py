"""Query parameters of the open-data API, checked exactly as the OpenAPI document describes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import Response, request

from dashboard.exports import to_csv, to_json

_CODE_LIST = re.compile(r"[a-z0-9_]+(,[a-z0-9_]+)*")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_RELEASE = re.compile(r"[1-9][0-9]{0,8}")


class BadRequest(ValueError):
    """A parameter failed validation; the message is shown to the client."""


class NotFound(LookupError):
    """A well-formed parameter names something that does not exist (e.g. a release number)."""


def codes(name: str, allowed: set[str]) -> tuple[str, ...]:
    """The codes of a comma-separated (and repeatable) parameter, each one of ``allowed``."""
    raw = request.args.getlist(name)
    # Exactly what the OpenAPI document's pattern admits: codes joined by commas, or nothing
    # (the same as leaving the parameter out).
    malformed = [value for value in raw if value and not _CODE_LIST.fullmatch(value)]
    if malformed:
        raise BadRequest(
            f"{name} must be one or more codes separated by commas, got {malformed[0]!r}"
        )
    found = [c for value in raw for c in value.split(",") if c]
    unknown = sorted(set(found) - allowed)
    if unknown:
        raise BadRequest(
            f"unknown {name}: {', '.join(unknown)}; expected one or more of "
            f"{', '.join(sorted(allowed))}"
        )
    return tuple(dict.fromkeys(found))


def date(name: str) -> dt.date | None:
    value = request.args.get(name)
    if not value:
        return None  # empty: the same as leaving the parameter out
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)  # fromisoformat would also take "20190101" or "2019-W01"
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} must be an ISO date (YYYY-MM-DD), got {value!r}") from None


def release_number(name: str = "release") -> int | None:
    value = request.args.get(name)
    if not value:
        return None
    if not _RELEASE.fullmatch(value):
        raise BadRequest(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def only(*allowed: str) -> None:
    unknown = sorted(set(request.args) - set(allowed))
    if unknown:
        raise BadRequest(
            f"unknown parameter(s): {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
        )


def response_format(default: str = "json") -> str:
    fmt = request.args.get("format", default)
    if fmt not in {"json", "csv"}:
        raise BadRequest(f"format must be 'json' or 'csv', got {fmt!r}")
    return fmt


def lang() -> str:
    value = request.args.get("lang", "lv")
    if value not in {"lv", "en"}:
        raise BadRequest(f"lang must be 'lv' or 'en', got {value!r}")
    return value


def table_response(records: list[dict[str, Any]], columns: list[str], name: str) -> Response:
    """``records`` as JSON, or as CSV with ``columns`` when ``format=csv``."""
    if response_format() == "csv":
        return Response(
            to_csv(records, columns),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="remigration-{name}.csv"'},
        )
    return Response(to_json(records), mimetype="application/json")
