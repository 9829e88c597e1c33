"""Pure pieces of ``dashboard.auth``: the dummy hash, the ``next`` check, the session id."""

from __future__ import annotations

import pytest

from dashboard.auth import DUMMY_PASSWORD_HASH, SessionUser, hash_password
from dashboard.auth.views import _safe_next


def test_the_dummy_hash_costs_what_a_real_one_costs():
    """Same method and scrypt parameters (n, r, p) and salt/digest sizes as hash_password, so
    checking an unknown name takes as long as checking a real account."""
    method, salt, digest = DUMMY_PASSWORD_HASH.split("$")
    real_method, real_salt, real_digest = hash_password("some password 123").split("$")
    assert method == real_method
    assert (len(salt), len(digest)) == (len(real_salt), len(real_digest))


@pytest.mark.parametrize(
    "target",
    ["/admin", "/admin?tab=history&lang=en", "/data", "/admin/api/audit", "/a%20b"],
)
def test_plain_same_site_paths_are_kept(target):
    assert _safe_next(target) == target


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "admin",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https://evil.example/admin",
        "javascript:alert(1)",
        "/admin\r\nSet-Cookie: x=1",
        "/admin\n",
        "/admin\x00",
        "/admin\x7f",
        "/admin\u2028",
        "/admin page",
        "/admin#top",
        "/ädmin",
    ],
)
def test_anything_else_falls_back_to_the_admin_page(target):
    assert _safe_next(target) == "/admin"


def test_the_session_id_carries_the_generation():
    assert SessionUser(7, "ada", "admin", generation=3).get_id() == "7:3"
