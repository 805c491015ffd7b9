"""Short-lived cache of what the public search shows to anonymous visitors.

The key holds the search version, bumped by ``offers.services`` whenever an offer changes, so a
change is visible at once; otherwise entries live five minutes (what no change announces, such as
"publiées depuis 7 jours" sliding with the clock, is at most that late). Each entry's life gets up
to a minute more at random, so that pages cached together do not all expire together and send
every worker to the database at the same moment. Only requests that carry no session, no messages
and no credentials are served from it: nothing personal is ever cached or shared.
"""

import contextlib
import hashlib
import random

from django.core.cache import cache

from offers.search import VERSION_KEY

SECONDS = 300
JITTER_SECONDS = 60
PRIVATE_COOKIES = ("sessionid", "messages")


def public_key(request, kind: str) -> str | None:
    """A cache key for this anonymous GET request, or None when it must not be cached."""
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return None
    if any(name in request.COOKIES for name in PRIVATE_COOKIES):
        return None
    try:
        version = cache.get(VERSION_KEY, 0)
    except Exception:  # the cache being down only means no caching
        return None
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"offers:{kind}:{version}:{digest}"


def get(key: str | None):
    if key is None:
        return None
    try:
        return cache.get(key)
    except Exception:
        return None


def put(key: str | None, value) -> None:
    if key is None:
        return
    with contextlib.suppress(Exception):  # a missing cache entry is only slower
        cache.set(key, value, SECONDS + random.randint(0, JITTER_SECONDS))  # noqa: S311
