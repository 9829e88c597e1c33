"""Hostile workbooks over the admin API: refused with a bilingual message, nothing published.

The review's three bypasses of the old XLSX DTD guard (a DOCTYPE after a 70 KB comment, a
UTF-16 part without a byte-order mark, a case-twin part name) are uploaded as an admin's API
client would; each answers 422 naming the part, the upload is kept only as "invalid", it cannot
be published, and the data readers see is unchanged. The same workbook without the trick is
accepted, so the refusals are about the tricks. Runs on SQLite and PostgreSQL alike
(``mutable_db``).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from openpyxl import Workbook
from support import ADMIN_QUARTER, REGION_LABELS, data_fingerprint, fresh_client, quarter_values

from dashboard.db import models as m


def quarter_xlsx() -> bytes:
    """The admin tests' quarter (15 values) as a workbook with a "dati" sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "dati"
    sheet.append(["period", "region", "metric", "value"])
    for (region, metric), value in quarter_values().items():
        sheet.append([ADMIN_QUARTER, REGION_LABELS[region], metric, value])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rebuilt(
    data: bytes, change: dict[str, Callable[[bytes], bytes]], add: dict[str, bytes]
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            dst.writestr(info.filename, change.get(info.filename, lambda b: b)(part))
        for name, part in add.items():
            dst.writestr(name, part)
    return out.getvalue()


DOCTYPE = b'<!DOCTYPE workbook [<!ENTITY a "aaaa">]>'
BYPASSES = {
    "doctype after a 70 KB comment": (
        {"xl/workbook.xml": lambda b: b"<!--" + b"x" * 70 * 1024 + b"-->" + DOCTYPE + b},
        {},
        "xml_dtd",
        "xl/workbook.xml",
    ),
    "utf-16-le without BOM": (
        {"xl/workbook.xml": lambda b: (DOCTYPE + b).decode().encode("utf-16-le")},
        {},
        "xml_dtd",
        "xl/workbook.xml",
    ),
    "case-twin part": (
        {},
        {"xl/Worksheets/sheet1.xml": b"<worksheet/>"},
        "duplicate_part",
        "xl/Worksheets/sheet1.xml",
    ),
}


def upload(client: Any, token: str, data: bytes, name: str) -> Any:
    return client.post(
        "/admin/api/uploads",
        data={"file": (io.BytesIO(data), name)},
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize("trick", sorted(BYPASSES))
def test_a_hostile_workbook_is_refused_and_changes_nothing(
    app: Any, accounts: dict[str, str], mutable_db: Any, trick: str
) -> None:
    change, add, code, part = BYPASSES[trick]
    client = fresh_client(app)
    before = data_fingerprint(mutable_db)

    response = upload(client, accounts["ada_token"], rebuilt(quarter_xlsx(), change, add), "q.xlsx")
    assert response.status_code == 422, response.get_data(as_text=True)[:500]
    body = response.get_json()
    [error] = body["report"]["errors"]
    assert error["code"] == code
    assert part in error["message_lv"] and part in error["message_en"]
    assert error["message_lv"] != error["message_en"]
    assert body["report"]["rows"] == [] and body["report"]["changes"] == []

    refused = client.post(
        f"/admin/api/uploads/{body['upload_id']}/publish",
        headers={"Authorization": f"Bearer {accounts['ada_token']}"},
    )
    assert refused.status_code == 409 and refused.get_json()["error"] == "invalid"
    after = data_fingerprint(mutable_db)
    assert after["counts"]["release"] == before["counts"]["release"]
    assert after["observations"] == before["observations"]
    with mutable_db.session() as session:
        assert session.scalars(sa.select(m.Upload.status)).all() == ["invalid"]


def test_the_same_workbook_without_a_trick_is_accepted(
    app: Any, accounts: dict[str, str], mutable_db: Any
) -> None:
    response = upload(fresh_client(app), accounts["ada_token"], quarter_xlsx(), "q.xlsx")
    assert response.status_code == 201, response.get_json()
    report = response.get_json()["report"]
    assert report["ok"] is True and report["file_type"] == "xlsx" and len(report["rows"]) == 15
