"""What each Dash callback accepts as input, checked before Dash runs it.

Every ``/_dash-update-component`` POST is public input: a reader's browser sends what the page's
controls hold, but anyone can send anything. A callback that receives a number where it expects a
list, or a region that does not exist, must answer 400 with a message, not fail with a 500 or
draw a chart of nothing. So every input and state of every server-side callback is declared here
as a :class:`Rule`, keyed by ``"component-id.property"`` (for pattern-matching ids, by the id's
``type``), and :func:`problem` checks a request against them. A test checks that no callback of the
app has an undeclared input, so a new control cannot skip this.

Values are checked for their shape and, for the public pages' filters, against what exists
(region, metric and period codes, municipalities). Admin callbacks are checked for shape only:
their values go through the service layer, which validates them with field-level messages.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dash import Dash
from flask import g, jsonify, request

from dashboard import queries
from dashboard.components.contact_list import ALL as ALL_REGIONS
from dashboard.components.report_form import ANY
from dashboard.directory import SORT_KEYS
from dashboard.geo import DIVISIONS, boundaries
from dashboard.i18n.formatting import LANGS
from dashboard.queries import map_values
from dashboard.queries.series import GRANULARITIES
from dashboard.services.measures import MEASURE_FIELDS
from dashboard.services.reports import REPORT_FILTERS, REPORT_MAX_CHARS

MAX_INT = 2**31 - 1
MAX_TEXT = 2_000
MAX_ITEMS = 200  # pattern-matching inputs: one item per matching component on the page


@dataclass(frozen=True)
class Rule:
    """One accepted shape of value: ``accepts(value)`` is true for what the control can hold."""

    description: str
    accepts: Callable[[Any], bool]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def clicks() -> Rule:
    """``n_clicks``/``n_submit``: unset or a count."""
    return Rule("a click count", lambda v: v is None or (_is_int(v) and 0 <= v <= MAX_INT))


def whole_number(low: int = 0, high: int = MAX_INT, *, optional: bool = True) -> Rule:
    def accepts(v: Any) -> bool:
        return (optional and v is None) or (_is_int(v) and low <= v <= high)

    return Rule(f"a whole number from {low} to {high}", accepts)


def flag() -> Rule:
    return Rule("true or false", lambda v: v is None or isinstance(v, bool))


def text(max_len: int = MAX_TEXT, *, optional: bool = True) -> Rule:
    def accepts(v: Any) -> bool:
        return (optional and v is None) or (isinstance(v, str) and len(v) <= max_len)

    return Rule(f"text of at most {max_len} characters", accepts)


def page_path() -> Rule:
    """A path on this site, as Dash's router sends it (``/map``)."""
    return Rule(
        "a path starting with /",
        lambda v: isinstance(v, str) and v.startswith("/") and len(v) <= 2_048,
    )


def one_of(values: Callable[[], Iterable[str]], what: str, *, optional: bool = False) -> Rule:
    """A code from ``values()`` (looked up per request: releases add periods)."""
    return Rule(
        f"one {what}" + (" or nothing" if optional else ""),
        lambda v: (optional and v is None) or (isinstance(v, str) and v in set(values())),
    )


def some_of(values: Callable[[], Iterable[str]], what: str) -> Rule:
    """A list of distinct codes from ``values()`` (an empty list is a valid choice)."""

    def accepts(v: Any) -> bool:
        if v is None:
            return True
        if not isinstance(v, list) or len(v) > MAX_ITEMS:
            return False
        allowed = set(values())
        return all(isinstance(item, str) and item in allowed for item in v) and len(set(v)) == len(
            v
        )

    return Rule(f"a list of {what}", accepts)


def json_object(max_bytes: int = 20_000) -> Rule:
    """Plotly event data (``clickData``): an object of plain JSON, read defensively downstream."""

    def accepts(v: Any) -> bool:
        if v is None:
            return True
        if not isinstance(v, dict):
            return False
        points = v.get("points", [])
        if not isinstance(points, list) or not all(isinstance(p, dict) for p in points):
            return False
        return len(json.dumps(v)) <= max_bytes

    return Rule("Plotly event data", accepts)


