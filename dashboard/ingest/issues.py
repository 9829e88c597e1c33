"""The capped lists of errors and warnings every validation step writes to.

Capped so a broken 100 000-row file still gives a report a person can read: past the cap one
"too many" note is added and the rest is dropped. The caps live here alone, so a step that wants
to skip work whose messages would be dropped asks this module rather than re-counting.
"""

from __future__ import annotations

from typing import Any

from dashboard.ingest.messages import make_issue
from dashboard.ingest.types import ValidationReport

MAX_ERRORS = 1000
MAX_WARNINGS = 1000


class Issues:
    """Collects errors and warnings, capped so a broken 100 000-row file gives a usable report."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report

    def error(
        self, code: str, row: int | None = None, column: str | None = None, **kw: Any
    ) -> None:
        errors = self.report.errors
        if len(errors) < MAX_ERRORS:
            errors.append(make_issue(code, row, column, **kw))
        elif len(errors) == MAX_ERRORS:
            errors.append(make_issue("too_many_errors", limit=MAX_ERRORS))

    def warning(
        self, code: str, row: int | None = None, column: str | None = None, **kw: Any
    ) -> None:
        warnings = self.report.warnings
        if len(warnings) < MAX_WARNINGS:
            warnings.append(make_issue(code, row, column, **kw))
        elif len(warnings) == MAX_WARNINGS:
            warnings.append(make_issue("too_many_warnings", limit=MAX_WARNINGS))

    def take_errors(self) -> bool:
        """Whether an error added now would still leave a trace (kept, or the "too many" note)."""
        return len(self.report.errors) <= MAX_ERRORS

    def take_warnings(self) -> bool:
        """Whether a warning added now would still leave a trace (kept, or the "too many" note)."""
        return len(self.report.warnings) <= MAX_WARNINGS
