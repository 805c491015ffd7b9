"""Login rate limit: failures counted per e-mail address and per client address in the cache.

An address may be shared by a whole advice centre, so it gets ten times the allowance of one
e-mail address.

The limit fails open: when the cache (Redis) cannot be reached, a warning is logged and the
attempt goes ahead, because refusing every login would lock everyone out.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError

ADDRESS_FACTOR = 10
# What a cache backend raises when its server is away: redis-py's errors, or socket errors.
CACHE_ERRORS = (RedisError, OSError)

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The address of the client. Behind the reverse proxy (``BEHIND_PROXY``), REMOTE_ADDR is the
    proxy's own: the client's is the last entry of X-Forwarded-For, the one the proxy appended
    (earlier entries come from the client and can be anything)."""
    if request is None:
        return ""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")


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
    """True when ``email`` or ``address`` used up its failures; False when the cache is down."""
    limits = _limits(email, address)
    try:
        counts = cache.get_many(list(limits))
    except CACHE_ERRORS as error:
        logger.warning("Login rate limit not checked, the cache is unreachable: %s", error)
        return False
    return any(count >= limits[key] for key, count in counts.items())


def record_failure(email: str, address: str) -> None:
    """Count one failed attempt for ``email`` and ``address`` (nothing when the cache is down)."""
    try:
        for key in _limits(email, address):
            cache.add(key, 0, timeout=settings.LOGIN_RATE_WINDOW)
            cache.incr(key)
    except CACHE_ERRORS as error:
        logger.warning("Login failure not counted, the cache is unreachable: %s", error)


def forget(email: str) -> None:
    """Forget the failures counted for ``email``: its owner just proved who they are (right
    password, or a new one chosen through the reset link). The client address keeps its count,
    so that logging into one's own account does not reset a guesser's allowance."""
    try:
        cache.delete_many(list(_limits(email.strip().lower(), "")))
    except CACHE_ERRORS as error:
        logger.warning("Login failures not forgotten, the cache is unreachable: %s", error)
