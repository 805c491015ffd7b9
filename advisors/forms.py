"""Forms of the advisor's space: filter the caseload, create a resident, confirm QPV and level,
write a note, refer one or several residents."""

from django import forms

from accounts.forms import CommuneChoiceField
from advisors.selectors import CaseloadFilters
from referentiel.fields import AppellationsField
from residents import selectors as resident_selectors
from residents.models import LEVELS, Profile
from vitrine.phone import PhoneField

QPV_FILTER = [
    ("", "Tous"),
    ("oui", "En QPV"),
    ("non", "Hors QPV"),
    ("a_confirmer", "QPV déclaré, à confirmer"),
]
LEVEL_FILTER = [
    ("", "Tous"),
    ("bas", "CAP, BEP ou moins"),
    ("inconnu", "Non renseigné"),
    *((str(value), label) for value, label in LEVELS),
]
ACTIVITY_FILTER = [
    ("", "Peu importe"),
    ("30", "Actif ces 30 derniers jours"),
    ("90", "Inactif depuis 90 jours ou plus"),
    ("180", "Inactif depuis 6 mois ou plus"),
]
SORT_CHOICES = [
    ("priorite", "Priorité"),
    ("score", "Meilleure offre à proposer"),
    ("activite", "Inactifs depuis le plus longtemps"),
    ("nom", "Nom"),
]


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label="Nom ou e-mail", required=False, max_length=100)
    commune = forms.ChoiceField(label="Commune", required=False)
    qpv = forms.ChoiceField(label="Quartier prioritaire", required=False, choices=QPV_FILTER)
    niveau = forms.ChoiceField(label="Diplôme", required=False, choices=LEVEL_FILTER)
    metier = forms.ChoiceField(label="Métier recherché", required=False)
    activite = forms.ChoiceField(label="Activité", required=False, choices=ACTIVITY_FILTER)
    a_orienter = forms.BooleanField(
        label="Avec une offre à 60 ou plus, pas encore proposée", required=False
    )
    tri = forms.ChoiceField(label="Trier par", required=False, choices=SORT_CHOICES)

    def __init__(self, *args, communes=(), occupations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [("", "Toutes"), *communes]
        self.fields["metier"].choices = [("", "Tous"), *occupations]

    def filters(self) -> CaseloadFilters:
        """The valid filters; a bad value is ignored rather than hiding every row."""
        if not self.is_bound:
            return CaseloadFilters()
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return CaseloadFilters(
            q=(data.get("q") or "").strip(),
            commune=data.get("commune") or "",
            qpv=data.get("qpv") or "",
            level=data.get("niveau") or "",
            occupation=data.get("metier") or "",
            activity=data.get("activite") or "",
            to_refer=bool(data.get("a_orienter")),
            sort=data.get("tri") or "priorite",
        )


class ResidentCreateForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(
        label="Adresse e-mail",
        help_text="La personne y recevra un lien pour choisir son mot de passe.",
    )
    phone = PhoneField(label="Téléphone", required=False)
    commune = CommuneChoiceField(
        label="Commune où elle habite", required=False, empty_label="Choisissez une commune"
    )
    level = forms.TypedChoiceField(
        label="Diplôme le plus élevé",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Non renseigné"), *LEVELS],
    )
    sought = AppellationsField(label="Métiers recherchés", required=False, max_choices=5)
    agreed = forms.BooleanField(
        label="La personne est d'accord",
        help_text="Elle accepte que votre structure crée son compte et la suive.",
        error_messages={
            "required": "Cochez « La personne est d'accord » : sans son accord, "
            "son compte ne peut pas être créé."
        },
    )
    matching = forms.BooleanField(
        label="Elle veut recevoir des offres qui lui correspondent", required=False
    )


class VerifyForm(forms.Form):
    """Confirm or correct the neighbourhood (a QPV of the commune, or none) and the level."""

    quartier = forms.ChoiceField(label="Quartier prioritaire (QPV)", required=False)
    level = forms.TypedChoiceField(
        label="Diplôme le plus élevé",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Ne pas changer"), *LEVELS],
    )

    def __init__(self, *args, profile: Profile, **kwargs):
        super().__init__(*args, **kwargs)
        own, others = resident_selectors.qpv_choices(profile.commune)
        choices = [("", "Ne pas changer"), ("none", "N'habite pas en quartier prioritaire")]
        choices += [(qpv.code, f"{qpv.name} ({qpv.code})") for qpv in [*own, *others]]
        self.fields["quartier"].choices = choices
        self.fields["level"].initial = profile.level

    def clean(self):
        data = super().clean()
        if not data.get("quartier") and data.get("level") is None:
            raise forms.ValidationError("Choisissez un quartier ou un diplôme à confirmer.")
        return data


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Nouvelle note",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Vue par les conseillers de votre structure. La personne la reçoit si elle "
            "télécharge ses données."
        ),
    )


class ReferForm(forms.Form):
    offer = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label="Message pour la personne et l'employeur",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    direct = forms.BooleanField(
        label="Envoyer directement à l'employeur (la personne l'a demandé)", required=False
    )


class BulkReferForm(forms.Form):
    profiles = forms.ModelMultipleChoiceField(
        queryset=Profile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Cochez au moins une personne."},
    )
    message = forms.CharField(
        label="Message pour les personnes et l'employeur",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, profiles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if profiles is not None:
            self.fields["profiles"].queryset = profiles


class DelegationForm(forms.Form):
    active = forms.BooleanField(
        label="La personne m'a demandé d'envoyer ses candidatures sans lui demander à chaque fois",
        required=False,
    )
