"""Account pages: sign-up, login, dashboard, organisation."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from accounts import selectors, services
from accounts.forms import LoginForm, OrganisationForm, PersonForm


def signup_choice(request):
    return render(request, "accounts/signup_choice.html")


@require_http_methods(["GET", "POST"])
def signup_resident(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.resident_signup(
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Votre compte est créé. Bienvenue !")
        return redirect("accounts:dashboard")
    return render(request, "accounts/signup_resident.html", {"form": form})


@require_http_methods(["GET", "POST"])
def signup_employer(request):
    person = PersonForm(request.POST or None, prefix="person")
    organisation = OrganisationForm(request.POST or None, prefix="organisation")
    if request.method == "POST" and person.is_valid() and organisation.is_valid():
        user = services.employer_signup(
            first_name=person.cleaned_data["first_name"],
            last_name=person.cleaned_data["last_name"],
            email=person.cleaned_data["email"],
            password=person.cleaned_data["password1"],
            organisation=organisation.save(commit=False),
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Votre compte employeur est créé.")
        return redirect("accounts:dashboard")
    return render(
        request, "accounts/signup_employer.html", {"person": person, "organisation": organisation}
    )


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
def dashboard(request):
    organisations = selectors.organisations_of(user=request.user)
    return render(request, "accounts/dashboard.html", {"organisations": organisations})


@login_required
def organisation_detail(request, pk: int):
    organisation = selectors.organisation_for_member(user=request.user, pk=pk)
    members = selectors.members_of(organisation=organisation)
    return render(
        request,
        "accounts/organisation_detail.html",
        {"organisation": organisation, "members": members},
    )
