"""The write side: every change to data goes through one of these functions.

``base`` (who acts, refusals, serialising writers), ``fields`` (form fields with bilingual
messages), ``releases`` (uploads, publishing, rollback), ``directory`` (contacts), ``funding`` and
``reports`` (readers' data-problem reports). Each function checks the actor's role itself and
writes the audit log in the same transaction as its change.
"""

from dashboard.services.base import Actor, ServiceError, db_int
from dashboard.services.directory import save_contact, set_contact_state, validate_contact_fields
from dashboard.services.fields import FieldError
from dashboard.services.funding import save_funding
from dashboard.services.releases import (
    build_reference,
    publish_upload,
    rollback_release,
    stage_upload,
)
from dashboard.services.reports import (
    data_reports,
    purge_report_emails,
    report_email_expired,
    report_email_retention,
    resolve_data_report,
    submit_data_report,
)

__all__ = [
    "Actor",
    "FieldError",
    "ServiceError",
    "build_reference",
    "data_reports",
    "db_int",
    "publish_upload",
    "purge_report_emails",
    "report_email_expired",
    "report_email_retention",
    "resolve_data_report",
    "rollback_release",
    "save_contact",
    "save_funding",
    "set_contact_state",
    "stage_upload",
    "submit_data_report",
    "validate_contact_fields",
]
