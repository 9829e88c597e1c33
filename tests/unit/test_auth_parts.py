"""The pieces of ``dashboard.auth`` that need a request but no database: which paths and
callbacks the admin guard stops, the per-account limit's key, which answers count as failed
sign-ins, password lengths, forged session ids, and the ``auth`` blueprint's routes."""

from __future__ import annotations

import json

import pytest
from flask import Flask, Response, url_for

from dashboard.auth import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, views
from dashboard.auth.accounts import check_password_length
from dashboard.auth.guard import admin_outputs, is_admin_page
from dashboard.auth.limits import account_key, failed_sign_in
from dashboard.auth.sessions import load_session_user, load_user_from_request


def _flask(secret: str = "test") -> Flask:
    server = Flask(__name__)
    server.config["SECRET_KEY"] = secret
    return server


@pytest.mark.parametrize("path", ["/admin", "/admin/", "/admin/uploads", "/admin/x/y"])
def test_the_admin_page_and_its_sub_paths_are_guarded(path):
    assert is_admin_page(path)


@pytest.mark.parametrize(
    "path", ["/", "/administrator", "/admin-help", "/admin/api/audit", "/admin/api/", "/data"]
)
def test_other_paths_and_the_admin_api_are_not_admin_pages(path):
    assert not is_admin_page(path)


def _outputs(body: object) -> list[str]:
    with _flask().test_request_context(
        "/_dash-update-component",
        method="POST",
        data=json.dumps(body),
        content_type="application/json",
    ):
        return admin_outputs()


def test_every_output_of_a_multi_output_callback_is_named():
    body = {
        "output": "..admin-a.children...admin-b.data..",
        "outputs": [{"id": "admin-a", "property": "children"}, {"id": "admin-b"}],
    }
    assert _outputs(body) == ["admin-a", "admin-b"]


def test_a_single_output_is_named_too():
    assert _outputs({"outputs": {"id": "admin-status", "property": "children"}}) == ["admin-status"]


def test_a_pattern_matching_id_is_named_as_sorted_json():
    """So the ``admin-`` prefix is found inside it whatever order the client sent the keys in."""
    ids = _outputs({"outputs": [{"id": {"type": "admin-row", "index": 3}}]})
    assert ids == ['{"index": 3, "type": "admin-row"}']


def test_without_outputs_the_output_string_is_used():
    assert _outputs({"output": "admin-x.children"}) == ["admin-x.children"]


@pytest.mark.parametrize("body", [[1, 2], "admin-x", 3, None])
def test_a_body_that_is_not_an_object_names_nothing(body):
    assert _outputs(body) == []


def test_a_body_that_is_not_json_names_nothing():
    with _flask().test_request_context(
        "/_dash-update-component", method="POST", data="{", content_type="application/json"
    ):
        assert admin_outputs() == []


def _key(username: str, secret: str = "test") -> str:
    with _flask(secret).test_request_context("/login", method="POST", data={"username": username}):
        return account_key()


def test_the_account_key_is_the_same_for_spellings_of_one_name():
    """Case, surrounding spaces and compatibility forms (full-width letters) do not give an
    attacker a fresh allowance for the same account."""
    assert _key("ada") == _key(" Ada ") == _key("ＡＤＡ")
    assert _key("ada") != _key("sam")


def test_the_account_key_hides_what_was_typed():
    """People type passwords into the name field; the key must not carry them."""
    key = _key("my secret password")
    assert key.startswith("account:")
    assert "secret" not in key and len(key) == len("account:") + 32
    assert _key("my secret password", secret="other") != key


def test_the_account_key_reads_no_more_of_the_name_than_sign_in_does():
    assert _key("a" * 64) == _key("a" * 64 + "b")


@pytest.mark.parametrize(
    ("status", "failed"), [(302, False), (200, True), (400, True), (401, True)]
)
def test_only_a_redirect_is_a_successful_sign_in(status, failed):
    assert failed_sign_in(Response(status=status)) is failed


@pytest.mark.parametrize("length", [PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH])
def test_passwords_at_the_limits_are_accepted(length):
    check_password_length("x" * length)


@pytest.mark.parametrize("length", [0, PASSWORD_MIN_LENGTH - 1, PASSWORD_MAX_LENGTH + 1])
def test_passwords_outside_the_limits_are_refused(length):
    with pytest.raises(ValueError, match="password must be"):
        check_password_length("x" * length)


@pytest.mark.parametrize(
    "alternative_id", ["7", "7:", ":3", "x:3", "7:-1", "7:3:1", "1" * 40 + ":1"]
)
def test_a_session_id_that_is_not_two_numbers_names_nobody(alternative_id):
    """Refused before the database is asked (there is none here), like every session issued
    before generations existed."""
    assert load_session_user(alternative_id) is None


@pytest.mark.parametrize("header", [None, "", "Basic YWRhOnB3", "bearer abc", "Token abc"])
def test_only_a_bearer_header_is_read_as_a_token(header):
    headers = {"Authorization": header} if header is not None else {}
    with _flask().test_request_context("/admin/api/audit", headers=headers) as context:
        assert load_user_from_request(context.request) is None


def test_the_blueprint_serves_login_and_logout_and_limits_only_sign_in():
    limited: list[str] = []

    def limit(view):
        limited.append(view.__name__)
        return view

    server = _flask()
    server.register_blueprint(views.blueprint(limit))
    rules = {rule.endpoint: rule for rule in server.url_map.iter_rules()}
    assert str(rules["auth.login"]) == "/login"
    assert rules["auth.login"].methods >= {"GET", "POST"}
    assert str(rules["auth.logout"]) == "/logout"
    assert "GET" not in rules["auth.logout"].methods
    assert limited == ["login"]
    with server.test_request_context("/admin"):
        assert url_for("auth.login", next="/admin?tab=history") == (
            "/login?next=/admin?tab%3Dhistory"
        )
