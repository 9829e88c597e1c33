"""Readers' data-problem reports: the inbox, and who sees a reader's e-mail address, for how long.

Staff and admins list the reports on the admin page's "Reports" tab (open, resolved or all,
newest first). The address is visible to admins only (staff see that one was given); an admin
marks a report resolved with a note (required, checked like every text field, audited, shown in
the list; refused for staff on the server), and the address is erased
``REPORT_EMAIL_RETENTION_DAYS`` after that: when reports are submitted, resolved or listed, and
by ``remigration purge-report-emails`` from cron. The read side never shows an address past its
time, even before anything erased it. Time is passed in (``now=``) or set in the database;
nothing sleeps. The /data form says all this in LV and EN.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from support import ADMIN_PASSWORD, STAFF_PASSWORD, dash_outputs, page_content, signed_in

from dashboard import services as svc
from dashboard.cli import main as cli
from dashboard.config import Config
from dashboard.db import models as m
from dashboard.services import Actor, ServiceError
from dashboard.services import data_reports as list_reports
from dashboard.services import reports as svc_reports

NOTE = "Checked against the PDF: our typo, fixed in release 2."
ADMIN = Actor("ada", "admin")
STAFF = Actor("sam", "staff")
ADDRESS = "reader@example.lv"
T0 = dt.datetime(2026, 3, 1, 12, 0)
DAY = dt.timedelta(days=1)


@pytest.fixture
def ctx(app: Any, mutable_db: Any) -> Any:
    with app.server.app_context():
        yield mutable_db


def _submit(message: str = "The 2019 figure looks wrong.", email: str | None = ADDRESS) -> int:
    return svc.submit_data_report({"message": message, "email": email}, "en", now=T0)


def _stored(db: Any, report_id: int) -> m.DataReport:
    with db.session() as session:
        report = session.get(m.DataReport, report_id)
        session.expunge(report)
        return report


def _set(db: Any, report_id: int, **values: Any) -> None:
    with db.session() as session:
        session.execute(sa.update(m.DataReport).where(m.DataReport.id == report_id).values(values))


def _audit(db: Any) -> list[tuple[str, str, str | None, str]]:
    with db.session() as session:
        rows = session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id))
        return [(a.actor, a.action, a.target, a.outcome) for a in rows]


# --- The service ---------------------------------------------------------------------------------


def test_resolving_sets_the_time_and_note_and_is_audited_with_the_note(ctx):
    report_id = _submit()
    svc.resolve_data_report(ADMIN, report_id, f"  {NOTE}\n  ", now=T0 + DAY)
    report = _stored(ctx, report_id)
    assert (report.status, report.resolved_at, report.email) == ("resolved", T0 + DAY, ADDRESS)
    assert report.resolution_note == NOTE, "trimmed like every text field"
    assert _audit(ctx)[-1] == ("ada", "data-report.resolve", str(report_id), "ok")
    with ctx.session() as session:
        entry = session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id.desc())).first()
    assert entry.detail == {"note": NOTE}
    with pytest.raises(ServiceError) as excinfo:
        svc.resolve_data_report(ADMIN, report_id, "again", now=T0 + 2 * DAY)
    assert excinfo.value.code == "already_resolved"
    report = _stored(ctx, report_id)
    assert (report.resolved_at, report.resolution_note) == (T0 + DAY, NOTE)


@pytest.mark.parametrize(
    ("note", "message_en"),
    [
        (None, "“Note” is required."),
        ("   ", "“Note” is required."),
        (["a list"], "“Note” must be text."),
        ("x" * 2001, "“Note” is too long (max 2000 characters)."),
        (
            "bell\x07",
            "“Note” contains a control character that is not allowed (U+0007); remove it.",
        ),
    ],
)
def test_a_resolution_needs_a_note_checked_like_every_text_field(ctx, note, message_en):
    report_id = _submit()
    audited = len(_audit(ctx))
    with pytest.raises(svc.FieldError) as excinfo:
        svc.resolve_data_report(ADMIN, report_id, note)
    assert (excinfo.value.field, excinfo.value.message_en) == ("note", message_en)
    assert "“Piezīme”" in excinfo.value.message_lv, "the field named in Latvian too"
    report = _stored(ctx, report_id)
    assert (report.status, report.resolved_at, report.resolution_note) == ("new", None, None)
    assert len(_audit(ctx)) == audited


def test_a_note_may_run_over_several_lines(ctx):
    report_id = _submit()
    svc.resolve_data_report(ADMIN, report_id, "First line.\n\tSecond line.")
    assert _stored(ctx, report_id).resolution_note == "First line.\n\tSecond line."


def test_the_inbox_lists_open_resolved_or_all_newest_first(ctx):
    first, second, third = _submit("first"), _submit("second"), _submit("third")
    svc.resolve_data_report(ADMIN, second, NOTE, now=T0)
    assert [r["id"] for r in list_reports(STAFF)] == [third, second, first], "all by default"
    assert [r["id"] for r in list_reports(STAFF, status="all")] == [third, second, first]
    assert [r["id"] for r in list_reports(STAFF, status="open")] == [third, first]
    [resolved] = list_reports(STAFF, status="resolved")
    assert (resolved["id"], resolved["status"]) == (second, "resolved")
    assert (resolved["resolved_at"], resolved["resolution_note"]) == (T0, NOTE)
    assert list_reports(STAFF, status="open")[0]["resolution_note"] is None
    with pytest.raises(ValueError):
        list_reports(STAFF, status="closed")


def test_staff_may_not_resolve(ctx):
    from werkzeug.exceptions import Forbidden

    report_id = _submit()
    with pytest.raises(Forbidden):
        svc.resolve_data_report(STAFF, report_id, NOTE)
    assert _stored(ctx, report_id).status == "new"


def test_the_address_is_erased_thirty_days_after_resolution(ctx):
    assert ctx.config.report_email_retention_days == 30  # the default
    resolved = _submit("resolved")
    still_open = _submit("still open")
    anonymous = _submit("no address", email=None)
    svc.resolve_data_report(ADMIN, resolved, NOTE, now=T0)
    svc.resolve_data_report(ADMIN, anonymous, NOTE, now=T0)

    assert svc.purge_report_emails(now=T0 + 30 * DAY - dt.timedelta(seconds=1)) == []
    assert _stored(ctx, resolved).email == ADDRESS

    assert svc.purge_report_emails(now=T0 + 30 * DAY) == [resolved]
    assert _stored(ctx, resolved).email is None
    assert _stored(ctx, resolved).message == "resolved", "only the address goes"
    assert _stored(ctx, still_open).email == ADDRESS, "open reports keep theirs"
    assert _audit(ctx)[-1] == ("system", "data-report.erase-emails", "1 reports", "ok")
    with ctx.session() as session:
        entry = session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id.desc())).first()
    assert entry.detail == {"reports": [resolved], "retention_days": 30}

    audited = len(_audit(ctx))
    assert svc.purge_report_emails(now=T0 + 400 * DAY) == []
    assert len(_audit(ctx)) == audited, "nothing erased, nothing audited"


def test_the_retention_time_is_configurable(make_app, database_url, tmp_path, mutable_db):
    config = Config(
        database_url=database_url,
        secret_key="test",
        testing=True,
        instance_path=tmp_path / "instance",
        report_email_retention_days=7,
    )
    with make_app(config).server.app_context():
        report_id = _submit()
        svc.resolve_data_report(ADMIN, report_id, NOTE, now=T0)
        assert svc.purge_report_emails(now=T0 + 6 * DAY) == []
        assert svc.purge_report_emails(now=T0 + 7 * DAY) == [report_id]


def test_submitting_and_resolving_erase_addresses_whose_time_is_up(ctx):
    old = _submit("old")
    svc.resolve_data_report(ADMIN, old, NOTE, now=T0)
    svc.submit_data_report({"message": "new"}, "lv", now=T0 + 31 * DAY)
    assert _stored(ctx, old).email is None

    other = _submit("other")
    svc.resolve_data_report(ADMIN, other, NOTE, now=T0)
    third = _submit("third")
    svc.resolve_data_report(ADMIN, third, NOTE, now=T0 + 45 * DAY)
    assert _stored(ctx, other).email is None
    assert _stored(ctx, third).email == ADDRESS


def test_staff_learn_only_that_an_address_was_given(ctx):
    with_address, without = _submit("a"), _submit("b", email=None)
    by_id = {r["id"]: r for r in list_reports(STAFF)}
    assert by_id[with_address]["email"] is None and by_id[with_address]["email_given"] is True
    assert by_id[without]["email"] is None and by_id[without]["email_given"] is False
    by_id = {r["id"]: r for r in list_reports(ADMIN)}
    assert by_id[with_address]["email"] == ADDRESS
    assert ADDRESS not in json.dumps(list_reports(STAFF), default=str)


def test_the_read_side_hides_an_address_past_its_time_even_unpurged(ctx, monkeypatch):
    report_id = _submit()
    svc.resolve_data_report(ADMIN, report_id, NOTE, now=T0)
    monkeypatch.setattr(svc_reports, "purge_report_emails", lambda **_: [])  # nothing purged yet
    [listed] = list_reports(ADMIN, now=T0 + 30 * DAY)
    assert listed["email"] is None and listed["email_given"] is False
    assert _stored(ctx, report_id).email == ADDRESS, "still stored: only the read side hid it"
    [listed] = list_reports(ADMIN, now=T0 + 29 * DAY)
    assert listed["email"] == ADDRESS


def test_listing_erases_addresses_whose_time_is_up(ctx):
    report_id = _submit()
    svc.resolve_data_report(ADMIN, report_id, NOTE, now=T0)
    list_reports(STAFF, now=T0 + 31 * DAY)
    assert _stored(ctx, report_id).email is None


# --- The admin page ------------------------------------------------------------------------------


def _dep(client: Any, output: str) -> dict[str, Any]:
    deps = client.get("/_dash-dependencies").get_json()
    return next(d for d in deps if output in d["output"])


def _reports_table(client: Any, csrf: str, show: Any = "all") -> Any:
    dep = _dep(client, "admin-reports.children")
    values = {
        "admin-refresh.data": 0,
        "admin-active-tab.data": "reports",
        "admin-reports-filter.value": show,
        "admin-lang.data": "en",
    }
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [{**i, "value": values[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]],
        "state": [{**s, "value": values[f"{s['id']}.{s['property']}"]} for s in dep["state"]],
        "changedPropIds": ["admin-refresh.data"],
    }
    return client.post("/_dash-update-component", json=body, headers={"X-CSRFToken": csrf})


def _resolve_click(
    client: Any, csrf: str, report_id: Any, notes: dict[Any, Any] | None = None
) -> Any:
    """Press report ``report_id``'s button, with the page's note fields holding ``notes``
    (report id -> text; by default a note beside the pressed button only)."""
    dep = _dep(client, "admin-report-result.children")
    button = {"type": "admin-report-resolve", "report": report_id}
    if notes is None:
        notes = {report_id: NOTE} if isinstance(report_id, int) else {}
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
        "state": [
            [
                {"id": {"type": "admin-report-note", "report": n}, "property": "value", "value": v}
                for n, v in notes.items()
            ],
            {"id": "admin-refresh", "property": "data", "value": 0},
            {"id": "admin-lang", "property": "data", "value": "en"},
        ],
        "changedPropIds": [json.dumps(button, separators=(",", ":")) + ".n_clicks"],
    }
    return client.post("/_dash-update-component", json=body, headers={"X-CSRFToken": csrf})


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        if "props" in node:
            yield node
            yield from _walk(node["props"].get("children"))
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _buttons(table: Any) -> list[dict[str, Any]]:
    return [c["props"] for c in _walk(table) if c.get("type") == "Button"]


def _note_fields(table: Any) -> list[dict[str, Any]]:
    return [c["props"] for c in _walk(table) if c.get("type") == "Textarea"]


def _rows(table: Any) -> list[list[Any]]:
    """The table's body rows, each a list of its cells' children."""
    body = next(n for n in _walk(table) if n.get("type") == "Tbody")
    return [
        [td["props"]["children"] for td in tr["props"]["children"]]
        for tr in _walk(body)
        if tr["type"] == "Tr"
    ]


def test_the_reports_table_shows_addresses_to_admins_only(app, accounts, mutable_db):
    with app.server.app_context():
        report_id = _submit("Figure for <b>Latgale</b> & co is wrong")
    staff, staff_csrf = signed_in(app, "sam", STAFF_PASSWORD)
    response = _reports_table(staff, staff_csrf)
    assert response.status_code == 200
    assert ADDRESS not in response.get_data(as_text=True), "not anywhere in the JSON"
    assert "given (visible to administrators only)" in response.get_data(as_text=True)
    table = response.get_json()["response"]["admin-reports"]["children"]
    [button] = _buttons(table)
    assert (
        button["disabled"] is True and button["aria-label"] == f"Mark resolved (report {report_id})"
    )
    [note] = _note_fields(table)
    assert note["disabled"] is True and note["id"] == {
        "type": "admin-report-note",
        "report": report_id,
    }
    [message] = [c["props"] for c in _walk(table) if c["props"].get("style")]
    assert message["children"] == "Figure for <b>Latgale</b> & co is wrong", "text, as given"

    admin, admin_csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    response = _reports_table(admin, admin_csrf)
    assert response.status_code == 200
    table = response.get_json()["response"]["admin-reports"]["children"]
    links = [c["props"] for c in _walk(table) if c.get("type") == "A"]
    assert {"children": ADDRESS, "href": f"mailto:{ADDRESS}"} in [
        {k: v for k, v in link.items() if k in ("children", "href")} for link in links
    ]
    assert _buttons(table)[0]["disabled"] is False
    assert (
        _note_fields(table)[0]["disabled"] is False and _note_fields(table)[0]["maxLength"] == 2000
    )


def test_an_admin_marks_a_report_resolved(app, accounts, mutable_db):
    with app.server.app_context():
        report_id = _submit()
    admin, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    response = _resolve_click(admin, csrf, report_id)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    out = response.get_json()["response"]
    assert out["admin-report-result"]["children"]["props"]["children"] == (
        f"Report {report_id} marked resolved."
    )
    assert out["admin-refresh"]["data"] == 1
    report = _stored(mutable_db, report_id)
    assert report.status == "resolved" and report.resolved_at is not None
    assert report.resolution_note == NOTE
    assert ("ada", "data-report.resolve", str(report_id), "ok") in _audit(mutable_db)

    again = _resolve_click(admin, csrf, report_id).get_json()["response"]
    assert again["admin-report-result"]["children"]["props"]["id"] == "admin-report-error"
    table = _reports_table(admin, csrf).get_json()["response"]["admin-reports"]["children"]
    assert _buttons(table) == [] and _note_fields(table) == [], "a resolved report has no form"
    [row] = _rows(table)
    assert row[7] == "resolved"
    assert NOTE in json.dumps(row[8]), "the note is shown in the list"


def test_the_note_beside_the_pressed_button_is_the_one_stored(app, accounts, mutable_db):
    with app.server.app_context():
        first, second = _submit("first"), _submit("second")
    admin, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    notes = {second: "about the second", first: "about the first"}
    response = _resolve_click(admin, csrf, first, notes)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert _stored(mutable_db, first).resolution_note == "about the first"
    assert _stored(mutable_db, second).status == "new"


@pytest.mark.parametrize("notes", ["no field", "empty", "blank", "other row only"])
def test_resolving_without_a_note_is_refused_and_says_so(app, accounts, mutable_db, notes):
    with app.server.app_context():
        report_id, other = _submit("this one"), _submit("another")
    notes = {
        "no field": {},
        "empty": {report_id: ""},
        "blank": {report_id: "  \n "},
        "other row only": {other: "a note for the other report", report_id: None},
    }[notes]
    admin, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    response = _resolve_click(admin, csrf, report_id, notes)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    out = response.get_json()["response"]
    alert = out["admin-report-result"]["children"]["props"]
    assert (alert["id"], alert["children"]) == ("admin-report-error", "“Note” is required.")
    assert "admin-refresh" not in out, "nothing changed, so nothing is re-read"
    assert [_stored(mutable_db, i).status for i in (report_id, other)] == ["new", "new"]


@pytest.mark.parametrize("note", [["a list"], {"x": 1}, 5, "x" * 2001])
def test_a_note_no_field_could_hold_is_refused_before_the_callback(app, accounts, mutable_db, note):
    """The field is text of at most 2000 characters (its maxLength); dashboard/callback_inputs.py
    answers anything else with 400."""
    with app.server.app_context():
        report_id = _submit()
    admin, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    response = _resolve_click(admin, csrf, report_id, {report_id: note})
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert "admin-report-note.value" in response.get_json()["message"]
    assert _stored(mutable_db, report_id).status == "new"


def test_the_inbox_shows_open_reports_first_and_filters(app, accounts, mutable_db):
    with app.server.app_context():
        done, still_open = _submit("done"), _submit("still open")
        svc.resolve_data_report(ADMIN, done, NOTE)
    staff, csrf = signed_in(app, "sam", STAFF_PASSWORD)

    def ids(show: Any) -> list[Any]:
        response = _reports_table(staff, csrf, show)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        table = response.get_json()["response"]["admin-reports"]["children"]
        if table["props"].get("id") == "admin-reports-empty":
            return [table["props"]["children"]]
        return [row[0] for row in _rows(table)]

    assert ids("open") == [still_open]
    assert ids(None) == [still_open], "unset: the radio's default, open reports"
    assert ids("resolved") == [done]
    assert ids("all") == [still_open, done], "newest first"
    with app.server.app_context():
        svc.resolve_data_report(ADMIN, still_open, NOTE)
    assert ids("open") == ["No open reports."]
    with app.server.app_context():
        reset_reports = sa.delete(m.DataReport)
        with mutable_db.session() as session:
            session.execute(reset_reports)
    assert ids("resolved") == ["No resolved reports."]
    assert ids("all") == ["No reports."]
    assert _reports_table(staff, csrf, "closed").status_code == 400


def test_the_inbox_names_the_region_period_and_measure(app, accounts, mutable_db):
    with app.server.app_context():
        report_id = svc.submit_data_report(
            {"message": "m", "region": "riga", "period": "2019", "metric": "people_returned"},
            "en",
        )
    admin, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    table = _reports_table(admin, csrf).get_json()["response"]["admin-reports"]["children"]
    [row] = _rows(table)
    assert row[:5] == [report_id, row[1], "Riga", "2019", "People returned"], row


@pytest.mark.parametrize("report", ["x", None, [1], 2**63, -5, 0])
def test_a_resolve_click_for_no_report_is_refused_and_changes_nothing(
    app, accounts, mutable_db, report
):
    """An id no button of the page can carry is refused (dashboard/callback_inputs.py)."""
    with app.server.app_context():
        report_id = _submit()
    admin, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    response = _resolve_click(admin, csrf, report)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert "admin-report-resolve" in response.get_json()["message"]
    assert _stored(mutable_db, report_id).status == "new"


def test_a_resolve_click_for_a_report_that_is_gone_says_so(app, accounts, mutable_db):
    with app.server.app_context():
        report_id = _submit()
    admin, csrf = signed_in(app, "ada", ADMIN_PASSWORD)
    response = _resolve_click(admin, csrf, report_id + 1000)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    out = response.get_json()["response"]
    assert out["admin-report-result"]["children"]["props"]["children"] == "Report not found."
    assert _stored(mutable_db, report_id).status == "new"


def test_staff_cannot_resolve_through_the_page(app, accounts, mutable_db):
    app.server.config["PROPAGATE_EXCEPTIONS"] = False
    with app.server.app_context():
        report_id = _submit()
    staff, csrf = signed_in(app, "sam", STAFF_PASSWORD)
    response = _resolve_click(staff, csrf, report_id)
    assert response.status_code == 403
    assert _stored(mutable_db, report_id).status == "new"


def test_the_admin_page_has_a_reports_tab(app, accounts):
    admin, _ = signed_in(app, "ada", ADMIN_PASSWORD)
    content = page_content(admin, "/admin", "?lang=en").get_json()
    nodes = list(_walk(content["response"]["_pages_content"]["children"]))
    [tab] = [
        n["props"] for n in nodes if n["props"].get("id") == {"type": "admin-tab", "tab": "reports"}
    ]
    assert tab["role"] == "tab" and tab["aria-controls"] == "admin-panel-reports"
    assert tab["aria-selected"] == "false" and tab["children"] == "Data problem reports"
    [panel] = [n["props"] for n in nodes if n["props"].get("id") == "admin-panel-reports"]
    assert panel["role"] == "tabpanel" and panel["hidden"] is True
    inside = {json.dumps(n["props"].get("id")): n["props"] for n in _walk(panel["children"])}
    assert '"admin-reports"' in inside and '"admin-report-result"' in inside
    show = inside['"admin-reports-filter"']
    assert show["value"] == "open"
    assert [o["value"] for o in show["options"]] == ["open", "resolved", "all"]
    assert [o["label"] for o in show["options"]] == ["Open", "Resolved", "All"]
    text = json.dumps(panel)
    assert "erased 30 days after the report is marked resolved" in text
    assert "write a note on what was found or done" in text


# --- The /data page and the CLI ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "lang", "expected"),
    [
        (30, "lv", "tiek dzēsta 30 dienas pēc tam, kad ziņojums ir atrisināts"),
        (21, "lv", "tiek dzēsta 21 dienu pēc tam"),
        (30, "en", "It is erased 30 days after the report is resolved."),
        (1, "en", "It is erased 1 day after"),
    ],
)
def test_the_report_form_says_who_sees_the_address_and_when_it_goes(
    make_app, database_url, tmp_path, days, lang, expected
):
    config = Config(
        database_url=database_url,
        secret_key="test",
        testing=True,
        instance_path=tmp_path / "instance",
        report_email_retention_days=days,
    )
    client = make_app(config).server.test_client()
    text = json.dumps(page_content(client, "/data", f"?lang={lang}").get_json(), ensure_ascii=False)
    assert expected in text
    who = (
        "To redz tikai vietnes administratori" if lang == "lv" else "Only the site's administrators"
    )
    what = "lai atbildētu uz jūsu ziņojumu" if lang == "lv" else "used only to reply to your report"
    assert who in text and what in text


def test_cli_purge_report_emails(app, database_url, mutable_db, tmp_path):
    now = m.utcnow()
    with app.server.app_context():
        old, recent, still_open = _submit("old"), _submit("recent"), _submit("open")
    _set(mutable_db, old, status="resolved", resolved_at=now - 31 * DAY)
    _set(mutable_db, recent, status="resolved", resolved_at=now - 5 * DAY)
    env = {
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path / "cli-instance"),
        "SECRET_KEY": "test",
        "REDIS_URL": "",
        "PRODUCTION": "0",
        "REPORT_EMAIL_RETENTION_DAYS": None,
    }
    result = CliRunner(env=env).invoke(cli, ["purge-report-emails"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "Erased the e-mail addresses of 1 report(s) resolved at least 30 days ago."
    )
    assert [_stored(mutable_db, i).email for i in (old, recent, still_open)] == [
        None,
        ADDRESS,
        ADDRESS,
    ]
    assert ("cli", "data-report.erase-emails", "1 reports", "ok") in _audit(mutable_db)

    shorter = CliRunner(env={**env, "REPORT_EMAIL_RETENTION_DAYS": "3"})
    result = shorter.invoke(cli, ["purge-report-emails"])
    assert result.exit_code == 0, result.output
    assert "1 report(s) resolved at least 3 days ago" in result.output
    assert _stored(mutable_db, recent).email is None
    assert _stored(mutable_db, still_open).email == ADDRESS

    result = shorter.invoke(cli, ["purge-report-emails"])
    assert result.exit_code == 0 and "0 report(s)" in result.output
