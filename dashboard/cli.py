"""The ``remigration`` command: serve, init-db, import, export, accounts, bench-data."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from dashboard.config import Config


@click.group(help="Remigration dashboard administration.")
def main() -> None:
    pass


def _database(config: Config):
    from dashboard.db.session import Database

    return Database(config)


@main.command("init-db")
def init_db_command() -> None:
    """Create or migrate the database named by DATABASE_URL and load missing seed rows."""
    from dashboard.db.migrate import init_db
    from dashboard.db.seed import SeedError

    config = Config.from_env()
    db = _database(config)
    try:
        report = init_db(db)
    except SeedError as exc:
        click.echo(f"Seed data is invalid: {exc}", err=True)
        sys.exit(1)
    finally:
        db.dispose()
    added = ", ".join(f"{k}: {v}" for k, v in report.added.items() if v) or "nothing new"
    click.echo(f"Database ready ({_safe_url(config.database_url)}); added {added}.")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--debug/--no-debug", default=False)
def serve_command(host: str, port: int, debug: bool) -> None:
    """Prepare the database (migrate + seed) and serve the app with the development server."""
    from dashboard import create_app
    from dashboard.db.migrate import init_db

    config = Config.from_env()
    db = _database(config)
    init_db(db)
    db.dispose()
    app = create_app(config)
    click.echo(f"Serving on http://{host}:{port}/")
    app.run(host=host, port=port, debug=debug)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv")
@click.option("--lang", type=click.Choice(["lv", "en"]), default="lv")
@click.option("--release", type=int, default=None, help="Data as published in this release.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
def export_command(fmt: str, lang: str, release: int | None, output: Path | None) -> None:
    """Export the tidy observation dataset (stdout unless --output is given)."""
    from dashboard import create_app, queries
    from dashboard.exports import tidy_records, to_csv, to_json, to_xlsx

    app = create_app(Config.from_env())
    with app.server.app_context():
        records = tidy_records(
            queries.observation_rows(queries.ObservationFilter(release=release)), lang
        )
    if fmt == "xlsx":
        data = to_xlsx(records)
        if output is None:
            if sys.stdout.isatty():
                raise click.UsageError("xlsx is binary: use --output FILE")
            sys.stdout.buffer.write(data)
        else:
            output.write_bytes(data)
        return
    text = to_csv(records) if fmt == "csv" else to_json(records)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


def _app_context():
    """An app context for commands that use the service layer (config from the environment)."""
    from dashboard import create_app

    return create_app(Config.from_env()).server.app_context()


@main.command("create-user")
@click.argument("name")
@click.option("--role", type=click.Choice(["admin", "staff"]), required=True)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (required)."
)
def create_user_command(name: str, role: str, password_stdin: bool) -> None:
    """Create an admin or staff account; the password is read from standard input."""
    from dashboard.auth import create_user
    from dashboard.db.session import get_db
    from dashboard.services import audit

    if not password_stdin:
        raise click.UsageError("pass the password on standard input with --password-stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    with _app_context():
        try:
            with get_db().session() as session:
                create_user(session, name, password, role)
                audit("cli", "create-user", name, "ok", {"role": role}, session=session)
        except ValueError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
    click.echo(f"Created {role} {name!r}.")


@main.command("set-password")
@click.argument("name")
@click.option(
    "--password-stdin", is_flag=True, help="Read the new password from standard input (required)."
)
def set_password_command(name: str, password_stdin: bool) -> None:
    """Change the password of user NAME (read from standard input); their sessions all end."""
    from dashboard.audit import audit
    from dashboard.auth import set_password
    from dashboard.db.session import get_db

    if not password_stdin:
        raise click.UsageError("pass the password on standard input with --password-stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    with _app_context():
        try:
            with get_db().session() as session:
                set_password(session, name, password)
                audit("cli", "set-password", name, "ok", session=session)
        except ValueError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
    click.echo(f"Password of {name!r} changed; every session of theirs has ended.")


def _set_active(name: str, active: bool) -> None:
    from dashboard.audit import audit
    from dashboard.auth import set_active
    from dashboard.db.session import get_db

    action = "activate-user" if active else "deactivate-user"
    state = "active" if active else "inactive"
    with _app_context():
        try:
            with get_db().session() as session:
                changed = set_active(session, name, active)
                if changed:
                    audit("cli", action, name, "ok", session=session)
        except ValueError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
    if not changed:
        click.echo(f"{name!r} is already {state}; nothing changed.")
    elif active:
        click.echo(f"Activated {name!r}.")
    else:
        click.echo(f"Deactivated {name!r}; every session of theirs has ended.")


@main.command("deactivate-user")
@click.argument("name")
def deactivate_user_command(name: str) -> None:
    """Deactivate user NAME: their sessions end and they can no longer sign in or use tokens."""
    _set_active(name, False)


@main.command("activate-user")
@click.argument("name")
def activate_user_command(name: str) -> None:
    """Allow a deactivated user NAME to sign in again (sessions ended before stay ended)."""
    _set_active(name, True)


@main.command("create-token")
@click.argument("name")
@click.option("--label", default="api", show_default=True, help="What the token is for.")
@click.option(
    "--days",
    type=click.IntRange(1, 3650),
    default=None,
    help="Days until the token expires (default: API_TOKEN_DAYS, 365).",
)
def create_token_command(name: str, label: str, days: int | None) -> None:
    """Create an API token for user NAME. It is printed once, alone on the last line."""
    from dashboard.auth import create_token
    from dashboard.db.session import get_db
    from dashboard.services import audit

    with _app_context() as context:
        if days is None:
            days = context.app.config["REMIGRATION"].api_token_days
        try:
            with get_db().session() as session:
                token = create_token(session, name, label, days)
                audit(
                    "cli",
                    "create-token",
                    name,
                    "ok",
                    {"label": label, "days": days},
                    session=session,
                )
        except ValueError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
    click.echo(f"API token for {name!r} ({label}), valid for {days} days; it is shown only now:")
    click.echo(token)


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "-"


@main.command("list-tokens")
def list_tokens_command() -> None:
    """List every API token (never the token itself): id, user, label and its dates, in UTC."""
    from dashboard.auth import list_tokens
    from dashboard.db.session import get_db

    header = ("id", "user", "label", "created", "expires", "last used", "revoked")
    with _app_context(), get_db().session() as session:
        rows = [
            (
                str(row.id),
                row.user.username,
                row.name,
                _when(row.created_at),
                _when(row.expires_at),
                _when(row.last_used_at),
                _when(row.revoked_at),
            )
            for row in list_tokens(session)
        ]
    widths = [max(len(cells[i]) for cells in (header, *rows)) for i in range(len(header))]
    for cells in (header, *rows):
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
        )


@main.command("revoke-token")
@click.argument("token_id", type=int)
def revoke_token_command(token_id: int) -> None:
    """Revoke an API token by its id."""
    from dashboard.auth import revoke_token
    from dashboard.db.session import get_db
    from dashboard.services import audit

    with _app_context(), get_db().session() as session:
        if not revoke_token(session, token_id):
            click.echo(f"Error: no active token {token_id}", err=True)
            sys.exit(1)
        audit("cli", "revoke-token", str(token_id), "ok", session=session)
    click.echo(f"Revoked token {token_id}.")


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--publish", is_flag=True, help="Publish as a new release if the file is valid.")
@click.option("--replace", is_flag=True, help="Allow superseding already published figures.")
@click.option("--lang", type=click.Choice(["lv", "en"]), default="en")
def import_command(file: Path, publish: bool, replace: bool, lang: str) -> None:
    """Validate FILE (CSV/XLSX); with --publish, publish it. Exit 1 if invalid (nothing written)."""
    from dashboard.services import Actor, ServiceError, publish_upload, stage_upload

    actor = Actor(username="cli", role="admin")
    data = file.read_bytes()
    with _app_context():
        upload, report = stage_upload(actor, data, file.name, replace=replace, store_invalid=False)
        for issue in report.errors:
            where = ", ".join(
                part
                for part in (
                    f"row {issue.row}" if issue.row else "",
                    f"column {issue.column}" if issue.column else "",
                )
                if part
            )
            message = issue.message_en if lang == "en" else issue.message_lv
            click.echo(f"error: {where + ': ' if where else ''}{message}", err=True)
        for issue in report.warnings:
            click.echo(f"warning: {issue.message_en if lang == 'en' else issue.message_lv}")
        if not report.ok:
            click.echo(
                f"{file.name}: invalid, {len(report.errors)} error(s); nothing written.", err=True
            )
            sys.exit(1)
        added = sum(1 for c in report.changes if c.kind == "add")
        changed = sum(1 for c in report.changes if c.kind == "change")
        click.echo(
            f"{file.name}: valid, {len(report.rows)} rows ({added} new, {changed} changed); "
            f"upload {upload.id if upload else '-'}."
        )
        if publish and upload is not None:
            try:
                release = publish_upload(actor, upload.id, replace=replace)
            except ServiceError as exc:
                click.echo(
                    f"Not published: {exc.message_en if lang == 'en' else exc.message_lv}", err=True
                )
                sys.exit(1)
            click.echo(f"Published release {release.number}.")


@main.command("bench-data")
@click.option(
    "--rows",
    type=click.IntRange(1, 1_000_000),
    default=100_000,
    show_default=True,
    help="How many synthetic observations to write.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed (repeatable).")
def bench_data_command(rows: int, seed: int) -> None:
    """Fill an EMPTY database (DATABASE_URL) with SYNTHETIC figures, for benchmarks only.

    Writes municipality-level quarterly observations labelled SYNTHETIC (release and source),
    plus the seed's reference tables. Refuses any database that already holds a release.
    """
    from dashboard.db.migrate import migrate
    from dashboard.db.synthetic import SyntheticDataRefused, generate

    config = Config.from_env()
    db = _database(config)
    try:
        migrate(db)
        with db.session() as session:
            report = generate(
                session, rows, config.data_dir / "seed", config.data_dir / "geo", seed=seed
            )
    except SyntheticDataRefused as exc:
        click.echo(f"Refused: {exc}. Nothing was written.", err=True)
        sys.exit(1)
    finally:
        db.dispose()
    click.echo(
        f"SYNTHETIC data written to {_safe_url(config.database_url)}: {report.rows:,} "
        f"observations, {report.municipalities} municipalities x 3 metrics x {report.quarters} "
        f"quarters ({report.first_period} .. {report.last_period}). Not real figures: use this "
        "database for benchmarks only."
    )


@main.command("purge-report-emails")
def purge_report_emails_command() -> None:
    """Erase readers' e-mail addresses REPORT_EMAIL_RETENTION_DAYS after their report was resolved.

    The app also does this whenever reports are submitted, resolved or listed; run it daily from
    cron so that addresses go on time on a quiet site too. Audited; safe to run at any time.
    """
    from dashboard.services import purge_report_emails, report_email_retention

    with _app_context():
        erased = purge_report_emails(actor="cli")
        days = report_email_retention().days
    click.echo(
        f"Erased the e-mail addresses of {len(erased)} report(s) resolved at least {days} days ago."
    )


if __name__ == "__main__":
    main()
