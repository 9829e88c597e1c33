#!/usr/bin/env python3
"""Generate the upload templates in ``data/templates/`` (served from /admin for download).

* ``remigration-template-long.csv``  - the long layout's header only;
* ``remigration-template-wide.csv``  - the wide layout's header only (as the ministry publishes);
* ``remigration-template.xlsx``      - sheet ``dati`` with the long header (the period column is
  formatted as text so Excel does not turn "2024-03" into a date), and sheet ``instrukcija``
  with the rules in Latvian and English.

The templates carry no example numbers: an example that looks like a real statistic ends up
published sooner or later. CSVs are UTF-8 with a BOM so Excel shows "Rīga" and "KOPĀ" correctly.
Output is byte-for-byte reproducible (fixed ZIP timestamps and document dates), so
``--check`` can tell whether the committed templates are current.

Usage::

    .venv/bin/python scripts/make_templates.py            # write data/templates/*
    .venv/bin/python scripts/make_templates.py --check    # exit 1 if they are out of date
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "data" / "templates"
REGIONS_CSV = ROOT / "data" / "seed" / "regions.csv"

LONG_HEADER = [
    "period",
    "region",
    "metric",
    "value",
    "source_url",
    "source_title",
    "source_publisher",
    "source_published_on",
    "note",
    "geo_level",
    "parent_region",
    "reliability",
]
# Columns Excel must keep as typed text: "2024-03" would otherwise become a date (and a
# publication month "2025-01" a day, 1 January 2025).
TEXT_COLUMNS = ("A", "H")
TOTAL_HEADER = "KOPĀ"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_ISO = "2024-01-01T00:00:00Z"

INSTRUCTIONS: list[tuple[str, str]] = [
    ("Remigrācijas datu augšupielādes veidne", "Remigration data upload template"),
    ("", ""),
    (
        "Aizpildiet lapu “dati”: viena rinda = viens skaitlis (periods, teritorija, rādītājs, "
        "vērtība).",
        "Fill in the sheet “dati”: one row = one number (period, geography, measure, value).",
    ),
    (
        "Obligātās kolonnas: period (vai period_start un period_end), region (vai geo), metric "
        "(vai measure), value. Neobligātās: source_url, source_title, source_publisher, "
        "source_published_on, note, geo_level, parent_region, reliability.",
        "Required columns: period (or period_start and period_end), region (or geo), metric (or "
        "measure), value. Optional: source_url, source_title, source_publisher, "
        "source_published_on, note, geo_level, parent_region, reliability.",
    ),
    (
        "Var augšupielādēt arī plato formu kā ministrijas tabulā: period, metric un pa "
        "kolonnai katram reģionam (Kurzeme, Latgale, Rīga, Vidzeme, Zemgale), neobligāti KOPĀ.",
        "The wide layout, as in the ministry's table, is accepted too: period, metric and one "
        "column per region (Kurzeme, Latgale, Rīga, Vidzeme, Zemgale), optionally KOPĀ.",
    ),
    (
        "Periods: jebkuri veseli mēneši – 2024-Q3, 2024-H1, 2024, 2018-03..2024-12, “2024. gada "
        "3. ceturksnis”, “2018.gads (mar.-dec.)”; vai divās kolonnās period_start un period_end "
        "(GGGG-MM). Krājumam (piem., ģimenes, kas plāno atgriezties) – viens mēnesis. Nākotnē "
        "drīkst būt tikai mērķi.",
        "Period: any whole months – 2024-Q3, 2024-H1, 2024, 2018-03..2024-12, “2024 Q3”, "
        "“2018 (Mar–Dec)”; or two columns period_start and period_end (YYYY-MM). A stock (e.g. "
        "families planning to return) is one month. Only targets may lie in the future.",
    ),
    (
        "Teritorija: Latvija; plānošanas reģions (Kurzeme, Latgale, Rīga, Vidzeme, Zemgale); vai "
        "pašvaldība tajā iedalījumā, kas bija spēkā periodā (līdz 2021. gada jūnijam – 119 "
        "pašvaldības, no 2021. gada jūlija – jaunās).",
        "Geography: Latvija; a planning region (Kurzeme, Latgale, Rīga, Vidzeme, Zemgale); or a "
        "municipality of the division in force in the period (the 119 units up to June 2021, "
        "the new ones from July 2021).",
    ),
    (
        "Rādītājs: kods vai nosaukums no rādītāju reģistra (piem., families_returned, "
        "people_returned, offers_prepared); jaunu rādītāju definē administrators.",
        "Measure: a code or name from the measure registry (e.g. families_returned, "
        "people_returned, offers_prepared); an admin defines new ones.",
    ),
    (
        "Avots: source_url, source_title, source_publisher, source_published_on (GGGG-MM-DD vai "
        "GGGG-MM). Bez avota skaitļi tiek rādīti ar norādi “avots nav norādīts”.",
        "Source: source_url, source_title, source_publisher, source_published_on (YYYY-MM-DD or "
        "YYYY-MM). Without one, figures are shown as “source not stated”.",
    ),
    (
        "Vērtība: vesels skaitlis ≥ 0 (atļauts “1 234”). Ne formulas: ielīmējiet vērtības.",
        "Value: a whole number ≥ 0 (“1 234” is fine). No formulas: paste values.",
    ),
    (
        "Daļa nevar būt lielāka par veselo: ceturksnis – par savu gadu, pašvaldība – par savu "
        "reģionu, reģions – par visu Latviju; ģimeņu nevar būt vairāk par cilvēkiem; KOPĀ "
        "jāsakrīt ar reģionu summu.",
        "A part may not exceed its whole: a quarter its year, a municipality its region, a "
        "region Latvia; families may not exceed people; KOPĀ must equal the sum of the regions.",
    ),
    (
        "Pārklājoši periodi (pusgads un gads, kopsumma kopš 2018. gada) ir atļauti. Tā paša avota "
        "jau publicētu skaitli var aizstāt tikai ar izvēli “aizstāt”; cita avota skaitlis tiek "
        "saglabāts blakus.",
        "Overlapping periods (a half-year and its year, a running total since 2018) are "
        "accepted. A figure already published from the same source is only superseded with "
        "“replace”; another source's figure is kept beside it.",
    ),
    (
        "Ja failā ir kaut viena kļūda, netiek publicēts nekas; ziņojumā norādīta rinda un kolonna.",
        "If the file has any error, nothing is published; the report names the row and column.",
    ),
    (
        "Ierobežojumi: līdz 5 MB, līdz 100 000 rindu; bez makro un ārējām saitēm.",
        "Limits: up to 5 MB, up to 100 000 rows; no macros and no external links.",
    ),
]


def region_names() -> list[str]:
    """Latvian short names in the seed's sort order (Kurzeme, Latgale, Rīga, Vidzeme, Zemgale)."""
    with REGIONS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: int(r["sort_order"]))
    return [r["name_lv"] for r in rows]


