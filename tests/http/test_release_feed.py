"""The Atom feed of data releases (``/api/v1/releases.atom``, issue 15).

Readers subscribe to it to follow new figures, so it is checked the way their tools read it:
parsed by ``feedparser`` (what most feed readers and scripts use) and by defusedxml, on the real
record (one entry per release, each telling how many figures it published, of which measures,
where and when, cross-checked against the API's own answer for that release) and on a writable
database where a release replaces an earlier figure and is then rolled back. The Latvian wording
is not asserted: until the catalogue is merged ``t`` answers in English.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import feedparser
import pytest
import schemathesis
from defusedxml import ElementTree as etree
from hypothesis import HealthCheck, given, settings
from support import quarter_csv, quarter_values

from dashboard.config import Config
from dashboard.i18n.formatting import format_date
from dashboard.opendata.feed import release_feed
from dashboard.opendata.licence import LICENCE_URL
from dashboard.services import Actor, publish_upload, rollback_release, stage_upload

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED = "/api/v1/releases.atom"
ADMIN = Actor("ada", "admin")


def _feed(client: Any, query: str = "") -> tuple[Any, Any]:
    """The answer and its parse by feedparser, after checking it is well-formed Atom."""
    answer = client.get(FEED + query)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    assert answer.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(answer.data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return answer, parsed


def _number(entry: Any) -> int:
    return int(entry.id.rsplit("release=", 1)[1])


def _content(entry: Any) -> str:
    """The entry's HTML content as text (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", entry.content[0].value))


def _utc(stamp: str) -> dt.datetime:
    """An API time (``2026-12-02T08:47:31.219040Z``) as an aware datetime, whole seconds."""
    return dt.datetime.fromisoformat(stamp).replace(microsecond=0)


