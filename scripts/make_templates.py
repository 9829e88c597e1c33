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

LONG_HEADER = ["period", "region", "metric", "value", "source_url", "source_title", "note"]
TOTAL_HEADER = "KOPĀ"
FIXED_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_ISO = "2024-01-01T00:00:00Z"

INSTRUCTIONS: list[tuple[str, str]] = [
    ("Remigrācijas datu augšupielādes veidne", "Remigration data upload template"),
    ("", ""),
    (
        "Aizpildiet lapu “dati”: viena rinda = viens skaitlis (periods, reģions, rādītājs, "
        "vērtība).",
        "Fill in the sheet “dati”: one row = one number (period, region, metric, value).",
    ),
    (
        "Obligātās kolonnas: period, region, metric, value. Neobligātās: source_url, "
        "source_title, note.",
        "Required columns: period, region, metric, value. Optional: source_url, source_title, "
        "note.",
    ),
    (
        "Var augšupielādēt arī plato formu kā ministrijas tabulā: period, metric un pa "
        "kolonnai katram reģionam (Kurzeme, Latgale, Rīga, Vidzeme, Zemgale), neobligāti KOPĀ.",
        "The wide layout, as in the ministry's table, is accepted too: period, metric and one "
        "column per region (Kurzeme, Latgale, Rīga, Vidzeme, Zemgale), optionally KOPĀ.",
    ),
    (
        "Periods: 2024-Q3, 2024-H1, 2024, 2018-03..2018-12, “2024. gada 3. ceturksnis”, "
        "“2018.gads (mar.-dec.)”.",
        "Period: 2024-Q3, 2024-H1, 2024, 2018-03..2018-12, “2024 Q3”, “2018 (Mar–Dec)”.",
    ),
    (
        "Reģions: Kurzeme, Latgale, Rīga, Vidzeme, Zemgale (var arī “Rīgas plānošanas "
        "reģions”, “Riga”).",
        "Region: Kurzeme, Latgale, Rīga, Vidzeme, Zemgale (also “Riga Planning Region”, “Riga”).",
    ),
    (
        "Rādītājs: families_returned (ģimenes), people_returned (cilvēki), offers_prepared "
        "(personalizētie piedāvājumi).",
        "Metric: families_returned (families), people_returned (people), offers_prepared "
        "(personalised offers).",
    ),
    (
        "Vērtība: vesels skaitlis ≥ 0 (atļauts “1 234”). Ne formulas: ielīmējiet vērtības.",
        "Value: a whole number ≥ 0 (“1 234” is fine). No formulas: paste values.",
    ),
    (
        "Ģimeņu nevar būt vairāk par cilvēkiem; periods nedrīkst beigties nākotnē; KOPĀ "
        "jāsakrīt ar reģionu summu.",
        "Families may not exceed people; a period may not end in the future; KOPĀ must equal "
        "the sum of the regions.",
    ),
    (
        "Jau publicētu periodu var aizstāt tikai ar izvēli “aizstāt”; vecie skaitļi paliek "
        "vēsturē.",
        "An already published period can only be superseded with “replace”; the old figures "
        "stay in the history.",
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
    widths = {"A": 22, "B": 16, "C": 22, "D": 10, "E": 40, "F": 40, "G": 40}
    for letter, width in widths.items():
        data.column_dimensions[letter].width = width
    # Text format for the period column: Excel would otherwise turn "2024-03" into a date.
    data.column_dimensions["A"].number_format = "@"
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
