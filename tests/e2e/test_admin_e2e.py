"""The admin workflow in headless Chromium, against the real server (``live_server``).

Sign in at /login as an admin made with ``remigration create-user``, upload a quarterly CSV
through the upload control, read the validation report and preview (a table, and a chart per
measure), publish, see the quarter on the overview, roll the release back from the Releases tab
(the button asks first; Cancel changes nothing, Confirm rolls back), see it gone; then upload a
bad file and read the error table. A file that leaves regions and a quarter out is warned about
and still publishes. The live server's database is shared by all e2e tests and holds the
published record (releases 1–37 and on), so this test reads the latest release first, expects its
upload to become the next number, and rolls back only the releases it published, even when it
fails half-way.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser import console_errors, screenshot, wait_for
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from test_accessibility import _axe_problems

# The uploaded figures are made up: a test fixture for the upload workflow, not statistics. Their
# quarter lies before the programme began (March 2018), so no figure of the published record can
# cover it and the consistency checks (a part never larger than its whole) cannot refuse them.
QUARTER = "2017-Q3"
REGIONS_LV = ["Kurzeme", "Latgale", "Rīga", "Vidzeme", "Zemgale"]


# True once the page is loaded and Dash has no callback in flight (as in test_accessibility.py).
DASH_IDLE_JS = """
return document.readyState === 'complete'
  && !document.querySelector('._dash-loading')
  && !document.querySelector('[data-dash-is-loading="true"]')
  && document.title !== 'Updating...';
"""


def quarter_csv(bad_region_row: int | None = None) -> bytes:
    """15 made-up rows for one quarter (a validation fixture): five regions × three metrics,
    families ≤ people."""
    families = [5, 7, 11, 4, 3]
    lines = ["period,region,metric,value"]
    for metric, factor, extra in (
        ("families_returned", 1, 0),
        ("people_returned", 3, 0),
        ("offers_prepared", 10, 1),
    ):
        for region, count in zip(REGIONS_LV, families, strict=True):
            if bad_region_row is not None and len(lines) + 1 == bad_region_row:
                region = "Atlantīda"
            lines.append(f"{QUARTER},{region},{metric},{count * factor + extra}")
    return ("\n".join(lines) + "\n").encode()


# What the preview draws: each chart's measure, its heading (name and unit, in Latvian) and the
# values of its five regions in REGIONS_LV order (quarter_csv's figures).
PREVIEW_CHARTS = {
    "families-returned": ("Ģimenes atgriezušās (ģimenes)", [5, 7, 11, 4, 3]),
    "people-returned": ("Cilvēki atgriezušies (cilvēki)", [15, 21, 33, 12, 9]),
    "offers-prepared": (
        "Sagatavotie personalizētie piedāvājumi (piedāvājumi)",
        [51, 71, 111, 41, 31],
    ),
}

# A preview chart as Plotly drew it: the x axis type, the places with their values.
PREVIEW_CHART_JS = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
if (!gd || !gd._fullLayout) { return null; }
const markers = gd.data.filter((t) => t.mode === 'markers' && t.name !== 'Pašreiz');
return {
  xaxis: gd._fullLayout.xaxis.type,
  places: markers.map((t) => t.name),
  values: markers.map((t) => t.y),
  lines: gd.data.filter((t) => t.mode === 'lines').map((t) => t.x),
};
"""

FOCUSED_ID_JS = "return document.activeElement ? document.activeElement.id : null;"
# dbc.Modal puts its id on the inner .modal-dialog; the dialog role is on the .modal around it.
DIALOG_JS = """
const modal = document.getElementById('admin-rollback-modal').closest('.modal');
return {role: modal.getAttribute('role'), modal: modal.getAttribute('aria-modal'),
        labelledby: modal.getAttribute('aria-labelledby')};
"""


def until(driver: WebDriver, condition: Any, what: str, timeout: float = 20) -> Any:
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.2).until(condition)
    except TimeoutException:
        shot = screenshot(driver, f"timeout-{what}")
        pytest.fail(f"timed out waiting for {what} at {driver.current_url}; screenshot: {shot}")


