"""The residents floor listens to the accounts floor: a login is activity."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.models import User
from residents import privacy


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    # Coming back cancels the inactivity warning (see residents.privacy).
    if getattr(user, "role", None) == User.Role.RESIDENT:
        privacy.activity_record(user=user)
