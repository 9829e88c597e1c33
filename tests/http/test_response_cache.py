"""The whole-response cache of the public chart callbacks (``dashboard/response_cache.py``).

A cached answer must be byte-for-byte what Dash would send, per content encoding and language,
must never outlive the data it was drawn from, and must never cover a signed-in user's callback.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

import brotli
import pytest
from support import dash_outputs, fresh_client, quarter_csv

from dashboard import services
from dashboard.web.response_cache import (
    EXTENSION_KEY,
    PUBLIC_READ_OUTPUTS,
    ResponseStore,
    is_public_read,
    output_parts,
)

ADMIN = services.Actor("cache-test", "admin")
REGIONS = ["kurzeme", "latgale", "riga", "vidzeme", "zemgale"]


def _overview_body(client: Any, metric: str = "people_returned", lang: str = "lv") -> str:
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if "regions-chart-graph.figure" in d["output"])
    values = {
        "filter-regions": REGIONS,
        "filter-metric": metric,
        "filter-period-from": "2018-03..2018-12",
        "filter-period-to": "2020-01..2020-06",
        "filter-per-month": False,
        "filter-granularity": "year",
        "overview-lang": lang,
        "overview-release": None,
    }
    return json.dumps(
        {
            "output": dep["output"],
            "outputs": dash_outputs(dep["output"]),
            "inputs": [{**i, "value": values[i["id"]]} for i in dep["inputs"]],
            "state": [{**s, "value": values[s["id"]]} for s in dep["state"]],
            "changedPropIds": ["filter-metric.value"],
        }
    )


def get_store_of(app: Any) -> ResponseStore:
    return app.server.extensions[EXTENSION_KEY]


def _post(client: Any, body: str, encoding: str = "identity") -> Any:
    return client.post(
        "/_dash-update-component",
        data=body,
        content_type="application/json",
        headers={"Accept-Encoding": encoding},
    )


def _json(response: Any) -> dict[str, Any]:
    raw = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        raw = brotli.decompress(raw)
    elif encoding == "gzip":
        raw = gzip.decompress(raw)
    return json.loads(raw)


def test_a_repeated_request_is_answered_from_the_cache_with_the_same_bytes(app):
    client = fresh_client(app)
    body = _overview_body(client)
    first = _post(client, body, "gzip, deflate, br, zstd")
    second = _post(client, body, "gzip, deflate, br, zstd")
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Cache"] == "miss" and second.headers["X-Cache"] == "hit"
    assert first.headers["Content-Encoding"] == second.headers["Content-Encoding"] == "br"
    assert second.get_data() == first.get_data()
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert "Accept-Encoding" in second.headers["Vary"]
    figure = _json(second)["response"]["regions-chart-graph"]["figure"]
    assert {t["name"] for t in figure["data"]} >= {"Kurzeme", "Latgale"}
    # The page's security headers are still added to cached answers.
    assert second.headers["X-Content-Type-Options"] == "nosniff"


def test_each_encoding_and_each_filter_gets_its_own_entry(app):
    client = fresh_client(app)
    body = _overview_body(client)
    brotli_answer = _post(client, body, "br")
    gzip_answer = _post(client, body, "gzip")
    plain = _post(client, body)
    assert [r.headers["X-Cache"] for r in (brotli_answer, gzip_answer, plain)] == ["miss"] * 3
    assert gzip_answer.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert _json(brotli_answer) == _json(gzip_answer) == _json(plain)
    other = _post(client, _overview_body(client, metric="offers_prepared"))
    assert other.headers["X-Cache"] == "miss"
    assert _json(other) != _json(plain)


def test_the_language_cookie_is_part_of_the_key(app):
    lv, en = fresh_client(app), fresh_client(app)
    en.set_cookie("lang", "en")
    body = _overview_body(lv, lang=None)  # no language in the request: the cookie decides
    assert _post(lv, body).headers["X-Cache"] == "miss"
    answer = _post(en, body)
    assert answer.headers["X-Cache"] == "miss"
    titles = _json(answer)["response"]["regions-chart-title"]["children"]
    assert "People returned" in titles


def test_publishing_a_release_retires_cached_answers(app, mutable_db):
    client = fresh_client(app)
    body = _overview_body(client)
    before = _post(client, body)
    assert _post(client, body).headers["X-Cache"] == "hit"
    with app.server.app_context():
        upload, report = services.stage_upload(ADMIN, quarter_csv(), "q.csv")
        assert report.ok and upload is not None
        release = services.publish_upload(ADMIN, upload.id)
    after = _post(client, body)
    assert after.headers["X-Cache"] == "miss"
    text = json.dumps(_json(after), ensure_ascii=False)
    assert f"laidiens Nr. {release.number}," in text
    assert f"laidiens Nr. {release.number}," not in json.dumps(_json(before), ensure_ascii=False)


def test_errors_are_not_cached(app):
    client = fresh_client(app)
    body = json.loads(_overview_body(client))
    body["inputs"] = body["inputs"][:2]  # a malformed request
    text = json.dumps(body)
    refused = _post(client, text)
    assert refused.status_code == 400, refused.get_data(as_text=True)
    assert "takes 6 inputs" in refused.get_json()["message"]
    assert "X-Cache" not in _post(client, text).headers


def test_the_cached_outputs_exist_and_none_belongs_to_the_admin_area(app):
    client = fresh_client(app)
    deps = client.get("/_dash-dependencies").get_json()
    outputs = set().union(*(output_parts(d["output"]) for d in deps))
    assert outputs >= PUBLIC_READ_OUTPUTS, PUBLIC_READ_OUTPUTS - outputs
    for dep in deps:
        parts = output_parts(dep["output"])
        if any(p.startswith(("admin-", "login-")) for p in parts):
            assert not is_public_read(dep["output"]), dep["output"]


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("map-graph.figure", True),
        ("..map-title.children...map-graph.figure..", True),
        ("..headline-cards.children...regions-chart-graph.figure..", True),
        ("xmap-graph.figure", False),
        ("admin-upload-report.children", False),
        (None, False),
        (["map-graph.figure"], False),
    ],
)
def test_is_public_read(output, expected):
    assert is_public_read(output) is expected


def test_requests_that_mean_the_same_share_one_entry(app):
    client = fresh_client(app)
    body = json.loads(_overview_body(client))
    assert _post(client, json.dumps(body)).headers["X-Cache"] == "miss"
    reordered = json.dumps(dict(reversed(list(body.items()))), indent=2)
    assert _post(client, reordered).headers["X-Cache"] == "hit"
    assert _post(client, json.dumps({**body, "changedPropIds": []})).headers["X-Cache"] == "hit"
    assert _post(client, json.dumps(body), "gzip, br").headers["X-Cache"] == "miss"
    assert _post(client, json.dumps(body), "br;q=1.0, gzip;q=0.5").headers["X-Cache"] == "hit"
    assert len(get_store_of(app)) == 2


def test_refused_requests_are_never_stored(app):
    client = fresh_client(app)
    body = json.loads(_overview_body(client))
    body["inputs"][1]["value"] = "no-such-metric"
    for _ in range(3):
        assert _post(client, json.dumps(body)).status_code == 400
    assert len(get_store_of(app)) == 0


def test_the_cache_is_bounded_and_forgets_the_least_recently_used(make_app, config):
    config.response_cache_max_bytes = 12_000  # room for two compressed overviews (~5 kB each)
    app = make_app(config)
    client = fresh_client(app)
    store = get_store_of(app)
    metrics = ["families_returned", "people_returned", "offers_prepared"]
    sizes = []
    for metric in metrics:
        for lang in ("lv", "en"):
            assert _post(client, _overview_body(client, metric, lang), "br").status_code == 200
            sizes.append(store.size)
    assert store.max_bytes == 12_000
    assert max(sizes) <= 12_000
    assert 1 <= len(store) < len(metrics) * 2  # something was forgotten to stay in bounds
    # The newest entry is still there, the oldest is not.
    newest = _overview_body(client, metrics[-1], "en")
    assert _post(client, newest, "br").headers["X-Cache"] == "hit"
    assert (
        _post(client, _overview_body(client, metrics[0], "lv"), "br").headers["X-Cache"] == "miss"
    )


def test_response_store_evicts_least_recently_used_first():
    store = ResponseStore(max_bytes=10)
    assert store.put("a", b"1234", {}) and store.put("b", b"1234", {})
    assert store.get("a") is not None  # "a" is now the most recently used
    store.put("c", b"1234", {})
    assert store.get("b") is None and store.get("a") is not None and store.get("c") is not None
    assert store.size == 8
    assert not store.put("huge", b"x" * 11, {})  # larger than the whole store: not kept
    assert store.put("a", b"123456", {}) and store.size == 10


def test_an_exact_repeat_is_answered_before_the_request_is_checked_again(app, monkeypatch):
    """The check of a callback request reads every code it may name; a request whose exact
    bytes were checked and answered under this data version is answered without it."""
    from dashboard.web import callback_inputs

    checked: list[Any] = []
    real_problem = callback_inputs.problem
    monkeypatch.setattr(
        callback_inputs, "problem", lambda body: checked.append(body) or real_problem(body)
    )
    client = fresh_client(app)
    body = _overview_body(client)
    first = _post(client, body, "br")
    assert first.headers["X-Cache"] == "miss" and len(checked) == 1
    again = _post(client, body, "br")
    assert again.headers["X-Cache"] == "hit" and len(checked) == 1  # not checked again
    assert again.get_data() == first.get_data()
    # The same meaning in other bytes is checked once, then it too is an exact repeat.
    spaced = json.dumps(json.loads(body), indent=1)
    assert _post(client, spaced, "br").headers["X-Cache"] == "hit" and len(checked) == 2
    assert _post(client, spaced, "br").headers["X-Cache"] == "hit" and len(checked) == 2
    # Another encoding is another answer: checked, computed, stored.
    assert _post(client, body, "gzip").headers["X-Cache"] == "miss" and len(checked) == 3
    assert len(get_store_of(app)) == 2 and len(get_store_of(app).aliases) == 3


def test_refused_bytes_are_never_remembered_as_a_repeat(app):
    client = fresh_client(app)
    body = json.loads(_overview_body(client))
    body["inputs"][1]["value"] = "no-such-metric"
    for _ in range(3):
        answer = _post(client, json.dumps(body))
        assert answer.status_code == 400 and "X-Cache" not in answer.headers
    assert len(get_store_of(app).aliases) == 0


def test_aliases_are_bounded_and_an_evicted_entry_is_a_miss():
    store = ResponseStore(max_bytes=10)
    store.put("k1", b"12345", {})
    store.alias("exact-1", "k1")
    assert store.get_alias("exact-1") == (b"12345", {})
    store.put("k2", b"678901", {})  # evicts k1 (11 bytes > 10)
    assert store.get_alias("exact-1") is None
    for i in range(10_005):
        store.alias(f"exact-{i}", "k2")
    assert len(store.aliases) == 10_000 and "exact-0" not in store.aliases
    store.clear()
    assert len(store.aliases) == 0 and len(store) == 0
