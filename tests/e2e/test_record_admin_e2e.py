"""Issue 12's admin tabs in headless Chromium, against the real server (``live_server``).

An admin uploads national, planning-region and municipal rows with their source through the
Upload tab, reads the report and the preview (Latvia, Tukuma novads of the 2021 division),
publishes, and the open-data API serves the national row; a municipality that did not exist yet
is refused with its row and column; the Measures tab adds a measure (staff see the form
disabled); the Conflicting sources tab lists a cell whose sources disagree, an admin chooses the
other value and returns the cell to the rule.

The live server's database is shared by every e2e test and holds the seed and the dossier (many
releases), so each test rolls back only the releases it published, and clears any admin choice
it made, even when it fails half-way. A measure cannot be deleted, so the one added here has a
unique code and no figures.

Every value in these files is a made-up test fixture (for a cell the record does not hold, or
beside a real figure as a disagreeing source), never a real statistic; the rows are rolled back.
"""

from __future__ import annotations

import contextlib
import json
import re
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser import console_errors, screenshot, set_viewport, wait_for
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

# True once the page is loaded and Dash has no callback in flight (as in test_admin_e2e.py).
DASH_IDLE_JS = """
return document.readyState === 'complete'
  && !document.querySelector('._dash-loading')
  && !document.querySelector('[data-dash-is-loading="true"]')
  && document.title !== 'Updating...';
"""

HEADER = "period,region,metric,value,source_url,source_publisher,source_published_on"
PUBLISHER = "E2E test publisher"

# Made-up test values for families_returned in 2022, a year the record holds for no level of
# this measure (only Rīga's 2022-Q1): municipality 4 ≤ its region (Kurzeme in 2021's division)
# 12 ≤ Latvia 30, and each is below the people_returned the record holds for the same cells.
RECORD_ROWS = (
    ("Latvija", 30),
    ("Kurzeme", 12),
    ("Tukuma novads", 4),
)

# Made-up test value beside the seed's 890 (VARAM) and 889 (Latgale planning region) for
# Latgale's 2019 offers prepared: a third source that disagrees with both.
CONFLICT_VALUE = 901
SEED_VALUE = 890


def record_csv(lang: str) -> bytes:
    """National, regional and municipal rows of 2022 with their source (URL differs by page
    language, so the second upload is not the same file as the first)."""
    url = f"https://example.org/e2e-record-2022-{lang}"
    lines = [HEADER] + [
        f"2022,{geo},families_returned,{value},{url},{PUBLISHER},2023-02-15"
        for geo, value in RECORD_ROWS
    ]
    return ("\n".join(lines) + "\n").encode()


def bad_csv() -> bytes:
    """Dienvidkurzemes novads for 2020: formed only on 1 July 2021, so row 2's region is wrong."""
    return (
        f"{HEADER}\n2020,Dienvidkurzemes novads,families_returned,4,"
        f"https://example.org/e2e-bad,{PUBLISHER},2021-02-15\n"
    ).encode()


def conflict_csv() -> bytes:
    return (
        f"{HEADER}\n2019,Latgale,offers_prepared,{CONFLICT_VALUE},"
        f"https://example.org/e2e-conflict,{PUBLISHER},2020-03-01\n"
    ).encode()


# --- helpers (the same shapes as test_admin_e2e.py) ---------------------------------------------


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


def latest_release(base: str) -> int:
    return max(r["number"] for r in api(base, "/api/v1/releases"))


def roll_back_after(base: str, token: str, before: int) -> None:
    """Roll back the releases this test published (numbers above ``before``), latest first."""
    for release in api(base, "/api/v1/releases"):
        if release["number"] > before and release["status"] == "published":
            api(base, f"/admin/api/releases/{release['number']}/rollback", token, "POST")


