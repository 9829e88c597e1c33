"""Every part of an XLSX is parsed through defusedxml before openpyxl sees the workbook.

The review's bypasses of the old 64 KB text scan (a DOCTYPE after a 70 KB comment, UTF-16
without a byte-order mark, a case-twin part name) are rebuilt here, with billion laughs and the
other places a DTD can hide; each is refused naming the part, with nothing to publish and
openpyxl never called. Excel's own oddities (binary parts, not-well-formed legacy VML) and the
templates still pass. Helpers come from ``test_ingest.py`` and ``test_ingest_safety.py``.
"""

from __future__ import annotations

import codecs
import io
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from test_ingest import check
from test_ingest_safety import PNG, only, rezip, valid_xlsx

from dashboard.ingest import xlsx
from dashboard.ingest.grid import ReadResult

TEMPLATES = Path(__file__).resolve().parents[2] / "data" / "templates"
DOCTYPE = b'<!DOCTYPE workbook [<!ENTITY a "aaaa">]>'
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n<lolz>&lol9;</lolz>"
)


@pytest.fixture
def openpyxl_must_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refused workbook is refused before openpyxl parses anything."""
    import openpyxl

    def forbidden(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("openpyxl must not open a refused workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", forbidden)


def refused(data: bytes, code: str, *parts: str) -> None:
    report = check(data, "figures.xlsx")
    only(report, code)  # exactly this error, both languages, nothing to publish
    for part in parts:
        assert part in report.errors[0].message_lv and part in report.errors[0].message_en


def prefixed(prefix: bytes) -> Any:
    return lambda part: prefix + part


# --- the three bypasses from the review -----------------------------------------------------------


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
@pytest.mark.parametrize("doctype", [DOCTYPE, b"<!DOCTYPE workbook>"])
def test_doctype_after_a_70_kb_comment_is_refused(
    part: str, doctype: bytes, openpyxl_must_not_run: None
) -> None:
    comment = b"<!--" + b"x" * 70 * 1024 + b"-->"
    hostile = rezip(valid_xlsx(), change={part: prefixed(comment + doctype)})
    refused(hostile, "xml_dtd", part)


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", b""),  # the review's case: expat detects it from "<\0"
        ("utf-16-be", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_doctype_in_any_encoding_expat_detects_is_refused(
    codec: str, bom: bytes, openpyxl_must_not_run: None
) -> None:
    def recode(with_doctype: bool) -> Any:
        return lambda part: bom + ((DOCTYPE if with_doctype else b"") + part).decode().encode(codec)

    hostile = rezip(valid_xlsx(), change={"xl/workbook.xml": recode(True)})
    refused(hostile, "xml_dtd", "xl/workbook.xml")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_the_same_utf16_part_without_a_doctype_is_read(codec: str) -> None:
    """The refusal above is for the DTD, not for the encoding."""
    plain = rezip(valid_xlsx(), change={"xl/workbook.xml": lambda p: p.decode().encode(codec)})
    assert check(plain, "figures.xlsx").ok


@pytest.mark.parametrize(
    "twin", ["xl/Worksheets/sheet1.xml", "XL/WORKSHEETS/SHEET1.XML", "xl\\worksheets\\sheet1.xml"]
)
def test_case_twin_part_names_are_refused_naming_both(twin: str, openpyxl_must_not_run) -> None:
    hostile = rezip(valid_xlsx(), add={twin: b"<worksheet/>"})
    refused(hostile, "duplicate_part", "xl/worksheets/sheet1.xml", twin)


def test_an_exactly_repeated_part_name_is_refused(openpyxl_must_not_run: None) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(valid_xlsx())) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        with pytest.warns(UserWarning, match="Duplicate name"):
            dst.writestr("xl/workbook.xml", DOCTYPE + src.read("xl/workbook.xml"))
    refused(buffer.getvalue(), "duplicate_part", "xl/workbook.xml")


# --- other places a DTD can hide ------------------------------------------------------------------


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_billion_laughs_is_refused(part: str, openpyxl_must_not_run: None) -> None:
    hostile = rezip(valid_xlsx(), change={part: lambda _: BILLION_LAUGHS}, add={})
    if part == "xl/sharedStrings.xml":  # not in the baseline workbook: add it
        hostile = rezip(valid_xlsx(), add={part: BILLION_LAUGHS})
    refused(hostile, "xml_dtd", part)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("customXml/item1.xml", DOCTYPE + b"<root/>"),  # a part openpyxl never reads
        ("xl/media/image1.png", DOCTYPE + b"<svg/>"),  # XML by content, whatever the name
        ("docProps/custom.xml", b'<!DOCTYPE p SYSTEM "http://example.invalid/p.dtd"><p/>'),
        ("_rels/extra.rels", b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE r><r/>'),
    ],
)
def test_a_dtd_in_any_part_is_refused(name: str, content: bytes, openpyxl_must_not_run) -> None:
    refused(rezip(valid_xlsx(), add={name: content}), "xml_dtd", name)


@pytest.mark.parametrize("codec", ["utf-8", "utf-16-le", "utf-16-be"])
def test_dtd_text_in_a_part_that_is_not_xml_is_refused(codec: str, openpyxl_must_not_run) -> None:
    """After the root element a DOCTYPE is not well-formed, so expat stops before it; no
    genuine part has one there, so its bytes are checked too."""
    late = "<r/><!DOCTYPE r [<!ENTITY a 'b'>]>".encode(codec)
    refused(rezip(valid_xlsx(), add={"xl/drawings/vmlDrawing9.vml": late}), "xml_dtd")


def test_doctype_text_inside_a_comment_is_not_a_dtd() -> None:
    commented = b"<!-- an old note: <!DOCTYPE workbook> was here -->"
    data = rezip(valid_xlsx(), change={"xl/workbook.xml": prefixed(commented)})
    assert check(data, "figures.xlsx").ok


# --- what Excel writes still passes ---------------------------------------------------------------


def test_legacy_vml_that_is_not_well_formed_is_accepted() -> None:
    """Excel writes unclosed <br> in the VML of notes and form controls; openpyxl skips VML."""
    vml = (
        b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:'
        b'office:excel"><v:shape id="_x0000_s1025"><v:textbox><div>Note<br>line two</div>'
        b'</v:textbox><x:ClientData ObjectType="Note"/></v:shape></xml>'
    )
    data = rezip(valid_xlsx(), add={"xl/drawings/vmlDrawing1.vml": vml})
    report = check(data, "figures.xlsx")
    assert report.ok, report.errors


def test_binary_parts_are_accepted() -> None:
    data = rezip(
        valid_xlsx(),
        add={
            "xl/media/image1.png": PNG * 100,
            "xl/printerSettings/printerSettings1.bin": b"\0" * 64,
        },
    )
    assert check(data, "figures.xlsx").ok


def test_long_text_is_not_a_long_token() -> None:
    """Text between tags reaches expat piece by piece; only a single tag, attribute or comment
    over the limit is refused."""
    text = b"<root>" + b"x" * (2 * xlsx.MAX_XML_TOKEN) + b"</root>"
    assert check(rezip(valid_xlsx(), add={"customXml/item1.xml": text}), "figures.xlsx").ok


@pytest.mark.parametrize(
    "hostile",
    [
        b"<!--" + b"x" * (xlsx.MAX_XML_TOKEN + xlsx.XML_CHUNK) + b"-->",
        b'<x a="' + b"y" * (xlsx.MAX_XML_TOKEN + xlsx.XML_CHUNK) + b'"/>',
        b"<?pi " + b"z" * (xlsx.MAX_XML_TOKEN + xlsx.XML_CHUNK) + b"?>",
    ],
)
def test_a_single_xml_token_over_the_limit_is_refused(hostile: bytes, openpyxl_must_not_run):
    """openpyxl feeds expat 16 KB at a time and expat 2.5 re-scans an unfinished token on each
    feed: one 48 MB comment in a sheet cost 65 s of CPU before this limit. The length is checked
    at each chunk, so a token is refused once more than the limit of it has been read."""
    data = rezip(valid_xlsx(), change={"xl/worksheets/sheet1.xml": prefixed(hostile)})
    refused(data, "xml_token_too_large", "xl/worksheets/sheet1.xml", "1 MB")


def test_a_token_just_under_the_limit_is_accepted() -> None:
    comment = b"<!--" + b"x" * (xlsx.MAX_XML_TOKEN - 64) + b"-->"
    data = rezip(valid_xlsx(), change={"xl/worksheets/sheet1.xml": prefixed(comment)})
    assert check(data, "figures.xlsx").ok


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.glob("*.xlsx")))
def test_every_part_of_the_templates_is_well_formed_xml_without_a_dtd(name: str) -> None:
    with zipfile.ZipFile(TEMPLATES / name) as archive:
        for info in archive.infolist():
            with archive.open(info) as member:
                assert xlsx._scan_part(member, info.filename, ReadResult()) is True, info


def test_scanning_a_large_part_keeps_memory_flat() -> None:
    """The scan builds nothing: a 16 MB sheet is parsed in 64 KB chunks."""
    row = b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c></row>'
    sheet = io.BytesIO(
        b"<worksheet><sheetData>"
        + row * (16 * 1024 * 1024 // len(row))
        + b"</sheetData></worksheet>"
    )
    tracemalloc.start()
    try:
        verdict = xlsx._scan_part(sheet, "xl/worksheets/sheet1.xml", ReadResult())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert verdict is True
    assert peak < 1024 * 1024, peak


def test_openpyxl_parses_with_the_same_defused_expat() -> None:
    """The scan's verdict holds for openpyxl only while openpyxl parses with expat through
    defusedxml; with lxml installed it would switch to libxml2, which detects encodings and
    recovers differently. This fails if lxml ever arrives as a dependency."""
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True
    assert openpyxl.xml.LXML is False
