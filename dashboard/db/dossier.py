"""Load the dossier of published figures into the record: what ``init-db`` does after the seed.

The dossier (``data/seed/dossier/``: ``figures.csv``, ``contacts.csv``, ``budget.csv``, byte-for-
byte copies of ``shared/data/published-figures``) holds the figures the ministry, the planning
regions and the press published after the seed table. Every ``figures.csv`` row that can be
placed exactly is loaded as it was published:

* one release per publication (same URL, publisher and date text), after release 1, ordered
  by publication date (a hedged date by the month it mentions) and then by row id; its
  description names the publication and its rows, ``published_by`` is ``"dossier"``;
* each row an ``Observation`` at its own geography (national, planning region, or a
  municipality of the division in force for its period), for the whole months it names, with
  the dossier's reliability and a note ``dossier F042: <the dossier's notes>`` so a reader can
  trace it back;
* several rows for one cell from different publications are all stored (a corroboration or a
  conflict: ``queries/preference.py`` decides which readers see); the same cell twice in one
  publication with the same value is stored once (none does today; :func:`plan_figures` reports
  it as a duplicate), with different values both are kept.

Rows that cannot be placed (a period that is not exact, a range such as "5-6", a measure or a
geography that does not resolve, a stock counted over several months) are not loaded; the
report lists them with the reason, and ``data/seed/README.md`` lists the same rows (a test keeps
the two equal). Run ``python -m dashboard.db.dossier`` to print that list.

The loader writes through the models directly, in the caller's transaction, and is idempotent:
a row whose id is in a stored observation's note is never loaded again, so a second run, or a
run after an admin rolled a dossier release back, adds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from dashboard.db import models as m
from dashboard.db.dossier_sources import (
    SOURCE_CODE_PREFIX,
    Publication,
    SourceRegistry,
    parse_published_on,
)
from dashboard.db.seed_csv import SeedError, read_csv
from dashboard.ingest.periods import make_spec

DOSSIER_DIR = "dossier"
FIGURES_FILE = "figures.csv"
PUBLISHED_BY = "dossier"
NOTE_ID = re.compile(r"^dossier (F\d+)\b")
# How the dossier's ``period_kind`` maps onto a measure's kind (a running total is a long flow).
KIND_OF_PERIOD = {"flow": "flow", "cumulative": "flow", "stock": "stock", "target": "target"}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
RELIABILITY = ("normal", "low")


@dataclass(frozen=True)
class Skipped:
    """A dossier row that is not loaded: its id, what it is, and why."""

    id: str
    what: str
    reason: str


@dataclass
class DossierReport:
    added: dict[str, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass(frozen=True)
class Figure:
    """A dossier row placed on the record: geography, months, measure, value."""

    id: str
    row: dict[str, str]
    geo_level: str
    region: m.Region | None
    municipality: m.Municipality | None
    metric: m.Metric
    start: dt.date
    end: dt.date
    value: int
    caveat: str | None = None  # said in the note: the dossier's period kind is not the measure's

    @property
    def cell(self) -> tuple[object, ...]:
        """The cell within its publication (geography × months × measure × source URL)."""
        place = self.municipality.id if self.municipality else None
        region = self.region.id if self.region else None
        url = self.row["source_url"]
        return (self.geo_level, region, place, self.start, self.end, self.metric.code, url)


@dataclass
class Reference:
    """What a dossier row's names resolve against."""

    regions: dict[str, m.Region]  # by Latvian name
    municipalities: list[m.Municipality]
    metrics: dict[str, m.Metric]

    @classmethod
    def load(cls, session: Session) -> Reference:
        return cls(
            regions={r.name_lv: r for r in session.scalars(sa.select(m.Region))},
            municipalities=list(session.scalars(sa.select(m.Municipality))),
            metrics={x.code: x for x in session.scalars(sa.select(m.Metric))},
        )


def what(row: dict[str, str]) -> str:
    """A row in a few words: "people_returned, Kurzeme, 2018-03 – 2018 (forum date; …): 62"."""
    period = row["period_start"]
    if row["period_end"] != row["period_start"]:
        period += f" – {row['period_end']}"
    return f"{row['measure']}, {row['geo']}, {period}: {row['value']}"


