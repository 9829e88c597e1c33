"""Every request leaves one JSON log line with its timing (and never the query string)."""

from __future__ import annotations

import json
import logging


def test_each_request_is_logged_as_json_with_timing(client, caplog):
    with caplog.at_level(logging.INFO, logger="dashboard.request"):
        client.get("/api/v1/regions?format=json")
        client.get("/contacts?q=private+search")
        client.get("/no-such-page")
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "dashboard.request"]
    assert [(x["method"], x["path"], x["status"]) for x in lines] == [
        ("GET", "/api/v1/regions", 200),
        ("GET", "/contacts", 200),
        ("GET", "/no-such-page", 404),
    ]
    assert all(isinstance(x["ms"], float) and x["ms"] >= 0 for x in lines)
    assert lines[0]["bytes"] > 0
    assert "private" not in caplog.text
