"""Limits on repeated failed sign-ins and password reset requests.

Counts live in the cache, per user name and per client address, for a
fixed window that starts with the first failure.
"""

import hashlib
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_ADDRESS = 30
MAX_RESETS_PER_ADDRESS = 5


def _key(kind: str, value: str) -> str:
    # Hashed, so that the cache holds no user names or addresses in clear.
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()
    return f"accounts:throttle:{kind}:{digest}"


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request else ""


def _count(kind: str, value: str) -> int:
    return cache.get(_key(kind, value), 0)


def _add(kind: str, value: str) -> int:
    key = _key(kind, value)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr().
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def sign_in_blocked(username: str, address: str) -> bool:
    return (
        _count("username", username) >= MAX_FAILURES_PER_USERNAME
        or _count("address", address) >= MAX_FAILURES_PER_ADDRESS
    )


def record_failed_sign_in(username: str, address: str) -> None:
    failures = _add("username", username)
    _add("address", address)
    if failures == MAX_FAILURES_PER_USERNAME:
        logger.warning(
            "sign-in blocked after repeated failures window=%ss", WINDOW_SECONDS
        )


def clear_failed_sign_ins(username: str) -> None:
    cache.delete(_key("username", username))


def reset_request_allowed(address: str) -> bool:
    """Count a password reset request; return False past the limit."""
    return _add("reset", address) <= MAX_RESETS_PER_ADDRESS
