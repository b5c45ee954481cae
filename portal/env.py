"""Strict readers for settings from the environment: a bad value stops start-up naming the variable."""

import os
import re
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


def _raw(name: str, default):
    value = os.environ.get(name)
    if value is None or value == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"{name} must be set.")
        return default
    return value


def env_str(name: str, default=_MISSING) -> str:
    return _raw(name, default)


def env_bool(name: str, default=_MISSING) -> bool:
    value = _raw(name, default)
    if isinstance(value, bool):
        return value
    if value not in ("true", "false"):
        raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {value!r}.")
    return value == "true"


def env_int(name: str, default=_MISSING) -> int:
    value = _raw(name, default)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default=_MISSING) -> list[str]:
    value = _raw(name, default)
    if isinstance(value, list):
        return value
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name} must be a comma-separated list with no empty items.")
    return items


def env_choice(name: str, choices: tuple[str, ...], default=_MISSING) -> str:
    value = _raw(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


def env_url(name: str, schemes: tuple[str, ...], default=_MISSING) -> str:
    value = _raw(name, default)
    parsed = urlparse(value)
    if parsed.scheme not in schemes or not (parsed.netloc or parsed.path):
        raise ImproperlyConfigured(
            f"{name} must be a URL starting with {' or '.join(s + '://' for s in schemes)}."
        )
    return value


RATE_PERIODS = ("sec", "min", "hour", "day")


def env_rate(name: str, default=_MISSING) -> str:
    """A request rate as DRF's throttles read it: <n>/<sec|min|hour|day>, n at least 1."""
    value = _raw(name, default)
    # DRF reads only the period's first letter, so "5/mango" would silently mean five a minute.
    if not re.fullmatch(rf"[1-9][0-9]{{0,8}}/({'|'.join(RATE_PERIODS)})", value):
        raise ImproperlyConfigured(
            f"{name} must be a number of requests per {', '.join(RATE_PERIODS)}, such as 600/min, "
            f"not {value!r}."
        )
    return value
