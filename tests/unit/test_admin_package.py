"""The admin page's package (``dashboard/admin/``): callback registration, the shell, and what
each tab computes, as plain functions (the Reports tab's in test_admin_reports.py; the wiring in
tests/http)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter
from typing import Any

import pytest
from dash import html
from support import dash_outputs, quarter_csv

from dashboard import queries, services
from dashboard.admin import common, contacts, funding, history, releases, shell, upload
from dashboard.audit import audit
from dashboard.services import Actor, ServiceError
from dashboard.web.callback_inputs import ADMIN_TABS

ADMIN = Actor("ada", "admin")
T = dt.datetime(2026, 3, 1, 12, 30, 45)

# The first output id of every admin callback, by the module that registers it.
ADMIN_CALLBACKS = {
    "shell": ['{"tab":["ALL"],"type":"admin-tab"}'],
    "upload": ["admin-upload-report", "admin-publish-result"],
    # the table; the button opening the dialog; Confirm; Cancel and moving focus (in the browser)
    "releases": [
        "admin-releases",
        "admin-rollback-modal",
        "admin-rollback-result",
        "admin-rollback-pending",
        "admin-rollback-result-box",
    ],
    "conflicts": ["admin-conflicts", "admin-conflict-result"],
    "history": ["admin-uploads"],
    "contacts": ["admin-contact-name", "admin-contact-result"],
    "funding": ["admin-funding-title_lv", "admin-funding-result"],
    "reports": ["admin-reports", "admin-report-result"],
    "measures": ["admin-measure-code"],
}


def _walk(node: Any) -> Any:
    """Every Dash component in a tree of (Python) components."""
    if isinstance(node, (list, tuple)):
        for item in node:
            yield from _walk(item)
    elif hasattr(node, "to_plotly_json"):
        yield node
        yield from _walk(getattr(node, "children", None))


def _by_id(tree: Any) -> dict[str, Any]:
    return {json.dumps(c.id, sort_keys=True): c for c in _walk(tree) if getattr(c, "id", None)}


def _text(tree: Any) -> str:
    return json.dumps(tree, default=lambda c: c.to_plotly_json(), ensure_ascii=False)


# --- Registration: every admin callback in every app -------------------------------------------


def _admin_callbacks(app: Any) -> list[str]:
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    firsts = []
    for dep in deps:
        outputs = dash_outputs(dep["output"])
        first = (outputs if isinstance(outputs, list) else [outputs])[0]["id"]
        if "admin-" in dep["output"]:
            firsts.append(first)
    return firsts


def test_every_admin_callback_is_in_every_app(make_app, config):
    """Dash executes the page module once per app and empties its callback registry before
    each build; the tabs' register_callbacks() run every time (dashboard/pages/admin.py)."""
    first = make_app(config)
    in_first = _admin_callbacks(first)
    second = make_app(config)
    in_second = _admin_callbacks(second)
    expected = sorted(i for ids in ADMIN_CALLBACKS.values() for i in ids)
    assert sorted(in_first) == expected
    assert sorted(in_second) == expected, "the second app has every admin callback too"
    assert Counter(in_second).most_common(1)[0][1] == 1, "and none twice"
    assert sorted(_admin_callbacks(first)) == expected, "building the second took none away"


def test_the_tabs_are_the_ones_the_input_rules_know():
    assert shell.TAB_KEYS == (
        "upload",
        "releases",
        "conflicts",
        "history",
        "contacts",
        "funding",
        "reports",
        "measures",
    )
    assert set(shell.TAB_KEYS) == set(ADMIN_TABS)
    labels = {tab.KEY: tab.LABEL for tab in shell.TABS}
    assert labels == {
        "upload": "Upload",
        "releases": "Releases",
        "conflicts": "Conflicting sources",
        "history": "History and audit",
        "contacts": "Contacts",
        "funding": "Funding",
        "reports": "Data problem reports",
        "measures": "Measures",
    }
    for tab in shell.TABS:
        assert callable(tab.panel) and callable(tab.register_callbacks)


# --- The shell -----------------------------------------------------------------------------------


