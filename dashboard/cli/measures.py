"""``remigration measures``: list, add, edit and delete measures of the registry.

The operator acts as ``cli`` with the admin role, as ``remigration import`` does; every change goes
through :mod:`dashboard.services.measures`, so it is checked and audited exactly as on the admin
page and through the admin API. A refusal prints every field's message and exits with status 1.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from dashboard.cli import _app_context, main

LANG_OPTION = click.option(
    "--lang", type=click.Choice(["lv", "en"]), default="en", help="Language of messages."
)


def _text_options(command: Any) -> Any:
    """The field options ``add`` and ``edit`` share (``edit`` changes only those given)."""
    for name, help_text in reversed(
        [
            ("--name-lv", "Name in Latvian."),
            ("--name-en", "Name in English."),
            (
                "--unit",
                "Unit code: families, persons, offers, applications, projects, eur or "
                "municipalities.",
            ),
            ("--kind", "flow (counted during the period), stock (as of a month) or target."),
            ("--definition-lv", "What the measure counts, in Latvian."),
            ("--definition-en", "What the measure counts, in English."),
        ]
    ):
        command = click.option(name, default=None, help=help_text)(command)
    return command


def _fields(**options: str | None) -> dict[str, str]:
    """The service's field names for the options that were given."""
    names = {"unit": "unit_code", "new_code": "code"}
    return {names.get(k, k): v for k, v in options.items() if v is not None}


def _refused(exc: Any, lang: str) -> None:
    errors = exc.extra.get("errors") or [
        {
            "field": exc.extra.get("field"),
            "message_lv": exc.message_lv,
            "message_en": exc.message_en,
        }
    ]
    for error in errors:
        where = f"{error['field']}: " if error.get("field") else ""
        click.echo(
            f"error: {where}{error['message_en' if lang == 'en' else 'message_lv']}", err=True
        )
    click.echo("Nothing was changed.", err=True)
    sys.exit(1)


@main.group("measures")
def measures_group() -> None:
    """The measures registry: what is counted, in which unit, and what it means."""


@measures_group.command("list")
@LANG_OPTION
def list_command(lang: str) -> None:
    """Every measure: code, unit, kind, published figures and name."""
    from dashboard import queries

    with _app_context():
        figures = queries.metric_figures()
        rows = [
            (
                x["code"],
                x["unit_code"],
                x["kind"],
                str(figures.get(x["code"], 0)),
                x["name_en" if lang == "en" else "name_lv"],
            )
            for x in queries.metrics()
        ]
    header = ("code", "unit", "kind", "figures", "name")
    widths = [max(len(cells[i]) for cells in (header, *rows)) for i in range(len(header) - 1)]
    for cells in (header, *rows):
        padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=False)]
        click.echo("  ".join([*padded, cells[-1]]).rstrip())


@measures_group.command("add")
@click.argument("code")
@_text_options
@LANG_OPTION
def add_command(code: str, lang: str, **options: str | None) -> None:
    """Add the measure CODE; every field option is required."""
    from dashboard.services import Actor, ServiceError, add_measure

    with _app_context():
        try:
            saved = add_measure(Actor("cli", "admin"), {"code": code, **_fields(**options)})
        except ServiceError as exc:
            _refused(exc, lang)
    click.echo(f"Added measure {saved}.")


@measures_group.command("edit")
@click.argument("code")
@click.option("--code", "new_code", default=None, help="A new code (only without figures).")
@_text_options
@LANG_OPTION
def edit_command(code: str, lang: str, **options: str | None) -> None:
    """Change the fields given of the measure CODE; the others stay as they are."""
    from dashboard.services import Actor, ServiceError, update_measure

    fields = _fields(**options)
    if not fields:
        raise click.UsageError("give at least one field to change, e.g. --name-en")
    with _app_context():
        try:
            saved = update_measure(Actor("cli", "admin"), code, fields)
        except ServiceError as exc:
            _refused(exc, lang)
    click.echo(f"Changed measure {saved}.")


@measures_group.command("delete")
@click.argument("code")
@LANG_OPTION
def delete_command(code: str, lang: str) -> None:
    """Delete the measure CODE; refused once figures of it are stored."""
    from dashboard.services import Actor, ServiceError, delete_measure

    with _app_context():
        try:
            delete_measure(Actor("cli", "admin"), code)
        except ServiceError as exc:
            _refused(exc, lang)
    click.echo(f"Deleted measure {code}.")
