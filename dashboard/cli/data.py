"""Data in and out: ``import``, ``export``, ``bench-data``, ``purge-report-emails``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashboard.cli import _app_context, _database, _safe_url, main
from dashboard.config import Config
from dashboard.i18n import localized


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
            message = localized(issue, "message", lang)
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
