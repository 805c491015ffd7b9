"""The observatory's results, cached in Redis.

A key holds the figure's name, its filters and the version of each kind of data it reads
(offers, applications, matching…). A change of that data bumps its version (``receivers``), so
the next request computes afresh; the short TTL catches whatever no signal announces (matches
re-scored one by one, edits in the admin). If the cache is down, figures are computed directly.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)
T = TypeVar("T")
TTL = 600  # seconds
# Figures of the matcher's run change with a new run (its version is bumped then) and drift
# slowly with re-scores in between: kept longer, as they cost most to compute.
LONG_TTL = 3600
PREFIX = "observatory"
DOMAINS = ("offers", "applications", "matching", "referrals", "clauses", "reference")


def _version_key(domain: str) -> str:
    return f"{PREFIX}:version:{domain}"


def versions(domains: tuple[str, ...]) -> str:
    keys = [_version_key(d) for d in domains]
    found = cache.get_many(keys)
    return ".".join(str(found.get(key, 0)) for key in keys)


def bump(*domains: str) -> None:
    """The data of ``domains`` changed: results that read it are computed again."""
    for domain in domains:
        key = _version_key(domain)
        with contextlib.suppress(Exception):  # the cache is down: the TTL expires them anyway
            if not cache.add(key, 1, timeout=None):
                cache.incr(key)


def cached(name: str, key: str, domains: tuple[str, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or its cached result for this figure ``name``, filters ``key`` and the
    current versions of ``domains``."""
    try:
        full = f"{PREFIX}:{name}:{versions(domains)}:{key}"
        found = cache.get(full)
    except Exception:
        logger.warning("Observatory cache unavailable", exc_info=True)
        return compute()
    if found is not None:
        return found[0]
    value = compute()
    ttl = LONG_TTL if domains and domains[0] == "matching" else TTL
    with contextlib.suppress(Exception):
        cache.set(full, (value,), ttl)  # wrapped: a result of None is cached too
    return value
