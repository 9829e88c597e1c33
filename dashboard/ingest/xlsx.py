"""Excel files: inspected as ZIP archives, every part parsed as XML, then read by openpyxl.

The archive is judged from its directory and content types *before* openpyxl sees it, so a zip
bomb, a macro workbook or one with external links is refused without being unpacked; every part
is then parsed once through defusedxml with DTDs forbidden (see :func:`_scan_part`). Formulas are
read as formulas (``data_only=False``) and never evaluated. ``reader.py`` decides that a file is
a ZIP archive and hands it here.
"""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, XMLParser

from dashboard.ingest.grid import MAX_COLUMNS, CellError, Formula, Grid, ReadResult, is_blank
from dashboard.ingest.messages import human_size, make_issue
from dashboard.ingest.types import Limits

MAX_ZIP_MEMBERS = 2_000
XML_CHUNK = 64 * 1024
# The longest single XML token (tag with its attributes, comment, processing instruction) a part
# may hold. Excel's are a few KB (cell text is delivered piecewise and is not one token); expat
# 2.5 re-scans an unfinished token on every chunk it is fed, so openpyxl (16 KB chunks) needed
# 65 s for one 48 MB comment in a sheet that zips to 54 KB. Checked after each chunk: a token is
# refused once more than this much of it has been read without it ending.
MAX_XML_TOKEN = 1024 * 1024
# What a DTD looks like in the raw bytes of a part expat cannot parse, in every encoding expat
# detects (UTF-8 with or without BOM, UTF-16 either way round), compared in lower case.
_DTD_MARKERS = tuple(
    word.encode(codec)
    for word in ("<!doctype", "<!entity")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
SHEET_NAMES = frozenset({"dati", "data"})


def part_key(name: str) -> str:
    """A ZIP member's name as a case-insensitive reader (Windows, Excel itself) sees it."""
    return name.replace("\\", "/").casefold()


class _Discard:
    """An ElementTree parser target that builds nothing: the scan only wants expat's verdict."""

    def close(self) -> None:
        return None


def _scan_part(member: IO[bytes], part: str, result: ReadResult) -> bool | None:
    """Parse one ZIP member completely as XML through defusedxml, DTDs forbidden, streamed.

    ``True``: well-formed XML without a DTD. ``False``: refused, with the error added (a DTD or
    entity declaration anywhere expat reaches, in whatever encoding expat detected, or a single
    token over :data:`MAX_XML_TOKEN`). ``None``: not well-formed XML — a binary part (image,
    printer settings) fails on its first byte, and the legacy VML drawings Excel writes for notes
    and form controls are often not well-formed (unclosed ``<br>``). Such parts are harmless:
    openpyxl parses with this same expat, which never reads past the first error, so nothing
    after it can be declared or expanded; the caller still looks for DTD text in their bytes.
    Memory stays at one chunk plus the unfinished token, whatever the part's size.
    """
    parser = XMLParser(target=_Discard(), forbid_dtd=True)
    expat = parser.parser
    # ElementTree routes every token without a handler of its own through a Python catch-all
    # (for its tree builder); with nothing to build, expat runs five times faster without it.
    expat.DefaultHandlerExpand = None
    fed = 0
    try:
        while chunk := member.read(XML_CHUNK):
            parser.feed(chunk)
            fed += len(chunk)
            # CurrentByteIndex is where the unfinished token starts (or the end of the input).
            if fed - max(expat.CurrentByteIndex, 0) > MAX_XML_TOKEN:
                limit = human_size(MAX_XML_TOKEN)
                result.errors.append(make_issue("xml_token_too_large", part=part, limit=limit))
                return False
        parser.close()
    except DefusedXmlException:
        result.errors.append(make_issue("xml_dtd", part=part))
        return False
    except ParseError:
        return None
    return True


def _has_dtd_text(member: IO[bytes]) -> bool:
    """True when the raw bytes hold ``<!DOCTYPE`` or ``<!ENTITY`` in UTF-8 or UTF-16."""
    overlap = max(len(m) for m in _DTD_MARKERS) - 1
    tail = b""
    while chunk := member.read(XML_CHUNK):
        window = (tail + chunk).lower()
        if any(marker in window for marker in _DTD_MARKERS):
            return True
        tail = window[-overlap:]
    return False


def _inspect_zip(data: bytes, ext: str, limits: Limits, result: ReadResult) -> bool:
    """Refuse unsafe or non-Excel archives from the ZIP directory and the content types, then
    parse every part (:func:`_scan_part`) before openpyxl is allowed to open the workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                result.errors.append(make_issue("too_many_parts", count=len(infos)))
                return False
            # Declared sizes bound what zipfile will ever inflate, so this check needs no
            # decompression at all.
            unpacked = sum(info.file_size for info in infos)
            if unpacked > limits.max_unpacked_bytes:
                result.errors.append(
                    make_issue(
                        "zip_bomb",
                        size=human_size(unpacked),
                        limit=human_size(limits.max_unpacked_bytes),
                    )
                )
                return False
            # Two members whose names differ only in case (or not at all) are one part to a
            # case-insensitive reader and two to zipfile: which one is "the" sheet would depend
            # on who reads it, so such a file is refused, naming both.
            names: dict[str, zipfile.ZipInfo] = {}
            for info in infos:
                key = part_key(info.filename)
                if key in names:
                    part, other = names[key].filename, info.filename
                    result.errors.append(make_issue("duplicate_part", part=part, other=other))
                    return False
                names[key] = info
            if "[content_types].xml" not in names:
                what = "OpenDocument (.ods)" if "mimetype" in names else "no [Content_Types].xml"
                result.errors.append(make_issue("not_xlsx", what=what))
                return False
            content_types = archive.read(names["[content_types].xml"]).decode(
                "utf-8", errors="replace"
            )
            lowered = content_types.lower()
            if "spreadsheetml" in lowered or "ms-excel" in lowered:
                result.file_type = "xlsx"
            has_vba = any(n.endswith(("vbaproject.bin", "vbaprojectsignature.bin")) for n in names)
            macro_type = "vbaproject" in lowered or (
                "macroenabled" in lowered and "sheet.binary" not in lowered
            )
            if ext in ("xlsm", "xltm", "xlam") or has_vba or macro_type:
                result.errors.append(make_issue("macro"))
                return False
            if "sheet.binary" in lowered:
                result.errors.append(make_issue("not_xlsx", what="Excel binary workbook (.xlsb)"))
                return False
            external = [
                n for n in names if n.startswith("xl/externallinks/") or n == "xl/connections.xml"
            ]
            if external or "externallink" in lowered:
                part = external[0] if external else "externalLink"
                result.errors.append(make_issue("external_links", part=part))
                return False
            if "spreadsheetml" not in lowered:
                what = (
                    "Word document"
                    if "wordprocessingml" in lowered
                    else "PowerPoint presentation"
                    if "presentationml" in lowered
                    else "another kind of ZIP archive"
                )
                result.errors.append(make_issue("not_xlsx", what=what))
                return False
            # Every part, whatever its name: a part is XML if expat can parse it.
            for info in infos:
                with archive.open(info) as member:
                    verdict = _scan_part(member, info.filename, result)
                if verdict is False:
                    return False
                if verdict is None:
                    with archive.open(info) as member:
                        if _has_dtd_text(member):
                            result.errors.append(make_issue("xml_dtd", part=info.filename))
                            return False
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
        ValueError,
        KeyError,
    ):
        result.errors.append(make_issue("bad_zip"))
        return False
    return True


def _cell_value(cell: dict[str, Any]) -> Any:
    value, data_type = cell.get("value"), cell.get("data_type")
    if data_type == "f":
        return Formula(str(getattr(value, "text", value)))
    if data_type == "e":
        return CellError(str(value))
    if isinstance(value, str):
        return value if value.strip() else None
    return value


def read_xlsx(data: bytes, ext: str, limits: Limits, result: ReadResult) -> None:
    """Fill ``result`` with the data sheet's grid, or with why the workbook is refused."""
    if not _inspect_zip(data, ext, limits, result):
        return
    import openpyxl
    from openpyxl.worksheet._reader import WorkSheetParser

    workbook = None
    rows: list[tuple[int, list[Any]]] = []
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, extensions); irrelevant.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
            sheets = list(workbook.worksheets)
            if not sheets:
                result.errors.append(make_issue("no_sheet"))
                return
            named = [s for s in sheets if s.title.strip().casefold() in SHEET_NAMES]
            sheet = named[0] if named else sheets[0]
            if not named and len(sheets) > 1:
                result.warnings.append(make_issue("sheet_used", sheet=sheet.title))
            # The sheet XML is parsed directly rather than through iter_rows(): rows stay sparse
            # (a stray cell in column XFD does not create 16 384-cell rows) and data beyond the
            # column limit is reported instead of being silently cut off.
            with sheet._get_source() as source:
                parser = WorkSheetParser(
                    source,
                    sheet._shared_strings,
                    data_only=False,
                    epoch=workbook.epoch,
                    date_formats=workbook._date_formats,
                    timedelta_formats=workbook._timedelta_formats,
                )
                for number, cells in parser.parse():
                    present = [c for c in cells if not is_blank(_cell_value(c))]
                    if not present:
                        continue
                    width = max(c["column"] for c in present)
                    if width > MAX_COLUMNS:
                        result.errors.append(
                            make_issue("too_many_columns", row=number, limit=MAX_COLUMNS)
                        )
                        return
                    values: list[Any] = [None] * width
                    for cell in present:
                        values[cell["column"] - 1] = _cell_value(cell)
                    rows.append((number, values))
                    if len(rows) > limits.max_rows + 1:
                        result.errors.append(make_issue("too_many_rows", limit=limits.max_rows))
                        return
            result.grid = Grid("xlsx", rows, sheet=sheet.title)
    except Exception as exc:  # openpyxl on hostile input can raise nearly anything
        result.grid = None
        result.errors.append(make_issue("unreadable_workbook", detail=type(exc).__name__))
    finally:
        if workbook is not None:
            workbook.close()