@dataclasses.dataclass
class _User:
    username: str
    role: str

    def has_role(self, role: str) -> bool:
        return role == "staff" or self.role == "admin"


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("role", ["staff", "admin"])
def test_the_shell_holds_every_tab_with_aria_roles(app, role, lang):
    with app.server.test_request_context(f"/admin?lang={lang}"):
        page = shell.layout(lang, _User("ada", role))
    ids = _by_id(page)
    buttons = [ids[json.dumps({"tab": k, "type": "admin-tab"})] for k in shell.TAB_KEYS]
    others = len(shell.TAB_KEYS) - 1
    assert [b.role for b in buttons] == ["tab"] * (others + 1)
    assert [getattr(b, "aria-selected") for b in buttons] == ["true"] + ["false"] * others
    assert [getattr(b, "aria-controls") for b in buttons] == [
        f"admin-panel-{k}" for k in shell.TAB_KEYS
    ]
    panels = [ids[json.dumps(f"admin-panel-{k}")] for k in shell.TAB_KEYS]
    assert [p.role for p in panels] == ["tabpanel"] * (others + 1)
    assert [p.hidden for p in panels] == [False] + [True] * others
    assert ids['"admin-lang"'].data == lang and ids['"admin-refresh"'].data == 0
    assert ids['"admin-active-tab"'].data == "upload"
    staff_note = "staff access" if lang == "en" else "skatītāja tiesības"
    assert (staff_note in _text(page)) == (role == "staff")
    controls = [
        "admin-upload",
        "admin-contact-save",
        "admin-funding-save",
        "admin-measure-save",
        "admin-reports-filter",
    ]
    disabled = {c: getattr(ids[json.dumps(c)], "disabled", None) for c in controls}
    assert disabled == {
        "admin-upload": role == "staff",
        "admin-contact-save": role == "staff",
        "admin-funding-save": role == "staff",
        "admin-measure-save": role == "staff",
        "admin-reports-filter": None,  # staff may read any list
    }


def test_the_tab_switcher_hides_the_panels_in_the_order_it_lists_them(client):
    """The client-side switcher returns one ``hidden`` per panel, in the order of its outputs;
    the list of keys it maps over (in the page's inline script) must be that order."""
    deps = client.get("/_dash-dependencies").get_json()
    [switcher] = [d for d in deps if "admin-tab" in d["output"] and d.get("clientside_function")]
    outputs = [o["id"] for o in dash_outputs(switcher["output"])]
    assert outputs[3:] == [f"admin-panel-{key}" for key in shell.TAB_KEYS]
    page = client.get("/").get_data(as_text=True)
    assert f".concat({json.dumps(shell.TAB_KEYS)}.map((key) => key !== active))" in page


# --- Shared pieces ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(7, 7), ("12", 12), (True, None), ("1e3", None), ("٣", None), ("9" * 21, None), (None, None)],
)
def test_as_id(value, expected):
    assert common.as_id(value) == expected


def test_when_status_and_error_messages():
    assert common.when(T) == "2026-03-01 12:30" and common.when(None) == ""
    assert common.status_label("rolled_back", "lv") == "atsaukts"
    assert common.status_label("resolved", "en") == "resolved"
    assert common.status_label("discarded", "en") == "discarded", "no word: shown as stored"
    error = ServiceError("x", "Latviski.", "In English.")
    assert common.error_message(error, "en") == "In English."
    assert common.error_message(error, "lv") == "Latviski."
    alert = common.error_alert(error, "lv", "admin-x-error")
    assert (alert.id, alert.color, alert.children) == ("admin-x-error", "danger", "Latviski.")


def test_table_is_captioned_with_column_headers():
    table = common.table(["A", "B"], [[1, html.B("x")]], "Caption", "t-id")
    caption, head, body = table.children
    assert table.id == "t-id" and caption.children == "Caption"
    assert [th.scope for th in head.children.children] == ["col", "col"]
    assert [td.children for td in body.children[0].children][0] == 1


# --- Upload ---------------------------------------------------------------------------------------


def test_decode_takes_a_data_url_and_nothing_else():
    assert upload.decode("data:text/csv;base64,YSxi") == b"a,b"
    assert upload.decode("no comma") is None
    assert upload.decode("data:text/csv;base64,***") is None


def test_an_invalid_report_shows_the_errors_in_both_languages():
    report = {
        "ok": False,
        "errors": [
            {"row": 3, "column": "region", "message_lv": "Nezināms", "message_en": "Unknown"}
        ],
        "warnings": [],
        "changes": [],
    }
    ids = _by_id(upload.render_report(report, "f.csv", "en"))
    assert ids['"admin-upload-status"'].color == "danger"
    cells = [td.children for td in ids['"admin-errors"'].children[2].children[0].children]
    assert cells == [3, "region", "Unknown", "Nezināms"]
    assert '"admin-preview-table"' not in ids


