"""Configuration from the environment, and the cache backend it selects."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.config import Config, normalise_database_url
from dashboard.web.shared_cache import cache_config as _cache_config

ENV_VARS = [
    "INSTANCE_PATH",
    "DATABASE_URL",
    "SECRET_KEY",
    "REDIS_URL",
    "DATA_DIR",
    "CACHE_TIMEOUT",
    "PRODUCTION",
    "LOG_LEVEL",
    "SITE_URL",
    "TRUSTED_HOSTS",
    "TRUSTED_PROXIES",
]


@pytest.fixture
def clean_env(monkeypatch):
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@db.example:5432/app", "postgresql+psycopg://u:p@db.example:5432/app"),
        ("postgresql://u:p@db.example/app", "postgresql+psycopg://u:p@db.example/app"),
        ("postgresql+psycopg://u@h/app", "postgresql+psycopg://u@h/app"),
        ("sqlite:///instance/remigration.db", "sqlite:///instance/remigration.db"),
        ("sqlite://", "sqlite://"),
    ],
)
def test_normalise_database_url(url, expected):
    assert normalise_database_url(url) == expected


def test_config_normalises_its_database_url(tmp_path):
    config = Config(instance_path=tmp_path, database_url="postgres://u@h/app", secret_key="x")
    assert config.database_url == "postgresql+psycopg://u@h/app"
    assert not config.is_sqlite


def test_default_database_is_sqlite_under_the_instance_path(tmp_path):
    config = Config(instance_path=str(tmp_path), secret_key="x")
    assert config.instance_path == tmp_path
    assert config.database_url == f"sqlite:///{tmp_path / 'remigration.db'}"
    assert config.is_sqlite


def test_production_without_secret_key_raises(tmp_path):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        Config(instance_path=tmp_path, production=True)
    production = Config(
        instance_path=tmp_path, production=True, secret_key="s", site_url="https://x.example"
    )
    assert production.secret_key == "s"


def test_production_without_site_url_raises(tmp_path):
    with pytest.raises(RuntimeError, match="SITE_URL"):
        Config(instance_path=tmp_path, production=True, secret_key="s")


@pytest.mark.parametrize(
    "url", ["remigracija.example.lv", "ftp://x.example", "https://x.example/sub", "https://"]
)
def test_site_url_must_be_an_origin(tmp_path, url):
    with pytest.raises(RuntimeError, match="SITE_URL"):
        Config(instance_path=tmp_path, secret_key="s", site_url=url)


def test_trusted_hosts_default_to_the_site_and_loopback_in_development(tmp_path):
    dev = Config(instance_path=tmp_path, secret_key="s")
    assert dev.trusted_hosts == ["localhost", "127.0.0.1"]
    site = Config(instance_path=tmp_path, secret_key="s", site_url="https://dati.example.lv/")
    assert site.site_url == "https://dati.example.lv"
    assert site.trusted_hosts == ["dati.example.lv", "localhost", "127.0.0.1"]
    production = Config(
        instance_path=tmp_path, secret_key="s", production=True, site_url="https://dati.example.lv"
    )
    assert production.trusted_hosts == ["dati.example.lv"]
    explicit = Config(instance_path=tmp_path, secret_key="s", trusted_hosts=["a.example"])
    assert explicit.trusted_hosts == ["a.example"]


def test_development_gets_a_random_secret_key(tmp_path):
    first = Config(instance_path=tmp_path)
    second = Config(instance_path=tmp_path)
    assert len(first.secret_key) >= 32
    assert first.secret_key != second.secret_key


def test_from_env(clean_env, tmp_path):
    clean_env.setenv("INSTANCE_PATH", str(tmp_path))
    clean_env.setenv("DATABASE_URL", "postgres://app:pw@db:5432/remigration")
    clean_env.setenv("SECRET_KEY", "s3cret")
    clean_env.setenv("REDIS_URL", "redis://cache:6379/0")
    clean_env.setenv("CACHE_TIMEOUT", "60")
    clean_env.setenv("PRODUCTION", "yes")
    clean_env.setenv("SITE_URL", "https://dati.example.lv")
    clean_env.setenv("TRUSTED_HOSTS", "dati.example.lv, www.dati.example.lv")
    clean_env.setenv("TRUSTED_PROXIES", "1")
    config = Config.from_env()
    assert config.site_url == "https://dati.example.lv"
    assert config.trusted_hosts == ["dati.example.lv", "www.dati.example.lv"]
    assert config.trusted_proxies == 1
    assert config.instance_path == Path(tmp_path)
    assert config.database_url == "postgresql+psycopg://app:pw@db:5432/remigration"
    assert config.secret_key == "s3cret"
    assert config.redis_url == "redis://cache:6379/0"
    assert config.cache_timeout == 60
    assert config.production is True
    assert config.testing is False


def test_from_env_defaults(clean_env, tmp_path):
    clean_env.setenv("INSTANCE_PATH", str(tmp_path))
    config = Config.from_env()
    assert config.database_url == f"sqlite:///{tmp_path / 'remigration.db'}"
    assert config.redis_url is None
    assert config.production is False
    assert config.cache_timeout == 3600


def test_from_env_production_without_secret_key_raises(clean_env, tmp_path):
    clean_env.setenv("INSTANCE_PATH", str(tmp_path))
    clean_env.setenv("PRODUCTION", "1")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        Config.from_env()


def test_from_env_overrides(clean_env, tmp_path):
    clean_env.setenv("INSTANCE_PATH", str(tmp_path))
    clean_env.setenv("DATABASE_URL", "sqlite:///from-env.db")
    config = Config.from_env(database_url="sqlite:///override.db", testing=True)
    assert config.database_url == "sqlite:///override.db"
    assert config.testing is True


@pytest.mark.parametrize("value", ["", "0", "false", "no", "off", "nonsense"])
def test_production_flag_off(clean_env, tmp_path, value):
    clean_env.setenv("INSTANCE_PATH", str(tmp_path))
    clean_env.setenv("PRODUCTION", value)
    assert Config.from_env().production is False


def test_cache_backend_selection(tmp_path):
    testing = Config(instance_path=tmp_path, secret_key="x", testing=True)
    assert _cache_config(testing)["CACHE_TYPE"] == "SimpleCache"

    redis = Config(instance_path=tmp_path, secret_key="x", redis_url="redis://h:6379/1")
    settings = _cache_config(redis)
    assert settings["CACHE_TYPE"] == "RedisCache"
    assert settings["CACHE_REDIS_URL"] == "redis://h:6379/1"
    # Each database gets its own key space on a shared Redis.
    other = Config(
        instance_path=tmp_path,
        secret_key="x",
        redis_url="redis://h:6379/1",
        database_url="sqlite://",
    )
    assert settings["CACHE_KEY_PREFIX"].startswith("remigration:")
    assert _cache_config(other)["CACHE_KEY_PREFIX"] != settings["CACHE_KEY_PREFIX"]
    # With testing=True a Redis URL still wins (that is how the tests exercise Redis).
    assert (
        _cache_config(
            Config(instance_path=tmp_path, secret_key="x", testing=True, redis_url="redis://h/15")
        )["CACHE_TYPE"]
        == "RedisCache"
    )

    plain = Config(instance_path=tmp_path, secret_key="x", cache_timeout=5)
    settings = _cache_config(plain)
    assert settings["CACHE_TYPE"] == "FileSystemCache"
    assert settings["CACHE_DIR"] == str(tmp_path / "cache")
    assert settings["CACHE_DEFAULT_TIMEOUT"] == 5