def list_of(item: Rule, max_items: int = 500) -> Rule:
    return Rule(
        f"a list of {item.description}",
        lambda v: (
            v is None
            or (isinstance(v, list) and len(v) <= max_items and all(item.accepts(i) for i in v))
        ),
    )


# --- What exists (read per request through the cached query layer) -----------------------------


def _regions() -> list[str]:
    return [r["code"] for r in queries.regions()]


def _metrics() -> list[str]:
    return [m["code"] for m in queries.metrics()]


def _periods() -> list[str]:
    return [p["code"] for p in queries.periods()]


def _period_choices() -> list[str]:
    """The filter panels' "from"/"to" years (those of the views, and every year a published
    period touches: a page may default to its last), and the period codes of older links."""
    periods = queries.periods()
    spans = [(p["start_date"].year, p["end_date"].year) for p in periods]
    years = set(queries.view_years()) | {y for a, b in spans for y in range(a, b + 1)}
    return [*(str(y) for y in sorted(years)), *(p["code"] for p in periods)]


def _releases() -> list[int]:
    return [r["number"] for r in queries.releases()]


def _municipalities() -> list[str]:
    """Unit keys of both divisions ("2021:LV-016"), and bare 2009 codes (older links)."""
    bounds = boundaries()
    return [f["id"] for f in bounds.layer("2009")] + bounds.keys("2009") + bounds.keys("2021")


def _map_periods() -> list[str]:
    return [p.code for p in map_values.map_periods()]


def _langs() -> tuple[str, ...]:
    return tuple(LANGS)


def _with(extra: Iterable[str], values: Callable[[], Iterable[str]]) -> Callable[[], list[str]]:
    return lambda: [*extra, *values()]


LANG = one_of(_langs, "language code (lv, en)", optional=True)  # unset: the cookie decides
REGIONS = some_of(_regions, "region codes")
# Unset (None) is accepted wherever the page falls back to a default, as the callbacks do.
METRIC = one_of(_metrics, "metric code", optional=True)
PERIOD = one_of(_period_choices, "year or period code", optional=True)
GRANULARITY = one_of(lambda: GRANULARITIES, "granularity", optional=True)


def release_number() -> Rule:
    """A release that exists, or unset (the data in effect)."""
    return Rule(
        "a release number",
        lambda v: v is None or (_is_int(v) and v in _releases()),
    )


# None or "" (the map's Store holds "" when nothing is selected: a Store without data reports
# null when it mounts, which would run the map's callbacks on every load).
MUNICIPALITY = Rule(
    "one municipality code or nothing",
    lambda v: v is None or v == "" or (isinstance(v, str) and v in set(_municipalities())),
)
ADMIN_TABS = (
    "upload",
    "releases",
    "conflicts",
    "history",
    "reports",
    "contacts",
    "funding",
    "measures",
)

