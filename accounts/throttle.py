"""Limits on repeated failed sign-ins and password reset requests.

Counts live in the cache for a fixed window that starts with the first
failure. A user name is blocked for one client address after a few
failures, so that guessing from one computer stops soon while a stranger
cannot lock the owner out from another computer. Higher limits per user
name over all addresses, and per address over all user names, slow down
guessing spread over many computers or many accounts.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_USERNAME_AND_ADDRESS = 5
MAX_FAILURES_PER_USERNAME = 50
MAX_FAILURES_PER_ADDRESS = 30
MAX_RESETS_PER_ADDRESS = 5


def _key(kind: str, value: str) -> str:
    # Hashed, so that the cache holds no user names or addresses in clear.
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()
    return f"accounts:throttle:{kind}:{digest}"


def client_address(request) -> str:
    """Return the client's address, from the proxy's header when one is set."""
    if request is None:
        return ""
    header = settings.CLIENT_ADDRESS_HEADER
    if header and request.META.get(header):
        return request.META[header].strip()
    return request.META.get("REMOTE_ADDR", "")


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


def _pair(username: str, address: str) -> str:
    return f"{username.strip().lower()}\n{address}"


def sign_in_blocked(username: str, address: str) -> bool:
    return (
        _count("pair", _pair(username, address))
        >= MAX_FAILURES_PER_USERNAME_AND_ADDRESS
        or _count("username", username) >= MAX_FAILURES_PER_USERNAME
        or _count("address", address) >= MAX_FAILURES_PER_ADDRESS
    )


def record_failed_sign_in(username: str, address: str) -> None:
    limits = {
        "pair": (_pair(username, address), MAX_FAILURES_PER_USERNAME_AND_ADDRESS),
        "username": (username, MAX_FAILURES_PER_USERNAME),
        "address": (address, MAX_FAILURES_PER_ADDRESS),
    }
    for kind, (value, limit) in limits.items():
        if _add(kind, value) == limit:
            logger.warning(
                "sign-in blocked after repeated failures limit=%s window=%ss",
                kind,
                WINDOW_SECONDS,
            )


def clear_failed_sign_ins(username: str, address: str) -> None:
    cache.delete(_key("pair", _pair(username, address)))


def reset_request_allowed(address: str) -> bool:
    """Count a password reset request; return False past the limit."""
    return _add("reset", address) <= MAX_RESETS_PER_ADDRESS
