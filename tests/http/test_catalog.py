"""The DCAT-AP catalogue record (``/api/v1/catalog.jsonld`` and ``.ttl``), read as a harvester
reads it: parsed with rdflib, then checked for the properties DCAT-AP requires and recommends.

The record of the real data (``record_client``) must agree with the API it describes: its
temporal coverage with the observations' periods, its modification time with their
``Last-Modified``, and its download addresses must answer.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import json
import re
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from dashboard.config import Config
from dashboard.opendata.catalog import catalog_document, catalog_jsonld, catalog_turtle
from dashboard.opendata.licence import LICENCE_URL

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
DCT_FORMAT = DCT["format"]  # DCT.format would be str.format: a Namespace is a str
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
LICENCE = URIRef(LICENCE_URL)
SITE = "http://localhost"  # the test client's host; the record app has no SITE_URL

CKAN_TAG = re.compile(r"[\w \-.]+")
JSONLD = "/api/v1/catalog.jsonld"
TURTLE = "/api/v1/catalog.ttl"
IDENTITY = {"Accept-Encoding": "identity"}

# The distributions the record lists, by download address, and the media type each answers with.
DISTRIBUTIONS = {
    "/download/observations.csv?scope=full": "text/csv",
    "/download/observations.csv?scope=full&bom=1": "text/csv",
    "/download/observations.xlsx?scope=full": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "/api/v1/observations": "application/json",
    "/api/v1/observations?format=jsonstat": "application/json",
    "/api/v1/datapackage.json": "application/json",
}


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to fetch a URL fails the test (rdflib would fetch a remote ``@context``
    through urllib). Sockets stay open to the test database and Redis."""

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("reading the catalogue record reached for the web")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    monkeypatch.setattr(http.client.HTTPConnection, "connect", refuse)


def _get(client: Any, path: str, **headers: str) -> Any:
    response = client.get(path, headers={**IDENTITY, **headers})
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response


def _harvested(response: Any) -> Graph:
    """The record parsed as ckanext-dcat's harvester parses it: rdflib, told the format by the
    answer's Content-Type without its parameters."""
    return Graph().parse(data=response.get_data(as_text=True), format=response.mimetype)


def _jsonld_graph(client: Any) -> Graph:
    return _harvested(_get(client, JSONLD))


@pytest.fixture
def graph(record_client: Any, offline: None) -> Graph:
    return _jsonld_graph(record_client)


def _one(graph: Graph, kind: URIRef) -> URIRef:
    found = list(graph.subjects(RDF.type, kind))
    assert len(found) == 1, (kind, found)
    return found[0]


def _languages(graph: Graph, subject: Any, predicate: URIRef) -> set[str | None]:
    values = list(graph.objects(subject, predicate))
    assert all(isinstance(v, Literal) and str(v).strip() for v in values), values
    return {v.language for v in values}


def _observations(client: Any) -> tuple[list[dict[str, Any]], Any]:
    response = _get(client, "/api/v1/observations")
    return response.get_json(), response


def test_the_jsonld_carries_its_context_inline(record_client):
    response = _get(record_client, JSONLD)
    assert response.mimetype == "application/ld+json"
    document = json.loads(response.get_data(as_text=True))
    assert isinstance(document["@context"], dict)
    assert {node["type"] for node in document["@graph"]} >= {
        "Catalog",
        "Dataset",
        "Distribution",
        "DataService",
        "Agent",
        "LicenseDocument",
    }


def test_a_remote_context_would_be_caught(offline):
    """The guard the other tests rely on: rdflib fetching a context fails the test."""
    remote = {"@context": "https://schema.org/", "@id": "https://example.org/a", "name": "a"}
    with pytest.raises(AssertionError, match="reached for the web"):
        Graph().parse(data=json.dumps(remote), format="json-ld")


def test_the_turtle_is_the_same_graph(record_client, graph):
    response = _get(record_client, TURTLE)
    assert response.headers["Content-Type"] == "text/turtle; charset=utf-8"
    turtle = _harvested(response)
    assert len(turtle) == len(graph) > 100
    assert isomorphic(turtle, graph)


