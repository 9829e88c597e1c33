"""Parse and validate uploaded statistics files (CSV or XLSX, long or wide layout).

Pure: no Flask, no database session, no I/O beyond the bytes it is given. The publish service
builds a :class:`Reference` from the database, calls :func:`validate_upload`, and publishes
``report.rows`` only when ``report.ok``. See ``docs/UPLOAD_FORMAT.md`` for the accepted formats,
and ``validate.py``'s docstring for which module does which step (reading, header, cells,
layouts, checks across rows, comparison with published data).
"""

from dashboard.ingest.names import resolve_metric, resolve_region
from dashboard.ingest.periods import parse_period
from dashboard.ingest.types import (
    Change,
    Issue,
    Limits,
    ParsedRow,
    PeriodSpec,
    PublishedValue,
    Reference,
    RefMetric,
    RefMunicipality,
    RefPeriod,
    RefRegion,
    ValidationReport,
    source_key,
)
from dashboard.ingest.validate import validate_upload

__all__ = [
    "Change",
    "Issue",
    "Limits",
    "ParsedRow",
    "PeriodSpec",
    "PublishedValue",
    "RefMetric",
    "RefMunicipality",
    "RefPeriod",
    "RefRegion",
    "Reference",
    "ValidationReport",
    "parse_period",
    "resolve_metric",
    "resolve_region",
    "source_key",
    "validate_upload",
]
