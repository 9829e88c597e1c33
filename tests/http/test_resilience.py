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
        response = client.get("/api/v1/observations?format=json")
    assert response.status_code == 200
    served = {(r["period"], r["region"], r["metric"]): r["value"] for r in response.get_json()}
    assert served == seed_values
    assert "cache get failed; serving uncached" in caplog.text


def test_pages_render_when_redis_is_down(make_app, config):
    app = make_app(dataclasses.replace(config, redis_url=DEAD_REDIS))
    client = app.server.test_client()
    for path in ("/", "/map", "/contacts", "/funding", "/data", "/embed/overview"):
        assert client.get(path).status_code == 200, path
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


def test_sign_in_works_when_the_rate_limit_store_is_down(make_app, config, accounts):
    app = make_app(dataclasses.replace(config, redis_url=DEAD_REDIS))
    response = login(fresh_client(app), "ada", ADMIN_PASSWORD)
    assert response.status_code == 302