def test_the_catalogue_has_what_dcat_ap_requires(graph):
    catalog = _one(graph, DCAT.Catalog)
    dataset = _one(graph, DCAT.Dataset)
    assert _languages(graph, catalog, DCT.title) == {"lv", "en"}
    assert _languages(graph, catalog, DCT.description) == {"lv", "en"}
    publisher = graph.value(catalog, DCT.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert list(graph.objects(catalog, DCAT.dataset)) == [dataset]
    assert graph.value(catalog, FOAF.homepage) == URIRef(SITE + "/")
    assert graph.value(catalog, DCT.license) == LICENCE
    assert set(graph.objects(catalog, DCT.language)) == {
        URIRef(EU + "language/LAV"),
        URIRef(EU + "language/ENG"),
    }
    assert isinstance(graph.value(catalog, DCT.modified), Literal)
    service = graph.value(catalog, DCAT.service)
    assert (service, RDF.type, DCAT.DataService) in graph
    assert graph.value(service, DCAT.endpointURL) == URIRef(SITE + "/api/v1")
    assert graph.value(service, DCAT.endpointDescription) == URIRef(SITE + "/api/v1/openapi.json")
    assert (service, DCAT.servesDataset, dataset) in graph


def test_the_dataset_has_the_mandatory_and_recommended_properties(graph):
    dataset = _one(graph, DCAT.Dataset)
    assert _languages(graph, dataset, DCT.title) == {"lv", "en"}
    assert _languages(graph, dataset, DCT.description) == {"lv", "en"}
    assert _languages(graph, dataset, DCAT.keyword) == {"lv", "en"}
    assert isinstance(graph.value(dataset, DCT.identifier), Literal)
    for predicate in (DCAT.contactPoint, DCT.publisher, DCT.temporal, DCT.issued, DCT.modified):
        assert graph.value(dataset, predicate) is not None, predicate
    assert set(graph.objects(dataset, DCAT.theme)) == {
        URIRef(EU + "data-theme/SOCI"),
        URIRef(EU + "data-theme/REGI"),
    }
    assert graph.value(dataset, DCT.spatial) == URIRef(EU + "country/LVA")
    assert graph.value(dataset, DCT.accrualPeriodicity) == URIRef(EU + "frequency/IRREG")
    assert graph.value(dataset, DCAT.landingPage) == URIRef(SITE + "/data")
    assert graph.value(dataset, DCT.license) == LICENCE
    assert len(list(graph.objects(dataset, DCAT.distribution))) >= 4
    provenance = graph.value(dataset, DCT.provenance)
    assert (provenance, RDF.type, DCT.ProvenanceStatement) in graph
    assert _languages(graph, provenance, RDFS.label) == {"lv", "en"}


def test_the_description_warns_against_adding_figures_up(graph):
    dataset = _one(graph, DCAT.Dataset)
    english = next(v for v in graph.objects(dataset, DCT.description) if v.language == "en")
    for words in ("Units differ per measure", "Periods differ in", "overlap", "Never add"):
        assert words in str(english)


def test_the_keywords_are_tags_ckan_accepts(graph):
    """data.gov.lv (CKAN) makes every keyword a tag and refuses a dataset whose tag has any
    character but letters, digits, spaces, "-", "_" and "." (``tag_name_validator``)."""
    keywords = list(graph.objects(_one(graph, DCAT.Dataset), DCAT.keyword))
    assert {k.language for k in keywords} == {"lv", "en"}
    assert "Remigration" in {str(k) for k in keywords if k.language == "en"}
    for keyword in keywords:
        assert CKAN_TAG.fullmatch(str(keyword)) and 2 <= len(keyword) <= 100, keyword


def test_the_contact_point_is_the_report_form(graph):
    contact = graph.value(_one(graph, DCAT.Dataset), DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Organization) in graph
    assert _languages(graph, contact, VCARD.fn) == {"lv", "en"}
    assert graph.value(contact, VCARD.hasURL) == URIRef(SITE + "/data#data-report-form")
    # No invented addresses: the form is the way to reach the site.
    assert graph.value(contact, VCARD.hasEmail) is None


def test_the_publisher_is_named_in_both_languages(graph):
    publisher = graph.value(_one(graph, DCAT.Dataset), DCT.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    names = {v.language: str(v) for v in graph.objects(publisher, FOAF.name)}
    assert set(names) == {"lv", "en"}
    assert names["en"] == "Regional remigration support"
    assert graph.value(publisher, FOAF.homepage) == URIRef(SITE + "/")
    assert graph.value(publisher, DCT.type) is None  # no organisation type is claimed


def test_every_distribution_has_an_access_url_and_the_licence(graph):
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert set(distributions) == set(graph.objects(_one(graph, DCAT.Dataset), DCAT.distribution))
    downloads = set()
    for distribution in distributions:
        access = graph.value(distribution, DCAT.accessURL)
        assert isinstance(access, URIRef) and str(access).startswith(SITE + "/")
        assert graph.value(distribution, DCAT.downloadURL) == access
        assert graph.value(distribution, DCT.license) == LICENCE
        assert _languages(graph, distribution, DCT.title) == {"lv", "en"}
        assert _languages(graph, distribution, DCT.description) == {"lv", "en"}
        assert str(graph.value(distribution, DCT_FORMAT)).startswith(EU + "file-type/")
        assert str(graph.value(distribution, DCAT.mediaType)).startswith(
            "https://www.iana.org/assignments/media-types/"
        )
        assert graph.value(distribution, DCT.modified) == graph.value(
            _one(graph, DCAT.Dataset), DCT.modified
        )
        downloads.add(str(access).removeprefix(SITE))
    assert downloads == set(DISTRIBUTIONS)
    by_address = {str(graph.value(d, DCAT.accessURL)).removeprefix(SITE): d for d in distributions}
    formats = {a: str(graph.value(d, DCT_FORMAT)).rsplit("/", 1)[1] for a, d in by_address.items()}
    assert formats["/download/observations.csv?scope=full"] == "CSV"
    assert formats["/download/observations.xlsx?scope=full"] == "XLSX"
    assert formats["/api/v1/observations"] == "JSON"
    assert formats["/api/v1/observations?format=jsonstat"] == "JSON"


def test_the_licence_is_described(graph):
    assert (LICENCE, RDF.type, DCT.LicenseDocument) in graph
    assert "CC BY 4.0" in str(graph.value(LICENCE, DCT.title))
    assert graph.value(LICENCE, DCT.type) == URIRef("http://purl.org/adms/licencetype/Attribution")


@pytest.mark.parametrize("path", sorted(DISTRIBUTIONS))
def test_the_distributions_can_be_downloaded(record_client, graph, path):
    distribution = graph.value(predicate=DCAT.downloadURL, object=URIRef(SITE + path))
    media_type = str(graph.value(distribution, DCAT.mediaType))
    assert media_type.endswith("/media-types/" + DISTRIBUTIONS[path])
    response = _get(record_client, path)
    assert response.mimetype == DISTRIBUTIONS[path]
    assert response.get_data()


def test_the_temporal_coverage_is_that_of_the_observations(record_client, graph):
    rows, _ = _observations(record_client)
    assert rows
    period = graph.value(_one(graph, DCAT.Dataset), DCT.temporal)
    assert (period, RDF.type, DCT.PeriodOfTime) in graph
    start = graph.value(period, DCAT.startDate)
    end = graph.value(period, DCAT.endDate)
    assert start.datatype == XSD_DATE and end.datatype == XSD_DATE
    assert start.toPython() == dt.date.fromisoformat(min(r["period_start"] for r in rows))
    assert end.toPython() == dt.date.fromisoformat(max(r["period_end"] for r in rows))


def test_the_modification_time_is_the_apis_last_modified(record_client, graph):
    _, response = _observations(record_client)
    last_modified = email.utils.parsedate_to_datetime(response.headers["Last-Modified"])
    catalog_response = _get(record_client, JSONLD)
    assert catalog_response.headers["Last-Modified"] == response.headers["Last-Modified"]
    for kind in (DCAT.Catalog, DCAT.Dataset):
        modified = graph.value(_one(graph, kind), DCT.modified)
        assert modified.datatype == XSD_DATETIME
        assert modified.toPython() == last_modified


def test_it_was_issued_with_the_first_release(record_client, graph):
    releases = _get(record_client, "/api/v1/releases").get_json()
    first = min(releases, key=lambda r: r["number"])
    issued = graph.value(_one(graph, DCAT.Dataset), DCT.issued)
    expected = dt.datetime.fromisoformat(first["published_at"].replace("Z", "+00:00"))
    assert issued.toPython() == expected.replace(microsecond=0)


@pytest.mark.parametrize("path", [JSONLD, TURTLE])
def test_an_unknown_parameter_is_refused(record_client, path):
    response = record_client.get(f"{path}?foo=1")
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_request"
    assert "foo" in response.get_json()["message"]


@pytest.mark.parametrize("path", [JSONLD, TURTLE])
def test_head_and_revalidation(record_client, path):
    full = _get(record_client, path)
    head = record_client.head(path, headers=IDENTITY)
    assert head.status_code == 200
    assert head.get_data() == b""
    assert head.headers["ETag"] == full.headers["ETag"]
    assert head.headers["Content-Type"] == full.headers["Content-Type"]
    assert full.headers["Access-Control-Allow-Origin"] == "*"
    again = record_client.get(path, headers={**IDENTITY, "If-None-Match": full.headers["ETag"]})
    assert again.status_code == 304


def test_the_record_does_not_change_between_requests(record_client):
    """The Turtle is rewritten from the JSON-LD on every request: it must come out the same, or
    every harvest would look like a change."""
    first, second = (_get(record_client, TURTLE).get_data() for _ in range(2))
    assert first == second


@pytest.fixture
def site_app(make_app: Any, config: Config) -> Any:
    """The app as deployed: SITE_URL set, and another host trusted too."""
    config.site_url = "https://dati.example.lv"
    config.trusted_hosts = ["dati.example.lv", "localhost"]
    return make_app(config)


def test_every_address_is_on_site_url_whatever_the_host(site_app, offline):
    client = site_app.server.test_client()
    graph = _jsonld_graph(client)
    ours = {
        str(term)
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and urlsplit(str(term)).hostname in {"localhost", None}
    }
    assert not ours  # nothing names the host the request came in on
    assert graph.value(_one(graph, DCAT.Dataset), DCAT.landingPage) == URIRef(
        "https://dati.example.lv/data"
    )


def test_an_empty_record_is_still_a_catalogue(offline):
    """Before anything is published: no coverage, no dates, but every mandatory property (the
    builder needs no app, no request and no database)."""
    document = catalog_document(
        site="https://dati.example.lv", releases=[], temporal=None, modified=None
    )
    graph = Graph().parse(data=catalog_jsonld(document), format="json-ld")
    assert isomorphic(graph, Graph().parse(data=catalog_turtle(document), format="turtle"))
    dataset = _one(graph, DCAT.Dataset)
    assert graph.value(dataset, DCT.temporal) is None
    assert graph.value(dataset, DCT.modified) is None
    assert _languages(graph, dataset, DCT.title) == {"lv", "en"}
    assert (_one(graph, DCAT.Catalog), DCAT.dataset, dataset) in graph


@pytest.mark.parametrize("label", ["GET /api/v1/catalog.jsonld", "GET /api/v1/catalog.ttl"])
def test_the_catalogue_matches_its_openapi_document(record_app, label):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", record_app.server)
    operations = {op.label: op for op in (r.ok() for r in schema.get_all_operations())}
    operation = operations[label]

    @given(case=operation.as_strategy())
    @settings(max_examples=5, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case) -> None:
        case.call_and_validate(headers=IDENTITY)

    check()