def api(base: str, path: str, token: str | None = None, method: str = "GET") -> Any:
    request = urllib.request.Request(f"{base}{path}", method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def release_states(base: str) -> list[tuple[int, str]]:
    """``(number, status)`` of every release, newest first, as the open-data API lists them."""
    return [(r["number"], r["status"]) for r in api(base, "/api/v1/releases")]


def roll_back_releases_after(base: str, token: str, last_before: int) -> None:
    """Roll back what this test published: the published releases numbered above
    ``last_before`` (the latest release when it started), newest first. The record's releases
    stay as they were for the tests that follow."""
    for number, status in release_states(base):
        if number > last_before and status == "published":
            api(base, f"/admin/api/releases/{number}/rollback", token, "POST")


def sign_in(driver: WebDriver, base: str, username: str, password: str) -> None:
    driver.get(f"{base}/login")
    wait_for(driver, "#username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    until(driver, lambda d: urlsplit(d.current_url).path == "/admin", "redirect to /admin")
    wait_for(driver, "#admin-upload input[type=file]")


def choose_file(driver: WebDriver, path: Path) -> None:
    driver.find_element(By.CSS_SELECTOR, "#admin-upload input[type=file]").send_keys(str(path))


def quarter_figures() -> dict[tuple[str, str], int]:
    """``{(region name, metric): value}`` of :func:`quarter_csv`'s rows."""
    rows = quarter_csv().decode().splitlines()[1:]
    return {(r, m): int(v) for _, r, m, v in (line.split(",") for line in rows)}


def quarter_in_open_data(base: str) -> dict[tuple[str, str], int]:
    """The quarter's figures as the open-data API serves them to anyone (planning regions)."""
    rows = api(base, "/api/v1/observations?from=2017-07&to=2017-09&format=json")
    return {
        (r["region_name"], r["metric"]): r["value"]
        for r in rows
        if r["period"] == QUARTER and r.get("geo_level", "planning_region") == "planning_region"
    }


def open_tab(driver: WebDriver, label: str) -> None:
    xpath = f"//*[@id='admin-tabs']//*[contains(@class,'nav-link') and normalize-space()='{label}']"
    until(driver, ec.element_to_be_clickable((By.XPATH, xpath)), f"tab {label}").click()


def test_admin_uploads_publishes_and_rolls_back_a_quarter(
    browser, live_server, live_admin, tmp_path
):
    errors: list[dict] = []
    good = tmp_path / f"{QUARTER.lower()}.csv"
    good.write_bytes(quarter_csv())
    bad = tmp_path / "bad.csv"
    bad.write_bytes(quarter_csv(bad_region_row=3))
    before = release_states(live_server)
    last_before = max(number for number, _ in before)
    new = last_before + 1
    # The rollback button sits on the latest published release, never on release 1 (the seed).
    previous = max(number for number, status in before if status == "published")
    # The open data as the record has it, without the quarter. (The charts show the programme's
    # periods, from March 2018, so a reader finds this quarter in the open data, not on /.)
    assert quarter_in_open_data(live_server) == {}
    try:
        sign_in(browser, live_server, live_admin["username"], live_admin["password"])
        assert "Pieteicies: ada (admin)" in browser.find_element(By.TAG_NAME, "body").text
        errors += console_errors(browser)

        # Upload → validation report → preview table and chart.
        choose_file(browser, good)
        status = wait_for(browser, "#admin-upload-status", visible=True)
        assert "alert-success" in status.get_attribute("class"), status.text
        assert good.name in status.text and "15" in status.text
        screenshot(browser, "admin-upload")
        table = wait_for(browser, "#admin-preview-table", visible=True)
        rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
        assert len(rows) == 15
        first = [td.text for td in rows[0].find_elements(By.TAG_NAME, "td")]
        assert first[0] == QUARTER and first[1] == "Kurzeme" and first[4] == "5", first
        wait_for(browser, "#admin-preview-graph .js-plotly-plot .main-svg", visible=True)
        # One chart per measure, headed by its name and unit; each holds only its own figures,
        # the five regions named, on a calendar axis.
        charts = browser.find_elements(By.CSS_SELECTOR, "#admin-preview-graph .js-plotly-plot")
        assert len(charts) == len(PREVIEW_CHARTS), len(charts)
        for slug, (heading, values) in PREVIEW_CHARTS.items():
            title = browser.find_element(By.ID, f"admin-preview-title-{slug}").text
            assert title == heading, title
            drawn = until(
                browser,
                lambda d, s=slug: d.execute_script(PREVIEW_CHART_JS, f"admin-preview-chart-{s}"),
                f"the {slug} preview chart",
            )
            assert drawn["xaxis"] == "date", drawn
            assert drawn["places"] == REGIONS_LV, drawn
            assert drawn["values"] == [[v] for v in values], drawn
            # Each figure spans its quarter (July to September 2017).
            assert all(x[:2] == ["2017-07-01", "2017-09-30"] for x in drawn["lines"]), drawn
        browser.execute_script(
            "document.getElementById('admin-preview-table').scrollIntoView({block: 'start'});"
        )
        screenshot(browser, "admin-preview")
        browser.execute_script(
            "document.getElementById('admin-preview-graph').scrollIntoView({block: 'start'});"
        )
        screenshot(browser, "admin-preview-charts")

        # Publish.
        publish = until(
            browser, ec.element_to_be_clickable((By.ID, "admin-publish")), "publish enabled"
        )
        publish.click()
        published = wait_for(browser, "#admin-published-alert", visible=True)
        assert f"Nr. {new}" in published.text, published.text
        until(
            browser,
            lambda d: not d.find_element(By.ID, "admin-publish").is_enabled(),
            "publish button disabled after publishing",
        )
        errors += console_errors(browser)

        # Everyone sees it: the open data serves the quarter's 15 figures as uploaded.
        assert quarter_in_open_data(live_server) == quarter_figures()

        # Releases tab → roll back the new release.
        browser.get(f"{live_server}/admin")
        wait_for(browser, "#admin-tabs")
        open_tab(browser, "Laidieni")
        button = until(
            browser,
            ec.element_to_be_clickable(
                (By.CSS_SELECTOR, "#admin-releases-table button[id*='admin-rollback']")
            ),
            "rollback button",
        )
        assert button.text.split()[-1] == str(new), button.text
        screenshot(browser, "admin-releases")

        # The button only asks: which release goes, which readers will see instead. Focus is
        # on Cancel; the dialog passes axe; Cancel changes nothing and gives focus back.
        button.click()
        wait_for(browser, "#admin-rollback-modal", visible=True)
        dialog = browser.execute_script(DIALOG_JS)
        assert dialog == {
            "role": "dialog",
            "modal": "true",
            "labelledby": "admin-rollback-title",
        }, dialog
        title = browser.find_element(By.ID, "admin-rollback-title").text
        assert title == f"Atsaukt laidienu Nr. {new}?", title
        question = browser.find_element(By.ID, "admin-rollback-question").text
        assert question == f"Lasītāji redzēs laidiena Nr. {previous} datus.", question
        until(
            browser,
            lambda d: d.execute_script(FOCUSED_ID_JS) == "admin-rollback-cancel",
            "focus on Cancel",
        )
        screenshot(browser, "admin-rollback-dialog")
        assert _axe_problems(browser, "/admin, rollback dialog") == []
        browser.find_element(By.ID, "admin-rollback-cancel").click()
        until(
            browser,
            ec.invisibility_of_element_located((By.ID, "admin-rollback-modal")),
            "the dialog closed",
        )
        assert (new, "published") in release_states(live_server), "Cancel rolled back"
        assert not browser.find_elements(By.ID, "admin-rolled-back-alert")
        focused = browser.execute_script(FOCUSED_ID_JS)
        assert "admin-rollback" in focused, f"focus not back on the button: {focused!r}"

        # Asked again and confirmed: rolled back; focus moves to the result.
        button.click()
        wait_for(browser, "#admin-rollback-confirm", visible=True).click()
        rolled = wait_for(browser, "#admin-rolled-back-alert", visible=True)
        assert f"Nr. {new}" in rolled.text, rolled.text
        until(
            browser,
            ec.invisibility_of_element_located((By.ID, "admin-rollback-modal")),
            "the dialog closed after confirming",
        )
        until(
            browser,
            lambda d: d.execute_script(FOCUSED_ID_JS) == "admin-rollback-result-box",
            "focus on the rollback result",
        )

        def rollback_offers(d: WebDriver) -> list[str]:
            selector = "#admin-releases-table button[id*='admin-rollback']"
            return [b.text.split()[-1] for b in d.find_elements(By.CSS_SELECTOR, selector)]

        offer = [str(previous)] if previous > 1 else []
        until(
            browser,
            lambda d: rollback_offers(d) == offer,
            f"the rollback button back on release {previous} (none for release 1)",
        )
        errors += console_errors(browser)

        # The quarter is gone from the open data, which is as the record had it.
        assert quarter_in_open_data(live_server) == {}

        # A bad file: the error table names row 3 and the region column; nothing to publish.
        browser.get(f"{live_server}/admin")
        wait_for(browser, "#admin-upload input[type=file]")
        choose_file(browser, bad)
        status = wait_for(browser, "#admin-upload-status", visible=True)
        assert "alert-danger" in status.get_attribute("class"), status.text
        table = wait_for(browser, "#admin-errors", visible=True)
        cells = [
            [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")
        ]
        assert len(cells) == 1, cells
        assert cells[0][0] == "3" and cells[0][1] == "region", cells
        assert "Atlantīda" in cells[0][2] and "Atlantīda" in cells[0][3]
        assert not browser.find_element(By.ID, "admin-publish").is_enabled()
        screenshot(browser, "admin-errors")
        errors += console_errors(browser)
    finally:
        roll_back_releases_after(live_server, live_admin["token"], last_before)

    assert release_states(live_server) == [(new, "rolled_back"), *before]
    assert errors == [], f"SEVERE browser console entries: {errors}"


def sign_out(driver: WebDriver) -> None:
    """Press the header's sign-out button and wait until the admin page is gone."""
    driver.find_element(By.CSS_SELECTOR, "form[action='/logout'] button[type=submit]").click()
    until(driver, lambda d: urlsplit(d.current_url).path != "/admin", "signed out")


def test_a_readers_report_reaches_the_staff_and_an_admin_resolves_it_with_a_note(
    browser, live_server, live_admin, live_cli
):
    """A reader reports a problem on /data (reading who sees the address and when it goes); a
    staff member finds it among the open reports without the address and cannot resolve it; an
    admin sees the address, writes a note and marks it resolved; it leaves the open list and
    shows, with the note, among the resolved ones."""
    errors: list[dict] = []
    message = "E2E: 2019. gada skaitlis Latgalei atšķiras no PDF."
    note = "Pārbaudīts pret PDF: pārrakstīšanās kļūda, labota laidienā 3."
    staff_password = "e2e staff password 1"
    live_cli(
        "create-user", "sam", "--role", "staff", "--password-stdin", stdin=staff_password + "\n"
    )

    browser.get(f"{live_server}/data")
    form = wait_for(browser, "#data-report-form", visible=True)
    assert "To redz tikai vietnes administratori" in form.text
    assert "Adrese tiek dzēsta 30 dienas pēc tam, kad ziņojums ir atrisināts." in form.text
    browser.find_element(By.ID, "data-report-message").send_keys(message)
    browser.find_element(By.ID, "data-report-email").send_keys("e2e-reader@example.lv")
    browser.find_element(By.ID, "data-report-submit").click()
    thanks = wait_for(browser, "#data-report-thanks", visible=True)
    report_id = thanks.text.rsplit("Nr. ", 1)[1].rstrip(").")
    errors += console_errors(browser)

    row_xpath = f"//*[@id='admin-reports-table']//tr[td[1][normalize-space()='{report_id}']]"

    def row_text(d: WebDriver) -> str | bool:
        """The row's text once Dash is idle (the tab switch re-renders the table)."""
        try:
            return d.execute_script(DASH_IDLE_JS) and d.find_element(By.XPATH, row_xpath).text
        except (NoSuchElementException, StaleElementReferenceException):
            return False

    # Staff: the report is among the open ones; the address is not shown, nothing can be changed.
    sign_in(browser, live_server, "sam", staff_password)
    open_tab(browser, "Ziņojumi par datiem")
    text = until(browser, row_text, "report row (staff)")
    assert message in text and "jauns" in text, text
    assert "norādīts (redz tikai administratori)" in text
    assert "e2e-reader@example.lv" not in browser.find_element(By.TAG_NAME, "body").text
    assert not browser.find_element(By.XPATH, row_xpath + "//button").is_enabled()
    assert not browser.find_element(By.XPATH, row_xpath + "//textarea").is_enabled()
    screenshot(browser, "admin-reports-staff")
    errors += console_errors(browser)
    sign_out(browser)

    # Admin: the address is shown; a note is written and the report resolved.
    sign_in(browser, live_server, live_admin["username"], live_admin["password"])
    open_tab(browser, "Ziņojumi par datiem")
    text = until(browser, row_text, "report row (admin)")
    assert message in text and "e2e-reader@example.lv" in text and "jauns" in text
    button = browser.find_element(By.XPATH, row_xpath + "//button")
    assert button.get_attribute("aria-label") == f"Atzīmēt kā atrisinātu (ziņojums Nr. {report_id})"
    field = browser.find_element(By.XPATH, row_xpath + "//textarea")
    label = browser.execute_script("return arguments[0].labels[0].textContent;", field)
    assert label == f"Piezīme par atrisinājumu (ziņojums Nr. {report_id})", label

    # Without a note the report stays open, and the page says why.
    button.click()
    refusal = wait_for(browser, "#admin-report-error", visible=True)
    assert refusal.text == "Lauks “Piezīme” ir obligāts.", refusal.text

    field.send_keys(note)
    button.click()
    alert = wait_for(browser, "#admin-report-resolved-alert", visible=True)
    assert alert.text == f"Ziņojums Nr. {report_id} atzīmēts kā atrisināts."

    def gone_from_open_list(d: WebDriver) -> bool:
        return bool(d.execute_script(DASH_IDLE_JS)) and not d.find_elements(By.XPATH, row_xpath)

    until(browser, gone_from_open_list, "the report gone from the open list")
    browser.find_element(
        By.XPATH, "//*[@id='admin-reports-filter']//label[normalize-space()='Atrisinātos']"
    ).click()

    def resolved(d: WebDriver) -> str | bool:
        text = row_text(d)
        done = bool(text) and "atrisināts" in text and note in text
        return text if done and not d.find_elements(By.XPATH, row_xpath + "//button") else False

    text = until(browser, resolved, "the row among the resolved, with the note")
    assert "e2e-reader@example.lv" in text, "the address stays until its time is up"
    screenshot(browser, "admin-reports")
    errors += console_errors(browser)

    # The audit log has the resolution.
    open_tab(browser, "Vēsture un audits")
    audit_row = (
        "//*[@id='admin-audit-table']//tr[td[3][normalize-space()='data-report.resolve']"
        f" and td[4][normalize-space()='{report_id}']]"
    )
    until(browser, lambda d: d.find_elements(By.XPATH, audit_row), "the resolution audited")
    errors += console_errors(browser)
    assert errors == [], f"SEVERE browser console entries: {errors}"


def test_an_admin_whose_session_ended_elsewhere_is_sent_to_sign_in(
    browser, live_server, tmp_path_factory
):
    """Deactivating an account ends its open page's session: the next click lands on /login,
    which says why, instead of a page whose buttons silently stop working."""
    from conftest import _cli, _live_server_env  # the e2e conftest's CLI helpers

    env = _live_server_env(tmp_path_factory)
    password = "ended session password"
    _cli(env, "create-user", "eve", "--role", "admin", "--password-stdin", stdin=password + "\n")
    sign_in(browser, live_server, "eve", password)
    _cli(env, "deactivate-user", "eve")
    browser.find_element(
        By.CSS_SELECTOR, "#admin-tabs button[aria-controls=admin-panel-history]"
    ).click()
    until(browser, lambda d: urlsplit(d.current_url).path == "/login", "redirect to /login")
    assert "ended=1" in browser.current_url
    note = wait_for(browser, "main .alert", visible=True).text
    assert "sesija ir beigusies" in note or "session has ended" in note
    screenshot(browser, "admin-session-ended")


def test_an_upload_that_leaves_regions_and_a_quarter_out_is_warned_about_and_publishes(
    browser, live_server, live_admin, tmp_path
):
    """Made-up figures (a fixture, before the programme began, so no published figure covers
    them): people returned in 2016 Q1 for three regions only, in 2016 Q3 for all five. The
    report warns, in both languages, that Kurzeme and Zemgale have no 2016 Q1 figures and that
    2016 Q2 is missing; the file is still valid and publishes."""
    lines = ["period,region,metric,value"]
    lines += [f"2016-Q1,{r},people_returned,{v}" for r, v in (("Latgale", 4), ("Rīga", 6),
                                                               ("Vidzeme", 5))]  # fmt: skip
    lines += [f"2016-Q3,{r},people_returned,{i + 2}" for i, r in enumerate(REGIONS_LV)]
    sparse = tmp_path / "sparse-2016.csv"
    sparse.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = release_states(live_server)
    last_before = max(number for number, _ in before)
    errors: list[dict] = []
    try:
        sign_in(browser, live_server, live_admin["username"], live_admin["password"])
        choose_file(browser, sparse)
        status = wait_for(browser, "#admin-upload-status", visible=True)
        assert "alert-success" in status.get_attribute("class"), status.text
        table = wait_for(browser, "#admin-warnings", visible=True)
        warnings = [
            [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")
        ]
        # Row and column are empty: the warnings are about the file as a whole. The first says
        # the file names no source; then what it leaves out.
        assert warnings[0][3].startswith("No source is stated in the file"), warnings
        warnings = warnings[1:]
        assert [w[2] for w in warnings] == [
            "Šajā failā reģioniem Kurzeme un Zemgale nav datu par periodu “2016. gada 1. "
            "ceturksnis” (Cilvēki atgriezušies), un arī publicētu datu nav: lasītāji tiem "
            "neredzēs skaitļus.",
            "Rādītājam “Cilvēki atgriezušies” failā ir dati no perioda “2016. gada 1. "
            "ceturksnis” līdz “2016. gada 3. ceturksnis”, bet trūkst: 2016. gada 2. ceturksnis, "
            "un arī publicētu datu par tiem nav: diagrammās tur būs pārtraukums.",
        ], warnings
        assert warnings[0][3].startswith("Kurzeme and Zemgale have no figures for 2016 Q1")
        assert warnings[1][3].startswith("People returned: the file has figures from 2016 Q1")
        assert [w[:2] for w in warnings] == [["", ""], ["", ""]]
        # One measure, one chart; the missing quarter is not bridged.
        charts = browser.find_elements(By.CSS_SELECTOR, "#admin-preview-graph .js-plotly-plot")
        assert len(charts) == 1
        drawn = until(
            browser,
            lambda d: d.execute_script(PREVIEW_CHART_JS, "admin-preview-chart-people-returned"),
            "the preview chart",
        )
        assert drawn["places"] == REGIONS_LV, drawn
        latgale = drawn["lines"][1]
        assert latgale == ["2016-01-01", "2016-03-31", None, "2016-07-01", "2016-09-30", None]
        table.location_once_scrolled_into_view  # noqa: B018 - scrolls the warnings into view
        screenshot(browser, "admin-upload-warnings")
        errors += console_errors(browser)

        # A warning is not a refusal: the file publishes.
        until(
            browser, ec.element_to_be_clickable((By.ID, "admin-publish")), "publish enabled"
        ).click()
        published = wait_for(browser, "#admin-published-alert", visible=True)
        assert f"Nr. {last_before + 1}" in published.text, published.text
        errors += console_errors(browser)
    finally:
        roll_back_releases_after(live_server, live_admin["token"], last_before)
    assert release_states(live_server) == [(last_before + 1, "rolled_back"), *before]
    assert errors == [], f"SEVERE browser console entries: {errors}"
