"""CSV / JSON / XLSX exports of the tidy dataset, and spreadsheet-formula escaping."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from dashboard.exports import (
    TIDY_COLUMNS,
    escape_cell,
    is_part_year,
    published_on_text,
    tidy_records,
    to_csv,
    to_json,
    to_xlsx,
)

# Rows as ``queries.observation_rows`` returns them (values made up for these tests): a
# planning-region row whose source states only a month, and a national row whose source was
# not stated.
QUERY_ROWS = [
    {
        "period": "2018-03..2018-12",
        "period_label_lv": "2018. gads (mar.–dec.)",
        "period_label_en": "2018 (Mar–Dec)",
        "period_start": dt.date(2018, 3, 1),
        "period_end": dt.date(2018, 12, 31),
        "months": 10,
        "geo_level": "planning_region",
        "geo_code": "riga",
        "geo_name_lv": "Rīga",
        "geo_name_en": "Riga",
        "division": None,
        "region": "riga",
        "region_name_lv": "Rīga",
        "region_name_en": "Riga",
        "metric": "offers_prepared",
        "unit": "offers",
        "kind": "flow",
        "value": 278,
        "preferred": True,
        "reliability": "normal",
        "note": None,
        "source_title": "Reģionālais remigrācijas atbalsts",
        "source_publisher": "VARAM",
        "source_url": "https://www.varam.gov.lv/lv/regionalais-remigracijas-atbalsts",
        "source_published_on": dt.date(2020, 8, 1),
        "source_published_precision": "month",
        "release": 1,
    },
    {
        "period": "2019",
        "period_label_lv": "2019. gads",
        "period_label_en": "2019",
        "period_start": dt.date(2019, 1, 1),
        "period_end": dt.date(2019, 12, 31),
        "months": 12,
        "geo_level": "national",
        "geo_code": "LV",
        "geo_name_lv": "Latvija",
        "geo_name_en": "Latvia",
        "division": None,
        "region": None,
        "region_name_lv": None,
        "region_name_en": None,
        "metric": "families_returned",
        "unit": "families",
        "kind": "flow",
        "value": 1815,
        "preferred": False,
        "reliability": "low",
        "note": "made up",
        "source_title": None,
        "source_publisher": None,
        "source_url": None,
        "source_published_on": None,
        "source_published_precision": None,
        "release": 2,
    },
]


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_escape_cell_prefixes_formula_starts(prefix):
    value = f'{prefix}HYPERLINK("http://evil","x")'
    assert escape_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    [0, 45, -5, 3.3, -0.5, None, True, "", "Rīga", "a=b", " =1+1", "'=already", "2019"],
)
def test_escape_cell_leaves_other_values_alone(value):
    assert escape_cell(value) is value


def test_tidy_records_in_both_languages():
    lv = tidy_records(QUERY_ROWS, "lv")
    en = tidy_records(QUERY_ROWS, "en")
    assert list(lv[0]) == TIDY_COLUMNS
    assert lv[0] == {
        "period": "2018-03..2018-12",
        "period_label": "2018. gads (mar.–dec.)",
        "period_start": "2018-03-01",
        "period_end": "2018-12-31",
        "region": "riga",
        "region_name": "Rīga",
        "metric": "offers_prepared",
        "unit": "offers",
        "value": 278,
        "source_url": "https://www.varam.gov.lv/lv/regionalais-remigracijas-atbalsts",
        "release": 1,
        "geo_level": "planning_region",
        "geo_code": "riga",
        "geo_name_lv": "Rīga",
        "geo_name_en": "Riga",
        "division": "",
        "period_label_lv": "2018. gads (mar.–dec.)",
        "period_label_en": "2018 (Mar–Dec)",
        "months": 10,
        "measure": "offers_prepared",
        "kind": "flow",
        "preferred": True,
        "reliability": "normal",
        "note": "",
        "source_title": "Reģionālais remigrācijas atbalsts",
        "source_publisher": "VARAM",
        "source_published_on": "2020-08",
        "part_year": True,
    }
    assert lv[1]["part_year"] is False  # 2019, a whole year
    assert (en[0]["period_label"], en[0]["region_name"]) == ("2018 (Mar–Dec)", "Riga")
    # Absent values are empty cells, the same in both languages: no region for Latvia, no
    # source columns for a source that was not stated.
    national = {k: v for k, v in lv[1].items() if k not in {"period_label"}}
    assert national == {k: v for k, v in en[1].items() if k not in {"period_label"}}
    assert (lv[1]["region"], lv[1]["region_name"], lv[1]["geo_code"]) == ("", "", "LV")
    for column in ("source_url", "source_title", "source_publisher", "source_published_on"):
        assert lv[1][column] == ""
    assert (lv[1]["preferred"], lv[1]["reliability"], lv[1]["note"]) == (False, "low", "made up")


@pytest.mark.parametrize(
    ("on", "precision", "text"),
    [
        (dt.date(2020, 8, 18), "day", "2020-08-18"),
        (dt.date(2020, 8, 1), "month", "2020-08"),
        (dt.date(2020, 8, 18), None, "2020-08-18"),
        (None, None, ""),
    ],
)
def test_publication_dates_are_as_precise_as_the_source(on, precision, text):
    assert published_on_text(on, precision) == text


def test_csv_round_trip():
    records = tidy_records(QUERY_ROWS, "lv")
    text = to_csv(records)
    assert text.startswith(",".join(TIDY_COLUMNS) + "\r\n")
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert parsed == [{k: str(v) for k, v in r.items()} for r in records]


def test_csv_escapes_formulas_but_not_numbers():
    records = tidy_records(QUERY_ROWS, "en")
    records[0] = {**records[0], "region_name": "=cmd|' /C calc'!A0", "value": -5}
    parsed = list(csv.DictReader(io.StringIO(to_csv(records))))
    assert parsed[0]["region_name"] == "'=cmd|' /C calc'!A0"
    assert parsed[0]["value"] == "-5"


def test_json_round_trip():
    records = tidy_records(QUERY_ROWS, "lv")
    text = to_json(records)
    assert "Rīga" in text  # UTF-8, not \u escapes
    assert json.loads(text) == records


def test_json_serialises_dates():
    assert json.loads(to_json([{"d": dt.date(2020, 8, 18), "t": dt.datetime(2020, 8, 18, 9)}])) == [
        {"d": "2020-08-18", "t": "2020-08-18T09:00:00"}
    ]
    with pytest.raises(TypeError):
        to_json([{"x": object()}])


def test_xlsx_round_trip():
    records = tidy_records(QUERY_ROWS, "en")
    workbook = load_workbook(io.BytesIO(to_xlsx(records)))
    sheet = workbook["data"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == TIDY_COLUMNS
    assert len(rows) == 1 + len(records)
    for row, record in zip(rows[1:], records, strict=True):
        assert dict(zip(TIDY_COLUMNS, row, strict=True)) == {
            k: (None if v == "" else v) for k, v in record.items()
        }
    assert isinstance(rows[2][TIDY_COLUMNS.index("value")], int)


def test_xlsx_escapes_formulas():
    records = tidy_records(QUERY_ROWS, "en")
    records[0] = {**records[0], "region_name": "=1+1", "value": -5}
    sheet = load_workbook(io.BytesIO(to_xlsx(records)))["data"]
    cell = sheet.cell(row=2, column=TIDY_COLUMNS.index("region_name") + 1)
    assert cell.data_type == "s"
    assert cell.value == "'=1+1"
    number = sheet.cell(row=2, column=TIDY_COLUMNS.index("value") + 1)
    assert number.data_type == "n"
    assert number.value == -5


def test_funding_exports_escape_formulas_in_every_text_cell():
    """Funding titles are edited by admins in /admin; a title that looks like a formula must
    reach a spreadsheet as text, in the CSV and the XLSX alike."""
    import csv
    import io

    from openpyxl import load_workbook

    from dashboard.exports import FUNDING_COLUMNS, funding_records, to_csv, to_xlsx

    row = {
        "code": "x",
        "parent_code": None,
        "title_lv": '=HYPERLINK("http://evil.example","x")',
        "title_en": "@SUM(A1:A9)",
        "amount_eur": Decimal("10.00"),
        "share_pct": None,
        "kind": "total",
        "year": 2020,
        "period_start": None,
        "period_end": None,
        "source": {"title": "+cmd", "url": "https://example.lv"},
    }
    records = funding_records([row])
    text = list(csv.DictReader(io.StringIO(to_csv(records, FUNDING_COLUMNS))))[0]
    assert text["title_lv"] == "'" + row["title_lv"]
    assert text["title_en"] == "'@SUM(A1:A9)"
    assert text["source_title"] == "'+cmd"
    assert text["amount_eur"] == "10.0"
    sheet = load_workbook(io.BytesIO(to_xlsx(records, FUNDING_COLUMNS))).active
    values = [c.value for c in sheet[2]]
    assert "'" + row["title_lv"] in values and "'+cmd" in values
    assert 10.0 in values  # numbers stay numbers


@pytest.mark.parametrize(
    ("start", "end", "months", "part"),
    [
        (dt.date(2018, 3, 1), dt.date(2018, 12, 31), 10, True),
        (dt.date(2020, 7, 1), dt.date(2020, 9, 30), 3, True),
        (dt.date(2021, 6, 1), dt.date(2021, 6, 30), 1, True),
        (dt.date(2019, 1, 1), dt.date(2019, 12, 31), 12, False),
        # Running totals across years are not part of one year.
        (dt.date(2018, 3, 1), dt.date(2019, 10, 31), 20, False),
        (dt.date(2018, 3, 1), dt.date(2023, 12, 31), 70, False),
        (dt.date(2024, 1, 1), dt.date(2026, 12, 31), 36, False),
    ],
)
def test_part_year_is_a_period_inside_one_year_and_shorter(start, end, months, part):
    assert is_part_year(start, end, months) is part


def test_csv_for_excel_has_bom_semicolons_and_decimal_commas():
    records = [{"code": "=x", "amount_eur": 3214.29, "share_pct": 30.0, "title": "Rīga – ā"}]
    columns = ["code", "amount_eur", "share_pct", "title"]
    text = to_csv(records, columns, excel=True)
    assert text.startswith("\ufeffcode;amount_eur;share_pct;title\r\n")
    body = text.encode("utf-8")
    assert body.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert parsed == [
        {"code": "'=x", "amount_eur": "3214,29", "share_pct": "30,0", "title": "Rīga – ā"}
    ]
    # The plain file is unchanged: commas, points, no mark.
    assert to_csv(records, columns).startswith("code,amount_eur,share_pct,title\r\n'=x,3214.29,")


def test_workbook_carries_its_licence_on_a_second_sheet():
    from openpyxl import load_workbook

    records = tidy_records(QUERY_ROWS, "en")
    book = load_workbook(io.BytesIO(to_xlsx(records, TIDY_COLUMNS, ["CC BY 4.0", "=credit"])))
    assert book.sheetnames == ["data", "licence"]
    assert [row[0] for row in book["licence"].iter_rows(values_only=True)] == [
        "CC BY 4.0",
        "'=credit",
    ]
    assert load_workbook(io.BytesIO(to_xlsx(records))).sheetnames == ["data"]
