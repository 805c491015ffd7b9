"""Login rate limit: failures counted per e-mail address and per client address in the cache.

An address may be shared by a whole advice centre, so it gets ten times the allowance of one
e-mail address.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

ADDRESS_FACTOR = 10


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def _limits(email: str, address: str) -> dict[str, int]:
    limits = {}
    for kind, value, limit in (
        ("email", email, settings.LOGIN_RATE_LIMIT),
        ("ip", address, settings.LOGIN_RATE_LIMIT * ADDRESS_FACTOR),
    ):
        if value:
            digest = hashlib.sha256(value.encode()).hexdigest()[:32]
            limits[f"login-failures:{kind}:{digest}"] = limit
    return limits


def blocked(email: str, address: str) -> bool:
    limits = _limits(email, address)
    counts = cache.get_many(list(limits))
    return any(count >= limits[key] for key, count in counts.items())


def record_failure(email: str, address: str) -> None:
    for key in _limits(email, address):
        cache.add(key, 0, timeout=settings.LOGIN_RATE_WINDOW)
        cache.incr(key)
