"""Back-office reads and writes: reference-data versions and reload, user search."""

from __future__ import annotations

import contextlib
import logging

from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet

from accounts.models import Membership, User
from observatory.cache import bump
from referentiel.loader import load_all
from referentiel.models import Dataset

logger = logging.getLogger(__name__)
RELOAD_KEY = "observatory:referentiel-reload"
RELOAD_SECONDS = 600  # a reload takes under a minute; the key keeps a second click out


def datasets() -> QuerySet[Dataset]:
    return Dataset.objects.order_by("name")


def referentiel_reload_requested() -> bool:
    """Mark a reload as queued; False when one is already queued or running."""
    try:
        return cache.add(RELOAD_KEY, 1, RELOAD_SECONDS)
    except Exception:
        return True  # no cache to coordinate: the load is idempotent anyway


def referentiel_reload_abandoned() -> None:
    """The reload could not be queued (broker down): free the mark so staff can try again."""
    with contextlib.suppress(Exception):
        cache.delete(RELOAD_KEY)


def referentiel_reload(*, force: bool = False) -> list[dict]:
    """Load every reference dataset whose files changed (all with ``force``); returns what
    was done, one dict per dataset. Cached figures that read the reference data are renewed."""
    try:
        reports = load_all(force=force)
    finally:
        with contextlib.suppress(Exception):
            cache.delete(RELOAD_KEY)
    bump("reference")
    with contextlib.suppress(Exception):
        cache.delete("observatory:communes")
    logger.info("Reference data reloaded: %s", [(r.name, r.rows, r.changed) for r in reports])
    return [{"name": r.name, "rows": r.rows, "changed": r.changed} for r in reports]


def users_search(*, query: str = "", role: str = "") -> QuerySet[User]:
    """Accounts whose e-mail, first or last name contain every word of ``query``, of ``role``
    if given, with their memberships (two queries)."""
    users = User.objects.all()
    for word in query.split()[:5]:
        users = users.filter(
            Q(email__icontains=word) | Q(first_name__icontains=word) | Q(last_name__icontains=word)
        )
    if role:
        users = users.filter(role=role)
    memberships = Membership.objects.select_related("organisation").order_by("organisation__name")
    return users.prefetch_related(Prefetch("memberships", queryset=memberships)).order_by(
        "last_name", "first_name", "email"
    )
