"""Sign-in, sessions, CSRF, rate limits and security headers, over HTTP."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from support import ADMIN_PASSWORD, csrf_cookie, fresh_client, login

from dashboard.auth import create_user, set_active
from dashboard.db import models as m


def test_login_page_is_bilingual_and_has_a_csrf_field(client: Any) -> None:
    lv = client.get("/login")
    assert lv.status_code == 200
    assert b'<html lang="lv">' in lv.data
    assert "Pieteikšanās".encode() in lv.data
    assert b'name="csrf_token"' in lv.data
    en = client.get("/login?lang=en")
    assert b'<html lang="en">' in en.data and b"Admin sign-in" in en.data


def test_admin_page_redirects_anonymous_readers_to_login(client: Any) -> None:
    response = client.get("/admin")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/admin")


def test_wrong_password_is_refused_and_audited(client: Any, users: dict, mutable_db: Any) -> None:
    response = login(client, "ada", "not the password")
    assert response.status_code == 401
    assert "Nepareizs lietotājvārds vai parole".encode() in response.data
    with mutable_db.session() as session:
        entry = session.scalars(sa.select(m.AuditLog).order_by(m.AuditLog.id.desc())).first()
        assert (entry.actor, entry.action, entry.outcome) == ("ada", "login", "refused")


def test_login_without_csrf_token_is_refused(client: Any, users: dict) -> None:
    response = client.post("/login", data={"username": "ada", "password": users["ada"]})
    assert response.status_code == 400
    assert client.get("/admin").status_code == 302  # still signed out


def test_admin_signs_in_sees_admin_page_and_signs_out(client: Any, users: dict) -> None:
    response = login(client, "ada", users["ada"])
    assert response.status_code == 302 and response.headers["Location"] == "/admin"
    page = client.get("/admin")
    assert page.status_code == 200
    token = csrf_cookie(client)
    # Logout is a state change: it needs the CSRF token.
    assert client.post("/logout").status_code == 400
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/admin").status_code == 302


def test_login_redirect_never_leaves_the_site(client: Any, users: dict) -> None:
    page = client.get("/login?next=https://evil.example/")
    token = re.search(rb'name="csrf_token" value="([^"]+)"', page.data).group(1).decode()
    response = client.post(
        "/login?next=https://evil.example/",
        data={"username": "ada", "password": users["ada"], "csrf_token": token},
    )
    assert response.headers["Location"] == "/admin"


def test_session_cookie_is_httponly_and_samesite(client: Any, users: dict) -> None:
    response = login(client, "ada", users["ada"])
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session_cookie
    assert "SameSite=Lax" in session_cookie


def test_security_headers_on_pages(client: Any) -> None:
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-eval" not in csp
    assert "script-src 'self' 'sha256-" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_csp_hashes_cover_every_inline_script(client: Any) -> None:
    import base64
    import hashlib

    page = client.get("/")
    csp = page.headers["Content-Security-Policy"]
    html = page.data.decode()
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        if "src=" in attrs or 'type="application/json"' in attrs or "[if IE]" in body:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        if "alert(" in body:  # the IE-only conditional comment never runs in a modern browser
            continue
        assert f"'sha256-{digest}'" in csp, body[:80]


# --- A new session at sign-in ---------------------------------------------------------------------


def _form_token(page: Any) -> str:
    return re.search(rb'name="csrf_token" value="([^"]+)"', page.data).group(1).decode()


def _session_data(app: Any, client: Any) -> dict[str, Any]:
    """What the signed session cookie holds (decoded with the app's own serializer)."""
    serializer = app.server.session_interface.get_signing_serializer(app.server)
    return dict(serializer.loads(client.get_cookie("session").value))


def test_sign_in_starts_a_new_session_and_csrf_token(app: Any, accounts: dict) -> None:
    client = fresh_client(app)
    pre_login_token = _form_token(client.get("/login"))
    before = _session_data(app, client)
    # Whatever an attacker planted in the session before sign-in must not survive it.
    serializer = app.server.session_interface.get_signing_serializer(app.server)
    client.set_cookie("session", serializer.dumps({**before, "planted": "by someone else"}))

    response = client.post(
        "/login",
        data={"username": "ada", "password": ADMIN_PASSWORD, "csrf_token": pre_login_token},
    )
    assert response.status_code == 302
    after = _session_data(app, client)
    assert "planted" not in after
    assert after.get("csrf_token") != before["csrf_token"]

    new_token = csrf_cookie(client)
    assert new_token != pre_login_token
    # The token handed out before sign-in no longer validates: signing out with it is refused.
    assert client.post("/logout", data={"csrf_token": pre_login_token}).status_code == 400
    assert client.get("/admin").status_code == 200, "still signed in"
    assert client.post("/logout", data={"csrf_token": new_token}).status_code == 302


# --- The redirect after sign-in -------------------------------------------------------------------


@pytest.mark.parametrize(
    "next_path",
    [
        "/admin%0D%0AX:%201",  # CR LF: a header that cannot be sent (was a 500)
        "/admin%0AX-Injected:%201",
        "/admin%09tab",
        "/%5Cevil.example",  # "/\evil.example": some browsers read a backslash as a slash
        "%5C%5Cevil.example",
        "//evil.example/",
        "/%2F/evil.example",  # "///evil.example"
        "https:/evil.example",
        "javascript:alert(1)",
        "admin",
        "/admin%20x",
        "/admin/%C3%A4",  # not ASCII
    ],
)
def test_an_odd_next_falls_back_to_the_admin_page(app: Any, accounts: dict, next_path: str) -> None:
    app.server.config["PROPAGATE_EXCEPTIONS"] = False  # an exception must show up as a 500
    client = fresh_client(app)
    page = client.get(f"/login?next={next_path}")
    assert page.status_code == 200
    response = client.post(
        f"/login?next={next_path}",
        data={"username": "ada", "password": ADMIN_PASSWORD, "csrf_token": _form_token(page)},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin"


def test_a_plain_next_path_is_kept(app: Any, accounts: dict) -> None:
    client = fresh_client(app)
    target = "/admin?tab=history&lang=en"
    page = client.get("/login", query_string={"next": target})
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"username": "ada", "password": ADMIN_PASSWORD, "csrf_token": _form_token(page)},
    )
    assert response.headers["Location"] == target


