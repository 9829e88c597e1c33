"""The ``remigration`` command: one click group, its commands grouped by job.

``server`` (init-db, serve), ``data`` (import, export, bench-data, purge-report-emails),
``accounts`` (users and API tokens) and ``measures`` (the measures registry). Every command
builds what it needs from ``Config.from_env()`` when it runs; importing this package does no I/O.
"""

from __future__ import annotations

import click

from dashboard.config import Config


@click.group(help="Remigration dashboard administration.")
def main() -> None:
    pass


def _database(config: Config):
    from dashboard.db.session import Database

    return Database(config)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _app_context():
    """An app context for commands that use the service layer (config from the environment)."""
    from dashboard import create_app

    return create_app(Config.from_env()).server.app_context()


# The commands register themselves on ``main`` when their modules are imported.
from dashboard.cli import accounts, data, measures, server  # noqa: E402

__all__ = ["accounts", "data", "main", "measures", "server"]
