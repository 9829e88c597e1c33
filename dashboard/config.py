"""One configuration object, read from the environment.

Everything that differs between a laptop, CI and production comes from environment variables so
the same code runs everywhere; tests build a ``Config`` with explicit overrides instead.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def normalise_database_url(url: str) -> str:
    """Return a SQLAlchemy URL that uses the psycopg 3 driver for PostgreSQL.

    Hosting platforms hand out ``postgres://`` URLs, which SQLAlchemy no longer accepts, and a
    bare ``postgresql://`` would pick psycopg2, which we do not install.
    """
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _env_list(name: str) -> list[str] | None:
    """A comma-separated list (``None`` when the variable is unset or blank)."""
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or None


# Host names a development server is reached by. Anything else is refused (HTTP 400) unless
# SITE_URL or TRUSTED_HOSTS name it: links built from a forged Host header must never be
# served, let alone cached. (Werkzeug cannot match an IPv6 literal such as [::1] here.)
LOOPBACK_HOSTS = ("localhost", "127.0.0.1")


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass
class Config:
    """Application settings; see README.md "Configuration" for what each one does."""

    instance_path: Path = field(default_factory=lambda: PROJECT_ROOT / "instance")
    database_url: str = ""
    secret_key: str = ""
    redis_url: str | None = None
    data_dir: Path = field(default_factory=lambda: PROJECT_ROOT / "data")
    cache_timeout: int = 3600
    production: bool = False
    testing: bool = False
    log_level: str = "INFO"
    contact_stale_months: int = 12
    upload_max_bytes: int = 5 * 1024 * 1024
    upload_max_unpacked_bytes: int = 50 * 1024 * 1024
    # Per process (each gunicorn worker): see README "Connection pools".
    db_pool_size: int = 5
    db_max_overflow: int = 5
    db_connect_timeout: int = 5
    # The public address of the site ("https://remigracija.example.lv"): every absolute link
    # (permalinks, embed snippets, citations, API examples, og: tags) is built from it.
    site_url: str = ""
    # Host names the app answers to (Flask's TRUSTED_HOSTS); others get HTTP 400. Default: the
    # SITE_URL's host, and in development the loopback names as well.
    trusted_hosts: list[str] | None = None
    # How many reverse proxies stand in front of the app (nginx: 1). Their X-Forwarded-For,
    # -Proto, -Host and -Port headers are believed for exactly that many hops (ProxyFix).
    trusted_proxies: int = 0
    # Sessions end after this long without a request, and in any case this long after sign-in.
    session_idle_minutes: int = 30
    session_max_hours: int = 8
    # Sign-in attempts allowed per client address and per account name (Flask-Limiter syntax).
    login_limit_address: str = "10 per minute;50 per hour"
    login_limit_account: str = "5 per minute;20 per hour"
    api_token_days: int = 365
    # A reader's e-mail address on a data-problem report is erased this long after it is resolved.
    report_email_retention_days: int = 30
    # The whole-response cache of the public chart callbacks, per worker process.
    response_cache_max_bytes: int = 64 * 1024 * 1024

    def __post_init__(self) -> None:
        self.instance_path = Path(self.instance_path)
        self.data_dir = Path(self.data_dir)
        if not self.database_url:
            self.database_url = f"sqlite:///{self.instance_path / 'remigration.db'}"
        self.database_url = normalise_database_url(self.database_url)
        if not self.secret_key:
            if self.production:
                raise RuntimeError("SECRET_KEY must be set in production")
            # A random key per process is fine for development: sessions just do not survive
            # a restart. Production must set SECRET_KEY so that all workers share it.
            self.secret_key = secrets.token_hex(32)
        self.site_url = self.site_url.strip().rstrip("/")
        if self.site_url:
            parsed = urlsplit(self.site_url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname or parsed.path:
                raise RuntimeError(
                    f"SITE_URL must be an origin such as https://example.lv, got {self.site_url!r}"
                )
        elif self.production:
            raise RuntimeError("SITE_URL must be set in production")
        if self.trusted_hosts is None:
            hosts = [urlsplit(self.site_url).hostname or ""] if self.site_url else []
            if not self.production:
                hosts += list(LOOPBACK_HOSTS)
            self.trusted_hosts = [h for h in dict.fromkeys(hosts) if h]

    @classmethod
    def from_env(cls, **overrides: object) -> Config:
        """Build the configuration from environment variables, then apply ``overrides``."""
        values: dict[str, object] = {
            "instance_path": Path(os.environ.get("INSTANCE_PATH", PROJECT_ROOT / "instance")),
            "database_url": os.environ.get("DATABASE_URL", ""),
            "secret_key": os.environ.get("SECRET_KEY", ""),
            "redis_url": os.environ.get("REDIS_URL") or None,
            "data_dir": Path(os.environ.get("DATA_DIR", PROJECT_ROOT / "data")),
            "cache_timeout": int(os.environ.get("CACHE_TIMEOUT", "3600")),
            "production": _env_bool("PRODUCTION", False),
            "log_level": os.environ.get("LOG_LEVEL", "INFO"),
            "contact_stale_months": int(os.environ.get("CONTACT_STALE_MONTHS", "12")),
            "upload_max_bytes": int(os.environ.get("UPLOAD_MAX_BYTES", str(5 * 1024 * 1024))),
            "upload_max_unpacked_bytes": int(
                os.environ.get("UPLOAD_MAX_UNPACKED_BYTES", str(50 * 1024 * 1024))
            ),
            "db_pool_size": int(os.environ.get("DB_POOL_SIZE", "5")),
            "db_max_overflow": int(os.environ.get("DB_MAX_OVERFLOW", "5")),
            "db_connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", "5")),
            "site_url": os.environ.get("SITE_URL", ""),
            "trusted_hosts": _env_list("TRUSTED_HOSTS"),
            "trusted_proxies": int(os.environ.get("TRUSTED_PROXIES", "0")),
            "session_idle_minutes": int(os.environ.get("SESSION_IDLE_MINUTES", "30")),
            "session_max_hours": int(os.environ.get("SESSION_MAX_HOURS", "8")),
            "login_limit_address": os.environ.get(
                "LOGIN_LIMIT_ADDRESS", "10 per minute;50 per hour"
            ),
            "login_limit_account": os.environ.get(
                "LOGIN_LIMIT_ACCOUNT", "5 per minute;20 per hour"
            ),
            "api_token_days": int(os.environ.get("API_TOKEN_DAYS", "365")),
            "report_email_retention_days": int(os.environ.get("REPORT_EMAIL_RETENTION_DAYS", "30")),
            "response_cache_max_bytes": int(
                os.environ.get("RESPONSE_CACHE_MAX_BYTES", str(64 * 1024 * 1024))
            ),
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