# "component-id.property" -> rule. Pattern-matching ids are keyed by their "type".
RULES: Mapping[str, Rule] = {
    # Every page: Dash's own page router.
    "_pages_location.pathname": page_path(),
    "_pages_location.search": text(2_048),
    # Overview filters.
    "filter-regions.value": REGIONS,
    "filter-metric.value": METRIC,
    "filter-period-from.value": PERIOD,
    "filter-period-to.value": PERIOD,
    "filter-per-month.value": flag(),
    "filter-granularity.value": GRANULARITY,
    "overview-lang.data": LANG,
    "overview-release.data": release_number(),
    # Map.
    "map-filter-metric.value": METRIC,
    "map-filter-period.value": one_of(_map_periods, "year of the map", optional=True),
    "map-division.value": one_of(lambda: DIVISIONS, "division (2009, 2021)", optional=True),
    "map-selected.data": MUNICIPALITY,
    "map-via.data": MUNICIPALITY,
    "map-lang.data": LANG,
    "map-search.value": text(100),  # the input's maxLength
    "map-search.n_submit": clicks(),
    "map-graph.clickData": json_object(),
    "map-order.data": list_of(one_of(_municipalities, "municipality code")),
    "map-result.n_clicks": clicks(),
    # Contacts.
    "contacts-search.value": text(200),  # the input's maxLength
    "contacts-region.value": one_of(
        _with([ALL_REGIONS], _regions), "region code or 'all'", optional=True
    ),
    "contacts-sort.value": one_of(lambda: SORT_KEYS, "sort order", optional=True),
    "contacts-lang.data": LANG,
    # Report a data problem (/data).
    "data-report-submit.n_clicks": clicks(),
    "data-report-region.value": one_of(
        _with([ANY], _regions), "region code or 'any'", optional=True
    ),
    "data-report-period.value": one_of(
        _with([ANY], _periods), "period code or 'any'", optional=True
    ),
    "data-report-metric.value": one_of(
        _with([ANY], _metrics), "metric code or 'any'", optional=True
    ),
    "data-report-message.value": text(),
    "data-report-email.value": text(254),
    "data-lang.data": LANG,
    "data-availability-measure.value": text(200),  # checked against the matrices on use
    # Admin (shapes only; the service layer validates the values).
    "admin-upload.contents": text(16 * 1024 * 1024),
    "admin-upload.filename": text(1_000),
    "admin-replace.value": flag(),
    "admin-lang.data": LANG,
    "admin-publish.n_clicks": clicks(),
    "admin-upload-id.data": whole_number(1),
    "admin-refresh.data": whole_number(),
    "admin-rollback.n_clicks": clicks(),
    "admin-rollback-confirm.n_clicks": clicks(),
    "admin-rollback-pending.data": whole_number(1),
    "admin-prefer.n_clicks": clicks(),
    "admin-prefer-rule.n_clicks": clicks(),
    "admin-report-resolve.n_clicks": clicks(),
    "admin-report-note.value": text(REPORT_MAX_CHARS),  # the field's maxLength
    "admin-reports-filter.value": one_of(lambda: REPORT_FILTERS, "report list", optional=True),
    "admin-active-tab.data": one_of(lambda: ADMIN_TABS, "admin tab", optional=True),
    "admin-contact-select.value": text(64),
    "admin-contact-save.n_clicks": clicks(),
    "admin-contact-verify.n_clicks": clicks(),
    **{
        f"admin-contact-{field}.value": text()
        for field in (
            "name",
            "role_lv",
            "role_en",
            "organisation",
            "email",
            "phone",
            "note",
            "region",
            "municipality",
        )
    },
    "admin-contact-active.value": flag(),
    "admin-funding-select.value": text(64),
    "admin-funding-save.n_clicks": clicks(),
    **{
        f"admin-funding-{field}.value": text()
        for field in ("title_lv", "title_en", "amount", "share", "note")
    },
    "admin-measure-select.value": text(64),
    "admin-measure-save.n_clicks": clicks(),
    **{
        f"admin-measure-{field}.value": text(4_000 if field.startswith("definition") else 200)
        for field in MEASURE_FIELDS
    },
}

# Pattern-matching ids: type -> the rule for each of the id's other keys.
ID_RULES: Mapping[str, Mapping[str, Rule]] = {
    "map-result": {"code": one_of(_municipalities, "municipality code")},
    "admin-rollback": {"number": whole_number(1, optional=False)},
    "admin-prefer": {"observation": whole_number(1, optional=False)},
    "admin-prefer-rule": {"observation": whole_number(1, optional=False)},
    "admin-report-resolve": {"report": whole_number(1, optional=False)},
    "admin-report-note": {"report": whole_number(1, optional=False)},
    "admin-tab": {"tab": one_of(lambda: ADMIN_TABS, "admin tab")},
}


