from django import forms

from moderation.models import OfferFlag


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="Ce qui ne va pas", choices=OfferFlag.Reason.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label="Précisions (facultatif)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="N'écrivez pas de données personnelles : l'équipe du territoire lira ce texte.",
    )


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label="Raison donnée à l'employeur",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="L'employeur la reçoit par e-mail et peut corriger son offre.",
    )
