"""Seed fidelity: what ``init-db`` stores is exactly what the sources published.

The observation numbers are read straight from the published document (seed 004 in
``../shared/seeds``), not from our CSV, so these tests check our transcription as well as the
loader.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from dashboard.config import Config
from dashboard.contact_details import is_valid_email
from dashboard.db import models as m
from dashboard.db.migrate import init_db, migrate
from dashboard.db.seed import (
    OBSERVATIONS_FILE,
    TOTAL_COLUMN,
    SeedError,
    load_seed,
    read_csv,
    read_published_table,
    validate_contact_row,
)
from dashboard.db.session import Database

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = REPO_ROOT / "data" / "seed"
SHARED_SEEDS = REPO_ROOT.parent / "shared" / "seeds"

REGION_NAMES = ["Kurzeme", "Latgale", "Vidzeme", "Zemgale", "Rīga"]
METRIC_WORDS = {
    "Ģimenes": "families_returned",
    "Cilvēki": "people_returned",
    "piedāvājumi": "offers_prepared",
}
LV_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "mai": 5,
    "jūn": 6,
    "jūl": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
MALFORMED_EMAIL = "jolanta.uzulinadaugavpils.lv"
CORRECT_EMAIL = "jolanta.uzulina@daugavpils.lv"


def _published_file() -> Path:
    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"the published seed documents are not available ({SHARED_SEEDS} is missing)")
    matches = sorted(SHARED_SEEDS.glob("004_*.txt"))
    if not matches:
        pytest.skip(f"seed 004 (004_*.txt) not found in {SHARED_SEEDS}")
    return matches[0]


def _published_period(label: str) -> tuple[dt.date, dt.date]:
    """Dates of a published period label such as ``2018.gads (mar.-dec.)`` or ``2019.gads``."""
    match = re.fullmatch(r"(\d{4})\.gads(?: \((\w+)\.-(\w+)\.\))?", label)
    assert match, f"unexpected period label {label!r}"
    year = int(match.group(1))
    first = LV_MONTHS[match.group(2)] if match.group(2) else 1
    last = LV_MONTHS[match.group(3)] if match.group(3) else 12
    end = dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


@pytest.fixture(scope="module")
def published() -> list[dict[str, Any]]:
    """The published table of seed 004 as rows of period dates, metric, region values, total.

    The document is a copy of a web page: a tab-separated table whose row labels wrap over
    lines, so a data line is one ending in six whole numbers (five regions, then KOPĀ); the
    period is the last ``YYYY.gads`` label seen and the metric is named by a keyword.
    """
    text = _published_file().read_text(encoding="utf-8")
    header: list[str] | None = None
    period: tuple[dt.date, dt.date] | None = None
    rows: list[dict[str, Any]] = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("\t")]
        if TOTAL_COLUMN in cells:
            header = [c for c in cells if c]
            continue
        if re.match(r"\d{4}\.gads", cells[0]):
            period = _published_period(cells[0])
        numbers = []
        for cell in reversed(cells):
            if not cell.isdigit():
                break
            numbers.insert(0, int(cell))
        if len(numbers) < 6:
            continue
        assert header is not None and period is not None, f"data before header/period: {line!r}"
        metric = [code for word, code in METRIC_WORDS.items() if word in line]
        assert len(metric) == 1, f"cannot tell the metric of {line!r}"
        values = numbers[-6:]
        rows.append(
            {
                "start": period[0],
                "end": period[1],
                "metric": metric[0],
                "values": dict(zip(header[:-1], values[:-1], strict=True)),
                "total": values[-1],
            }
        )
    assert header == [*REGION_NAMES, TOTAL_COLUMN], header
    return rows


@pytest.fixture(scope="module")
def periods_by_dates() -> dict[tuple[dt.date, dt.date], str]:
    return {
        (dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"])): p["code"]
        for p in read_csv(SEED_DIR / "periods.csv")
    }


def _published_values(
    published: list[dict[str, Any]],
    periods_by_dates: dict[tuple[dt.date, dt.date], str],
    region_codes_by_name: dict[str, str],
) -> dict[tuple[str, str, str], int]:
    values = {}
    for row in published:
        period = periods_by_dates[(row["start"], row["end"])]
        for name, value in row["values"].items():
            values[(period, region_codes_by_name[name], row["metric"])] = value
    return values


def _stored_values(db: Database) -> dict[tuple[str, str, str], int]:
    with db.session() as session:
        rows = session.execute(
            sa.select(m.Period.code, m.Region.code, m.Metric.code, m.Observation.value)
            .join(m.Period, m.Observation.period_id == m.Period.id)
            .join(m.Region, m.Observation.region_id == m.Region.id)
            .join(m.Metric, m.Observation.metric_id == m.Metric.id)
        ).all()
    values: dict[tuple[str, str, str], int] = {}
    for period, region, metric, value in rows:
        assert (period, region, metric) not in values, f"duplicate {period, region, metric}"
        values[(period, region, metric)] = value
    return values


def _counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            table.name: session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in m.Base.metadata.sorted_tables
        }


# --- the published table -----------------------------------------------------------------------


def test_published_table_has_45_numbers(published):
    assert len(published) == 9  # 3 periods x 3 metrics
    assert sum(len(r["values"]) for r in published) == 45
    assert {(r["start"].year, r["metric"]) for r in published} == {
        (year, metric) for year in (2018, 2019, 2020) for metric in METRIC_WORDS.values()
    }


def test_published_kopa_is_the_sum_of_the_regions(published):
    for row in published:
        assert sum(row["values"].values()) == row["total"], row


def test_periods_csv_matches_the_published_period_labels(published, periods_by_dates):
    assert set(periods_by_dates) == {(r["start"], r["end"]) for r in published}
    months = {p["code"]: int(p["months"]) for p in read_csv(SEED_DIR / "periods.csv")}
    assert months == {"2018-03..2018-12": 10, "2019": 12, "2020-01..2020-06": 6}


def test_stored_observations_equal_the_published_table(
    published, periods_by_dates, region_codes_by_name, db
):
    expected = _published_values(published, periods_by_dates, region_codes_by_name)
    assert len(expected) == 45
    assert _stored_values(db) == expected


def test_our_csv_transcribes_the_published_table(
    published, periods_by_dates, region_codes_by_name, seed_values
):
    assert seed_values == _published_values(published, periods_by_dates, region_codes_by_name)


def test_stored_totals_equal_kopa(published, periods_by_dates, db):
    stored = _stored_values(db)
    for row in published:
        period = periods_by_dates[(row["start"], row["end"])]
        total = sum(v for (p, _r, mt), v in stored.items() if p == period and mt == row["metric"])
        assert total == row["total"], (period, row["metric"])


def test_kopa_is_not_stored_as_a_region(db):
    with db.session() as session:
        names = set(session.scalars(sa.select(m.Region.name_lv)))
        codes = set(session.scalars(sa.select(m.Region.code)))
    assert TOTAL_COLUMN not in names
    assert not {c for c in codes if c.lower() in {"kopa", "kopā", "total"}}
    assert len(names) == 5


# --- reading the wide table --------------------------------------------------------------------


def test_read_published_table_returns_tidy_rows_without_the_total():
    rows = read_published_table(SEED_DIR / OBSERVATIONS_FILE)
    assert len(rows) == 45
    assert {r["region_name"] for r in rows} == set(REGION_NAMES)
    assert rows[0] == {
        "period": "2018-03..2018-12",
        "metric": "families_returned",
        "region_name": "Kurzeme",
        "value": 33,
    }


def test_read_published_table_rejects_a_wrong_total(tmp_path):
    bad = tmp_path / OBSERVATIONS_FILE
    lines = (SEED_DIR / OBSERVATIONS_FILE).read_text(encoding="utf-8").splitlines()
    # Line 3 of the file: 2018 people_returned, total 399. Publish 400 instead.
    assert lines[2].endswith(",399")
    lines[2] = lines[2][: -len("399")] + "400"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"line 3, column KOPĀ: total 400 .* 399"):
        read_published_table(bad)


def test_read_published_table_names_a_non_numeric_cell(tmp_path):
    bad = tmp_path / OBSERVATIONS_FILE
    text = (SEED_DIR / OBSERVATIONS_FILE).read_text(encoding="utf-8")
    bad.write_text(text.replace(",88,", ",8 8,", 1), encoding="utf-8")
    with pytest.raises(SeedError, match=r"line 3, column Kurzeme"):
        read_published_table(bad)


# --- contacts and the malformed e-mail ---------------------------------------------------------


def test_malformed_email_from_seed_003_is_rejected():
    assert not is_valid_email(MALFORMED_EMAIL)
    assert is_valid_email(CORRECT_EMAIL)


def _contact_row(**changes: str) -> dict[str, str]:
    row = next(r for r in read_csv(SEED_DIR / "contacts.csv") if r["code"] == "jolanta-uzulina")
    return {**row, **changes}


def test_validate_contact_row_names_the_bad_column():
    with pytest.raises(SeedError, match=r"contacts\.csv line 3, column email: .*uzulinadaugavpils"):
        validate_contact_row(_contact_row(email=MALFORMED_EMAIL), "contacts.csv line 3")
    with pytest.raises(SeedError, match=r"column phone"):
        validate_contact_row(_contact_row(phone="12-34"), "contacts.csv line 3")
    with pytest.raises(SeedError, match=r"column name"):
        validate_contact_row(_contact_row(name=""), "contacts.csv line 3")


def test_validate_contact_row_normalises_the_phone():
    row = validate_contact_row(_contact_row(phone="6547 6066"), "contacts.csv line 3")
    assert row["phone"] == "+37165476066"
    assert row["email"] == CORRECT_EMAIL


def _throwaway_db(tmp_path: Path, data_dir: Path) -> Database:
    config = Config(
        database_url=f"sqlite:///{tmp_path / 'throwaway.db'}",
        secret_key="test",
        testing=True,
        instance_path=tmp_path / "instance",
        data_dir=data_dir,
    )
    return Database(config)


def test_contacts_file_with_malformed_email_loads_nothing(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(SEED_DIR, data_dir / "seed")
    contacts = data_dir / "seed" / "contacts.csv"
    with contacts.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = reader.fieldnames
        rows = list(reader)
    for row in rows:
        if row["code"] == "jolanta-uzulina":
            row["email"] = MALFORMED_EMAIL
    with contacts.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)

    db = _throwaway_db(tmp_path, data_dir)
    try:
        migrate(db)
        with (
            pytest.raises(SeedError, match=r"contacts\.csv line 3, column email"),
            db.session() as session,
        ):
            load_seed(session, data_dir / "seed")
        assert set(_counts(db).values()) == {0}, _counts(db)

        # The whole init-db path refuses the file the same way.
        with pytest.raises(SeedError, match="column email"):
            init_db(db)
        assert set(_counts(db).values()) == {0}, _counts(db)
    finally:
        db.dispose()


# --- idempotency and reference data ------------------------------------------------------------


def test_init_db_is_idempotent(db):
    before = _counts(db)
    assert before["observation"] == 45
    # The shared database holds the seed alone (conftest); the dossier's idempotency is
    # tests/unit/test_dossier_loader.py's.
    report = init_db(db, dossier=False)
    assert report.total == 0, report.added
    assert _counts(db) == before


def test_init_db_on_a_fresh_database_adds_everything_once(tmp_path):
    db = _throwaway_db(tmp_path, SEED_DIR.parent)
    try:
        first = init_db(db)
        assert first.added["observation"] == 45
        assert first.added["region"] == 5
        assert first.added["municipality"] == 162  # 119 units of 2009 + 43 of 2021
        assert first.added["municipality_successor"] == 122
        counts = _counts(db)
        second = init_db(db)
        assert second.total == 0
        assert _counts(db) == counts
    finally:
        db.dispose()


def test_contact_is_stored_with_the_corrected_address(db):
    with db.session() as session:
        contact = session.scalars(
            sa.select(m.Contact).where(m.Contact.name == "Jolanta Ūzuliņa")
        ).one()
        emails = set(
            session.scalars(sa.select(m.Contact.email).where(m.Contact.email.is_not(None)))
        )
    assert contact.email == CORRECT_EMAIL
    assert contact.phone == "+37165476066"
    assert MALFORMED_EMAIL not in emails
    assert all(is_valid_email(e) for e in emails)


def test_regions_and_pilot_municipalities(db):
    expected = {
        "Daugavpils": "latgale",
        "Tukuma novads": "riga",
        "Jelgava": "zemgale",
        "Ozolnieku novads": "zemgale",
        "Rundāles novads": "zemgale",
        "Neretas novads": "zemgale",
        "Saldus novads": "kurzeme",
        "Skrundas novads": "kurzeme",
        "Gulbenes novads": "vidzeme",
        "Smiltenes novads": "vidzeme",
    }
    with db.session() as session:
        regions = set(session.scalars(sa.select(m.Region.code)))
        pilots = dict(
            session.execute(
                sa.select(m.Municipality.name_lv, m.Region.code)
                .join(m.Region, m.Municipality.region_id == m.Region.id)
                .where(m.Municipality.is_pilot)
            ).all()
        )
    assert regions == {"kurzeme", "latgale", "riga", "vidzeme", "zemgale"}
    assert pilots == expected


def test_release_1_exists_and_holds_the_seed(db):
    with db.session() as session:
        release = session.scalars(sa.select(m.Release).where(m.Release.number == 1)).one()
        in_release = session.scalar(
            sa.select(sa.func.count()).where(m.Observation.release_id == release.id)
        )
        sources = set(
            session.scalars(
                sa.select(m.Source.code).join(m.Observation, m.Observation.source_id == m.Source.id)
            )
        )
    assert release.status == "published"
    assert in_release == 45
    assert sources == {"seed-004"}
