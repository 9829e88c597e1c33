"""The read side: aggregated, cached queries returning DataFrames and plain dicts.

Pages, the API, downloads and the CLI read published data only through these functions. Each
result is cached under the current data version (``versioning.py``), so a publish, rollback or
directory edit retires every cached view at once. The admin area's upload history and audit log
change without a new data version and are read fresh (``admin.py``).
"""

from dashboard.queries.admin import audit_log, uploads
from dashboard.queries.coverage import coverage
from dashboard.queries.directory import contacts, directory_entries, funding
from dashboard.queries.observations import (
    OBSERVATION_COLUMNS,
    ObservationFilter,
    charted_metrics,
    default_granularity,
    observations,
    periods,
    sources_for,
    view_years,
)
from dashboard.queries.reference import (
    events,
    latest_release,
    links,
    metric_figures,
    metrics,
    municipalities,
    regions,
    releases,
    sources,
    support_measures,
)
from dashboard.queries.rows import GEO_LEVELS, RowFilter, observation_rows
from dashboard.queries.versioning import (
    DATABASE_OUTAGE_ERRORS,
    cached,
    data_version,
    last_modified,
    remember_data_version,
)

__all__ = [
    "DATABASE_OUTAGE_ERRORS",
    "GEO_LEVELS",
    "OBSERVATION_COLUMNS",
    "ObservationFilter",
    "charted_metrics",
    "RowFilter",
    "audit_log",
    "cached",
    "contacts",
    "coverage",
    "data_version",
    "default_granularity",
    "directory_entries",
    "events",
    "funding",
    "last_modified",
    "latest_release",
    "links",
    "metric_figures",
    "metrics",
    "municipalities",
    "observation_rows",
    "observations",
    "periods",
    "regions",
    "releases",
    "remember_data_version",
    "sources",
    "sources_for",
    "support_measures",
    "uploads",
    "view_years",
]
