"""The matcher listens to the floors below: offers and profiles that change are re-scored."""

from django.db import transaction
from django.dispatch import receiver

from matching import runs
from matching.models import Dirty
from matching.tasks import schedule_dirty
from offers.signals import offers_changed
from residents.signals import profile_changed


def _mark(kind: str, ids) -> None:
    ids = [int(i) for i in ids]
    if not ids:
        return
    with transaction.atomic():
        runs.dirty_mark(kind, ids)
    schedule_dirty()


@receiver(offers_changed)
def on_offers_changed(sender, offer_ids, **kwargs):
    _mark(Dirty.Kind.OFFER, offer_ids)


@receiver(profile_changed)
def on_profile_changed(sender, profile_ids, **kwargs):
    _mark(Dirty.Kind.PROFILE, profile_ids)