def _csv_bytes(header: list[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(header)
    return buffer.getvalue().encode("utf-8-sig")


def build_long_csv() -> bytes:
    return _csv_bytes(LONG_HEADER)


def build_wide_csv() -> bytes:
    return _csv_bytes(["period", "metric", *region_names(), TOTAL_HEADER])


def _reproducible(xlsx: bytes) -> bytes:
    """Rewrite the archive with fixed timestamps so the same input gives the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + FIXED_ISO.encode() + rb"\g<2>",
                    data,
                )
            target = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            target.compress_type = zipfile.ZIP_DEFLATED
            target.external_attr = 0o600 << 16
            dst.writestr(target, data)
    return out.getvalue()


def build_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.properties.creator = "remigration-dashboard"
    workbook.properties.created = dt.datetime(2024, 1, 1)
    data = workbook.active
    data.title = "dati"
    data.append(LONG_HEADER)
    for cell in data[1]:
        cell.font = Font(bold=True)
    widths = {"A": 22, "B": 20, "C": 22, "D": 10, "E": 40, "F": 40, "G": 30, "H": 20, "I": 40}
    widths |= {"J": 16, "K": 16, "L": 12}
    for letter, width in widths.items():
        data.column_dimensions[letter].width = width
    for letter in TEXT_COLUMNS:
        data.column_dimensions[letter].number_format = "@"
    data.freeze_panes = "A2"

    sheet = workbook.create_sheet("instrukcija")
    sheet.append(["Latviski", "English"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for lv, en in INSTRUCTIONS:
        sheet.append([lv, en])
    for column in ("A", "B"):
        sheet.column_dimensions[column].width = 80
        for cell in sheet[column]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue())


def build_all() -> dict[str, bytes]:
    return {
        "remigration-template-long.csv": build_long_csv(),
        "remigration-template-wide.csv": build_wide_csv(),
        "remigration-template.xlsx": build_xlsx(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if templates are stale")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory")
    args = parser.parse_args(argv)
    stale = []
    for name, content in build_all().items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_bytes() != content:
                stale.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run scripts/make_templates.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
