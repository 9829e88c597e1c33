"""Property-based check that ``/api/v1`` behaves exactly as its OpenAPI document says.

Schemathesis reads ``/api/v1/openapi.json`` from the app itself and generates requests for every
operation, valid and invalid; every response must be a non-500 whose status code, content type,
headers and body match the document. The app is driven in-process through WSGI, so the check is
quick enough to run with the rest of the suite. (Schemathesis' own pytest plugin does not run
under pytest 9, so the operations are driven through Hypothesis directly.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

# Ask for uncompressed bodies: Schemathesis' WSGI client does not decode brotli/gzip (the
# compression itself is tested in test_compression.py).
IDENTITY = {"Accept-Encoding": "identity"}

OPERATIONS = [
    "GET /api/v1/observations",
    "GET /api/v1/releases",
    "GET /api/v1/regions",
    "GET /api/v1/metrics",
    "GET /api/v1/contacts",
    "GET /api/v1/funding",
]  # /api/v1/openapi.json is described too; Schemathesis leaves the schema's own URL out.


def _operations(app) -> dict:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app.server)
    return {op.label: op for op in (result.ok() for result in schema.get_all_operations())}


def test_every_api_operation_is_described(app):
    assert sorted(_operations(app)) == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_matches_its_openapi_document(app, label):
    operation = _operations(app)[label]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case) -> None:
        query = case.query or {}
        if query.get("from") and query.get("to") and str(query["from"]) > str(query["to"]):
            # A reversed range is valid per parameter but not together, which OpenAPI cannot
            # say; the API answers 400 with a message rather than an empty list.
            response = case.call(headers=IDENTITY)
            assert response.status_code == 400, response.text
            assert response.json()["message"] == "from must not be after to"
            return
        case.call_and_validate(headers=IDENTITY)

    check()
