"""JSON-stat 2.0 (the format of Latvia's official statistics portal) of the tidy dataset.

Placeholder signature wired into ``/api/v1/observations?format=jsonstat``; the builder is being
written (issue 15).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

# What the API promises a JSON-stat answer is (the OpenAPI document's schema for it).
JSONSTAT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "class", "id", "size", "dimension", "value"],
}


def jsonstat_dataset(
    records: Sequence[dict[str, Any]],
    measures: Sequence[dict[str, Any]],
    lang: str,
    *,
    updated: dt.datetime | None,
    href: str,
) -> dict[str, Any]:
    raise NotImplementedError
