"""Bytes → a grid of cells: what kind of file this is, and reading it when it is a CSV.

The file type is decided by the content, never by the name: a PNG renamed ``.csv`` is refused, a
CSV named ``.xlsx`` is read as CSV (with a warning). ZIP archives go to ``xlsx.py``, which refuses
unsafe workbooks before openpyxl sees them. Nothing here knows about periods, regions or metrics;
that is the validator's job (``validate.py`` and the steps it calls).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from typing import Any

from dashboard.ingest.grid import MAX_COLUMNS, Grid, ReadResult
from dashboard.ingest.messages import make_issue
from dashboard.ingest.types import Limits
from dashboard.ingest.xlsx import read_xlsx

CSV_DELIMITERS = (",", ";", "\t")

# Magic numbers of common files people upload by mistake, for a message that says what it is.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document"),
    (b"{\\rtf", "RTF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable program"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# C0 controls other than tab/LF/CR, DEL and C1 controls never occur in a real CSV.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEP_LINE = re.compile(r"^\s*sep\s*=\s*(.)\s*$", re.IGNORECASE)


def _extension(filename: str) -> str:
    name = re.split(r"[\\/]", filename or "")[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def read_file(data: bytes, filename: str, limits: Limits) -> ReadResult:
    """Identify the file by its content and read it into a :class:`Grid`, or explain why not."""
    result = ReadResult()
    if not data.strip():
        result.errors.append(make_issue("empty_file"))
        return result
    ext = _extension(filename)
    if data.startswith(_ZIP_MAGIC):
        read_xlsx(data, ext, limits, result)
        if result.grid is not None and ext and ext not in ("xlsx", "xltx"):
            result.warnings.append(make_issue("extension_mismatch", ext=f".{ext}", kind="XLSX"))
        return result
    if data.startswith(_OLE2_MAGIC):
        result.errors.append(make_issue("old_excel"))
        return result
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            result.errors.append(make_issue("wrong_file_type", what=what))
            return result
    _read_csv(data, limits, result)
    if result.grid is not None and ext and ext not in ("csv", "txt", "tsv"):
        result.warnings.append(make_issue("extension_mismatch", ext=f".{ext}", kind="CSV"))
    return result


# --- CSV -------------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str] | None:
    """UTF-8 (with or without BOM) first, Windows-1257 as the fallback Latvian Excel uses."""
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1257"), "cp1257"
    except UnicodeDecodeError:
        return None


def count_outside_quotes(line: str, delimiter: str) -> int:
    """How many times ``delimiter`` separates fields in ``line`` (quoted text does not count).

    Every quote toggles "inside quotes", so the text outside quotes is every other piece
    between quotes; counting there runs at C speed, where a Python loop over the characters of
    a one-line 5 MB file took seconds.
    """
    return sum(piece.count(delimiter) for piece in line.split('"')[::2])


def _records(text: str, delimiter: str) -> Any:
    """``(first line number, cells)`` for every record, blank lines included."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    previous = 0
    for record in reader:
        yield previous + 1, record
        previous = reader.line_num


def detect_delimiter(text: str) -> str:
    """Pick comma, semicolon or tab from the header line, confirmed by the rows below it.

    ``csv.Sniffer`` guesses wrong on short files and on decimal commas, so instead each delimiter
    that occurs in the first line containing any of them is tried, and the one whose records most
    often have the header's column count wins (ties: the one splitting the header more).
    """
    header = next(
        (
            line
            for line in _LINE_BREAK.split(text, maxsplit=50)[:50]
            if line.strip(' \t,;"') and any(count_outside_quotes(line, d) for d in CSV_DELIMITERS)
        ),
        None,
    )
    if header is None:
        return ","
    best: tuple[float, int, str] | None = None
    for delimiter in CSV_DELIMITERS:
        count = count_outside_quotes(header, delimiter)
        if not count:
            continue
        widths: list[int] = []
        try:
            for _line, record in _records(text, delimiter):
                if any(cell.strip() for cell in record):
                    widths.append(len(record))
                if len(widths) >= 200:
                    break
        except csv.Error:
            continue
        score = sum(1 for w in widths if w == count + 1) / max(len(widths), 1)
        if best is None or (score, count) > best[:2]:
            best = (score, count, delimiter)
    return best[2] if best else ","


def _read_csv(data: bytes, limits: Limits, result: ReadResult) -> None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        result.errors.append(make_issue("utf16"))
        return
    decoded = _decode(data)
    if decoded is None or _CONTROL.search(decoded[0]):
        result.errors.append(make_issue("not_text"))
        return
    text, encoding = decoded
    if text.lstrip().startswith("<"):
        result.errors.append(make_issue("wrong_file_type", what="HTML/XML"))
        return
    result.file_type, result.encoding = "csv", encoding
    first_line = _LINE_BREAK.split(text, maxsplit=1)[0]
    sep = _SEP_LINE.match(first_line)
    skip_line = 0
    if sep and sep.group(1) in CSV_DELIMITERS:
        # Excel's "sep=;" hint line: honour it and do not treat it as the header.
        delimiter, skip_line = sep.group(1), 1
    else:
        delimiter = detect_delimiter(text)
    result.delimiter = delimiter
    rows: list[tuple[int, list[Any]]] = []
    line = 0
    try:
        for line, record in _records(text, delimiter):
            if line == skip_line or not any(cell.strip() for cell in record):
                continue
            while record and not record[-1].strip():
                record.pop()
            if len(record) > MAX_COLUMNS:
                result.errors.append(make_issue("too_many_columns", row=line, limit=MAX_COLUMNS))
                return
            rows.append((line, [cell if cell.strip() else None for cell in record]))
            if len(rows) > limits.max_rows + 1:
                result.errors.append(make_issue("too_many_rows", limit=limits.max_rows))
                return
    except csv.Error as exc:
        result.errors.append(make_issue("csv_malformed", row=line + 1, detail=str(exc)))
        return
    result.grid = Grid("csv", rows, encoding=result.encoding, delimiter=delimiter)
