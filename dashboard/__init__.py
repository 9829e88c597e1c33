"""Remigration dashboard: a bilingual (LV/EN) Plotly Dash app for Latvia's remigration programme.

The package exposes :func:`create_app` so that tests, the CLI and gunicorn all build the
application the same way. Importing the package does no I/O and does not import Dash, which keeps
the CLI and Alembic quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dash import Dash

    from dashboard.config import Config


def create_app(config: Config | None = None) -> Dash:
    """Build the Dash app (and its Flask server) for ``config`` (default: from the environment)."""
    from dashboard.app import create_app as _create_app

    return _create_app(config)


__all__ = ["create_app"]