def _atom_time(text: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(text)
    assert parsed.utcoffset() == dt.timedelta(0), text
    return parsed


# --- The real record ---------------------------------------------------------------------------


def test_the_feed_is_well_formed_atom_with_every_feed_element(record_client):
    answer, parsed = _feed(record_client)
    root = etree.fromstring(answer.data)
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == "lv"
    feed = parsed.feed
    assert feed.id == "http://localhost/api/v1/releases.atom"
    assert feed.title and feed.subtitle
    assert feed.author_detail.name and feed.author_detail.href == "http://localhost/"
    assert "CC BY 4.0" in feed.rights and LICENCE_URL in feed.rights
    links = {(link.rel, link.get("hreflang")): link for link in feed.links}
    assert links[("self", None)].href == "http://localhost/api/v1/releases.atom"
    assert links[("self", None)].type == "application/atom+xml"
    assert links[("alternate", None)].href == "http://localhost/data"
    assert links[("alternate", "en")].href == "http://localhost/api/v1/releases.atom?lang=en"
    assert links[("license", None)].href == LICENCE_URL
    releases = record_client.get("/api/v1/releases").get_json()
    newest = max(
        _utc(r["rolled_back_at"] or r["published_at"]).replace(tzinfo=dt.UTC) for r in releases
    )
    assert _atom_time(root.findtext(f"{ATOM}updated")) == newest


def test_one_entry_per_release_newest_first(record_client):
    answer, parsed = _feed(record_client)
    releases = record_client.get("/api/v1/releases").get_json()
    assert len(releases) > 30, "the record has dozens of releases"
    assert len(parsed.entries) == len(releases)
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == len(ids)
    assert [_number(e) for e in parsed.entries] == [r["number"] for r in releases]
    root = etree.fromstring(answer.data)
    for entry, element, release in zip(
        parsed.entries, root.iter(f"{ATOM}entry"), releases, strict=True
    ):
        number = release["number"]
        assert entry.id == f"http://localhost/api/v1/observations?release={number}"
        assert str(number) in entry.title
        assert entry.content[0].type == "text/html" and entry.content[0].value
        published = _utc(release["published_at"]).replace(tzinfo=dt.UTC)
        assert _atom_time(element.findtext(f"{ATOM}published")) == published
        assert _atom_time(element.findtext(f"{ATOM}updated")) == published  # none rolled back
        links = {link.type: link for link in entry.links}
        assert links["application/json"].rel == "alternate"
        assert links["application/json"].href.endswith(f"/api/v1/observations?release={number}")
        assert links["text/csv"].rel == "related"
        assert links["text/csv"].href == (
            f"http://localhost/download/observations.csv?scope=full&release={number}"
        )


def test_each_entry_tells_what_its_release_published(record_client):
    """The count, measures, places and periods in an entry are those of the rows the release
    stored: in the API's answer for the release (every source), the rows whose ``release`` is
    that release. (The answer as a whole also holds what earlier releases had in effect.)"""
    _, parsed = _feed(record_client, "?lang=en")
    names = {m["code"]: m["name_en"] for m in record_client.get("/api/v1/metrics").get_json()}
    for entry in parsed.entries:
        number = _number(entry)
        rows = record_client.get(f"/api/v1/observations?release={number}&sources=all&lang=en")
        own = [r for r in rows.get_json() if r["release"] == number]
        text = _content(entry)
        figures = re.search(r"(\d+) figures?: ", text)
        assert figures is not None, text
        assert int(figures.group(1)) == len(own), (number, text)
        for row in own:
            assert names[row["metric"]] in text, (number, row["metric"])
            assert row["period_label"] in text, (number, row["period"])
            if row["geo_level"] == "planning_region":
                assert row["region_name"] in text, (number, row["region"])
        if any(r["geo_level"] == "national" for r in own):
            assert "Latvia" in text
        assert "Replaced no figure published earlier." in text  # the record replaces nothing


def test_english_titles_and_language(record_client):
    answer, parsed = _feed(record_client, "?lang=en")
    assert etree.fromstring(answer.data).get(XML_LANG) == "en"
    assert parsed.feed.title == "Regional remigration support: data releases"
    assert parsed.feed.id == "http://localhost/api/v1/releases.atom?lang=en"
    self_link = next(link for link in parsed.feed.links if link.rel == "self")
    assert self_link.href == "http://localhost/api/v1/releases.atom?lang=en"
    newest = parsed.entries[0]
    assert newest.title == f"Release {_number(newest)}"
    # The same release is the same entry in both languages.
    _, latvian = _feed(record_client)
    assert [e.id for e in latvian.entries] == [e.id for e in parsed.entries]


@pytest.mark.parametrize("query", ["?lang=xx", "?lang=", "?foo=1", "?lang=en&format=json"])
def test_unknown_or_malformed_parameters_are_a_json_400(record_client, query):
    answer = record_client.get(FEED + query)
    assert answer.status_code == 400
    assert answer.get_json()["error"] == "bad_request"


def test_head_and_revalidation(record_client):
    answer = record_client.get(FEED)
    etag = answer.headers["ETag"]
    assert etag and answer.headers["Last-Modified"]
    head = record_client.head(FEED)
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == etag
    assert head.headers["Content-Type"] == answer.headers["Content-Type"]
    again = record_client.get(FEED, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    english = record_client.get(FEED + "?lang=en", headers={"If-None-Match": etag})
    assert english.status_code == 200, "each language is its own document"


def test_the_operation_is_in_the_openapi_document(record_client):
    paths = record_client.get("/api/v1/openapi.json").get_json()["paths"]
    operation = paths[FEED]["get"]
    assert operation["operationId"] == "getReleaseFeed"
    assert operation["parameters"][0]["schema"]["enum"] == ["lv", "en"]
    assert set(operation["responses"]) == {"200", "304", "400", "503"}
    assert "application/atom+xml" in operation["responses"]["200"]["content"]


# --- A writable database -----------------------------------------------------------------------


def _publish(data: bytes, name: str, *, replace: bool = False) -> int:
    upload, report = stage_upload(ADMIN, data, name, replace=replace)
    assert upload is not None and report.ok, report.to_dict()
    return publish_upload(ADMIN, upload.id, replace=replace).number


def test_a_replacement_and_a_rollback_are_told(app, mutable_db):
    latgale = quarter_values()[("latgale", "people_returned")]
    corrected = f"period,region,metric,value\n2025-Q3,Latgale,people_returned,{latgale + 1}\n"
    # Requests are made outside the app context: each must get its own ``g`` (data version).
    with app.server.app_context():
        first = _publish(quarter_csv(), "quarter.csv")
        second = _publish(corrected.encode(), "correction.csv", replace=True)
    assert (first, second) == (2, 3)
    client = app.server.test_client()
    _, before = _feed(client, "?lang=en")
    told = _content(before.entries[0])
    assert before.entries[0].title == "Release 3"
    assert "1 figure: People returned" in told
    assert "Replaced 1 figure published earlier by release 2." in told
    assert "correction.csv" in told  # the release's own description
    assert "Rolled back" not in told

    with app.server.app_context():
        rolled = rollback_release(ADMIN, second)
    answer, after = _feed(client, "?lang=en")
    entries = {_number(e): e for e in after.entries}
    assert [_number(e) for e in after.entries] == [3, 2, 1]
    assert entries[3].title == "Release 3, rolled back"
    text = _content(entries[3])
    assert "Replaced 1 figure published earlier by release 2." in text
    rolled_at = rolled.rolled_back_at.replace(tzinfo=dt.UTC, microsecond=0)
    day = format_date(rolled_at.date(), "en")
    assert f"Rolled back on {day} at {rolled_at:%H:%M} UTC" in text
    assert "the figures it replaced are in effect again" in text
    assert "15 figures" in _content(entries[2])
    assert "Replaced no figure published earlier." in _content(entries[2])
    root = etree.fromstring(answer.data)
    newest = next(root.iter(f"{ATOM}entry"))
    updated = _atom_time(newest.findtext(f"{ATOM}updated"))
    assert updated == rolled_at
    assert _atom_time(newest.findtext(f"{ATOM}published")) <= updated
    assert _atom_time(root.findtext(f"{ATOM}updated")) == updated

    # In Latvian too a rolled-back entry is titled otherwise than a published one (the wording
    # itself is the catalogue's).
    _, latvian = _feed(client)
    titles = {_number(e): e.title for e in latvian.entries}
    assert titles[3].replace("3", "N") != titles[2].replace("2", "N")


def test_links_use_the_configured_site_address_not_the_host_header(make_app, config: Config):
    config.site_url = "https://dati.example.lv"
    config.trusted_hosts = ["dati.example.lv", "localhost"]
    client = make_app(config).server.test_client()
    answer, parsed = _feed(client)
    assert b"localhost" not in answer.data
    assert parsed.feed.id == "https://dati.example.lv/api/v1/releases.atom"
    assert parsed.entries[-1].id == "https://dati.example.lv/api/v1/observations?release=1"


def test_the_operation_matches_its_openapi_document(app):
    """Schemathesis on this one operation (``test_openapi_schemathesis.py`` runs the others)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app.server)
    operations = {op.label: op for op in (r.ok() for r in schema.get_all_operations())}
    operation = operations[f"GET {FEED}"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case: Any) -> None:
        case.call_and_validate(headers={"Accept-Encoding": "identity"})

    check()


# --- The builder alone -------------------------------------------------------------------------


def test_database_text_is_escaped_and_made_xml_safe():
    """A description or a source from an upload cannot inject markup, a script link, or a
    control character that would make the feed unreadable."""
    stamp = dt.datetime(2026, 1, 2, 3, 4, 5, 678)
    releases = [
        {
            "number": 2,
            "status": "published",
            "published_at": stamp,
            "rolled_back_at": None,
            "description": 'Upload 9: <script>alert("x")</script>\x01.csv & more',
        }
    ]
    contents = {
        2: {
            "figures": 1,
            "metrics": ["people_returned"],
            "national": True,
            "regions": [],
            "municipalities": 0,
            "periods": [{"code": "2025", "label_lv": "2025", "label_en": "2025"}],
            "sources": [{"title": "<b>Evil</b>", "url": "javascript:alert(1)"}],
        }
    }
    metrics = [{"code": "people_returned", "name_lv": "Personas", "name_en": "People <x>"}]
    body = release_feed(
        releases, contents, {}, metrics, [], lang="en", site="https://dati.example.lv"
    )
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0
    root = etree.fromstring(body)
    content = next(root.iter(f"{ATOM}content")).text
    assert "<script>" not in content and "&lt;script&gt;" in content
    assert "<b>" not in content and "&lt;b&gt;Evil&lt;/b&gt;" in content
    assert "javascript:" not in content
    assert "People &lt;x&gt;" in content
    assert "\x01" not in body.decode("utf-8")
    assert root.findtext(f"{ATOM}updated") == "2026-01-02T03:04:05Z"
