"""Reading the settings' environment variables: flags, numbers, lists, and the URLs that name
a Redis queue or a mail server. Plain functions of os.environ, imported by settings.py (and by
tests/settings.py); no Django setting is read here."""

import os
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


def rq_queue(url: str) -> dict:
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


def mailer_from_url(url: str) -> dict:
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