def rule_key(ident: Any, prop: str) -> str | None:
    """The :data:`RULES` key of a component property (``None`` for a malformed id)."""
    if isinstance(ident, str):
        return f"{ident}.{prop}"
    if isinstance(ident, dict) and isinstance(ident.get("type"), str):
        return f"{ident['type']}.{prop}"
    return None


def _id_problem(ident: Any) -> str | None:
    if isinstance(ident, str):
        return None
    rules = ID_RULES.get(ident.get("type")) if isinstance(ident, dict) else None
    if rules is None or set(ident) != {"type", *rules}:
        return "unknown component id"
    for key, rule in rules.items():
        if not rule.accepts(ident[key]):
            return f"id field {key!r} must be {rule.description}"
    return None


def _item_problem(item: Any) -> str | None:
    if not isinstance(item, dict) or not isinstance(item.get("property"), str):
        return "each input must be an object with an id and a property"
    ident, prop = item.get("id"), item["property"]
    key = rule_key(ident, prop)
    rule = RULES.get(key or "")
    if rule is None:
        return f"unknown input {key or ident!r}"
    where = key
    problem = _id_problem(ident)
    if problem:
        return f"{where}: {problem}"
    if not rule.accepts(item.get("value")):
        return f"{where} must be {rule.description}"
    return None


def problem(body: Mapping[str, Any]) -> str | None:
    """Why this callback request is refused, or ``None`` when every value is acceptable.

    ``body`` is the JSON dash-renderer posts; the number of inputs and state has already been
    checked against the callback (``app._reject_unknown_callbacks``).
    """
    for field in ("inputs", "state"):
        for item in body.get(field) or []:
            # A pattern-matching input (ALL) arrives as a list of items, one per component.
            items = item if isinstance(item, list) else [item]
            if len(items) > MAX_ITEMS:
                return "too many components in one input"
            for each in items:
                reason = _item_problem(each)
                if reason:
                    return reason
    return None


def canonical(body: Mapping[str, Any]) -> str:
    """The request's meaning as one string: output and every (id, property, value), in order.

    Two requests that differ only in formatting, key order or fields Dash does not use for these
    callbacks (``changedPropIds`` and the like) have the same canonical form, so the response
    cache keeps one entry for them.
    """

    def items(field: str) -> list[Any]:
        out = []
        for item in body.get(field) or []:
            group = item if isinstance(item, list) else [item]
            out.append([[i.get("id"), i.get("property"), i.get("value")] for i in group])
        return out

    return json.dumps(
        [body.get("output"), items("inputs"), items("state")],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def init_app(app: Dash) -> None:
    """Answer 400, not 500, when a callback request is not one the app's pages could send.

    Dash looks the requested output up in ``callback_map`` without a default, so a hand-made
    body (or one naming a client-side callback, which ``/_dash-dependencies`` also lists) would
    raise ``KeyError`` inside Dash, and one with too few inputs an ``IndexError``; a value of
    the wrong type or an unknown code would reach the callback itself. The accepted request's
    canonical form is left in ``g`` for the response cache's key, so this must be registered
    before ``web.response_cache``.
    """

    @app.server.before_request
    def check_callback_request() -> Any:
        if request.method != "POST" or not request.path.endswith("/_dash-update-component"):
            return None
        body = request.get_json(silent=True)
        output = body.get("output") if isinstance(body, dict) else None
        # Client-side callbacks are in the map too, but without a server function.
        if not isinstance(output, str) or "callback" not in app.callback_map.get(output, {}):
            return jsonify(error="bad_request", message="Unknown callback output"), 400
        entry = app.callback_map[output]
        for field, declared in (("inputs", entry["inputs"]), ("state", entry["state"])):
            sent = body.get(field, [])
            if not isinstance(sent, list) or len(sent) != len(declared):
                message = f"The callback takes {len(declared)} {field}"
                return jsonify(error="bad_request", message=message), 400
        reason = problem(body)
        if reason is not None:
            return jsonify(error="bad_request", message=reason), 400
        g.callback_request = canonical(body)
        return None
