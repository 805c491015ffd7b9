"""Project-level tasks: a round trip used to check that workers answer."""

from celery import shared_task
from django.contrib.auth import get_user_model


@shared_task
def ping() -> dict:
    """Answer with the number of user accounts: proves the worker reaches the database too."""
    return {"pong": True, "users": get_user_model().objects.count()}
