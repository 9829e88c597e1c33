"""Field validators shared by seed loading, uploads and admin forms."""

from __future__ import annotations

import pytest

from dashboard.contact_details import format_phone, is_http_url, is_valid_email, normalise_phone


@pytest.mark.parametrize(
    "email",
    [
        "jolanta.uzulina@daugavpils.lv",
        "olga.tolmacova@daugavpils.lv",
        "ilze.onzule@ip.daugavpils.lv",
        "first+tag@example.com",
        "a_b-c%d@sub-domain.example.co.uk",
        "  padded@example.lv  ",
    ],
)
def test_valid_emails(email):
    assert is_valid_email(email)


@pytest.mark.parametrize(
    "email",
    [
        "jolanta.uzulinadaugavpils.lv",  # seed 003's typo: no @
        "",
        "@daugavpils.lv",
        "jolanta@",
        "jolanta@daugavpils",
        "jolanta@@daugavpils.lv",
        "jolanta uzulina@daugavpils.lv",
        "jolanta@daugavpils..lv",
        "jolanta@daugavpils.l",
        "jolanta@daugavpils.lv, olga@daugavpils.lv",
        "<jolanta@daugavpils.lv>",
    ],
)
def test_invalid_emails(email):
    assert not is_valid_email(email)


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("+37165476064", "+37165476064"),
        ("+371 6547 6064", "+37165476064"),
        ("65476064", "+37165476064"),
        ("6547 6064", "+37165476064"),
        ("6547-6064", "+37165476064"),
        ("(+371) 65 476 064", "+37165476064"),
        ("0037165476064", "+37165476064"),
        ("  +371 2000 0000 ", "+37120000000"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
    ],
)
def test_normalise_phone(raw, e164):
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "phone",
        "6547606",  # 7 digits: not a Latvian number
        "654760641",  # 9 digits without a country code
        "+371 6547 606",  # Latvian with 7 digits
        "+371 6547 60644",  # Latvian with 9 digits
        "+0 123 4567",
        "+12345",  # too short for E.164
        "+1234567890123456",  # too long for E.164
        "+371 6547 6064 ext 2",
    ],
)
def test_normalise_phone_rejects(raw):
    assert normalise_phone(raw) is None


def test_format_phone():
    assert format_phone("+37165476064") == "+371 6547 6064"
    assert format_phone(normalise_phone("6547 6066")) == "+371 6547 6066"
    assert format_phone("+442079460958") == "+442079460958"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.paps.lv/",
        "http://www.paps.lv",
        "https://www.daugavpils.lv/lv/47/read/17691?mode=print",
        "http://www.varam.gov.lv/lat/aktual/preses_relizes/?doc=25756",
    ],
)
def test_http_urls(url):
    assert is_http_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "www.paps.lv",
        "paps.lv/lv",
        "ftp://www.paps.lv/",
        "javascript:alert(1)",
        "mailto:jolanta.uzulina@daugavpils.lv",
        "https://",
        "http:///path-only",
    ],
)
def test_not_http_urls(url):
    assert not is_http_url(url)
