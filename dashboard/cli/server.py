"""``remigration init-db`` and ``remigration serve``."""

from __future__ import annotations

import sys

import click

from dashboard.cli import _database, _safe_url, main
from dashboard.config import Config


@main.command("init-db")
@click.option(
    "--seed-only",
    is_flag=True,
    help="Load the seed but not the dossier of published figures (data/seed/dossier).",
)
def init_db_command(seed_only: bool) -> None:
    """Create or migrate the database named by DATABASE_URL and load missing seed rows, then
    the dossier of published figures."""
    from dashboard.db.migrate import init_db
    from dashboard.db.seed import SeedError

    config = Config.from_env()
    db = _database(config)
    try:
        report = init_db(db, dossier=not seed_only)
    except SeedError as exc:
        click.echo(f"Seed data is invalid: {exc}", err=True)
        sys.exit(1)
    finally:
        db.dispose()
    added = ", ".join(f"{k}: {v}" for k, v in report.added.items() if v) or "nothing new"
    click.echo(f"Database ready ({_safe_url(config.database_url)}); added {added}.")
    if report.not_loaded:
        click.echo(
            f"{len(report.not_loaded)} dossier rows cannot be loaded (inexact periods, ranges); "
            "data/seed/README.md lists them with the reason."
        )


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--debug/--no-debug", default=False)
@click.option(
    "--seed-only",
    is_flag=True,
    help="Prepare the database as init-db --seed-only does (the seed, not the dossier).",
)
def serve_command(host: str, port: int, debug: bool, seed_only: bool) -> None:
    """Prepare the database (migrate + seed + dossier) and serve the app with the development
    server."""
    from dashboard import create_app
    from dashboard.db.migrate import init_db

    config = Config.from_env()
    db = _database(config)
    init_db(db, dossier=not seed_only)
    db.dispose()
    app = create_app(config)
    click.echo(f"Serving on http://{host}:{port}/")
    app.run(host=host, port=port, debug=debug)
