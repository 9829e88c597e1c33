"""The data version, and the cache of query results that it keys.

Results are cached with Flask-Caching under a key that includes the current *data version* (the
content revision and the release table's state), so publishing or rolling back a release, or
editing the directory, invalidates every cached view at once without enumerating keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app, g, has_request_context

from dashboard.db import models as m
from dashboard.db.session import get_db
from dashboard.web.shared_cache import CODE_TAG_KEY, get_cache

T = TypeVar("T")

LAST_VERSION_KEY = "data_version:last"


# What a database outage looks like to SQLAlchemy: refused or dropped connections, timeouts.
DATABASE_OUTAGE_ERRORS: tuple[type[Exception], ...] = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
)


def data_version() -> str:
    """A short string that changes whenever published content changes.

    It combines the content revision counter (bumped by every publish, rollback and directory
    edit) and the time of its last bump with the release table's state, and is read once per
    request.

    When the database cannot be reached, the version last used to fill the cache is returned
    instead (and ``g.database_unavailable`` set), so that views already in the cache are still
    served; with no remembered version the outage error propagates (an HTTP 503, see
    ``dashboard/outage.py``).
    """
    if has_request_context() and "remigration_data_version" in g:
        return g.remigration_data_version
    statement = sa.select(
        sa.select(sa.func.max(m.Revision.value)).scalar_subquery(),
        # With the counter, the time of the last change: were the revision row ever recreated
        # (counting from 1 again), its versions still differ from the ones cached before.
        sa.select(sa.func.max(m.Revision.updated_at)).scalar_subquery(),
        sa.func.count(m.Release.id),
        sa.func.max(m.Release.id),
        sa.func.sum(sa.case((m.Release.status == "published", m.Release.id), else_=0)),
    )
    try:
        # One Core round trip, no ORM session: this runs on every request that reads data.
        with get_db().engine.connect() as conn:
            revision, *row = conn.execute(statement).one()
    except DATABASE_OUTAGE_ERRORS:
        version = get_cache().get(LAST_VERSION_KEY) if has_request_context() else None
        if not isinstance(version, str):
            raise
        g.database_unavailable = True
    else:
        version = hashlib.sha1(repr((revision, tuple(row))).encode()).hexdigest()[:16]
    if has_request_context():
        g.remigration_data_version = version
    return version


def remember_data_version(version: str) -> None:
    """Record ``version`` as the one the cache holds views for (read back during an outage)."""
    if not has_request_context():
        get_cache().set(LAST_VERSION_KEY, version)
    elif not g.get("database_unavailable") and g.get("remigration_remembered") != version:
        get_cache().set(LAST_VERSION_KEY, version)  # once per request, not once per cache fill
        g.remigration_remembered = version


def cached(name: str, params: Sequence[Any], compute: Callable[[], T]) -> T:
    """Return ``compute()`` cached under ``name``, ``params`` and the current data version.

    A broken cache backend (Redis down) must not take the site down: the value is then computed
    directly (see ``dashboard.web.shared_cache``).
    """
    cache = get_cache()
    version = data_version()
    code = current_app.extensions.get(CODE_TAG_KEY, "")
    key = "q:" + hashlib.sha1(repr((code, name, version, tuple(params))).encode()).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        return hit
    value = compute()
    if cache.set(key, value):
        remember_data_version(version)
    return value


def last_modified() -> dt.datetime | None:
    """When published content last changed (releases, rollbacks, directory or funding edits).

    Cached with the data version, which changes whenever any of these does.
    """

    def compute() -> dt.datetime | None:
        with get_db().session() as session:
            revision = session.scalar(sa.select(sa.func.max(m.Revision.updated_at)))
            published = session.scalar(sa.select(sa.func.max(m.Release.published_at)))
            rolled_back = session.scalar(sa.select(sa.func.max(m.Release.rolled_back_at)))
        stamps = [s for s in (revision, published, rolled_back) if s is not None]
        return max(stamps) if stamps else None

    return cached("last_modified", [], compute)
