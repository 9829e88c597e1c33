"""HTTP APIs: the open-data API (``v1``, ``/api/v1``) and the admin API (``admin`` and
``admin_measures``, ``/admin/api``), both over the same read and write layers as the pages."""

from dashboard.api import admin, admin_measures, v1

__all__ = ["admin", "admin_measures", "v1"]
