"""The open data as other tools read it: the Frictionless data package validated against the
files the running app serves, the CSV for Excel, the licence on every answer and download, and
the /data page's pandas, R and Excel examples run against the app over real HTTP."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import os
import re
import shutil
import subprocess

import pytest
import requests
from frictionless import Package, validate
from openpyxl import load_workbook

from dashboard.components.open_data import example
from dashboard.opendata.licence import LICENCE_URL

LICENCE_LINK = f'<{LICENCE_URL}>; rel="license"'
RESOURCES = [
    "observations",
    "measures",
    "geographies",
    "regions",
    "releases",
    "contacts",
    "funding",
]


def _csv(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


# --- the data package ---------------------------------------------------------------------------


def test_data_package_validates_against_the_files_the_app_serves(record_server):
    report = validate(f"{record_server}/api/v1/datapackage.json")
    assert report.valid, report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])
    assert [task.name for task in report.tasks] == RESOURCES
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    served = requests.get(f"{record_server}/api/v1/observations", timeout=30).json()
    assert rows["observations"] == len(served) > 100


def test_the_validator_sees_a_description_that_drifts_from_the_files(record_server):
    """The check above can fail: the same package with a wrong key, a wrong type and a foreign
    key to the wrong list is refused, row by row."""
    descriptor = requests.get(f"{record_server}/api/v1/datapackage.json", timeout=30).json()
    observations = descriptor["resources"][0]
    schema = observations["schema"]
    schema["primaryKey"] = ["measure"]
    next(f for f in schema["fields"] if f["name"] == "months")["type"] = "date"
    schema["foreignKeys"][0]["reference"] = {"resource": "regions", "fields": ["code"]}
    report = Package.from_descriptor(descriptor).validate()
    errors = {error.type for error in report.tasks[0].errors}
    assert {"primary-key", "type-error", "foreign-key"} <= errors


def test_package_fields_are_each_files_header_in_order(record_server):
    descriptor = requests.get(f"{record_server}/api/v1/datapackage.json", timeout=30).json()
    for resource in descriptor["resources"]:
        text = requests.get(resource["path"], timeout=30).text
        header = text.splitlines()[0].split(",")
        assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["name"]
        assert resource["licenses"][0]["path"] == LICENCE_URL


def test_package_describes_keys_units_licence_and_sources(record_client):
    descriptor = record_client.get("/api/v1/datapackage.json").get_json()
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": LICENCE_URL,
            "title": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        }
    ]
    observations = descriptor["resources"][0]["schema"]
    assert observations["primaryKey"] == ["geo_level", "geo_code", "division", "period", "measure"]
    references = {fk["reference"]["resource"]: fk["fields"] for fk in observations["foreignKeys"]}
    assert references == {
        "measures": ["measure"],
        "geographies": ["geo_level", "geo_code", "division"],
        "regions": ["region"],
        "releases": ["release"],
    }
    fields = {f["name"]: f for f in observations["fields"]}
    assert (fields["value"]["type"], fields["months"]["type"]) == ("integer", "integer")
    assert fields["period_start"]["type"] == "date"
    assert fields["part_year"]["type"] == "boolean"
    assert "unit" in fields["value"]["description"]
    served = record_client.get("/api/v1/observations").get_json()
    titles = {r["source_title"] for r in served if r["source_title"]}
    assert titles <= {s["title"] for s in descriptor["sources"]}
    assert record_client.get("/api/v1/datapackage.json?x=1").status_code == 400


# --- the CSV for Excel --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/observations?format=csv",
        "/download/observations.csv?scope=full",
        "/api/v1/geographies?format=csv",
    ],
)
def test_csv_for_excel_holds_the_same_cells_as_the_plain_file(record_client, url):
    plain = record_client.get(url)
    excel = record_client.get(f"{url}&bom=1")
    assert excel.status_code == 200
    assert excel.data.startswith(b"\xef\xbb\xbf") and not plain.data.startswith(b"\xef\xbb\xbf")
    text = excel.data.decode("utf-8").removeprefix("\ufeff")
    assert text.splitlines()[0].count(";") == plain.get_data(as_text=True).splitlines()[0].count(
        ","
    )
    assert _csv(text, ";") == _csv(plain.get_data(as_text=True))
    assert "-excel.csv" in excel.headers["Content-Disposition"]
    assert record_client.get(f"{url}&bom=0").data == plain.data


def test_csv_for_excel_writes_decimal_commas(record_client):
    plain = _csv(record_client.get("/api/v1/funding?format=csv").get_data(as_text=True))
    excel = record_client.get("/download/funding.csv?bom=1").data.decode("utf-8-sig")
    parsed = _csv(excel, ";")
    decimals = [r for r in plain if "." in r["amount_eur"]]
    assert decimals  # the funding table has cents (7 500.00, 3 214.29 …)
    by_code = {r["code"]: r for r in parsed}
    for row in decimals:
        assert by_code[row["code"]]["amount_eur"] == row["amount_eur"].replace(".", ",")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/observations?format=csv&bom=2",
        "/api/v1/regions?bom=yes",
        "/download/observations.csv?scope=full&bom=x",
        "/download/funding.xlsx?bom=%00",
    ],
)
def test_a_bad_bom_is_a_clear_400(record_client, url):
    response = record_client.get(url)
    assert response.status_code == 400
    assert "bom must be '0' or '1'" in response.get_json()["message"]


def test_bom_leaves_other_formats_alone(record_client):
    assert (
        record_client.get("/api/v1/observations?bom=1").data
        == record_client.get("/api/v1/observations").data
    )


# --- the licence on every answer ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/observations",
        "/api/v1/observations?format=csv",
        "/api/v1/measures?format=xlsx",
        "/api/v1/datapackage.json",
        "/api/v1/openapi.json",
        "/download/observations.csv?scope=full",
        "/download/observations.xlsx",
        "/download/funding.csv",
    ],
)
def test_every_answer_and_download_names_its_licence(record_client, url):
    response = record_client.get(url)
    assert response.status_code == 200
    assert LICENCE_LINK in response.headers.getlist("Link")


@pytest.mark.parametrize(
    ("url", "wording"),
    [
        ("/download/observations.xlsx?scope=full&lang=en", "licensed under CC BY 4.0"),
        ("/api/v1/observations?format=xlsx&lang=lv", "CC BY 4.0"),
    ],
)
def test_a_workbook_carries_its_licence(record_client, url, wording):
    book = load_workbook(io.BytesIO(record_client.get(url).data))
    assert book.sheetnames == ["data", "licence"]
    lines = [row[0] for row in book["licence"].iter_rows(values_only=True)]
    assert LICENCE_URL in lines
    assert any(wording in line for line in lines)


def test_openapi_document_states_the_licence(record_client):
    info = record_client.get("/api/v1/openapi.json").get_json()["info"]
    assert info["license"] == {
        "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "identifier": "CC-BY-4.0",
    }


# --- the examples on /data, run -----------------------------------------------------------------


def test_pandas_example_runs_against_the_app(record_server):
    code = example("pandas", record_server)
    namespace: dict = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "pandas-example", "exec"), namespace)  # noqa: S102 - our own snippet
    df, people = namespace["df"], namespace["people"]
    served = requests.get(f"{record_server}/api/v1/observations", timeout=30).json()
    assert len(df) == len(served)
    expected = [
        r
        for r in served
        if r["measure"] == "people_returned" and r["geo_level"] == "planning_region"
    ]
    assert len(people) == len(expected) > 0
    assert people["part_year"].dtype == bool
    assert sorted(people["value"]) == sorted(r["value"] for r in expected)
    assert "part_year" in printed.getvalue()


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed (CI installs it)")
def test_r_example_runs_against_the_app(record_server):
    script = example("r", record_server) + (
        '\ncat("ROWS", nrow(df), nrow(people), sum(people$value), class(df$part_year), "\\n")'
        '\ncat("NAME", df$geo_name_lv[df$geo_code == "riga"][1], "\\n")'
    )
    done = subprocess.run(
        ["Rscript", "--vanilla", "-e", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr
    served = requests.get(f"{record_server}/api/v1/observations", timeout=30).json()
    people = [
        r["value"]
        for r in served
        if r["measure"] == "people_returned" and r["geo_level"] == "planning_region"
    ]
    line = next(x for x in done.stdout.splitlines() if x.startswith("ROWS"))
    assert line.split() == ["ROWS", str(len(served)), str(len(people)), str(sum(people)), "logical"]
    # Latvian letters survive R's reading.
    assert "NAME Rīga" in done.stdout


def test_excel_example_is_the_file_excel_opens_with_a_double_click(record_server):
    url = example("excel", record_server)
    response = requests.get(url, timeout=30)
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = _csv(response.content.decode("utf-8-sig"), ";")
    served = requests.get(f"{record_server}/api/v1/observations", timeout=30).json()
    assert len(rows) == len(served)
    assert {r["geo_name_lv"] for r in rows} >= {"Latvija", "Rīga"}


# --- the release feed, found from every page ----------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/map", "/contacts", "/funding", "/data", "/about"])
@pytest.mark.parametrize(
    ("lang", "href"), [("lv", "/api/v1/releases.atom"), ("en", "/api/v1/releases.atom?lang=en")]
)
def test_every_page_head_links_the_release_feed(record_client, path, lang, href):
    page = record_client.get(f"{path}?lang={lang}").get_data(as_text=True)
    head = page[: page.index("</head>")]
    links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', head)
    assert len(links) == 1
    assert f'href="{html.escape(href)}"' in links[0]
    # The feed it names answers, in that language.
    feed = record_client.get(href)
    assert feed.status_code == 200
    assert f'xml:lang="{lang}"' in feed.get_data(as_text=True)
