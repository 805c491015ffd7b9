"""Pages of the resident's personal data: what is held and who looked ("Mes données"), the JSON
download, and the erasure of the account (confirmed with the password)."""

import json

from django import forms
from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts import ratelimit
from residents import privacy, selectors
from residents.models import Profile
from residents.permissions import resident_required


class EraseForm(forms.Form):
    password = forms.CharField(
        label="Votre mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Tapez votre mot de passe pour confirmer."},
    )

    def __init__(self, *args, user, address: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.address = user, address

    def clean_password(self):
        password = self.cleaned_data["password"]
        # The same allowance as the login form: this form must not help guess a password.
        if ratelimit.blocked(self.user.email, self.address):
            raise forms.ValidationError(
                "Trop d'essais. Attendez quelques minutes, puis réessayez.", code="blocked"
            )
        if not self.user.check_password(password):
            ratelimit.record_failure(self.user.email, self.address)
            raise forms.ValidationError(
                "Ce n'est pas votre mot de passe. Votre compte n'est pas supprimé.", code="wrong"
            )
        return password


@resident_required
@never_cache
@require_GET
def my_data(request):
    """``/mon-profil/mes-donnees/``: what is held, who opened the profile, download, erase."""
    profile = Profile.objects.filter(user=request.user).first()
    context = {"views": selectors.profile_views_log(profile), "profile": profile}
    return render(request, "residents/my_data.html", context)


@resident_required
@never_cache
@require_GET
def my_data_download(request):
    """The JSON file of everything held about the resident, as an attachment."""
    data = privacy.personal_data_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode(), content_type="application/json; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mes-donnees-vitrine-{day}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@resident_required
@never_cache
@require_http_methods(["GET", "POST"])
def account_erase(request):
    """Confirm with the password, erase, log out, then say what was kept."""
    posted = request.method == "POST"
    form = EraseForm(
        request.POST if posted else None,
        user=request.user,
        address=ratelimit.client_address(request),
    )
    if posted and form.is_valid():
        privacy.account_erase(user=request.user, by=request.user)
        logout(request)
        return redirect("residents:account_erased")
    return render(request, "residents/account_erase.html", {"form": form})


@require_GET
def account_erased(request):
    """The confirmation, seen once logged out."""
    return render(request, "residents/account_erased.html")
