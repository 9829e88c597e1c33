"""The site keeps answering when a backing service fails.

Redis is a cache and a rate-limit store, never the source of truth: with Redis unreachable,
pages, callbacks and the API must serve the same numbers (uncached) and sign-in must still work.
The unreachable Redis is a closed local port, so this runs anywhere.
"""

from __future__ import annotations

import dataclasses
import logging

from support import ADMIN_PASSWORD, fresh_client, login

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_api_serves_uncached_when_redis_is_down(make_app, config, seed_values, caplog):
    app = make_app(dataclasses.replace(config, redis_url=DEAD_REDIS))
    client = app.server.test_client()
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            response = client.get("/api/v1/observations?format=json")
            assert response.status_code == 200
            served = {(r["period"], r["region"], r["metric"]): r["value"] for r in response.json}
            assert served == seed_values
    outage = [r for r in caplog.records if r.name == "dashboard.web.shared_cache"]
    assert len(outage) == 1, [r.getMessage() for r in outage]  # logged once, not per request
    assert "cache unreachable (" in outage[0].getMessage()
    assert outage[0].exc_info is None  # no traceback per outage either


def test_pages_render_when_redis_is_down(make_app, config):
    app = make_app(dataclasses.replace(config, redis_url=DEAD_REDIS))
    client = app.server.test_client()
    for path in ("/", "/map", "/contacts", "/funding", "/data", "/embed/overview"):
        assert client.get(path).status_code == 200, path
    health = client.get("/healthz")
    assert health.status_code == 200  # slower without a cache, not broken
    assert health.get_json() == {"status": "ok", "database": "ok", "cache": "unreachable"}


def test_sign_in_works_when_the_rate_limit_store_is_down(make_app, config, accounts):
    app = make_app(dataclasses.replace(config, redis_url=DEAD_REDIS))
    response = login(fresh_client(app), "ada", ADMIN_PASSWORD)
    assert response.status_code == 302
