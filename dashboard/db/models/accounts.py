"""Staff accounts and the admin API's bearer tokens."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dashboard.db.models.base import Base, utcnow


class User(Base):
    """An admin or staff account. Passwords are stored as werkzeug scrypt hashes only."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[str] = mapped_column(sa.String(16))  # "admin" | "staff"
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Part of every session's identity (Flask-Login's alternative id): bumped by sign-out,
    # a password change and deactivation, so every session issued before that ends at once,
    # on every worker and host, although the session itself is a signed cookie.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    password_changed_at: Mapped[dt.datetime | None]


class ApiToken(Base):
    """A bearer token for the admin API; only its SHA-256 is stored. Revocable."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    name: Mapped[str] = mapped_column(sa.String(100))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]
    last_used_at: Mapped[dt.datetime | None]
    # A token stops working after this moment (default: a year after it was created).
    expires_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship()
