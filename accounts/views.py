"""Account pages: sign-up, login, dashboard, organisation."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods

from accounts import ratelimit, selectors, services
from accounts.forms import InvitedPersonForm, InviteForm, LoginForm, OrganisationForm, PersonForm
from accounts.models import Invitation, Membership, User


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
        return redirect("space")
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
        return redirect("space")
    return render(
        request, "accounts/signup_employer.html", {"person": person, "organisation": organisation}
    )


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST (the menu's button), which then says it is done. A GET (a bookmark,
    an address typed) shows a page with that button instead of an empty 405."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "accounts/logout.html")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "Déconnexion faite. À bientôt sur la Vitrine !")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password chosen through the link lifts the login block the login page points to."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        ratelimit.forget(form.user.email)
        return response


@login_required
def dashboard(request):
    organisations = selectors.organisations_of(user=request.user)
    return render(request, "accounts/dashboard.html", {"organisations": organisations})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_detail(request, pk: int):
    organisation = selectors.organisation_for_member(user=request.user, pk=pk)
    members = selectors.members_of(organisation=organisation)
    is_admin = members.filter(user=request.user, role=Membership.Role.ADMIN).exists()
    form = InviteForm(request.POST or None, organisation=organisation) if is_admin else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            services.member_invite(
                organisation=organisation,
                by=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
            messages.success(request, f"Invitation envoyée à {form.cleaned_data['email']}.")
            return redirect("accounts:organisation", pk=organisation.pk)
    context = {"organisation": organisation, "members": members, "form": form}
    return render(request, "accounts/organisation_detail.html", context)


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    if not services.invitation_valid(invitation):
        context = {"invitation": invitation, "expired": True}
        return render(request, "accounts/invitation.html", context)
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=request.user)
            except PermissionDenied as error:
                messages.error(request, str(error))
                return redirect("accounts:dashboard")
            messages.success(request, f"Vous avez rejoint {invitation.organisation.name}.")
            return redirect("accounts:organisation", pk=invitation.organisation_id)
        return render(request, "accounts/invitation.html", {"invitation": invitation})
    if User.objects.filter(email__iexact=invitation.email).exists():
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    form = InvitedPersonForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        user = services.invited_signup(
            invitation=invitation,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Bienvenue chez {invitation.organisation.name}.")
        return redirect("accounts:organisation", pk=invitation.organisation_id)
    context = {"invitation": invitation, "form": form}
    return render(request, "accounts/invitation.html", context)
