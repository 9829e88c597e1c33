"""Helpers shared by the unit and HTTP tests: sign-in, admin upload files, data fingerprints.

Plain functions and constants live here rather than in ``conftest.py``: pytest loads every
``conftest.py`` under the same module name, so ``from conftest import ...`` picks whichever one
was imported last (in a full run, ``tests/e2e/conftest.py``). ``tests`` is on ``pythonpath``
(pyproject.toml), so test modules import these with ``from support import ...``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from dashboard.config import Config
from dashboard.db.migrate import init_db
from dashboard.db.session import Database
from dashboard.web.first_view import ATTRIBUTES


def built_sqlite_config(folder: Path, *, dossier: bool) -> Config:
    """A test config on a new SQLite file in ``folder``, migrated and loaded as ``remigration
    init-db`` loads it: the seed, and with ``dossier`` the published figures of
    data/seed/dossier (the real record)."""
    config = Config(
        database_url=f"sqlite:///{folder / 'test.db'}",
        secret_key="test",
        testing=True,
        instance_path=folder / "instance",
    )
    database = Database(config)
    try:
        init_db(database, dossier=dossier)
    finally:
        database.dispose()
    return config


def dash_outputs(output: str) -> list[dict[str, str]] | dict[str, str]:
    """The ``outputs`` field dash-renderer sends for a callback's ``output`` string: a list for
    multi-output callbacks (``..a.b...c.d..``), one ``{"id", "property"}`` otherwise."""
    if output.startswith(".."):
        return [
            dict(zip(("id", "property"), part.rsplit(".", 1), strict=True))
            for part in output[2:-2].split("...")
        ]
    return dict(zip(("id", "property"), output.rsplit(".", 1), strict=True))


def page_content(client: Any, path: str, search: str = "") -> Any:
    """POST the request dash-renderer sends for a page's content after loading its HTML."""
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if "_pages_content.children" in d["output"])
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "state": [],
        "changedPropIds": ["_pages_location.pathname"],
    }
    response = client.post("/_dash-update-component", json=body)
    if response.status_code == 200 and response.is_json:
        # The page as the browser has it once its static sections are filled.
        response.set_data(json.dumps(expand_static_sections(response.get_json())))
    return response


def login(client: Any, username: str, password: str) -> Any:
    """Sign in through the real form (fetching its CSRF token first); returns the response."""
    import re

    page = client.get("/login")
    token = re.search(rb'name="csrf_token" value="([^"]+)"', page.data).group(1).decode()
    return client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token}
    )


def csrf_cookie(client: Any) -> str:
    """The CSRF token the app hands signed-in browsers (Dash echoes it as X-CSRFToken)."""
    client.get("/admin")
    cookie = client.get_cookie("_csrf_token")
    assert cookie is not None, "signed-in GET should set the _csrf_token cookie"
    return cookie.value


# --- Admin area: files, accounts and a fingerprint of the data ---------------------------------
# Used by tests/http/test_admin_permissions.py, tests/http/test_admin_workflow.py and
# tests/unit/test_services.py.

ADMIN_QUARTER = "2025-Q3"  # not in the seed (2018-03..2020-06), and in the past
REGION_LABELS = {  # code -> how a person types it in a file (LV, with diacritics)
    "kurzeme": "Kurzeme",
    "latgale": "Latgale",
    "riga": "Rīga",
    "vidzeme": "Vidzeme",
    "zemgale": "Zemgale",
}
_QUARTER_FAMILIES = {"kurzeme": 5, "latgale": 7, "riga": 11, "vidzeme": 4, "zemgale": 3}


def quarter_values(scale: int = 1) -> dict[tuple[str, str], int]:
    """``{(region, metric): value}`` for one quarter; families ≤ people in every region."""
    values: dict[tuple[str, str], int] = {}
    for region, families in _QUARTER_FAMILIES.items():
        values[(region, "families_returned")] = families * scale
        values[(region, "people_returned")] = families * scale * 3
        values[(region, "offers_prepared")] = families * scale * 10 + 1
    return values


def quarter_csv(
    period: str = ADMIN_QUARTER, scale: int = 1, *, bad_region_row: int | None = None
) -> bytes:
    """A long-layout CSV for one period, all five regions and three metrics (15 data rows).

    Line 1 is the header, so data start on row 2 (the row numbers the validator reports).
    ``bad_region_row`` puts an unknown region on that row.
    """
    lines = ["period,region,metric,value"]
    for metric in ("families_returned", "people_returned", "offers_prepared"):
        for region, label in REGION_LABELS.items():
            value = quarter_values(scale)[(region, metric)]
            if bad_region_row is not None and len(lines) + 1 == bad_region_row:
                label = "Atlantīda"
            lines.append(f"{period},{label},{metric},{value}")
    return ("\n".join(lines) + "\n").encode("utf-8")


ADMIN_PASSWORD = "correct horse battery"
STAFF_PASSWORD = "staff password 123"


_client_counter = iter(range(1, 10_000_000))


def fresh_client(app: Any) -> Any:
    """A test client with its own (fake) address, so the login rate limit of one test — shared
    through Redis when ``TEST_REDIS_URL`` is set — never spills into another."""
    n = next(_client_counter)
    client = app.server.test_client()
    client.environ_base["REMOTE_ADDR"] = f"10.{os.getpid() % 250}.{n // 250 % 250}.{n % 250 + 1}"
    return client


