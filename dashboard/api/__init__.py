"""HTTP APIs: the open-data API (``v1``, ``/api/v1``) and the admin API (``admin``,
``/admin/api``), both over the same read and write layers as the pages."""

from dashboard.api import admin, v1

__all__ = ["admin", "v1"]
