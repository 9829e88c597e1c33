"""The admin page (``/admin``), one module per tab.

``shell`` (header, ARIA tabs, shared stores, ``layout(lang, user)`` and ``register_callbacks()``),
the tabs ``upload`` (upload, validation report, preview, publish), ``releases`` (releases and
rollback), ``conflicts`` (sources that disagree, and the admin's choice of value), ``history``
(upload history and audit log), ``reports`` (readers' data-problem reports), ``contacts``,
``funding`` and ``measures`` (the measures registry), and ``common`` (tables, alerts, the
acting account).

Every component id starts with ``admin-``: the auth guard checks the role and CSRF token of any
callback that outputs to such a component before Dash runs it, and every change goes through
:mod:`dashboard.services`, which checks the role again. Reads go through :mod:`dashboard.queries`
(and :func:`dashboard.services.data_reports`, which also erases addresses whose time is up).
``dashboard/pages/admin.py`` registers the page and calls :func:`shell.register_callbacks`.
"""
