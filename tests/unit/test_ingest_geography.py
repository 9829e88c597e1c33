"""Geography in uploads: Latvia, a planning region, or a municipality of the division in force.

The reference is what ``init-db`` loads: the seed CSVs of ``data/seed`` (regions, measures with
their kinds, the seed table as release 1) plus both municipal divisions from
``municipality_units.csv`` and the 2009 → 2021 pairs of ``municipality_successors.csv``. Files
here are small and made up for the validation logic; the names and codes are the real ones.
Helpers are imported by the other ``test_ingest_*`` modules of this issue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from test_ingest import SEED_DIR, _read, make_reference, rule_warnings, to_csv

from dashboard.ingest import Reference, ValidationReport, validate_upload
from dashboard.ingest.types import RefMunicipality

TODAY = dt.date(2026, 12, 1)
GEO_HEADER = ["period", "geo", "measure", "value", "source_url"]
URL = "https://example.lv/parskats"  # a made-up source, so no "no source" warning


def units() -> list[RefMunicipality]:
    return [
        RefMunicipality(
            u["division"],
            u["code"],
            u["name_lv"],
            u["name_en"],
            u["region_code"],
            dt.date.fromisoformat(u["valid_from"]) if u["valid_from"] else None,
            dt.date.fromisoformat(u["valid_to"]) if u["valid_to"] else None,
        )
        for u in _read("municipality_units.csv")
    ]


def successors() -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for row in _read("municipality_successors.csv"):
        out.setdefault(("2009", row["code_2009"]), []).append(row["code_2021"])
    return out


def municipal_reference(
    published: bool = False, extra_successors: dict[tuple[str, str], list[str]] | None = None
) -> Reference:
    """The seeded reference with both divisions and their successors."""
    base = make_reference(published)
    return Reference(
        base.regions,
        base.metrics,
        base.periods,
        base.published,
        units(),
        {**successors(), **(extra_successors or {})},
    )


def run(
    rows: list[list[Any]],
    header: list[str] = GEO_HEADER,
    reference: Reference | None = None,
    **kw: Any,
) -> ValidationReport:
    data = to_csv([header, *rows])
    ref = reference or municipal_reference()
    return validate_upload(data, "upload.csv", ref, today=kw.pop("today", TODAY), **kw)


def one_error(report: ValidationReport, code: str, row: int, column: str) -> str:
    """The only error's English text, after checking its code, place and both languages."""
    assert [(e.code, e.row, e.column) for e in report.errors] == [(code, row, column)], (
        report.errors
    )
    error = report.errors[0]
    assert error.message_lv and error.message_lv != error.message_en
    assert not report.ok and report.rows == []
    return error.message_en


def test_seed_csvs_hold_both_divisions() -> None:
    assert (SEED_DIR / "municipality_units.csv").exists()
    found = units()
    assert {u.division for u in found} == {"2009", "2021"}
    assert len(found) == 162


# --- Latvia and the planning regions ---------------------------------------------------------


@pytest.mark.parametrize("name", ["Latvija", "Latvia", "LV", "national", "LATVIJA", " latvija "])
def test_latvia_is_the_national_level(name: str) -> None:
    report = run([["2024", name, "people_returned", 774, URL]])
    assert report.ok, report.errors
    (row,) = report.rows
    assert (row.geo_level, row.region, row.municipality, row.division) == (
        "national",
        None,
        None,
        None,
    )


@pytest.mark.parametrize("name", ["Kurzeme", "kurzemes plānošanas reģions", "KURZEME REGION"])
def test_planning_regions_as_today(name: str) -> None:
    report = run([["2024", name, "people_returned", 1, URL]])
    assert report.ok, report.errors
    assert (report.rows[0].geo_level, report.rows[0].region) == ("planning_region", "kurzeme")