def signed_in(app: Any, username: str, password: str) -> tuple[Any, str]:
    """A fresh client signed in as ``username`` and the CSRF token for its ``X-CSRFToken``."""
    client = fresh_client(app)
    response = login(client, username, password)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client, csrf_cookie(client)


def data_fingerprint(database: Database) -> dict[str, Any]:
    """Counts and content hashes of everything an admin action could change.

    Audit rows with outcome ``refused`` are left out (a refused attempt may be logged), and so is
    ``api_token.last_used_at`` (using a token is not a change).
    """
    import hashlib

    from dashboard.db import models as m

    def digest(rows: Any) -> str:
        return hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()

    def table(model: Any, *exclude: str) -> Any:
        columns = [c for c in model.__table__.c if c.name not in exclude]
        return sa.select(*columns).order_by(model.__table__.c.id)

    with database.session() as session:
        counts = {
            model.__tablename__: session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (
                m.Release,
                m.Observation,
                m.Upload,
                m.Contact,
                m.Funding,
                m.Period,
                m.Source,
                m.User,
                m.ApiToken,
                m.DataReport,
                m.Metric,
            )
        }
        return {
            "counts": counts,
            "observations": digest(session.execute(table(m.Observation))),
            "contacts": digest(session.execute(table(m.Contact))),
            "funding": digest(session.execute(table(m.Funding))),
            "releases": digest(session.execute(table(m.Release))),
            "uploads": digest(session.execute(table(m.Upload, "content", "report"))),
            "periods": digest(session.execute(table(m.Period))),
            "users": digest(session.execute(table(m.User))),
            "tokens": digest(session.execute(table(m.ApiToken, "last_used_at"))),
            "reports": digest(session.execute(table(m.DataReport))),
            "metrics": digest(session.execute(table(m.Metric))),
            "revision": session.scalar(sa.select(sa.func.max(m.Revision.value))),
            "audit_not_refused": digest(
                session.execute(table(m.AuditLog).where(m.AuditLog.outcome != "refused"))
            ),
        }


_EXACT_DATE = re.compile(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?")
DOSSIER_UPLOAD_COLUMNS = [
    "period_start",
    "period_end",
    "geo_level",
    "geo",
    "measure",
    "value",
    "source_url",
    "source_publisher",
    "source_published_on",
    "reliability",
    "note",
]


def dossier_upload_csv(rows: list[dict[str, str]], *, notes: bool = True) -> bytes:
    """Rows of the published-figures dossier in the upload format's long layout, as a ministry
    clerk would make them from that table: its columns renamed, nothing retyped; a publication
    date the source does not state exactly ("2024 (month not stated)") is left empty. The note
    is the dossier row's id, with its notes when ``notes``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DOSSIER_UPLOAD_COLUMNS)
    for r in rows:
        published = r["published_on"] if _EXACT_DATE.fullmatch(r["published_on"]) else ""
        note = f"{r['id']}: {r['notes']}" if notes and r["notes"] else r["id"]
        writer.writerow(
            [
                r["period_start"],
                r["period_end"],
                r["geo_level"],
                r["geo"],
                r["measure"],
                r["value"],
                r["source_url"],
                r["publisher"],
                published,
                r["reliability"],
                note,
            ]
        )
    return out.getvalue().encode()


# HTML attribute -> the React prop name a Dash layout uses (the reverse of the first view's).
REACT_NAMES = {attr: prop for prop, attr in ATTRIBUTES.items() if prop != "class_name"}


class _SectionParser(HTMLParser):
    """Builds JSON-form component nodes (``{"type", "namespace", "props"}``) from HTML."""

    VOID = {"area", "br", "col", "hr", "img", "input", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[Any] = []
        self.stack: list[list[Any]] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        children: list[Any] = []
        # In the order Dash writes them: props (children first), type, namespace.
        props: dict[str, Any] = {"children": children}
        for name, value in attrs:
            props[REACT_NAMES.get(name, name)] = True if value is None else value
        node = {"props": props, "type": tag.capitalize(), "namespace": "dash_html_components"}
        self.stack[-1].append(node)
        if tag not in self.VOID:
            self.stack.append(children)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].append(data)


def _as_dash(children: list[Any]) -> Any:
    """Children as Dash writes them in JSON: none, one string or node alone, or a list."""
    for child in children:
        if isinstance(child, dict):
            child["props"]["children"] = _as_dash(child["props"]["children"])
    if not children:
        return None
    return children[0] if len(children) == 1 else children


def expand_static_sections(node: Any) -> Any:
    """A layout in JSON form with every static section (``components/static_section.py``) holding
    its HTML as component nodes: the page as the browser has it once
    ``assets/static-sections.js`` has filled the sections, so tests can walk it as before."""
    if isinstance(node, list):
        return [expand_static_sections(child) for child in node]
    if isinstance(node, dict):
        if isinstance(node.get("props"), dict) and "data-static-html" in node["props"]:
            parser = _SectionParser()
            parser.feed(node["props"]["data-static-html"])
            props = {k: v for k, v in node["props"].items() if k != "data-static-html"}
            return {**node, "props": {**props, "children": _as_dash(parser.root)}}
        return {key: expand_static_sections(value) for key, value in node.items()}
    return node
