"""Forms of the consents page: give or revoke a consent, choose e-mails, and the opt-in
proposed at the end of the steps."""

from django import forms

from residents import selectors
from residents.models import Consent


class ConsentForm(forms.Form):
    """One button of the consents page: give or revoke one consent."""

    kind = forms.ChoiceField(choices=Consent.Kind.choices)
    action = forms.ChoiceField(choices=[("give", "Donner"), ("revoke", "Retirer")])
    structure = forms.ModelChoiceField(
        label="Structure d'accompagnement",
        queryset=selectors.followup_structures(),
        required=False,
        empty_label="Choisissez une structure",
        error_messages={"invalid_choice": "Choisissez une structure dans la liste."},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Consent.Kind.FOLLOWUP and not cleaned.get("structure"):
            if "structure" not in self.errors:
                self.add_error("structure", "Choisissez une structure dans la liste.")
        elif cleaned.get("kind") != Consent.Kind.FOLLOWUP:
            cleaned["structure"] = None
        return cleaned


class NotificationsForm(forms.Form):
    notify_applications = forms.BooleanField(label="Où en sont mes candidatures", required=False)
    notify_referrals = forms.BooleanField(
        label="Les offres que mon conseiller me propose", required=False
    )
    notify_offers = forms.BooleanField(
        label="Les nouvelles offres qui me correspondent", required=False
    )

    FIELDS = ("notify_applications", "notify_referrals", "notify_offers")

    @classmethod
    def for_profile(cls, data, profile):
        initial = {name: getattr(profile, name) for name in cls.FIELDS}
        return cls(data, initial=initial, prefix="emails")


class FinishForm(forms.Form):
    matching = forms.BooleanField(
        label="Oui, je veux recevoir des offres qui me correspondent",
        required=False,
        help_text="Vous pourrez changer d'avis à tout moment, dans « Mes accords ».",
    )