def _month(text: str, last: bool) -> dt.date | None:
    found = _MONTH.match(text)
    if found is None or not 1 <= int(found.group(2)) <= 12:
        return None
    year, month = int(found.group(1)), int(found.group(2))
    if not last:
        return dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _place(
    row: dict[str, str], ref: Reference, start: dt.date, end: dt.date
) -> tuple[m.Region | None, m.Municipality | None] | str:
    """The row's region and municipality, or why they do not resolve."""
    level, name = row["geo_level"], row["geo"]
    if level == "national":
        return (None, None) if name == "Latvija" else f"national geography {name!r} is not Latvija"
    if level == "planning_region":
        region = ref.regions.get(name)
        return (region, None) if region else f"{name!r} is not a planning region"
    if level != "municipality":
        return f"geography level {level!r} is not national, planning_region or municipality"
    named = [u for u in ref.municipalities if name in (u.name_lv, u.name_en)]
    in_force = [u for u in named if u.valid_for(start, end)]
    if not named:
        return f"no municipality is named {name!r}"
    if len(in_force) != 1:
        return f"{name!r} names {len(in_force)} units in force for the whole period, not one"
    unit = in_force[0]
    parent = row.get("parent_region", "")
    if parent and parent != unit.region.name_lv:
        region = unit.region.name_lv
        return f"{name!r} belonged to {region} in division {unit.division}, not {parent}"
    return unit.region, unit


def place_row(row: dict[str, str], ref: Reference) -> Figure | str:
    """Place one dossier row on the record, or say why it cannot be."""
    value = row["value"]
    reasons = []
    if row["exact_period"] != "yes":
        reasons.append("period not exact")
    if not (value.isascii() and value.isdigit()):
        reasons.append(f"value {value!r} is not a whole number")
    if row["reliability"] not in RELIABILITY:
        reasons.append(f"reliability {row['reliability']!r} is not normal or low")
    if reasons:
        return "; ".join(reasons)
    start, end = _month(row["period_start"], False), _month(row["period_end"], True)
    if start is None or end is None or end < start:
        return "period is not a range of whole months YYYY-MM"
    metric = ref.metrics.get(row["measure"])
    if metric is None:
        return f"measure {row['measure']!r} is not in the registry (data/seed/metrics.csv)"
    placed = _place(row, ref, start, end)
    if isinstance(placed, str):
        return placed
    region, municipality = placed
    caveat = None
    if KIND_OF_PERIOD.get(row["period_kind"]) != metric.kind:
        # Loaded as published (every exact row is on the record), with the mismatch said.
        caveat = (
            f"the dossier counts it as a {row['period_kind']} over {row['period_start']} – "
            f"{row['period_end']}, but {metric.code} is a {metric.kind} measure"
        )
    level = row["geo_level"]
    return Figure(
        row["id"], row, level, region, municipality, metric, start, end, int(value), caveat
    )


def plan_figures(rows: list[dict[str, str]], ref: Reference) -> tuple[list[Figure], list[Skipped]]:
    """The rows to load, in file order, and the rows not loaded with the reason."""
    figures: list[Figure] = []
    skipped: list[Skipped] = []
    first_of_cell: dict[tuple[object, ...], Figure] = {}
    for row in rows:
        placed = place_row(row, ref)
        if isinstance(placed, str):
            skipped.append(Skipped(row["id"], what(row), placed))
            continue
        earlier = first_of_cell.get(placed.cell)
        if earlier is not None and earlier.value == placed.value:
            reason = f"the same figure as {earlier.id} in the same publication: stored once"
            skipped.append(Skipped(row["id"], what(row), reason))
            continue
        first_of_cell.setdefault(placed.cell, placed)
        figures.append(placed)
    return figures, skipped


def loaded_ids(session: Session) -> set[str]:
    """Ids of the dossier rows already stored (from their observations' notes)."""
    notes = session.scalars(
        sa.select(m.Observation.note).where(m.Observation.note.like("dossier F%"))
    )
    return {found.group(1) for note in notes if note and (found := NOTE_ID.match(note))}


def _period(
    session: Session, periods: dict[tuple[dt.date, dt.date], m.Period], fig: Figure
) -> m.Period:
    found = periods.get((fig.start, fig.end))
    if found is not None:
        return found
    spec = make_spec(fig.start, fig.end)
    clash = session.scalar(sa.select(m.Period).where(m.Period.code == spec.code))
    if clash is not None:
        raise SeedError(
            f"{DOSSIER_DIR}/{FIGURES_FILE} {fig.id}: period code {spec.code!r} is taken by "
            f"{clash.start_date} – {clash.end_date}"
        )
    period = m.Period.from_spec(spec)
    session.add(period)
    periods[(fig.start, fig.end)] = period
    return period


