"""Reading the settings' environment variables: flags, numbers, lists, and the URLs that name
a Redis queue or a mail server; and the settings' values built from them (the caches, the
embedded site's secret key). Plain functions of os.environ and their arguments, imported by
settings.py (and by tests/settings.py); no Django setting is read here."""

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def required_env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when MANCHETTE_ENV=production (see README).")
    return value


def rq_queue(url: str) -> dict[str, Any]:
    """The task queue's Redis, with retries that carry a worker across a Redis restart.

    Without them a worker that is running a task when Redis goes away quits as soon as it
    reports the result, and its scheduler (deferred tasks) dies with the first failed command.
    """
    from redis.backoff import ExponentialBackoff
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from redis.retry import Retry

    parts = urlsplit(url)
    return {
        "HOST": parts.hostname or "127.0.0.1",
        "PORT": parts.port or 6379,
        "DB": int(parts.path.strip("/") or 0),
        "USERNAME": unquote(parts.username) if parts.username else None,
        "PASSWORD": unquote(parts.password) if parts.password else None,
        "SSL": parts.scheme == "rediss",
        # Up to about a minute of retries, two seconds apart at most.
        "REDIS_CLIENT_KWARGS": {
            "retry": Retry(ExponentialBackoff(cap=2, base=0.1), 35),
            "retry_on_error": [RedisConnectionError, RedisTimeoutError],
        },
    }


def mailer_from_url(url: str) -> dict[str, Any]:
    """smtp://user:password@host:port, smtp+tls:// (STARTTLS) or smtp+ssl:// (implicit TLS)."""
    parts = urlsplit(url)
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname,
            "port": parts.port or 25,
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_tls": parts.scheme == "smtp+tls",
            "use_ssl": parts.scheme == "smtp+ssl",
            "timeout": 20,
        },
    }


def embedded_secret_key(var_dir: Path) -> str:
    """The embedded site keeps one random key per checkout, so sessions survive restarts."""
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


def redis_caches(url: str) -> dict[str, dict[str, Any]]:
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}


def embedded_caches() -> dict[str, dict[str, Any]]:
    """Without Redis, page fragments are cached per content generation
    (manchette/website/generation.py): room for a few per article, in each process. Rate limits
    must hold across processes and restarts: their keys go to the database
    (manchette/website/shared_cache.py)."""
    return {
        "default": {
            "BACKEND": "manchette.website.shared_cache.LocalWithSharedLimits",
            "OPTIONS": {"MAX_ENTRIES": 5000, "SHARED": "shared"},
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "manchette_shared_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
