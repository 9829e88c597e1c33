"""No input makes the app answer 5xx: wrong-typed callback values, odd characters in URLs.

Hypothesis generates wrong-typed and unknown values for every input and state of every
registered server-side callback (public ones anonymously, admin ones as a signed-in admin with
its CSRF token) and odd values for every URL parameter the pages, downloads and API read. Each
answer must be below 500; public callbacks must answer 200/204 for what their controls can hold
and 400 for anything else (``dashboard/callback_inputs.py``).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import csrf_cookie, dash_outputs, fresh_client, login

from dashboard.web.callback_inputs import ID_RULES, RULES, rule_key

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: a red CI run can be reproduced
)

NASTY_TEXT = [
    "",
    "²",
    "١٢",
    "\x00",
    "\r\nX-Injected: 1",
    "../../etc/passwd",
    "%C2%B2",
    "%00",
    '<img src=x onerror="alert(1)"',
    '=HYPERLINK("http://evil.example")',
    "1e400",
    "NaN",
    "-0",
    "9" * 40,
    "ā" * 3000,
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(NASTY_TEXT),
)
odd_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=6), inner, max_size=3),
    ),
    max_leaves=8,
)

# What each control holds on a first visit (plausible, valid values).
VALID = {
    "filter-regions.value": ["kurzeme", "latgale"],
    "filter-metric.value": "families_returned",
    "filter-period-from.value": "2018-03..2018-12",
    "filter-period-to.value": "2020-01..2020-06",
    "filter-per-month.value": False,
    "overview-lang.data": "lv",
    "map-filter-metric.value": "people_returned",
    "map-filter-period.value": "2019",
    "map-division.value": "2009",
    "map-selected.data": "2009:LV-083",
    "map-lang.data": "en",
    "map-search.value": "rund",
    "map-search.n_submit": 1,
    "map-graph.clickData": {"points": [{"customdata": "2009:LV-083", "curveNumber": 3}]},
    "map-order.data": ["2009:LV-083"],
    "contacts-search.value": "olga",
    "contacts-region.value": "latgale",
    "contacts-sort.value": "verified",
    "contacts-lang.data": "en",
    "data-report-submit.n_clicks": None,
    "data-report-region.value": "any",
    "data-report-period.value": "any",
    "data-report-metric.value": "any",
    "data-report-message.value": "",
    "data-report-email.value": "",
    "data-lang.data": "lv",
    "_pages_location.pathname": "/",
    "_pages_location.search": "",
    "admin-lang.data": "en",
    "admin-refresh.data": 0,
    "admin-active-tab.data": "history",
    "admin-reports-filter.value": "open",
}
PATTERN_ITEMS = {
    "map-result": [{"id": {"type": "map-result", "code": "2009:LV-083"}, "value": None}],
    "admin-rollback": [{"id": {"type": "admin-rollback", "number": 1}, "value": None}],
    "admin-prefer": [{"id": {"type": "admin-prefer", "observation": 1}, "value": None}],
    "admin-prefer-rule": [{"id": {"type": "admin-prefer-rule", "observation": 1}, "value": None}],
    "admin-report-resolve": [{"id": {"type": "admin-report-resolve", "report": 1}, "value": None}],
    "admin-report-note": [{"id": {"type": "admin-report-note", "report": 1}, "value": "Fixed."}],
}


def _server_callbacks(client: Any) -> list[dict[str, Any]]:
    deps = client.get("/_dash-dependencies").get_json()
    return [d for d in deps if not d.get("clientside_function")]


def _is_admin(dep: dict[str, Any]) -> bool:
    return "admin-" in dep["output"]


def _item(spec: dict[str, Any]) -> Any:
    if spec["id"].startswith("{"):
        kind = json.loads(spec["id"])["type"]
        return [{**i, "property": spec["property"]} for i in PATTERN_ITEMS[kind]]
    return {**spec, "value": VALID.get(f"{spec['id']}.{spec['property']}")}


def _body(dep: dict[str, Any]) -> dict[str, Any]:
    return {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [_item(s) for s in dep["inputs"]],
        "state": [_item(s) for s in dep["state"]],
        "changedPropIds": [],
    }


def _post(client: Any, body: Any, headers: dict[str, str] | None = None) -> Any:
    return client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers or {},
    )


@pytest.fixture
def server_errors_as_responses(app: Any) -> Any:
    """A bug must show up as a 500 answer (the test client would otherwise raise it)."""
    app.server.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def test_every_callback_input_has_a_declared_rule(client):
    missing = []
    for dep in _server_callbacks(client):
        for spec in dep["inputs"] + dep["state"]:
            ident = json.loads(spec["id"]) if spec["id"].startswith("{") else spec["id"]
            key = rule_key(ident, spec["property"])
            if key not in RULES:
                missing.append(key)
            if isinstance(ident, dict) and ident["type"] not in ID_RULES:
                missing.append(f"id type {ident['type']}")
    assert missing == []


def test_the_valid_values_used_below_are_accepted(server_errors_as_responses):
    client = fresh_client(server_errors_as_responses)
    for dep in _server_callbacks(client):
        if _is_admin(dep):
            continue
        response = _post(client, _body(dep))
        assert response.status_code in (200, 204), (dep["output"], response.get_data()[:300])


@FUZZ
@given(data=st.data())
def test_public_callbacks_answer_400_not_500_for_odd_values(server_errors_as_responses, data):
    client = fresh_client(server_errors_as_responses)
    deps = [d for d in _server_callbacks(client) if not _is_admin(d)]
    dep = data.draw(st.sampled_from(deps), label="callback")
    body = _body(dep)
    fields = [(f, i) for f in ("inputs", "state") for i in range(len(body[f]))]
    field, index = data.draw(st.sampled_from(fields), label="input")
    value = data.draw(odd_values, label="value")
    target = body[field][index]
    if isinstance(target, list):  # a pattern-matching input: vary an item's value or its id
        part = data.draw(st.sampled_from(["value", "id"]), label="part")
        target[0][part] = value if part == "value" else {**target[0]["id"], "code": value}
    else:
        target["value"] = value
    response = _post(client, body)
    assert response.status_code in (200, 204, 400), (dep["output"], field, index, value)
    if response.status_code == 400:
        assert response.get_json()["error"] == "bad_request"


@FUZZ
@given(data=st.data())
def test_admin_callbacks_never_answer_500_to_a_signed_in_admin(
    server_errors_as_responses, accounts, data
):
    client = fresh_client(server_errors_as_responses)
    login(client, "ada", accounts["ada"])
    headers = {"X-CSRFToken": csrf_cookie(client)}
    deps = [d for d in _server_callbacks(client) if _is_admin(d)]
    dep = data.draw(st.sampled_from(deps), label="callback")
    body = _body(dep)
    fields = [(f, i) for f in ("inputs", "state") for i in range(len(body[f]))]
    field, index = data.draw(st.sampled_from(fields), label="input")
    value = data.draw(odd_values, label="value")
    target = body[field][index]
    if isinstance(target, list):
        target[0]["value"] = value
    else:
        target["value"] = value
    response = _post(client, body, headers)
    assert response.status_code < 500, (dep["output"], field, index, value)


@FUZZ
@given(body=odd_values)
def test_malformed_callback_bodies_answer_400(server_errors_as_responses, body):
    response = _post(fresh_client(server_errors_as_responses), body)
    assert response.status_code == 400


# --- URL parameters --------------------------------------------------------------------------

PAGE_PARAMS = ("lang", "regions", "metric", "from", "to", "per_month", "m", "q", "region", "sort")
PAGES = ("/", "/map", "/contacts", "/funding", "/data", "/about", "/accessibility", "/embed/map")
DOWNLOADS_AND_API = (
    "/download/observations.csv",
    "/download/observations.xlsx",
    "/download/funding.csv",
    "/api/v1/observations",
    "/api/v1/releases",
    "/api/v1/contacts",
    "/login",
)
DOWNLOAD_PARAMS = ("scope", "release", "code", "format", "region", "metric", "from", "to", "next")
url_text = st.one_of(st.text(max_size=30), st.sampled_from(NASTY_TEXT))


def _query(params: dict[str, str]) -> str:
    return urlencode({k: v.encode("utf-8", "surrogatepass") for k, v in params.items()})


@FUZZ
@given(
    path=st.sampled_from(PAGES),
    params=st.dictionaries(
        st.sampled_from(PAGE_PARAMS) | st.text(max_size=8), url_text, max_size=4
    ),
)
def test_pages_with_odd_query_parameters_never_answer_500(server_errors_as_responses, path, params):
    client = fresh_client(server_errors_as_responses)
    query = _query(params)
    assert client.get(f"{path}?{query}").status_code < 500
    # The page's content is drawn by Dash's router callback from the same query string.
    dep = next(d for d in _server_callbacks(client) if "_pages_content" in d["output"])
    body = _body(dep)
    body["inputs"][0]["value"] = path
    body["inputs"][1]["value"] = f"?{query}"[:2048]
    response = _post(client, body)
    assert response.status_code in (200, 204), (path, params, response.get_data()[:300])


@FUZZ
@given(
    path=st.sampled_from(DOWNLOADS_AND_API),
    params=st.dictionaries(st.sampled_from(DOWNLOAD_PARAMS), url_text, max_size=4),
)
def test_downloads_api_and_login_with_odd_parameters_never_answer_500(
    server_errors_as_responses, path, params
):
    response = fresh_client(server_errors_as_responses).get(f"{path}?{_query(params)}")
    assert response.status_code < 500, (path, params)


@FUZZ
@given(segment=url_text)
def test_odd_path_segments_never_answer_500(server_errors_as_responses, segment):
    client = fresh_client(server_errors_as_responses)
    part = quote(segment.encode("utf-8", "surrogatepass"), safe="")
    for path in (
        f"/download/contact/{part}.vcf",
        f"/download/template/{part}",
        f"/embed/{part}",
        f"/{part}",
        f"/admin/api/uploads/{part}/file",
    ):
        assert client.get(path).status_code < 500, path


@pytest.mark.parametrize(
    "url",
    [
        "/download/observations.csv?release=%C2%B2",
        "/download/observations.csv?release=99999999999999999999",
        "/download/observations.csv?release=0",
    ],
)
def test_a_release_that_is_not_a_release_number_is_not_found(server_errors_as_responses, url):
    assert fresh_client(server_errors_as_responses).get(url).status_code == 404


def test_identifiers_beyond_the_database_range_are_not_found(server_errors_as_responses, accounts):
    client = fresh_client(server_errors_as_responses)
    auth = {"Authorization": f"Bearer {accounts['ada_token']}"}
    huge = 2**63 + 1
    assert client.get(f"/admin/api/uploads/{huge}/file", headers=auth).status_code == 404
    assert client.post(f"/admin/api/uploads/{huge}/publish", headers=auth).status_code == 404
    assert client.post(f"/admin/api/releases/{huge}/rollback", headers=auth).status_code == 404
