"""The vocabulary of the DCAT-AP catalogue record (``catalog.py``): namespaces, the EU
controlled vocabularies' URIs, the JSON-LD ``@context`` (inline, so nothing is fetched to read
the record) and the record's fixed texts in each language. Kept apart so the builder reads as
the shape of the record."""

from __future__ import annotations

from typing import Any

from dashboard.i18n import t
from dashboard.opendata.licence import licence_statement

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


def record_texts(lang: str) -> dict[str, str]:
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
