"""Placeholder: filled in by the feed work (issue 15)."""

from __future__ import annotations

from typing import Any


def openapi_paths() -> dict[str, Any]:
    """This module's entries in the OpenAPI document's ``paths``."""
    return {}