def test_a_valid_report_counts_and_previews_the_changes(app_context):
    changes = [
        {"period_code": "2025-Q3", "region": "riga", "metric": "people_returned", "old": None,
         "new": 1815, "kind": "add"},
        {"period_code": "2019", "region": "latgale", "metric": "people_returned", "old": 5,
         "new": 6, "kind": "change"},
    ]  # fmt: skip
    assert upload.change_counts(changes) == {
        "add": 1,
        "change": 1,
        "same": 0,
        "corroboration": 0,
        "conflict": 0,
    }
    report = {"ok": True, "rows": [{}, {}], "errors": [], "warnings": [], "changes": changes}
    ids = _by_id(upload.render_report(report, "f.csv", "lv"))
    assert ids['"admin-upload-status"'].children == (
        "Fails “f.csv” ir derīgs: 2 rindas (1 jaunas, 1 mainītas, 0 nemainītas)."
    )
    rows = ids['"admin-preview-table"'].children[2].children
    assert [td.children for td in rows[0].children] == [
        "2025-Q3",
        "Rīga",
        "Cilvēki atgriezušies",
        "–",
        "1\u00a0815",
        "jauns",
    ]
    assert '"admin-preview-graph"' in ids


def test_the_preview_names_every_geography_and_other_sources(app_context):
    """National and municipal rows are named (a municipality with its division), and rows that
    another source has published are counted as confirming or differing, not as changes."""
    changes = [
        {"period_code": "2024", "region": None, "metric": "people_returned", "old": 774,
         "new": 774, "kind": "corroboration", "geo_level": "national"},
        {"period_code": "2019", "region": "latgale", "metric": "offers_prepared", "old": 890,
         "new": 889, "kind": "conflict", "geo_level": "planning_region"},
        {"period_code": "2022", "region": "kurzeme", "metric": "people_returned", "old": None,
         "new": 3, "kind": "add", "geo_level": "municipality", "municipality": "LV-099",
         "division": "2021"},
    ]  # fmt: skip
    report = {"ok": True, "rows": [{}, {}, {}], "errors": [], "warnings": [], "changes": changes}
    ids = _by_id(upload.render_report(report, "f.csv", "en"))
    status = ids['"admin-upload-status"'].children
    assert "(1 new, 0 changed, 0 unchanged)" in status
    assert "another source: 1 with the same value, 1 with a different value" in status
    rows = ids['"admin-preview-table"'].children[2].children
    cells = [[td.children for td in row.children] for row in rows]
    assert [c[1] for c in cells] == ["Latvia", "Latgale", "Tukuma novads (2021)"]
    assert [c[5] for c in cells] == [
        "confirms another source",
        "differs from another source",
        "new",
    ]


# --- Releases ------------------------------------------------------------------------------------


def _release(number: int, status: str = "published") -> dict[str, Any]:
    return {
        "number": number,
        "status": status,
        "published_at": T,
        "published_by": "ada" if number > 1 else None,
        "file_name": f"r{number}.csv" if number > 1 else None,
        "description": "Seed",
    }


@pytest.mark.parametrize(
    ("statuses", "target"),
    [
        ({1: "published"}, None),
        ({1: "published", 2: "published"}, 2),
        ({1: "published", 2: "published", 3: "rolled_back"}, 2),
        ({1: "published", 2: "rolled_back"}, None),
    ],
)
def test_only_the_latest_published_release_after_the_seed_can_be_rolled_back(statuses, target):
    rows = [_release(n, s) for n, s in statuses.items()]
    assert releases.rollback_target(rows) == target


@pytest.mark.parametrize("admin", [True, False])
def test_release_rows_newest_first_with_one_rollback_button(admin):
    rows = releases.release_rows(
        [_release(1), _release(2), _release(3, "rolled_back")], "en", admin
    )
    assert [r[0] for r in rows] == [3, 2, 1]
    assert [r[1] for r in rows] == ["rolled back", "published", "published"]
    assert rows[2][4] == "Seed" and rows[1][4] == "r2.csv"
    buttons = [r[6] for r in rows if r[6] != ""]
    assert len(buttons) == 1 and buttons[0].id == {"type": "admin-rollback", "number": 2}
    assert buttons[0].disabled is (not admin)
    links = [a.href for a in rows[1][5].children]
    assert links == [
        "/api/v1/observations?format=csv&release=2",
        "/api/v1/observations?format=json&release=2",
    ]