def load_figures(
    session: Session, seed_dir: Path, sources: SourceRegistry, report: DossierReport
) -> None:
    """Add the placeable figures not stored yet, one release per publication."""
    rows = read_csv(seed_dir / DOSSIER_DIR / FIGURES_FILE)
    figures, report.skipped = plan_figures(rows, Reference.load(session))
    done = loaded_ids(session)
    first_id: dict[str, str] = {}
    for row in rows:  # a publication's code: its first row's id, loaded or not
        first_id.setdefault(row["source_url"], row["id"])
    groups: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
    for fig in figures:
        if fig.id not in done:
            row = fig.row
            groups[(row["source_url"], row["publisher"], row["published_on"])].append(fig)
    publications = sorted(
        groups.items(),
        key=lambda item: (parse_published_on(item[0][2]).sort_key, item[1][0].id),
    )
    periods = {(p.start_date, p.end_date): p for p in session.scalars(sa.select(m.Period))}
    number = session.scalar(sa.select(sa.func.max(m.Release.number))) or 0
    moment = m.utcnow()
    observations = 0
    for (url, _publisher, _on), group in publications:
        code = SOURCE_CODE_PREFIX + first_id[url]
        quotes = "\n".join(dict.fromkeys(f.row["quote"] for f in group if f.row["quote"]))
        first = group[0].row
        published = parse_published_on(first["published_on"])
        source = sources.get(Publication(code, url, first["publisher"], published, quotes or None))
        number += 1
        ids = ", ".join(f.id for f in group)
        release = m.Release(
            number=number,
            # Strictly increasing, so "as published in release N" tells the releases apart.
            published_at=moment + dt.timedelta(milliseconds=number),
            description=f"Dossier: {source.title} — {url} (rows {ids})",
            status="published",
            published_by=PUBLISHED_BY,
        )
        session.add(release)
        for fig in group:
            notes = "; ".join(x for x in (fig.row["notes"], fig.caveat) if x)
            session.add(
                m.Observation(
                    period=_period(session, periods, fig),
                    geo_level=fig.geo_level,
                    region=fig.region,
                    municipality=fig.municipality,
                    metric=fig.metric,
                    value=fig.value,
                    source=source,
                    release=release,
                    reliability=fig.row["reliability"],
                    note=f"dossier {fig.id}: {notes}" if notes else f"dossier {fig.id}",
                )
            )
            observations += 1
        session.flush()
    report.added["dossier_release"] = len(publications)
    report.added["dossier_observation"] = observations


def load_dossier(session: Session, seed_dir: Path) -> DossierReport:
    """Load the dossier's figures, contacts and budgets; whatever of it is missing."""
    from dashboard.db.dossier_directory import load_budget, load_contacts

    report = DossierReport()
    if not (seed_dir / DOSSIER_DIR).is_dir():
        return report
    sources = SourceRegistry(session)
    load_figures(session, seed_dir, sources, report)
    load_contacts(session, seed_dir / DOSSIER_DIR, sources, report)
    load_budget(session, seed_dir / DOSSIER_DIR, sources, report)
    session.flush()
    report.added["dossier_source"] = sources.added
    if any(report.added.values()):
        revision = session.get(m.Revision, 1)
        if revision is not None:  # cached views of the old data must go
            revision.value += 1
            revision.updated_at = m.utcnow()
    return report


README_START = "<!-- dossier-not-loaded:start -->"
README_END = "<!-- dossier-not-loaded:end -->"


def not_loaded_markdown(skipped: list[Skipped]) -> str:
    """The list in ``data/seed/README.md``: a Markdown table between two marker comments."""
    lines = [README_START, "| id | what (measure, geography, period: value) | why not loaded |"]
    lines.append("| --- | --- | --- |")
    for s in skipped:
        cells = (s.id, s.what, s.reason)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines.append(README_END)
    return "\n".join(lines)


def _print_not_loaded() -> None:
    """``python -m dashboard.db.dossier``: load seed and dossier into a throwaway in-memory
    database and print the README's list of rows not loaded."""
    import tempfile

    from dashboard.config import PROJECT_ROOT, Config
    from dashboard.db.migrate import migrate
    from dashboard.db.seed import load_seed
    from dashboard.db.session import Database

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/dossier.db"
        db = Database(Config(database_url=url, secret_key="-", instance_path=Path(tmp)))
        try:
            migrate(db)
            with db.session() as session:
                load_seed(session, PROJECT_ROOT / "data" / "seed")
                report = load_dossier(session, PROJECT_ROOT / "data" / "seed")
                session.rollback()
        finally:
            db.dispose()
    print(not_loaded_markdown(report.skipped))


if __name__ == "__main__":
    _print_not_loaded()
