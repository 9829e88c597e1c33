"""One configuration object, read from the environment.

Everything that differs between a laptop, CI and production comes from environment variables so
the same code runs everywhere; tests build a ``Config`` with explicit overrides instead.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

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
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
