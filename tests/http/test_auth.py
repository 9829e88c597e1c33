"""Sign-in, sessions, CSRF, rate limits and security headers, over HTTP."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from support import csrf_cookie, fresh_client, login

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


def test_login_is_rate_limited(app: Any, users: dict) -> None:
    # Its own address: with Redis as the limiter store, other tests' sign-ins from 127.0.0.1
    # in the same minute would count too.
    client = fresh_client(app)
    statuses = [login(client, "ada", f"wrong {i}").status_code for i in range(12)]
    assert statuses[:10] == [401] * 10
    assert statuses[10:] == [429, 429]


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