def test_region_column_under_its_old_name_still_works() -> None:
    report = run(
        [["2024", "Rīga", "families_returned", 1]], header=["period", "region", "metric", "value"]
    )
    assert report.ok, report.errors
    assert report.rows[0].geo_level == "planning_region"


# --- municipalities, division by division ----------------------------------------------------


def test_dienvidkurzemes_novads_in_2020_did_not_exist_yet() -> None:
    report = run([["2020", "Dienvidkurzemes novads", "people_returned", 1, URL]])
    text = one_error(report, "municipality_formed_from", 2, "geo")
    assert "Dienvidkurzemes novads did not exist yet in 2020" in text
    assert "1 July 2021" in text and "Aizputes novads" in text  # one of the units it came from
    assert "Dienvidkurzemes novads" in report.errors[0].message_lv


def test_dienvidkurzemes_novads_in_2022_is_the_2021_unit() -> None:
    report = run([["2022", "dienvidkurzemes novads", "people_returned", 1, URL]])
    assert report.ok, report.errors
    row = report.rows[0]
    assert (row.geo_level, row.division, row.municipality, row.region) == (
        "municipality",
        "2021",
        "LV-112",
        "kurzeme",
    )


def test_jekabpils_novads_in_2025_is_the_2021_unit() -> None:
    report = run([["2025", "Jēkabpils novads", "people_returned", 1, URL]])
    assert report.ok, report.errors
    assert (report.rows[0].division, report.rows[0].municipality) == ("2021", "LV-042")
    before = run([["2020", "Jēkabpils novads", "people_returned", 1, URL]])
    assert (before.rows[0].division, before.rows[0].municipality) == ("2009", "LV-042")


def test_jekabpils_city_in_2025_was_merged_and_the_message_says_into_what() -> None:
    report = run([["2025", "Jēkabpils", "people_returned", 1, URL]])
    text = one_error(report, "municipality_merged_into", 2, "geo")
    assert "Jēkabpils no longer existed in 2025" in text and "Jēkabpils novads" in text
    assert run([["2020", "Jēkabpils", "people_returned", 1, URL]]).rows[0].municipality == "LV-JKB"


@pytest.mark.parametrize(("period", "region"), [("2020", "riga"), ("2022", "kurzeme")])
def test_tukuma_novads_belongs_to_the_region_of_its_division(period: str, region: str) -> None:
    report = run([[period, "Tukuma novads", "people_returned", 1, URL]])
    assert report.ok, report.errors
    assert (report.rows[0].region, report.rows[0].municipality) == (region, "LV-099")


def test_varaklani_after_june_2025_is_refused() -> None:
    report = run([["2025-07", "Varakļānu novads", "people_returned", 1, URL]])
    text = one_error(report, "municipality_ended", 2, "geo")
    assert "2025-06-30" in text
    assert run([["2025-06", "Varakļānu novads", "people_returned", 1, URL]]).ok


def test_varaklani_names_madonas_novads_when_the_reference_knows_the_successor() -> None:
    """The seed table of successors is 2009 → 2021 only; a loader that records Varakļāni's 2025
    merger as a successor row gets it named."""
    reference = municipal_reference(extra_successors={("2021", "LV-102"): ["LV-059"]})
    report = run([["2025-07", "Varakļānu novads", "people_returned", 1, URL]], reference=reference)
    text = one_error(report, "municipality_ended_into", 2, "geo")
    assert "Madonas novads" in text


def test_a_municipal_period_across_the_reform_is_refused() -> None:
    report = run([["2021", "Tukuma novads", "people_returned", 1, URL]])
    text = one_error(report, "municipality_straddles_reform", 2, "geo")
    assert "1 July 2021" in text
    assert run([["2021-H1", "Tukuma novads", "people_returned", 1, URL]]).ok
    assert run([["2021-H2", "Tukuma novads", "people_returned", 1, URL]]).ok
    assert run([["2021", "Kurzeme", "people_returned", 1, URL]]).ok  # regions did not change


