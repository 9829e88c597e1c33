"""Accounts and API tokens: create users, set passwords, (de)activate, tokens."""

from __future__ import annotations

import datetime as dt
import sys

import click

from dashboard.cli import _app_context, main


@main.command("create-user")
@click.argument("name")
@click.option("--role", type=click.Choice(["admin", "staff"]), required=True)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (required)."
)
def create_user_command(name: str, role: str, password_stdin: bool) -> None:
    """Create an admin or staff account; the password is read from standard input."""
    from dashboard.audit import audit
    from dashboard.auth import create_user
    from dashboard.db.session import get_db

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
    from dashboard.audit import audit
    from dashboard.auth import create_token
    from dashboard.db.session import get_db

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
    from dashboard.audit import audit
    from dashboard.auth import revoke_token
    from dashboard.db.session import get_db

    with _app_context(), get_db().session() as session:
        if not revoke_token(session, token_id):
            click.echo(f"Error: no active token {token_id}", err=True)
            sys.exit(1)
        audit("cli", "revoke-token", str(token_id), "ok", session=session)
    click.echo(f"Revoked token {token_id}.")
