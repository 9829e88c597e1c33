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

from dashboard.i18n import t
from dashboard.opendata.licence import LICENCE_ID, LICENCE_TITLE, LICENCE_URL, licence_statement

LANGS = ("lv", "en")

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

# The EU controlled vocabularies DCAT-AP asks for (Publications Office authority tables).
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
LANGUAGES = (EU_AUTHORITY + "language/LAV", EU_AUTHORITY + "language/ENG")
THEME_TAXONOMY = EU_AUTHORITY + "data-theme"
# Population and society; regions and cities.
THEMES = (THEME_TAXONOMY + "/SOCI", THEME_TAXONOMY + "/REGI")
LATVIA = EU_AUTHORITY + "country/LVA"
# Releases follow the publishers' reports, not a calendar.
IRREGULAR = EU_AUTHORITY + "frequency/IRREG"
PUBLIC_ACCESS = EU_AUTHORITY + "access-right/PUBLIC"
FILE_TYPE = EU_AUTHORITY + "file-type/"
IANA_MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# ADMS licence type: CC BY asks for attribution.
ATTRIBUTION = "http://purl.org/adms/licencetype/Attribution"

JSONSTAT_SPEC = "https://json-stat.org/format/"
DATA_PACKAGE_SPEC = "https://datapackage.org/standard/data-package/"
CSV_SPEC = "https://www.rfc-editor.org/rfc/rfc4180"


def _iri(term: str) -> dict[str, str]:
    """A property whose string values are IRIs (so ``"license": "https://…"`` is a link)."""
    return {"@id": term, "@type": "@id"}


def _lang_map(term: str) -> dict[str, str]:
    """A property written as ``{"lv": …, "en": …}``: each value a language-tagged literal."""
    return {"@id": term, "@container": "@language"}


def context() -> dict[str, Any]:
    """The JSON-LD ``@context``, inline and new on each call (a document may be changed by
    whoever holds it). With only absolute IRIs in the body, reading the record needs neither
    the web nor a base IRI."""
    return {
        "dcat": DCAT,
        "dct": DCT,
        "foaf": FOAF,
        "vcard": VCARD,
        "xsd": XSD,
        "owl": OWL,
        "rdfs": RDFS,
        "id": "@id",
        "type": "@type",
        "Catalog": "dcat:Catalog",
        "Dataset": "dcat:Dataset",
        "Distribution": "dcat:Distribution",
        "DataService": "dcat:DataService",
        "Agent": "foaf:Agent",
        "Organization": "vcard:Organization",
        "LicenseDocument": "dct:LicenseDocument",
        "PeriodOfTime": "dct:PeriodOfTime",
        "ProvenanceStatement": "dct:ProvenanceStatement",
        "RightsStatement": "dct:RightsStatement",
        "Standard": "dct:Standard",
        "title": _lang_map("dct:title"),
        "description": _lang_map("dct:description"),
        "name": _lang_map("foaf:name"),
        "fn": _lang_map("vcard:fn"),
        "label": _lang_map("rdfs:label"),
        "keyword": _lang_map("dcat:keyword"),
        "identifier": "dct:identifier",
        "versionInfo": "owl:versionInfo",
        "issued": {"@id": "dct:issued", "@type": "xsd:dateTime"},
        "modified": {"@id": "dct:modified", "@type": "xsd:dateTime"},
        "startDate": {"@id": "dcat:startDate", "@type": "xsd:date"},
        "endDate": {"@id": "dcat:endDate", "@type": "xsd:date"},
        "dataset": _iri("dcat:dataset"),
        "service": _iri("dcat:service"),
        "distribution": _iri("dcat:distribution"),
        "publisher": _iri("dct:publisher"),
        "contactPoint": _iri("dcat:contactPoint"),
        "hasURL": _iri("vcard:hasURL"),
        "homepage": _iri("foaf:homepage"),
        "page": _iri("foaf:page"),
        "license": _iri("dct:license"),
        "rights": _iri("dct:rights"),
        "licenseType": _iri("dct:type"),
        "language": _iri("dct:language"),
        "theme": _iri("dcat:theme"),
        "themeTaxonomy": _iri("dcat:themeTaxonomy"),
        "spatial": _iri("dct:spatial"),
        "temporal": _iri("dct:temporal"),
        "accrualPeriodicity": _iri("dct:accrualPeriodicity"),
        "accessRights": _iri("dct:accessRights"),
        "provenance": _iri("dct:provenance"),
        "landingPage": _iri("dcat:landingPage"),
        "accessURL": _iri("dcat:accessURL"),
        "downloadURL": _iri("dcat:downloadURL"),
        "accessService": _iri("dcat:accessService"),
        "format": _iri("dct:format"),
        "mediaType": _iri("dcat:mediaType"),
        "conformsTo": _iri("dct:conformsTo"),
        "endpointURL": _iri("dcat:endpointURL"),
        "endpointDescription": _iri("dcat:endpointDescription"),
        "servesDataset": _iri("dcat:servesDataset"),
    }


