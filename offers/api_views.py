"""The page where an employer member gets the token of the API (``/espace-employeur/api/``)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token

from offers import selectors


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request):
    employers = selectors.employers_of(user=request.user)
    if not employers.exists():
        raise Http404
    if request.method == "POST":
        # A new key replaces the old one at once: scripts still using it get 401 from now on.
        with transaction.atomic():
            replaced, _ = Token.objects.filter(user=request.user).delete()
            Token.objects.create(user=request.user)
        messages.success(
            request,
            "Votre nouvelle clé est prête ; l'ancienne ne marche plus."
            if replaced
            else "Votre clé est prête.",
        )
        return redirect("offers:api_token")
    token = Token.objects.filter(user=request.user).first()
    return render(
        request,
        "offers/manage/api.html",
        {"token": token, "employers": employers, "site_url": settings.SITE_URL},
    )