@pytest.mark.parametrize(
    "name", ["Valmiera", "VALMIERA", "Valmiera (city)", "valmiera city", "LV-VMR"]
)
def test_municipality_names_any_case_english_or_code(name: str) -> None:
    report = run([["2020", name, "people_returned", 97, URL]])
    assert report.ok, report.errors
    assert (report.rows[0].municipality, report.rows[0].region) == ("LV-VMR", "vidzeme")


@pytest.mark.parametrize("name", ["Cesu novads", "Cēsis Municipality", "cēsu NOVADS", "Cesis"])
def test_diacritics_and_the_word_novads_do_not_matter(name: str) -> None:
    report = run([["2020", name, "people_returned", 1, URL]])
    assert report.ok, report.errors
    assert (report.rows[0].division, report.rows[0].municipality) == ("2009", "LV-022")


def test_rīga_means_the_planning_region_unless_the_level_says_municipality() -> None:
    header = [*GEO_HEADER, "geo_level"]
    region = run([["2022", "Rīga", "people_returned", 1, URL, ""]], header=header)
    assert region.rows[0].geo_level == "planning_region"
    city = run([["2022", "Rīga", "people_returned", 1, URL, "municipality"]], header=header)
    assert city.ok, city.errors
    assert (city.rows[0].municipality, city.rows[0].division) == ("LV-RIX", "2021")


def test_unknown_place_counts_the_known_and_suggests_close_names() -> None:
    report = run([["2020", "Valmeira", "people_returned", 1, URL]])
    text = one_error(report, "unknown_region", 2, "geo")
    assert "162 municipalities" in text and "Did you mean: Valmiera" in text
    assert "Kurzeme" in text
    far = run([["2020", "Atlantis", "people_returned", 1, URL]])
    assert "Did you mean" not in one_error(far, "unknown_region", 2, "geo")


# --- geo_level and parent_region --------------------------------------------------------------


def test_geo_level_must_agree_with_the_name() -> None:
    header = [*GEO_HEADER, "geo_level"]
    text = one_error(
        run([["2024", "Latvija", "people_returned", 1, URL, "planning_region"]], header=header),
        "geo_level_mismatch",
        2,
        "geo",
    )
    assert "Latvia as a whole" in text and "a planning region" in text
    ok = run([["2024", "Latvija", "people_returned", 1, URL, "national"]], header=header)
    assert ok.ok, ok.errors


def test_unknown_geo_level_value() -> None:
    header = [*GEO_HEADER, "geo_level"]
    report = run([["2024", "Latvija", "people_returned", 1, URL, "galaxy"]], header=header)
    one_error(report, "unknown_geo_level", 2, "geo_level")


def test_parent_region_must_be_the_municipality_region_in_its_division() -> None:
    header = [*GEO_HEADER, "parent_region"]
    wrong = run([["2022", "Tukuma novads", "people_returned", 1, URL, "Rīga"]], header=header)
    text = one_error(wrong, "parent_region_mismatch", 2, "parent_region")
    assert "Tukuma novads belonged to the Kurzeme planning region in 2022" in text
    right = run([["2020", "Tukuma novads", "people_returned", 1, URL, "Rīga"]], header=header)
    assert right.ok, right.errors


def test_parent_region_that_is_not_a_region() -> None:
    header = [*GEO_HEADER, "parent_region"]
    report = run([["2020", "Tukuma novads", "people_returned", 1, URL, "Pierīga"]], header=header)
    one_error(report, "unknown_parent_region", 2, "parent_region")


def test_parent_region_on_a_region_row_is_ignored_with_a_warning() -> None:
    header = [*GEO_HEADER, "parent_region"]
    report = run([["2020", "Kurzeme", "people_returned", 1, URL, "Kurzeme"]], header=header)
    assert report.ok, report.errors
    assert [(w.code, w.column) for w in rule_warnings(report)] == [
        ("parent_region_not_used", "parent_region")
    ]
