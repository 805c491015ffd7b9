"""Forms of the application pages: apply, filter the inbox, move one or several applications."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from applications import workflow
from applications.models import RefusalReason, Status
from offers.rules import french_date, years_later
from residents.cv import cv_kind

NO_REASON = [("", "Choisissez une raison")]
REASON_REQUIRED = "Choisissez la raison du refus : la personne la verra."
# Said where the employer picks the reason of an application's refusal: « Autre raison » tells
# the person nothing. A referral's page says its own (``RefuseForm(help_text=…)``).
REASON_HELP = (
    "La personne la verra dans ses candidatures et dans l'e-mail qui la prévient. "
    "« Autre raison » ne lui dit pas pourquoi : écrivez-lui si vous voulez l'expliquer."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ApplyForm(forms.Form):
    message = forms.CharField(
        label="Votre message à l'employeur",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Facultatif. Quelques lignes suffisent : pourquoi ce poste vous intéresse, "
        "quand vous êtes disponible.",
    )
    cv_choice = forms.ChoiceField(label="Votre CV", widget=forms.RadioSelect)
    cv = forms.FileField(
        label="Fichier du CV",
        required=False,
        help_text="PDF, Word (.docx) ou OpenDocument (.odt), 5 Mo au plus.",
    )

    def __init__(self, *args, profile_cv_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        if profile_cv_name:
            choices.append(("profile", f"Joindre le CV de mon profil ({profile_cv_name})"))
        upload = "Envoyer un autre CV" if profile_cv_name else "Envoyer un CV"
        choices += [("upload", upload), ("none", "Postuler sans CV")]
        self.fields["cv_choice"].choices = choices
        self.fields["cv_choice"].initial = "profile" if profile_cv_name else "none"

    def clean_cv(self):
        upload = self.cleaned_data.get("cv")
        if upload:
            cv_kind(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("cv"):
            data["cv_choice"] = "upload"  # a chosen file says what the person wants
        elif data.get("cv_choice") == "upload" and "cv" not in self.errors:
            self.add_error("cv", "Choisissez le fichier de votre CV, ou une autre option.")
        return data


class OfferChoiceField(forms.ModelChoiceField):
    """Two offers may share a title (a draft and the filled one): their state and date tell
    them apart."""

    def label_from_instance(self, obj):
        return (
            f"{obj.title} — {obj.get_status_display().lower()}, "
            f"créée le {french_date(timezone.localdate(obj.created_at))}"
        )


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="État", required=False, choices=[("", "Tous les états"), *Status.choices]
    )
    offer = OfferChoiceField(
        label="Offre", required=False, queryset=None, empty_label="Toutes les offres"
    )
    since = forms.DateField(label="Reçues depuis le", required=False, widget=DateInput())
    until = forms.DateField(label="Reçues jusqu'au", required=False, widget=DateInput())

    def __init__(self, *args, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offers is None:
            del self.fields["offer"]
        else:
            self.fields["offer"].queryset = offers

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error(
                "until",
                f"Choisissez une date à partir du {french_date(since)} : "
                "elle ne peut pas être avant « Reçues depuis le ».",
            )
        return data

    def filters(self) -> dict:
        """The valid filters; a bad value is ignored rather than hiding every row."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "")
        }


class BulkMoveForm(forms.Form):
    applications = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Cochez au moins une candidature."},
    )
    action = forms.ChoiceField(
        label="Action sur les candidatures cochées",
        choices=[(name, workflow.TRANSITIONS[name].label) for name in workflow.BULK],
    )
    reason = forms.ChoiceField(
        label="Raison du refus", required=False, choices=NO_REASON + RefusalReason.choices
    )

    def __init__(self, *args, applications=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = applications

    def clean(self):
        data = super().clean()
        if data.get("action") == "refuse" and not data.get("reason"):
            self.add_error("reason", REASON_REQUIRED)
        return data


# A hire may be recorded late, but not a year after the contract began, nor for a contract that
# starts more than two years from now.
HIRE_YEARS_BEFORE, HIRE_YEARS_AFTER = 1, 2


def hire_start_bounds() -> tuple[date, date]:
    """The first and last contract start date an employer may record today."""
    today = timezone.localdate()
    return years_later(today, -HIRE_YEARS_BEFORE), years_later(today, HIRE_YEARS_AFTER)


def hire_start_error(value: date) -> str | None:
    """Why ``value`` is not a contract start date (None when it is one); the API says the same."""
    earliest, latest = hire_start_bounds()
    if earliest <= value <= latest:
        return None
    return (
        f"Indiquez une date de début entre le {french_date(earliest)} et le {french_date(latest)}."
    )


class HireForm(forms.Form):
    """Hire, for an application or a referral: the contract's start date."""

    hired_start = forms.DateField(label="Date de début du contrat", widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        earliest, latest = hire_start_bounds()
        self.fields["hired_start"].widget.attrs.update(
            min=earliest.isoformat(), max=latest.isoformat()
        )

    def clean_hired_start(self):
        value = self.cleaned_data["hired_start"]
        error = hire_start_error(value)
        if error:
            raise ValidationError(error, code="hired_start")
        return value


class RefuseForm(forms.Form):
    """Refuse, for an application or a referral; ``help_text`` says who reads the reason."""

    # The empty choice is caught by the required check, before any clean_reason: the message
    # is that check's.
    reason = forms.ChoiceField(
        label="Raison du refus",
        choices=NO_REASON + RefusalReason.choices,
        error_messages={"required": REASON_REQUIRED},
    )

    def __init__(self, *args, help_text: str = REASON_HELP, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text
