"""The DCAT-AP catalogue record of the open data (``/api/v1/catalog.jsonld`` and ``.ttl``).

Latvia's open-data portal (data.gov.lv, CKAN with ckanext-dcat) and the European data portal
harvest catalogues described in DCAT-AP: one ``dcat:Catalog`` holding our one ``dcat:Dataset``
(every figure, at every geography level, with its sources), its distributions (CSV, CSV for
Excel, XLSX, JSON, JSON-stat, the Frictionless data package), the API as a ``dcat:DataService``,
the publisher, a contact point, the licence and the coverage in time and space. Controlled values
(languages, themes, file types, frequency, country, access rights) are the EU vocabularies' URIs,
so a harvester maps them without guessing from words.

The record is built here from what the query layer returns and nothing else: no I/O, no request,
no state, so the two serialisations cannot disagree and a test can build it from plain values.
The JSON-LD carries its ``@context`` inline: a harvester (and rdflib in our tests) must never
fetch a remote context to read it, and neither the app nor its tests reach the web. The Turtle is
that same document parsed by rdflib and written out again, not a second hand-written template.

Every text a reader sees is given in Latvian and in English (language-tagged literals), from the
gettext catalogues; the harvester picks the portal's language.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from dashboard.opendata.catalog_terms import (
    ATTRIBUTION,
    CSV_SPEC,
    DATA_PACKAGE_SPEC,
    DCAT,
    DCT,
    FILE_TYPE,
    FOAF,
    IANA_MEDIA_TYPE,
    IRREGULAR,
    JSONSTAT_SPEC,
    LANGS,
    LANGUAGES,
    LATVIA,
    OWL,
    PUBLIC_ACCESS,
    RDFS,
    THEME_TAXONOMY,
    THEMES,
    VCARD,
    XLSX_MEDIA_TYPE,
    context,
    record_texts,
)
from dashboard.opendata.licence import LICENCE_ID, LICENCE_TITLE, LICENCE_URL


def _both(texts: Mapping[str, Mapping[str, str]], key: str) -> dict[str, str]:
    """``{"lv": …, "en": …}`` of one text (a JSON-LD language map)."""
    return {lang: texts[lang][key] for lang in LANGS}


def _keywords(texts: Mapping[str, Mapping[str, str]]) -> dict[str, list[str]]:
    """The dataset's keywords per language: its subject and its geography.

    Not the measures' names: CKAN makes every keyword of every language a tag, and a tag may
    hold only letters, digits, spaces, "-", "_" and "." ("Target: people contacted" would make
    data.gov.lv refuse the whole dataset); the measures are listed in the data dictionary.
    """
    keys = ("remigration", "latvia", "planning_regions", "municipalities", "open_data")
    return {lang: [texts[lang][key] for key in keys] for lang in LANGS}


def _datetime(value: dt.datetime) -> str:
    """A naive UTC time as xsd:dateTime to the second (what ``Last-Modified`` says)."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat() + "Z"


def _distribution(
    iri: str,
    *,
    url: str,
    title: dict[str, str],
    description: dict[str, str],
    file_type: str,
    media_type: str,
    licence: str,
    rights: str,
    modified: str | None,
    conforms_to: str | None = None,
    service: str | None = None,
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "id": iri,
        "type": "Distribution",
        "title": title,
        "description": description,
        # accessURL is mandatory; downloadURL says the address gives the file itself.
        "accessURL": url,
        "downloadURL": url,
        "format": FILE_TYPE + file_type,
        "mediaType": IANA_MEDIA_TYPE + media_type,
        "license": licence,
        "rights": rights,
    }
    if modified:
        node["modified"] = modified
    if conforms_to:
        node["conformsTo"] = conforms_to
    if service:
        node["accessService"] = service
    return node