def test_the_rollback_dialog_names_the_release_readers_will_see_instead():
    rows = [_release(1), _release(2, "rolled_back"), _release(3), _release(4)]
    assert releases.previous_release(rows, 4) == 3
    assert releases.previous_release([_release(1), _release(2, "rolled_back"), _release(3)], 3) == 1
    assert releases.previous_release([_release(1)], 1) is None
    assert releases.rollback_question(4, 3, "en") == (
        "Roll back release 4?",
        "Readers will see release 3's figures.",
    )
    assert releases.rollback_question(4, 3, "lv") == (
        "Atsaukt laidienu Nr. 4?",
        "Lasītāji redzēs laidiena Nr. 3 datus.",
    )


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_rollback_dialog_starts_closed_with_cancel_first_and_focused(lang):
    panel = releases.panel(lang, True)
    ids = _by_id(panel)
    modal = ids['"admin-rollback-modal"']
    assert modal.is_open is False
    assert modal.labelledby == "admin-rollback-title" and '"admin-rollback-title"' in ids
    cancel, confirm = ids['"admin-rollback-cancel"'], ids['"admin-rollback-confirm"']
    assert cancel.autoFocus is True and not getattr(confirm, "autoFocus", None)
    footer = next(c for c in _walk(modal) if type(c).__name__ == "ModalFooter")
    assert [b.id for b in footer.children] == ["admin-rollback-cancel", "admin-rollback-confirm"]
    expected = {"lv": ("Atcelt", "Apstiprināt"), "en": ("Cancel", "Confirm")}[lang]
    assert (cancel.children, confirm.children) == expected
    assert '"admin-rollback-pending"' in ids


# --- History -------------------------------------------------------------------------------------


def test_history_rows():
    uploads = [{"id": 4, "uploaded_at": T, "uploaded_by": "ada", "file_name": "q.csv",
                "status": "invalid", "sha256": "ab" * 32}]  # fmt: skip
    assert history.upload_rows(uploads, "lv") == [
        [4, "2026-03-01 12:30", "ada", "q.csv", "nederīgs", "abababababab"]
    ]
    entries = [{"at": T, "actor": "public", "action": "data-report", "target": None,
                "outcome": "ok"}]  # fmt: skip
    assert history.audit_rows(entries) == [["2026-03-01 12:30", "public", "data-report", "", "ok"]]


def test_the_history_is_read_fresh_not_from_the_data_version_cache(app_context, mutable_db):
    version = queries.data_version()
    assert queries.uploads() == [] and queries.audit_log() == []
    staged, _ = services.stage_upload(ADMIN, quarter_csv(), "fresh.csv")
    audit("ada", "probe", "x", "ok")
    [listed] = queries.uploads()
    assert (listed["id"], listed["file_name"], listed["status"]) == (
        staged.id,
        "fresh.csv",
        "valid",
    )
    assert listed["errors"] == 0 and "content" not in listed
    assert [a["action"] for a in queries.audit_log()][:1] == ["probe"]
    assert queries.data_version() == version, "nothing published, same data version"
    audit("ada", "probe-2", "y", "refused")
    assert queries.audit_log(limit=1)[0]["action"] == "probe-2"


# --- Contacts and funding ------------------------------------------------------------------------


def test_contact_form_values_and_choices():
    assert contacts.form_values(None) == ("",) * 7 + ("", "", True)
    contact = {
        "code": "c1",
        "name": "Olga",
        "role_lv": "Koordinatore",
        "role_en": None,
        "organisation": "Latgales PR",
        "email": "o@example.lv",
        "phone": None,
        "note": None,
        "region": {"code": "latgale"},
        "municipality": None,
        "active": False,
    }
    values = contacts.form_values(contact)
    assert values == ("Olga", "Koordinatore", "", "Latgales PR", "o@example.lv", "", "", "latgale",
                      "", False)  # fmt: skip
    options = contacts.contact_options([contact], "en")
    assert options == [
        {"label": "New contact", "value": contacts.NEW_CONTACT},
        {"label": "Olga (—)", "value": "c1"},
    ]


def test_funding_form_values():
    assert funding.form_values(None) == ("",) * 5
    row = {"title_lv": "Kopā", "title_en": "Total", "amount_eur": 10714.29, "share_pct": None,
           "note": None}  # fmt: skip
    assert funding.form_values(row) == ("Kopā", "Total", "10714.29", "", "")
