"""``dashboard.i18n.localized``: the one place that picks a row's Latvian or English field."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.i18n import localized
from dashboard.services import ServiceError

REGION = {"code": "riga", "name_lv": "Rīga", "name_en": "Riga"}


@pytest.mark.parametrize(("lang", "expected"), [("lv", "Rīga"), ("en", "Riga")])
def test_picks_the_field_of_the_language(lang, expected):
    assert localized(REGION, "name", lang) == expected


@pytest.mark.parametrize("lang", ["de", "", None, "EN"])
def test_an_unknown_language_reads_latvian_like_t(lang):
    assert localized(REGION, "name", lang) == "Rīga"


def test_works_on_a_pandas_row():
    row = pd.DataFrame([{"unit_lv": "ģimenes", "unit_en": "families"}]).iloc[0]
    assert localized(row, "unit", "en") == "families"


def test_reads_attributes_of_objects_without_item_access():
    error = ServiceError("bad", "Slikti", "Bad")
    assert localized(error, "message", "lv") == "Slikti"
    assert localized(error, "message", "en") == "Bad"


def test_a_missing_field_fails_loudly():
    with pytest.raises(KeyError):
        localized(REGION, "title", "en")
