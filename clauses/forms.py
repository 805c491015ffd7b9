"""Forms of the insertion clauses: an operation, attach an offer, hours worked, eligibility."""

from django import forms

from applications.forms import DateInput
from clauses.models import ClauseOperation, Public


class OperationForm(forms.ModelForm):
    class Meta:
        model = ClauseOperation
        fields = ["name", "contracting_authority", "lot", "hours_target", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {
            "name": "Par exemple : Ligne 15 Sud — gare de Vitry Centre.",
            "hours_target": "Le nombre d'heures de travail réservées à l'insertion par le marché.",
        }

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


class HoursForm(forms.Form):
    kind = forms.ChoiceField(choices=[("referral", "orientation"), ("application", "candidature")])
    hire = forms.IntegerField(min_value=1)
    hours = forms.DecimalField(
        label="Heures travaillées", min_value=0, max_digits=7, decimal_places=1
    )


class EligibilityForm(forms.Form):
    publics = forms.MultipleChoiceField(
        label="Publics éligibles aux clauses d'insertion",
        choices=Public.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
