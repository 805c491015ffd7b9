"""The offers floor listens to the accounts floor."""

from django.dispatch import receiver

from accounts.signals import organisation_suspended
from offers.services import organisation_offers_hide


@receiver(organisation_suspended)
def on_organisation_suspended(sender, organisation, **kwargs):
    organisation_offers_hide(organisation=organisation)
