"""Who may see a profile page: its resident only. Anyone else gets a 404, as if the page did
not exist (a page that answered 403 would tell an outsider there is something there)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from rest_framework.permissions import BasePermission

from accounts.models import User


def is_resident(user) -> bool:
    return user.is_authenticated and user.role == User.Role.RESIDENT


def resident_required(view):
    """Logged in (else the login page), as a resident (else 404)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_resident(request.user):
            raise Http404("Page réservée aux habitants.")
        return view(request, *args, **kwargs)

    return wrapper


class IsResident(BasePermission):
    """The API's ``/me/profile/`` answers residents only (403 for anyone else)."""

    message = "Réservé aux habitants en recherche d'emploi."

    def has_permission(self, request, view):
        return is_resident(request.user)
