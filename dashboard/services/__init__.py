"""The write side: every change to data goes through one of these functions.

``base`` (who acts, refusals, serialising writers), ``fields`` (form fields with bilingual
messages), ``releases`` (uploads, publishing, rollback), ``directory`` (contacts), ``funding``,
``measures`` (the measures registry) and ``reports`` (readers' data-problem reports). Each
function checks the actor's role itself and writes the audit log in the same transaction as its
change.
"""

from dashboard.services.base import Actor, ServiceError, db_int
from dashboard.services.directory import save_contact, set_contact_state, validate_contact_fields
from dashboard.services.fields import FieldError
from dashboard.services.funding import save_funding
from dashboard.services.measures import add_measure, delete_measure, update_measure
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
    "add_measure",
    "build_reference",
    "data_reports",
    "db_int",
    "delete_measure",
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
    "update_measure",
    "validate_contact_fields",
]
