"""Forms of the insertion clauses: an operation, attach an offer, hours worked, eligibility."""

from decimal import Decimal

from django import forms

from applications.forms import DateInput
from clauses.models import ClauseOperation, Public, validate_hours
from vitrine.french import number


class OperationForm(forms.ModelForm):
    class Meta:
        model = ClauseOperation
        fields = ["name", "contracting_authority", "lot", "hours_target", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {
            "name": "Par exemple : Ligne 15 Sud — gare de Vitry Centre.",
            "hours_target": "Le nombre d'heures de travail réservées à l'insertion par le marché.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours_target"].widget.attrs["min"] = 1  # the model's rule: 1 hour or more

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "La fin doit venir après le début.")
        return data


class AttachForm(forms.Form):
    offer = forms.ModelChoiceField(
        label="Offre sous clause d'insertion", queryset=None, empty_label="Choisissez une offre"
    )

    def __init__(self, *args, offers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["offer"].label_from_instance = lambda offer: (
            f"{offer.title} — {offer.employer.name}, {offer.commune.name}"
        )


def hours_text(value) -> str:
    """Hours written the French way (``vitrine.french.number``), with the decimals they have:
    "1 607", "180,5", "12,25"."""
    return number(Decimal(str(value)).normalize(), None)


class HoursField(forms.DecimalField):
    """Hours as people type them: "151,67" or "151.67", spaces between thousands allowed; the
    bounds of ``clauses.models.validate_hours``."""

    default_error_messages = {
        "required": "Indiquez le nombre d'heures travaillées.",
        "invalid": "Indiquez un nombre d'heures, par exemple 151,67 ou 151.67.",
    }
    default_validators = [validate_hours]

    def to_python(self, value):
        if isinstance(value, str):
            for space in (" ", "\u00a0", "\u202f"):
                value = value.replace(space, "")
            value = value.replace(",", ".")
        return super().to_python(value)


class HoursForm(forms.Form):
    kind = forms.ChoiceField(choices=[("referral", "orientation"), ("application", "candidature")])
    hire = forms.IntegerField(min_value=1)
    hours = HoursField(label="Heures travaillées")


class EligibilityForm(forms.Form):
    publics = forms.MultipleChoiceField(
        label="Publics éligibles aux clauses d'insertion",
        choices=Public.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