# --- Constant work per attempt --------------------------------------------------------------------


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def test_every_sign_in_attempt_costs_exactly_one_scrypt(
    app: Any, mutable_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unknown names, inactive accounts and wrong passwords cost what a right one costs, so the
    answer's timing does not tell which names exist (counted, not timed)."""
    active, inactive = _unique("active"), _unique("inactive")
    with app.server.app_context(), mutable_db.session() as session:
        create_user(session, active, ADMIN_PASSWORD, "admin")
        create_user(session, inactive, ADMIN_PASSWORD, "admin")
        set_active(session, inactive, False)
    calls: list[int] = []
    real_scrypt = hashlib.scrypt

    def counting_scrypt(*args: Any, **kwargs: Any) -> bytes:
        calls.append(1)
        return real_scrypt(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting_scrypt)  # what werkzeug.security calls
    attempts = [
        (active, "a wrong password", 401),
        (active, ADMIN_PASSWORD, 302),
        (_unique("nobody"), ADMIN_PASSWORD, 401),
        (inactive, ADMIN_PASSWORD, 401),
        (inactive, "a wrong password", 401),
    ]
    for name, password, status in attempts:
        calls.clear()
        response = login(fresh_client(app), name, password)
        assert response.status_code == status, name
        assert len(calls) == 1, (name, len(calls))


# --- Sign-in limits -------------------------------------------------------------------------------


def _limited_app(make_app: Any, config: Any, **settings: Any) -> Any:
    return make_app(dataclasses.replace(config, **settings))


def _login_via_proxy(client: Any, name: str, forwarded_for: str) -> Any:
    """A failed sign-in whose requests carry ``X-Forwarded-For`` (as a proxy in front sends)."""
    headers = {"X-Forwarded-For": forwarded_for}
    token = _form_token(client.get("/login", headers=headers))
    return client.post(
        "/login",
        data={"username": name, "password": "wrong", "csrf_token": token},
        headers=headers,
    )


def _assert_too_many(response: Any, text: str) -> None:
    assert response.status_code == 429
    body = response.get_data(as_text=True)
    assert text in body
    assert 'name="password"' in body, "the form again, with the message"
    assert 0 < int(response.headers["Retry-After"]) <= 3600


def test_per_address_limit_counts_attempts_on_any_name(app: Any) -> None:
    # Its own address: with Redis as the limiter store, other tests' sign-ins count too.
    client = fresh_client(app)  # the default limit: 10 per minute per address
    responses = [login(client, _unique("name"), f"wrong {i}") for i in range(12)]
    assert [r.status_code for r in responses[:10]] == [401] * 10
    for response in responses[10:]:
        _assert_too_many(response, "Pārāk daudz neveiksmīgu pieteikšanās mēģinājumu")


def test_per_account_limit_holds_across_addresses_and_reveals_nothing(
    make_app: Any, config: Any, mutable_db: Any
) -> None:
    """The same name from ever new addresses is stopped, whether or not the account exists
    (the answers are the same), and the right password does not get through the limit."""
    app = _limited_app(make_app, config, login_limit_account="3 per hour")
    existing = _unique("acct")
    with app.server.app_context(), mutable_db.session() as session:
        create_user(session, existing, ADMIN_PASSWORD, "admin")

    def attempts(name: str) -> list[Any]:
        # Spelt differently each time: the limit is on the normalised name.
        spellings = [name, f"  {name.upper()} ", name.title()]
        out = [login(fresh_client(app), spelling, "a wrong password") for spelling in spellings]
        english = fresh_client(app)
        english.get("/login?lang=en")
        out.append(login(english, name, ADMIN_PASSWORD))
        return out

    for name in (existing, _unique("nobody")):
        responses = attempts(name)
        assert [r.status_code for r in responses] == [401, 401, 401, 429], name
        _assert_too_many(responses[-1], "Too many failed sign-in attempts")
    # Another account from the same addresses is not affected.
    other = _unique("other")
    with app.server.app_context(), mutable_db.session() as session:
        create_user(session, other, ADMIN_PASSWORD, "admin")
    assert login(fresh_client(app), other, ADMIN_PASSWORD).status_code == 302


def test_successful_sign_ins_do_not_count(app: Any, accounts: dict) -> None:
    """Only failures count: an admin who signs in often is never locked out."""
    client = fresh_client(app)
    statuses = [login(client, "ada", ADMIN_PASSWORD).status_code for _ in range(12)]
    assert statuses == [302] * 12  # more than both limits a minute (10 per address, 5 per name)


def test_limit_follows_the_forwarded_address_only_behind_a_trusted_proxy(
    make_app: Any, config: Any
) -> None:
    """With TRUSTED_PROXIES=1 the client address is the proxy's X-Forwarded-For (ProxyFix);
    without it, a forged header cannot buy a reader a fresh limit."""
    proxied = _limited_app(make_app, config, login_limit_address="2 per hour", trusted_proxies=1)
    proxy = fresh_client(proxied)  # the proxy's own address, the same for every reader
    reader = f"192.0.2.{uuid.uuid4().int % 250 + 1}"
    statuses = [_login_via_proxy(proxy, _unique("n"), reader).status_code for _ in range(3)]
    assert statuses == [401, 401, 429]
    another = _login_via_proxy(proxy, _unique("n"), f"198.51.100.{uuid.uuid4().int % 250 + 1}")
    assert another.status_code == 401, "another reader behind the same proxy is not limited"

    direct = _limited_app(make_app, config, login_limit_address="2 per hour")
    client = fresh_client(direct)
    forged = [_login_via_proxy(client, _unique("n"), f"203.0.113.{i}") for i in range(3)]
    assert [r.status_code for r in forged] == [401, 401, 429]


@pytest.mark.skipif(
    not os.environ.get("TEST_REDIS_URL"),
    reason="needs Redis (TEST_REDIS_URL): the limit is shared through it",
)
def test_two_instances_share_the_limits_through_redis(make_app: Any, config: Any) -> None:
    assert config.redis_url
    limits = {"login_limit_account": "3 per hour", "login_limit_address": "4 per hour"}
    first = _limited_app(make_app, config, **limits)
    second = _limited_app(make_app, config, **limits)

    name = _unique("shared")
    statuses = [login(fresh_client(a), name, "wrong").status_code for a in (first, second, first)]
    assert statuses + [login(fresh_client(second), name, "wrong").status_code] == [
        401,
        401,
        401,
        429,
    ]

    one, other = fresh_client(first), fresh_client(second)
    other.environ_base["REMOTE_ADDR"] = one.environ_base["REMOTE_ADDR"]  # one reader, two hosts
    clients = [one, other, one, other, one]
    statuses = [login(c, _unique("n"), "wrong").status_code for c in clients]
    assert statuses == [401, 401, 401, 401, 429]


def test_an_unreachable_limit_store_never_locks_anyone_out(
    make_app: Any, config: Any, accounts: dict
) -> None:
    app = make_app(dataclasses.replace(config, redis_url="redis://127.0.0.1:9/0"))
    statuses = [login(fresh_client(app), "ada", "wrong").status_code for _ in range(7)]
    assert statuses == [401] * 7  # no limit can be counted; nothing breaks
    assert login(fresh_client(app), "ada", ADMIN_PASSWORD).status_code == 302
