"""``/contacts`` and the map panel with the real record: the seed and the dossier of published
figures loaded as ``remigration init-db`` loads them (the shared test database holds the seed
only, ``SHARED_DB_HAS_DOSSIER = False``, so this module builds its own).

What each region should answer is read here from the dossier file itself
(``data/seed/dossier/contacts.csv``), independently of the loader: its current regional
coordinators (role "Regional remigration coordinator …"), its former ones ("FORMER …"), and the
date that confirmed each in the role (``role_confirmed_on``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from support import dash_outputs, expand_static_sections

SEED = Path(__file__).resolve().parents[2] / "data" / "seed"
with (SEED / "regions.csv").open(encoding="utf-8") as _f:
    REGIONS = list(csv.DictReader(_f))
with (SEED / "dossier" / "contacts.csv").open(encoding="utf-8") as _f:
    DOSSIER = list(csv.DictReader(_f))
CURRENT = {
    r["region"]: r for r in DOSSIER if r["role"].startswith("Regional remigration coordinator")
}
FORMER = [r for r in DOSSIER if r["role"].startswith("FORMER")]
NO_MATCH = {"lv": "Neviens kontakts neatbilst meklētajam", "en": "No contact matches your search"}


def _walk(node: Any):
    if isinstance(node, dict):
        if "props" in node and "type" in node:
            yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _text(node: Any) -> str:
    parts: list[str] = []

    def texts(n: Any) -> None:
        if isinstance(n, str):
            parts.append(n)
        elif isinstance(n, dict) and "props" in n:
            texts(n["props"].get("children"))
        elif isinstance(n, list):
            for item in n:
                texts(item)

    texts(node)
    return " ".join(" ".join(parts).split())


def _by_id(node: Any, component_id: str) -> dict:
    found = [c for c in _walk(node) if c["props"].get("id") == component_id]
    assert len(found) == 1, f"{component_id!r} found {len(found)} times"
    return found[0]


def _cards(node: Any) -> list[dict]:
    return [c for c in _walk(node) if "contact-card" in (c["props"].get("className") or "")]


def _call(client: Any, output: str, values: dict[str, Any]) -> dict:
    deps = client.get("/_dash-dependencies").get_json()
    [dep] = [d for d in deps if d["output"].startswith(f"..{output}") or d["output"] == output]
    inputs = [{**i, "value": values[f"{i['id']}.{i['property']}"]} for i in dep["inputs"]]
    state = [{**s, "value": values[f"{s['id']}.{s['property']}"]} for s in dep["state"]]
    body = {
        "output": dep["output"],
        "outputs": dash_outputs(dep["output"]),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }
    response = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return expand_static_sections(response.get_json()["response"])


def contacts(client: Any, *, region: str = "all", search: str = "", lang: str = "lv") -> dict:
    return _call(
        client,
        "contacts-list.children",
        {
            "contacts-search.value": search,
            "contacts-region.value": region,
            "contacts-sort.value": "name",
            "contacts-lang.data": lang,
        },
    )


def test_the_dossier_names_a_current_coordinator_for_every_region():
    # The premise of the tests below, read from the file.
    assert {r["name_lv"] for r in REGIONS} == set(CURRENT)
    assert {r["name"] for r in FORMER} >= {"Astrīda Leščinska", "Edgars Jānis Paulovičs"}


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("region", [r["code"] for r in REGIONS])
def test_each_region_answers_with_its_current_coordinator_first(record_client, region, lang):
    row = next(r for r in REGIONS if r["code"] == region)
    expected = CURRENT[row["name_lv"]]
    response = contacts(record_client, region=region, lang=lang)
    listing = response["contacts-list"]["children"]
    section = _by_id(listing, f"contacts-region-{region}")
    first = _cards(section)[0]
    assert "contact-card-coordinator" in first["props"]["className"]
    assert _text(first).split(" ", 2)[2].startswith(expected["name"]), _text(first)
    assert NO_MATCH[lang] not in _text(listing)
    # Where the details come from, with the date that confirmed the role.
    confirmed = dt.date.fromisoformat(expected["role_confirmed_on"])
    date = confirmed.strftime("%d.%m.%Y") if lang == "lv" else f"{confirmed.day} May 2024"
    assert date in _text(first)
    assert ("Amatu apliecina publikācija" if lang == "lv" else "In the role as published on") in (
        _text(first)
    )
    # No e-mail or phone published: said so, and the office named as the route.
    if expected["email"].startswith("not found") and expected["phone"].startswith("not found"):
        assert (
            "E-pasts vai tālrunis nav publicēts."
            if lang == "lv"
            else "No e-mail or phone published."
        ) in _text(first)
        assert row[f"long_name_{lang}"] in _text(first)
    else:
        assert "mailto:" + expected["email"] in json.dumps(first)
    # Former coordinators of the region: collapsed apart, with no e-mail or phone.
    former = [r for r in FORMER if r["region"] == row["name_lv"]]
    if former:
        block = _by_id(listing, "contacts-former")
        assert block["type"] == "Details"
        assert all(r["name"] in _text(block) for r in former)
        assert "mailto:" not in json.dumps(block) and "tel:" not in json.dumps(block)
        assert not any(r["name"] in _text(section) for r in former)


@pytest.mark.parametrize(
    ("search", "region", "coordinator"),
    [
        ("Dienvidkurzemes novads", "Kurzeme", "Agnese Berģe"),
        ("dienvidkurzeme", "Kurzeme", "Agnese Berģe"),
        ("Rundāle", "Zemgale", "Agnese Bokta"),
        ("RUNDALE", "Zemgale", "Agnese Bokta"),
        ("Augšdaugava", "Latgale", "Ruta Priede"),
    ],
)
def test_a_municipality_current_or_former_finds_its_region_s_contacts(
    record_client, search, region, coordinator
):
    assert CURRENT[region]["name"] == coordinator
    listing = contacts(record_client, search=search, lang="en")["contacts-list"]["children"]
    answer = _text(_by_id(listing, "contacts-place"))
    assert f"in the {region} planning region" in answer
    code = next(r["code"] for r in REGIONS if r["name_lv"] == region)
    assert coordinator in _text(_cards(_by_id(listing, f"contacts-region-{code}"))[0])
    if search.casefold().startswith("rund"):
        assert "Rundāle Municipality (until 30 Jun 2021) is now part of Bauska Municipality" in (
            answer
        )


def test_the_ministry_s_contacts_follow_the_region(record_client):
    listing = contacts(record_client, region="zemgale", lang="en")["contacts-list"]["children"]
    ministry = _text(_by_id(listing, "contacts-ministry"))
    for row in DOSSIER:
        if row["region"] == "Latvija (ministry)":
            assert row["name"] in ministry


def test_latgale_s_office_contact_is_shown_with_its_source(record_client):
    office = next(r for r in DOSSIER if r["name"].endswith("(general)"))
    listing = contacts(record_client, region="latgale", lang="en")["contacts-list"]["children"]
    card = _by_id(listing, "contact-latgales-planosanas-regions")
    assert "mailto:" + office["email"] in json.dumps(card)
    assert office["source_url"] in json.dumps(card)


def test_the_map_panel_names_the_coordinator_not_an_empty_list(record_client):
    panel = _call(
        record_client,
        "map-panel.children",
        {
            "map-selected.data": "2009:LV-083",  # Rundāles novads: Zemgale
            "map-via.data": None,
            "map-filter-metric.value": "families_returned",
            "map-filter-period.value": None,
            "map-lang.data": "en",
        },
    )["map-panel"]["children"]
    text = _text(panel)
    assert "No coordinator is listed" not in text
    entries = _by_id(panel, "map-panel-contacts")["props"]["children"]
    assert _text(entries[0]).startswith(CURRENT["Zemgale"]["name"])
    assert "No e-mail or phone published." in _text(entries[0])


def test_a_dossier_contact_s_vcard_downloads(record_client):
    response = record_client.get("/download/contact/agnese-berge.vcf")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "FN:Agnese Berģe" in text
    assert CURRENT["Kurzeme"]["email"] in text
    # A former coordinator is not offered as a card to download.
    assert record_client.get("/download/contact/edgars-janis-paulovics.vcf").status_code == 404
