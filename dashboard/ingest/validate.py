"""Check an uploaded file against every rule and say exactly what is wrong, in LV and EN.

The validator only reports: it never writes. Its report is all-or-nothing: one error anywhere and
``report.rows`` is empty, so the publish service has nothing it could half-publish. This module
is the entry point and the order of the steps; each step lives in the module named for its job:

* ``reader.py`` / ``xlsx.py``: bytes → a grid of cells, unsafe files refused first;
* ``header.py``: the header row, the layout, what each column holds;
* ``cells.py``, ``geography.py``, ``sources.py`` and ``layouts.py``: each data row's cells →
  candidate rows (the geography resolved in the division in force for the period);
* ``consistency.py``: checks across rows (duplicates, totals, families vs people);
* ``hierarchy.py``: no part larger than its whole (a period inside a period, a municipality in
  its planning region, a region in Latvia), within the file and against published data;
* ``published.py``: the comparison with published data, cell by cell and source by source;
* ``coverage.py``: warnings for regions and periods the file leaves out (nothing published
  there either).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date

from dashboard.ingest.cells import report_bad_cells
from dashboard.ingest.consistency import check_duplicates, check_families_people, check_totals
from dashboard.ingest.context import Upload
from dashboard.ingest.coverage import warn_coverage
from dashboard.ingest.header import find_header, map_columns
from dashboard.ingest.hierarchy import check_part_periods, check_part_places
from dashboard.ingest.layouts import read_long, read_wide
from dashboard.ingest.messages import human_size, make_issue
from dashboard.ingest.published import check_published
from dashboard.ingest.reader import read_file
from dashboard.ingest.sources import warn_unsourced
from dashboard.ingest.types import Issue, Limits, Reference, ValidationReport

log = logging.getLogger(__name__)


def _check(upload: Upload) -> None:
    """Every step in order; a step that leaves the file unreadable stops the ones after it."""
    issues, report = upload.issues, upload.report
    if not find_header(upload):
        return
    report_bad_cells(upload)
    if not upload.data_rows():
        issues.error("no_data", upload.header.row if upload.header else None)
        return
    if not map_columns(upload):
        return
    if report.layout == "long":
        read_long(upload)
    else:
        read_wide(upload)
    check_duplicates(upload)
    check_totals(upload)
    check_families_people(upload)
    check_part_periods(upload)
    check_part_places(upload)
    check_published(upload)
    warn_unsourced(upload)
    warn_coverage(upload)
    if not upload.candidates and not report.errors:
        issues.error("no_data", upload.header.row if upload.header else None)
    report.rows = [c.parsed for c in upload.candidates]


def _sort_key(issue: Issue) -> tuple[int, int]:
    return (0 if issue.row is None else 1, issue.row or 0)


def validate_upload(
    data: bytes,
    filename: str,
    reference: Reference,
    *,
    today: date,
    replace: bool = False,
    limits: Limits = Limits(),  # noqa: B008 - frozen dataclass, safe as a default
) -> ValidationReport:
    """Read and check an uploaded file; never raises, never writes.

    The report's ``rows`` are what would be published; they are empty unless ``ok``.
    """
    data = bytes(data)
    report = ValidationReport(
        ok=False,
        file_type=None,
        encoding=None,
        delimiter=None,
        layout=None,
        rows=[],
        errors=[],
        warnings=[],
        changes=[],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    try:
        if len(data) > limits.max_bytes:
            report.errors.append(
                make_issue(
                    "file_too_large",
                    size=human_size(len(data)),
                    limit=human_size(limits.max_bytes),
                )
            )
        else:
            read = read_file(data, filename, limits)
            report.file_type = read.file_type
            report.encoding = read.encoding
            report.delimiter = read.delimiter
            report.errors.extend(read.errors)
            report.warnings.extend(read.warnings)
            if read.grid is not None and not read.errors:
                if not read.grid.rows:
                    report.errors.append(make_issue("empty_file"))
                else:
                    _check(Upload(read.grid, reference, report, today=today, replace=replace))
    except Exception:  # a bug must still leave an all-or-nothing, "nothing published" answer
        log.exception("validate_upload failed on %r", filename)
        report.errors.append(make_issue("internal_error"))
    report.errors.sort(key=_sort_key)
    report.warnings.sort(key=_sort_key)
    report.ok = not report.errors and bool(report.rows)
    if not report.ok:
        report.rows = []
        report.changes = []
        report.superseded = []
    return report