def catalog_document(
    *,
    site: str,
    releases: Sequence[Mapping[str, Any]],
    temporal: tuple[dt.date, dt.date] | None,
    modified: dt.datetime | None,
) -> dict[str, Any]:
    """The DCAT-AP record as JSON-LD (a dict with an inline ``@context`` and a flat ``@graph``).

    ``site`` is the site's origin (``site_url()``), which every address starts with; ``releases``
    every release (``queries.releases()``): the first one's ``published_at`` is when the
    dataset was issued, the latest published one its version; ``temporal`` the earliest
    ``period_start`` and latest ``period_end`` of the figures in effect (``None``: no figures);
    ``modified`` when published content last changed (``queries.last_modified()``), the same
    time the API's ``Last-Modified`` header gives.
    """
    texts = {lang: record_texts(lang) for lang in LANGS}

    def url(path: str) -> str:
        return site + path

    catalog_iri = url("/data#catalog")
    dataset_iri = url("/data#dataset")
    publisher_iri = url("/data#publisher")
    contact_iri = url("/data#contact")
    service_iri = url("/data#api")
    rights_iri = url("/data#rights")
    stamp = _datetime(modified) if modified else None
    dated = [r for r in releases if r.get("published_at")]
    first = min(dated, key=lambda r: r["published_at"]) if dated else None
    published = [r["number"] for r in releases if r.get("status") == "published"]

    def distribution(key: str, path: str, **fields: Any) -> dict[str, Any]:
        return _distribution(
            url(f"/data#distribution-{key}"),
            url=url(path),
            licence=LICENCE_URL,
            rights=rights_iri,
            modified=stamp,
            **fields,
        )

    distributions = [
        distribution(
            "csv",
            "/download/observations.csv?scope=full",
            title=_both(texts, "all_figures_csv"),
            description=_both(texts, "csv_description"),
            file_type="CSV",
            media_type="text/csv",
            conforms_to=CSV_SPEC,
        ),
        distribution(
            "csv-excel",
            "/download/observations.csv?scope=full&bom=1",
            title=_both(texts, "all_figures_excel_csv"),
            description=_both(texts, "excel_csv_description"),
            file_type="CSV",
            media_type="text/csv",
        ),
        distribution(
            "xlsx",
            "/download/observations.xlsx?scope=full",
            title=_both(texts, "all_figures_xlsx"),
            description=_both(texts, "xlsx_description"),
            file_type="XLSX",
            media_type=XLSX_MEDIA_TYPE,
        ),
        distribution(
            "json",
            "/api/v1/observations",
            title=_both(texts, "all_figures_json"),
            description=_both(texts, "json_description"),
            file_type="JSON",
            media_type="application/json",
            service=service_iri,
        ),
        distribution(
            "jsonstat",
            "/api/v1/observations?format=jsonstat",
            title=_both(texts, "all_figures_jsonstat"),
            description=_both(texts, "jsonstat_description"),
            # JSON-stat has no media type or EU file type of its own: JSON, conforming to it.
            file_type="JSON",
            media_type="application/json",
            conforms_to=JSONSTAT_SPEC,
            service=service_iri,
        ),
        distribution(
            "datapackage",
            "/api/v1/datapackage.json",
            title=_both(texts, "data_package"),
            description=_both(texts, "data_package_description"),
            file_type="JSON",
            media_type="application/json",
            conforms_to=DATA_PACKAGE_SPEC,
        ),
    ]

    catalog: dict[str, Any] = {
        "id": catalog_iri,
        "type": "Catalog",
        "title": _both(texts, "catalog_title"),
        "description": _both(texts, "catalog_description"),
        "publisher": publisher_iri,
        "homepage": url("/"),
        "language": list(LANGUAGES),
        "license": LICENCE_URL,
        "themeTaxonomy": THEME_TAXONOMY,
        "spatial": LATVIA,
        "dataset": [dataset_iri],
        "service": [service_iri],
    }
    dataset: dict[str, Any] = {
        "id": dataset_iri,
        "type": "Dataset",
        "identifier": dataset_iri,
        "title": _both(texts, "dataset_title"),
        "description": _both(texts, "dataset_description"),
        "keyword": _keywords(texts),
        "theme": list(THEMES),
        "publisher": publisher_iri,
        "contactPoint": contact_iri,
        "landingPage": url("/data"),
        # Where the programme and the definitions of its figures are explained.
        "page": url("/about"),
        "language": list(LANGUAGES),
        "spatial": LATVIA,
        "accrualPeriodicity": IRREGULAR,
        "accessRights": PUBLIC_ACCESS,
        "license": LICENCE_URL,
        "provenance": {
            "type": "ProvenanceStatement",
            "label": _both(texts, "provenance"),
        },
        "distribution": [d["id"] for d in distributions],
    }
    if temporal is not None:
        start, end = temporal
        dataset["temporal"] = {
            "type": "PeriodOfTime",
            "startDate": start.isoformat(),
            "endDate": end.isoformat(),
        }
    if first is not None:
        issued = _datetime(first["published_at"])
        catalog["issued"] = dataset["issued"] = issued
    if stamp:
        catalog["modified"] = dataset["modified"] = stamp
    if published:
        dataset["versionInfo"] = str(max(published))
    service = {
        "id": service_iri,
        "type": "DataService",
        "title": _both(texts, "service_title"),
        "description": _both(texts, "service_description"),
        "endpointURL": url("/api/v1"),
        "endpointDescription": url("/api/v1/openapi.json"),
        "servesDataset": [dataset_iri],
        "publisher": publisher_iri,
        "contactPoint": contact_iri,
        "license": LICENCE_URL,
    }
    # The dashboard itself, by its name and address: it compiles figures that others
    # published, so it claims no organisation type and no e-mail address.
    publisher = {
        "id": publisher_iri,
        "type": "Agent",
        "name": _both(texts, "site"),
        "homepage": url("/"),
    }
    contact = {
        "id": contact_iri,
        "type": "Organization",
        "fn": _both(texts, "site"),
        # The data page's form for reporting a wrong or missing figure.
        "hasURL": url("/data#data-report-form"),
    }
    licence = {
        "id": LICENCE_URL,
        "type": "LicenseDocument",
        "title": {"en": LICENCE_TITLE},
        "identifier": LICENCE_ID,
        "licenseType": ATTRIBUTION,
    }
    rights = {
        "id": rights_iri,
        "type": "RightsStatement",
        "label": _both(texts, "rights"),
    }
    standards = [
        {"id": CSV_SPEC, "type": "Standard", "title": {"en": "RFC 4180: CSV"}},
        {"id": JSONSTAT_SPEC, "type": "Standard", "title": {"en": "JSON-stat 2.0"}},
        {"id": DATA_PACKAGE_SPEC, "type": "Standard", "title": {"en": "Frictionless Data Package"}},
    ]
    return {
        "@context": context(),
        "@graph": [
            catalog,
            dataset,
            *distributions,
            service,
            publisher,
            contact,
            licence,
            rights,
            *standards,
        ],
    }


def catalog_jsonld(document: Mapping[str, Any]) -> str:
    """The JSON-LD text of :func:`catalog_document` (UTF-8 as is, keys in the order built)."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def catalog_turtle(document: Mapping[str, Any]) -> str:
    """The same record in Turtle: the JSON-LD parsed by rdflib and written out again, so the
    two serialisations are one graph by construction.

    rdflib is imported here, not at module level: only this answer needs it, and importing it
    takes about a tenth of a second, which the app's start-up need not pay.
    """
    from rdflib import Graph

    graph = Graph(bind_namespaces="core")
    graph.parse(data=catalog_jsonld(document), format="json-ld")
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCT),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("owl", OWL),
        ("rdfs", RDFS),
    ):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph.serialize(format="turtle")