def sign_in(driver: WebDriver, base: str, username: str, password: str, lang: str = "lv") -> None:
    """Sign in at /login and open /admin in ``lang``."""
    driver.get(f"{base}/login")
    wait_for(driver, "#username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    until(driver, lambda d: urlsplit(d.current_url).path == "/admin", "redirect to /admin")
    if lang != "lv":
        driver.get(f"{base}/admin?lang={lang}")
    wait_for(driver, f"html[lang='{lang}']")
    wait_for(driver, "#admin-upload input[type=file]")


def open_tab(driver: WebDriver, key: str, label: str) -> None:
    """Press the tab of ``admin-panel-<key>`` after checking its label (the page's language)."""
    button = until(
        driver,
        ec.element_to_be_clickable(
            (By.CSS_SELECTOR, f"#admin-tabs button[aria-controls=admin-panel-{key}]")
        ),
        f"tab {key}",
    )
    assert button.text == label, button.text
    button.click()
    wait_for(driver, f"#admin-panel-{key}", visible=True)


def upload(driver: WebDriver, path: Path) -> WebElement:
    """Choose ``path`` in the Upload tab and return the report's status alert."""
    driver.find_element(By.CSS_SELECTOR, "#admin-upload input[type=file]").send_keys(str(path))
    return wait_for(driver, "#admin-upload-status", visible=True)


def table_cells(table: WebElement) -> list[list[str]]:
    return [
        [td.text for td in tr.find_elements(By.TAG_NAME, "td")]
        for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]


def publish(driver: WebDriver) -> int:
    """Press Publish and return the release number the page announces."""
    until(driver, ec.element_to_be_clickable((By.ID, "admin-publish")), "publish enabled").click()
    alert = wait_for(driver, "#admin-published-alert", visible=True)
    match = re.search(r"Nr\. (\d+)|release (\d+)", alert.text)
    assert match, alert.text
    return int(match.group(1) or match.group(2))


def screenshots_at_two_widths(driver: WebDriver, base: str, key: str, label: str, name: str):
    """Full-page screenshots of a tab at 1366 px and at a 360 px phone width; returns the
    document's scroll width at 360 px (wider means the page itself scrolls sideways)."""
    screenshot(driver, f"{name}-1366", full_page=True)
    set_viewport(driver, 360, 780)
    driver.get(f"{base}/admin")
    wait_for(driver, "#admin-tabs")
    open_tab(driver, key, label)
    until(driver, lambda d: d.execute_script(DASH_IDLE_JS), f"{name} idle at 360 px")
    width = driver.execute_script("return document.documentElement.scrollWidth;")
    screenshot(driver, f"{name}-360", full_page=True)
    return width


# --- 1. national, regional and municipal rows with a source --------------------------------------

RECORD_TEXT = {
    "lv": {"latvia": "Latvija", "valid": "ir derīgs", "upload": "Augšupielāde"},
    "en": {"latvia": "Latvia", "valid": "is valid", "upload": "Upload"},
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_admin_publishes_national_regional_and_municipal_rows_with_their_source(
    browser, live_server, live_admin, tmp_path, lang
):
    errors: list[dict] = []
    words = RECORD_TEXT[lang]
    good = tmp_path / f"record-2022-{lang}.csv"
    good.write_bytes(record_csv(lang))
    before = latest_release(live_server)
    try:
        sign_in(browser, live_server, live_admin["username"], live_admin["password"], lang)
        status = upload(browser, good)
        assert "alert-success" in status.get_attribute("class"), status.text
        assert good.name in status.text and words["valid"] in status.text, status.text
        assert not browser.find_elements(By.ID, "admin-errors")

        table = wait_for(browser, "#admin-preview-table", visible=True)
        cells = table_cells(table)
        assert [(c[0], c[1], c[4]) for c in cells] == [
            ("2022", words["latvia"], "30"),
            ("2022", "Kurzeme", "12"),
            ("2022", "Tukuma novads (2021)", "4"),
        ], cells
        browser.execute_script(
            "document.getElementById('admin-preview-table').scrollIntoView({block: 'start'});"
        )
        screenshot(browser, f"record-admin-preview-{lang}")

        number = publish(browser)
        assert number == before + 1
        errors += console_errors(browser)

        # The open-data API serves the national row with its source, and the municipal row
        # with its division.
        national = api(live_server, "/api/v1/observations?geo_level=national&format=json")
        mine = [r for r in national if r["release"] == number]
        assert [(r["period"], r["metric"], r["value"], r["geo_name_lv"]) for r in mine] == [
            ("2022", "families_returned", 30, "Latvija")
        ], mine
        assert mine[0]["source_publisher"] == PUBLISHER
        assert mine[0]["source_url"] == f"https://example.org/e2e-record-2022-{lang}"
        assert mine[0]["source_published_on"] == "2023-02-15"
        municipal = api(live_server, "/api/v1/observations?geo_level=municipality&format=json")
        mine = [r for r in municipal if r["release"] == number]
        assert [(r["geo_name_lv"], r["division"], r["value"]) for r in mine] == [
            ("Tukuma novads", "2021", 4)
        ], mine
    finally:
        roll_back_after(live_server, live_admin["token"], before)

    national = api(live_server, "/api/v1/observations?geo_level=national&format=json")
    assert not [r for r in national if r["period"] == "2022" and r["value"] == 30]
    assert errors == [], f"SEVERE browser console entries: {errors}"


# --- 2. a municipality that did not exist yet ----------------------------------------------------

BAD_TEXT = {
    "lv": "Dienvidkurzemes novads: periodā 2020 šī pašvaldība vēl nepastāvēja",
    "en": "Dienvidkurzemes novads did not exist yet in 2020",
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_municipality_that_did_not_exist_yet_is_refused_with_row_and_column(
    browser, live_server, live_admin, tmp_path, lang
):
    bad = tmp_path / f"bad-{lang}.csv"
    bad.write_bytes(bad_csv())
    releases = api(live_server, "/api/v1/releases")
    sign_in(browser, live_server, live_admin["username"], live_admin["password"], lang)
    status = upload(browser, bad)
    assert "alert-danger" in status.get_attribute("class"), status.text
    cells = table_cells(wait_for(browser, "#admin-errors", visible=True))
    assert len(cells) == 1, cells
    row, column, message, other = cells[0]
    assert (row, column) == ("2", "region"), cells
    assert BAD_TEXT[lang] in message, message
    assert BAD_TEXT["en" if lang == "lv" else "lv"] in other, other
    assert "Aizputes novads" in message
    assert not browser.find_elements(By.ID, "admin-preview-table")
    assert not browser.find_element(By.ID, "admin-publish").is_enabled()
    screenshot(browser, f"record-admin-errors-{lang}")
    assert api(live_server, "/api/v1/releases") == releases, "nothing was published"
    assert console_errors(browser) == []


# --- 3. the Measures tab ------------------------------------------------------------------------


def test_admin_adds_a_measure_and_staff_see_the_form_disabled(
    browser, live_server, live_admin, live_cli
):
    errors: list[dict] = []
    code = f"e2e_measure_{uuid.uuid4().hex[:8]}"
    sign_in(browser, live_server, live_admin["username"], live_admin["password"])
    open_tab(browser, "measures", "Rādītāji")
    wait_for(browser, "#admin-measures-list", visible=True)
    chosen = Select(browser.find_element(By.ID, "admin-measure-select")).first_selected_option
    assert chosen.text == "Jauns rādītājs", chosen.text
    for field, text in (
        ("code", code),
        ("name_lv", "E2E pārbaudes rādītājs"),
        ("name_en", "E2E test measure"),
        ("definition_lv", "Tikai pārbaudei: pārlūka tests to pievieno, skaitļu tam nav."),
        ("definition_en", "For testing only: added by the browser test, it has no figures."),
    ):
        field_input = browser.find_element(By.ID, f"admin-measure-{field}")
        field_input.clear()
        field_input.send_keys(text)
    Select(browser.find_element(By.ID, "admin-measure-unit_code")).select_by_value("persons")
    Select(browser.find_element(By.ID, "admin-measure-kind")).select_by_value("flow")
    browser.find_element(By.ID, "admin-measure-save").click()
    saved = wait_for(browser, "#admin-measure-saved", visible=True)
    assert saved.text == "Saglabāts.", saved.text

    row_xpath = f"//*[@id='admin-measures-list']//tr[td[1][normalize-space()='{code}']]"
    row = until(browser, lambda d: d.find_elements(By.XPATH, row_xpath), "the new measure listed")
    cells = [td.text for td in row[0].find_elements(By.TAG_NAME, "td")]
    assert cells[1:] == [
        "E2E pārbaudes rādītājs",
        "E2E test measure",
        "cilvēki",
        cells[4],
        "Tikai pārbaudei: pārlūka tests to pievieno, skaitļu tam nav.",
        "0",
    ], cells
    assert cells[4].startswith("plūsma"), cells
    assert (
        Select(browser.find_element(By.ID, "admin-measure-select")).first_selected_option.text
        == f"{code} — E2E pārbaudes rādītājs"
    )
    assert code in [m["code"] for m in api(live_server, "/api/v1/metrics?format=json")]
    errors += console_errors(browser)
    width = screenshots_at_two_widths(
        browser, live_server, "measures", "Rādītāji", "admin-measures"
    )
    assert width <= 360, f"the Measures tab scrolls sideways at 360 px ({width} px wide)"
    errors += console_errors(browser)

    # Staff read the registry; every field and the button are disabled.
    password = "e2e staff measures 1"
    live_cli("create-user", "mara", "--role", "staff", "--password-stdin", stdin=password + "\n")
    browser.delete_all_cookies()
    sign_in(browser, live_server, "mara", password, "en")
    open_tab(browser, "measures", "Measures")
    wait_for(browser, "#admin-measures-list", visible=True)
    assert browser.find_elements(By.XPATH, row_xpath)
    for field in ("code", "name_lv", "name_en", "unit_code", "kind", "definition_lv"):
        assert not browser.find_element(By.ID, f"admin-measure-{field}").is_enabled(), field
    assert not browser.find_element(By.ID, "admin-measure-save").is_enabled()
    errors += console_errors(browser)
    assert errors == [], f"SEVERE browser console entries: {errors}"


# --- 4. the Conflicting sources tab -------------------------------------------------------------


def conflict_rows(driver: WebDriver, metric_name: str) -> list[dict[str, Any]] | bool:
    """The rows of the Latgale 2019 offers table once Dash is idle: value, in-use text, and
    whether its "Use this value" button is enabled; False while the tab is re-rendering."""
    heading = (
        "//*[@id='admin-conflicts']//h2[contains(., 'Latgale') and contains(., '2019')"
        f" and contains(., '{metric_name}')]"
    )
    try:
        if not driver.execute_script(DASH_IDLE_JS):
            return False
        title = driver.find_element(By.XPATH, heading).get_attribute("id")
        table = driver.find_element(By.CSS_SELECTOR, f"table[aria-labelledby='{title}']")
        out = []
        for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
            tds = tr.find_elements(By.TAG_NAME, "td")
            button = tds[7].find_element(By.TAG_NAME, "button")
            out.append(
                {
                    "value": tds[0].text,
                    "publisher": tds[2].text,
                    "in_use": tds[6].text,
                    "button": button,
                    "enabled": button.is_enabled(),
                }
            )
        return out
    except (NoSuchElementException, StaleElementReferenceException):
        return False


def preferred_value(rows: list[dict[str, Any]]) -> str:
    return next(r["value"] for r in rows if r["in_use"].startswith("✓"))


def served_value(base: str) -> int:
    """What a reader gets for Latgale's 2019 offers prepared from the open-data API."""
    rows = api(base, "/api/v1/observations?format=json&geo_level=planning_region")
    return next(
        r["value"]
        for r in rows
        if (r["period"], r["region"], r["metric"]) == ("2019", "latgale", "offers_prepared")
    )


def test_admin_chooses_a_conflicting_value_and_returns_to_the_rule(
    browser, live_server, live_admin, tmp_path
):
    errors: list[dict] = []
    metric_name = "Sagatavotie personalizētie piedāvājumi"
    path = tmp_path / "latgale-2019-offers.csv"
    path.write_bytes(conflict_csv())
    before = latest_release(live_server)
    token = live_admin["token"]
    try:
        sign_in(browser, live_server, live_admin["username"], live_admin["password"])
        status = upload(browser, path)
        assert "alert-success" in status.get_attribute("class"), status.text
        assert "0 ar to pašu vērtību, 1 ar citu vērtību" in status.text, status.text
        cells = table_cells(wait_for(browser, "#admin-preview-table", visible=True))
        assert [(c[1], c[4]) for c in cells] == [("Latgale", str(CONFLICT_VALUE))], cells
        assert publish(browser) == before + 1
        errors += console_errors(browser)

        open_tab(browser, "conflicts", "Avoti, kas atšķiras")

        def listed(d: WebDriver) -> Any:
            rows = conflict_rows(d, metric_name)
            return rows if rows and str(CONFLICT_VALUE) in [r["value"] for r in rows] else False

        rows = until(browser, listed, "the Latgale 2019 cell with the new value")
        values = [r["value"] for r in rows]
        assert str(SEED_VALUE) in values, values
        assert preferred_value(rows) == str(SEED_VALUE), rows
        assert served_value(live_server) == SEED_VALUE
        mine = next(r for r in rows if r["value"] == str(CONFLICT_VALUE))
        assert mine["publisher"] == PUBLISHER and mine["in_use"] == "" and mine["enabled"]
        screenshot(browser, "admin-conflicts-1366-before", full_page=True)

        # Use the disagreeing value: it is in use, and readers get it.
        mine["button"].click()
        alert = wait_for(browser, "#admin-conflict-chosen-alert", visible=True)
        assert str(CONFLICT_VALUE) in alert.text and "jūsu izvēle" in alert.text, alert.text

        def chosen(d: WebDriver) -> Any:
            rows = conflict_rows(d, metric_name)
            return rows if rows and preferred_value(rows) == str(CONFLICT_VALUE) else False

        rows = until(browser, chosen, "the new value in use")
        assert not next(r for r in rows if r["value"] == str(CONFLICT_VALUE))["enabled"]
        assert served_value(live_server) == CONFLICT_VALUE
        rule = browser.find_elements(By.CSS_SELECTOR, "#admin-conflicts button[id*='prefer-rule']")
        assert len(rule) == 1 and rule[0].text == "Atgriezties pie noteikuma", rule
        width = screenshots_at_two_widths(
            browser, live_server, "conflicts", "Avoti, kas atšķiras", "admin-conflicts"
        )
        assert width <= 360, f"the Conflicts tab scrolls sideways at 360 px ({width} px wide)"
        set_viewport(browser, 1366, 900, mobile=False)
        browser.get(f"{live_server}/admin")
        wait_for(browser, "#admin-tabs")
        open_tab(browser, "conflicts", "Avoti, kas atšķiras")
        until(browser, chosen, "the new value still in use after reloading")
        errors += console_errors(browser)

        # Return to the rule: the seed's value is in use again.
        until(
            browser,
            ec.element_to_be_clickable(
                (By.CSS_SELECTOR, "#admin-conflicts button[id*='prefer-rule']")
            ),
            "Return to the rule",
        ).click()
        alert = wait_for(browser, "#admin-conflict-chosen-alert", visible=True)
        assert "pēc noteikuma" in alert.text, alert.text

        def by_rule(d: WebDriver) -> Any:
            rows = conflict_rows(d, metric_name)
            return rows if rows and preferred_value(rows) == str(SEED_VALUE) else False

        until(browser, by_rule, "the seed's value in use again")
        assert not browser.find_elements(
            By.CSS_SELECTOR, "#admin-conflicts button[id*='prefer-rule']"
        )
        assert served_value(live_server) == SEED_VALUE
        errors += console_errors(browser)
    finally:
        for cell in api(live_server, "/admin/api/conflicts", token):
            if cell["admin_choice"]:
                with contextlib.suppress(urllib.error.HTTPError):
                    api(
                        live_server,
                        f"/admin/api/observations/{cell['rows'][0]['id']}/preferred",
                        token,
                        "DELETE",
                    )
        roll_back_after(live_server, token, before)

    assert served_value(live_server) == SEED_VALUE
    assert errors == [], f"SEVERE browser console entries: {errors}"
