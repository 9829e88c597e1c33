"""File-type and safety checks: the content decides, and unsafe workbooks are never opened.

Helpers come from ``test_ingest.py`` (same directory).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from test_ingest import LONG_HEADER, check, codes, to_csv, to_xlsx

from dashboard.ingest import Limits

VALID_ROWS = [LONG_HEADER[:4], ["2024-Q3", "Kurzeme", "families_returned", 5]]


def valid_xlsx() -> bytes:
    return to_xlsx(VALID_ROWS, title="dati")


def rezip(
    xlsx: bytes,
    add: dict[str, bytes] | None = None,
    change: dict[str, Any] | None = None,
) -> bytes:
    """Copy a workbook, adding parts and rewriting others (``change[name](old bytes)``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if change and info.filename in change:
                data = change[info.filename](data)
            dst.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
        for name, data in (add or {}).items():
            dst.writestr(name, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def only(report: Any, code: str) -> None:
    assert codes(report) == [code], report.errors
    assert report.rows == [] and not report.ok
    error = report.errors[0]
    assert error.message_lv and error.message_en and error.message_lv != error.message_en


def test_valid_xlsx_baseline() -> None:
    report = check(valid_xlsx(), "ok.xlsx")
    assert report.ok, report.errors


# --- wrong file types -----------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (PNG, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip archive"),
        (b"<!DOCTYPE html><html><body><table><tr><td>period</td></tr></table>", "HTML/XML"),
    ],
)
def test_known_non_csv_content_renamed_csv_is_refused(data: bytes, what: str) -> None:
    report = check(data, "figures.csv")
    only(report, "wrong_file_type")
    assert what in report.errors[0].message_en
    assert report.file_type is None


def test_binary_renamed_csv_is_refused() -> None:
    only(check(bytes(range(256)) * 4, "figures.csv"), "not_text")


def test_undecodable_bytes_are_refused() -> None:
    # 0x98 is undefined in both UTF-8 (as a lead byte) and Windows-1257.
    only(check(b"period,region,metric,value\n2024,R\x98ga,offers_prepared,1\n"), "not_text")


def test_utf16_csv_is_refused_with_a_hint() -> None:
    data = "period,region,metric,value\n".encode("utf-16")
    report = check(data)
    only(report, "utf16")
    assert "UTF-8" in report.errors[0].message_en


def test_old_xls_is_refused() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    only(check(data, "figures.xls"), "old_excel")


def test_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    only(check(buffer.getvalue(), "figures.xlsx"), "not_xlsx")


def test_word_document_is_refused() -> None:
    docx = rezip(
        valid_xlsx(),
        change={"[Content_Types].xml": lambda d: d.replace(b"spreadsheetml", b"wordprocessingml")},
    )
    report = check(docx, "figures.xlsx")
    only(report, "not_xlsx")
    assert "Word" in report.errors[0].message_en


def test_opendocument_spreadsheet_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    report = check(buffer.getvalue(), "figures.ods")
    only(report, "not_xlsx")
    assert ".ods" in report.errors[0].message_en


def test_truncated_workbook_is_refused() -> None:
    data = valid_xlsx()
    report = check(data[: len(data) // 2], "figures.xlsx")
    assert codes(report) in (["bad_zip"], ["unreadable_workbook"])
    assert report.rows == []


def test_workbook_with_broken_sheet_xml_is_refused() -> None:
    broken = rezip(valid_xlsx(), change={"xl/worksheets/sheet1.xml": lambda d: d[: len(d) // 2]})
    only(check(broken, "figures.xlsx"), "unreadable_workbook")


# --- unsafe workbooks -----------------------------------------------------------------------------


def _bomb(size: int) -> bytes:
    """A workbook-looking ZIP with one highly compressible member of ``size`` bytes."""
    buffer = io.BytesIO()
    chunk = b"\x00" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            written = 0
            while written < size:
                member.write(chunk[: size - written])
                written += len(chunk[: size - written])
    return buffer.getvalue()


def test_zip_bomb_refused_without_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _bomb(51 * 1024 * 1024)
    assert len(data) < 200 * 1024  # small on the wire, 51 MB unpacked

    def forbidden(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("a zip bomb must not be unpacked or opened")

    import openpyxl

    monkeypatch.setattr(zipfile.ZipFile, "open", forbidden)
    monkeypatch.setattr(openpyxl, "load_workbook", forbidden)
    report = check(data, "figures.xlsx")
    only(report, "zip_bomb")
    assert "50 MB" in report.errors[0].message_en


def test_unpacked_size_limit_is_configurable() -> None:
    data = rezip(valid_xlsx(), add={"xl/media/padding.bin": b"\x00" * (2 * 1024 * 1024)})
    assert check(data, "figures.xlsx").ok
    report = check(data, "figures.xlsx", limits=Limits(max_unpacked_bytes=1024 * 1024))
    only(report, "zip_bomb")


def test_vba_project_is_refused() -> None:
    data = rezip(valid_xlsx(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 fake vba"})
    only(check(data, "figures.xlsx"), "macro")


def test_macro_enabled_content_type_is_refused() -> None:
    data = rezip(
        valid_xlsx(),
        change={
            "[Content_Types].xml": lambda d: d.replace(
                b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
            )
        },
    )
    only(check(data, "figures.xlsx"), "macro")


def test_xlsm_file_name_is_refused() -> None:
    only(check(valid_xlsx(), "figures.xlsm"), "macro")


def test_external_links_are_refused() -> None:
    data = rezip(valid_xlsx(), add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    report = check(data, "figures.xlsx")
    only(report, "external_links")
    assert "externallinks" in report.errors[0].message_en.lower()


def test_external_data_connections_are_refused() -> None:
    data = rezip(valid_xlsx(), add={"xl/connections.xml": b"<connections/>"})
    only(check(data, "figures.xlsx"), "external_links")


def test_xml_entity_declarations_are_refused() -> None:
    doctype = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
    data = rezip(
        valid_xlsx(),
        change={"xl/worksheets/sheet1.xml": lambda d: doctype + d.split(b"?>", 1)[-1]},
    )
    only(check(data, "figures.xlsx"), "xml_dtd")


def test_xlsx_too_many_columns() -> None:
    row = ["x"] * 201
    only(check(to_xlsx([VALID_ROWS[0], row]), "f.xlsx"), "too_many_columns")


def test_csv_too_many_columns() -> None:
    only(check(to_csv([VALID_ROWS[0], ["x"] * 201])), "too_many_columns")


def test_xlsx_row_limit() -> None:
    rows = [VALID_ROWS[0]] + [[str(y), "Rīga", "offers_prepared", 1] for y in range(2000, 2010)]
    only(check(to_xlsx(rows), "f.xlsx", limits=Limits(max_rows=5)), "too_many_rows")


def test_xlsx_cell_with_error_value() -> None:
    data = rezip(
        valid_xlsx(),
        change={
            "xl/worksheets/sheet1.xml": lambda d: d.replace(
                b'<c r="D2" t="n"><v>5</v></c>', b'<c r="D2" t="e"><v>#DIV/0!</v></c>'
            )
        },
    )
    report = check(data, "f.xlsx")
    assert codes(report) == ["cell_error"], report.errors
    assert report.errors[0].column == "D (value)"
