"""Forms of the account pages: sign-up (resident, employer), login with a rate limit."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Case, IntegerField, Value, When

from accounts import ratelimit
from accounts.models import Membership, Organisation, User
from accounts.services import role_mismatch
from accounts.validators import normalize_siret, validate_siret
from referentiel.models import Commune


class CommuneChoiceField(forms.ModelChoiceField):
    """Communes of Île-de-France, the territory's first."""

    def __init__(self, **kwargs):
        queryset = Commune.objects.annotate(
            order=Case(
                When(in_territory=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("order", "name")
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.departement_code})"


class PersonForm(forms.ModelForm):
    password1 = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Au moins 10 caractères, pas seulement des chiffres.",
    )
    password2 = forms.CharField(
        label="Mot de passe, une deuxième fois",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "Un compte existe déjà avec cette adresse. Connectez-vous, ou utilisez "
                "« Mot de passe oublié »."
            )
        return email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        elif first:
            candidate = User(
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class OrganisationForm(forms.ModelForm):
    commune = CommuneChoiceField(label="Commune de l'établissement")

    class Meta:
        model = Organisation
        fields = ["name", "siret", "employer_kind", "commune"]
        labels = {"name": "Nom de l'employeur"}
        help_texts = {"siret": "14 chiffres, sur votre extrait Kbis ou vos fiches de paie."}
        widgets = {"siret": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["siret"].required = True
        self.fields["employer_kind"].required = True
        # The model validator runs on the normalised value, in clean_siret.
        self.fields["siret"].validators = []
        self.fields["siret"].max_length = None
        self.fields["siret"].widget.attrs.pop("maxlength", None)

    def clean_siret(self):
        siret = normalize_siret(self.cleaned_data["siret"])
        validate_siret(siret)
        taken = Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER, siret=siret)
        if self.instance.pk is None and taken.exists():
            raise forms.ValidationError(
                "Cet établissement a déjà un compte sur la Vitrine : demandez à son "
                "administrateur de vous inviter (Mon espace, puis le nom de l'employeur)."
            )
        return siret


class RateLimitedLogin:
    """Mixin for Django's login forms: refuse further attempts after too many failures
    (``accounts.ratelimit``), even with the right password.

    Only a wrong password (or an unknown address) is a failure. The right password of an
    account the page refuses (the admin's login page is for staff only) is not: a resident who
    mistakes ``/admin/`` for their space is not locked out of the site."""

    rate_limited_message = (
        "Trop de tentatives de connexion. Attendez un quart d'heure, ou choisissez "
        "« Mot de passe oublié »."
    )

    def clean(self):
        email = (self.data.get("username") or "").strip().lower()
        address = ratelimit.client_address(self.request)
        if ratelimit.blocked(email, address):
            raise forms.ValidationError(self.rate_limited_message, code="rate_limited")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if self.user_cache is None:  # not authenticated: the password was wrong
                ratelimit.record_failure(email, address)
            raise
        ratelimit.forget(email)
        return cleaned


class LoginForm(RateLimitedLogin, AuthenticationForm):
    """The login page of the site."""

    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé.",
    }


class AdminLoginForm(RateLimitedLogin, AdminAuthenticationForm):
    """The login page of Django's admin (``/admin/login/``), under the same limit."""


class InviteForm(forms.Form):
    email = forms.EmailField(label="Adresse e-mail de la personne à inviter")
    role = forms.ChoiceField(
        label="Rôle",
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        help_text="Un administrateur peut à son tour inviter des membres.",
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.organisation and self.organisation.memberships.filter(user__email=email).exists():
            raise forms.ValidationError("Cette personne fait déjà partie de l'organisation.")
        user = User.objects.filter(email__iexact=email).first()
        if self.organisation and user and (reason := role_mismatch(user, self.organisation)):
            raise forms.ValidationError(reason)
        return email


class InvitedPersonForm(PersonForm):
    """Sign-up through an invitation: the e-mail address is the invited one."""

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].initial = email
        self.fields["email"].disabled = True