def _texts(lang: str) -> dict[str, str]:
    """The record's fixed texts in ``lang`` (literal messages, so the catalogues extract them)."""
    return {
        "site": t("Regional remigration support", lang),
        "catalog_title": t("Open data of the Regional remigration support dashboard", lang),
        "catalog_description": t(
            "Figures of Latvia's regional remigration-support programme with their sources, "
            "as downloadable files and through an API.",
            lang,
        ),
        "dataset_title": t("Figures of the regional remigration-support programme", lang),
        "dataset_description": t(
            "Figures of Latvia's regional remigration-support programme as published: families "
            "and people who returned with a regional coordinator's help, offers, grants, targets "
            "and more, for Latvia as a whole, its planning regions and its municipalities (2009 "
            "and 2021 divisions). One row per geography, period and measure, with its source. "
            "Units differ per measure (families, persons, euro and others). Periods differ in "
            "length (years, half-years, quarters, months, running totals since March 2018) and "
            "overlap. Never add values of different measures, of different geography levels or "
            "of overlapping periods. Each figure names its original publisher; a figure whose "
            "source columns are empty has no stated source.",
            lang,
        ),
        "provenance": t(
            "Compiled by this dashboard from the publications of ministries, planning regions, "
            "municipalities and the press. Every figure names its original publisher and the "
            "publication's title, address and date (the source columns); where several sources "
            "give a figure, every one is kept and the one shown is marked as preferred.",
            lang,
        ),
        "rights": licence_statement(lang),
        "remigration": t("Remigration", lang),
        "latvia": t("Latvia", lang),
        "planning_regions": t("Planning regions", lang),
        "municipalities": t("Municipalities", lang),
        "open_data": t("Open data", lang),
        "service_title": t("Open-data API", lang),
        "service_description": t(
            "The HTTP API serving the figures and the tables they refer to (releases, measures, "
            "regions, geographies) as JSON, CSV or XLSX, described by its OpenAPI document.",
            lang,
        ),
        "all_figures_csv": t("All figures ({format})", lang, format="CSV"),
        "all_figures_excel_csv": t("All figures ({format})", lang, format=t("CSV for Excel", lang)),
        "all_figures_xlsx": t("All figures ({format})", lang, format="XLSX"),
        "all_figures_json": t("All figures ({format})", lang, format="JSON"),
        "all_figures_jsonstat": t("All figures ({format})", lang, format="JSON-stat 2.0"),
        "data_package": t("Frictionless data package", lang),
        "csv_description": t(
            "Every figure at every geography level with its sources, as comma-separated values "
            "(UTF-8).",
            lang,
        ),
        "excel_csv_description": t(
            "The same table for Excel with Latvian settings: a byte order mark, semicolons "
            "between the values and decimal commas.",
            lang,
        ),
        "xlsx_description": t(
            "Every figure at every geography level with its sources, as an Excel workbook.",
            lang,
        ),
        "json_description": t(
            "The same rows from the API as JSON; it filters by geography level, region, measure, "
            "period and release (see the OpenAPI document).",
            lang,
        ),
        "jsonstat_description": t(
            "The figures as a JSON-stat 2.0 dataset (measure × geography × period), the format "
            "of Latvia's official statistics portal; one value per cell, the preferred source's.",
            lang,
        ),
        "data_package_description": t(
            "A Frictionless data package describing every CSV file the API serves (the figures "
            "and the tables they refer to): their columns, types, keys and licence.",
            lang,
        ),
    }


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
    texts = {lang: _texts(lang) for lang in LANGS}

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
