"""Forms: the offer (one form for create and edit), the public search, staff unpublishing."""

from django import forms

from accounts.forms import CommuneChoiceField
from offers.models import Contract, Offer
from offers.rules import (
    EDITABLE_FIELDS,
    MAX_HOURS,
    MIN_HOURS,
    start_date_bounds,
    start_date_error,
    value_errors,
)
from offers.search import Criteria, domain_choices
from referentiel.fields import AppellationField, SkillsField
from referentiel.models import Commune, QualificationLevel
from referentiel.permits import LANGUAGES, PERMITS


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label} (niveau {obj.level})"


class OfferForm(forms.ModelForm):
    appellation = AppellationField(
        label="Métier (tel que les candidats le cherchent)",
        help_text="Choisissez dans la liste : il donne les compétences proposées plus bas.",
    )
    commune = CommuneChoiceField(
        label="Lieu de travail", empty_label="Choisissez la commune du poste"
    )
    level = LevelChoiceField(
        queryset=QualificationLevel.objects.all(),
        required=False,
        label="Niveau de qualification demandé",
        empty_label="Aucun diplôme demandé",
    )
    required_skills = SkillsField(
        label="Compétences exigées",
        required=False,
        boost_from="id_appellation_value",
        help_text="Proposées d'après le métier choisi. Retirez celles qui ne comptent pas, "
        "ajoutez les autres.",
    )
    nice_skills = SkillsField(
        label="Compétences appréciées", required=False, boost_from="id_appellation_value"
    )
    permits = forms.MultipleChoiceField(
        choices=PERMITS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Permis, CACES et habilitations exigés",
    )
    languages = forms.MultipleChoiceField(
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Langues demandées (en plus du français)",
    )

    class Meta:
        model = Offer
        fields = EDITABLE_FIELDS
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 8}),
            "hours_per_week": forms.NumberInput(
                attrs={"step": "0.5", "min": MIN_HOURS, "max": MAX_HOURS}
            ),
            "salary_min": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            "salary_max": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }
        help_texts = {
            "title": "Par exemple : Préparateur de commandes en chambre froide (H/F).",
            "insertion_clause": "Poste ouvert au titre d'une clause sociale d'un marché public.",
            "salary_min": "Facultatif, en euros bruts.",
        }

    def __init__(self, *args, employers=None, **kwargs):
        """``employers``: those a new offer may belong to (the member's). With several, the form
        asks which one; with one, the offer is that employer's."""
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            links = self.instance.skill_links.all()
            self.initial["required_skills"] = [link.skill_id for link in links if link.required]
            self.initial["nice_skills"] = [link.skill_id for link in links if not link.required]
        elif employers is not None and len(employers) > 1:
            self.fields["employer"] = forms.ModelChoiceField(
                queryset=employers.order_by("name"),
                label="Employeur",
                empty_label="Choisissez l'employeur de cette offre",
            )
            self.order_fields(["employer"])
        elif employers:
            self.instance.employer = employers[0]
            if self.instance.employer.commune_id:
                self.initial.setdefault("commune", self.instance.employer.commune_id)
        self.fields["hours_per_week"].min_value = 1
        earliest, latest = start_date_bounds()
        stored = self.instance.start_date if self.instance.pk else None
        if stored is not None:  # a stored date stays within reach of the date picker
            earliest, latest = min(earliest, stored), max(latest, stored)
        self.fields["start_date"].widget.attrs.update(
            min=earliest.isoformat(), max=latest.isoformat()
        )

    def clean_start_date(self):
        """A date set or changed is between today and two years on; a date kept as it was
        stored (it may have passed since) does not stop saving the other fields."""
        value = self.cleaned_data.get("start_date")
        if value is None or (self.instance.pk and value == self.initial.get("start_date")):
            return value
        error = start_date_error(value)
        if error:
            raise forms.ValidationError(error, code="start_date")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("employer"):
            # Not a field of Meta: the model form would not copy it to the offer.
            self.instance.employer = cleaned["employer"]
        errors = value_errors(
            hours=cleaned.get("hours_per_week"),
            salary_min=cleaned.get("salary_min"),
            salary_max=cleaned.get("salary_max"),
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned

    def skill_codes(self) -> tuple[list[str] | None, list[str]]:
        """(required, nice) skill codes. Required is None when a new offer leaves it empty: the
        core skills of the occupation are used then (and the page says so). Emptied on an
        existing offer, it stays empty."""
        required = [s.pk for s in self.cleaned_data.get("required_skills") or []]
        nice = [s.pk for s in self.cleaned_data.get("nice_skills") or []]
        if not required and self.instance.pk is None:
            return None, nice
        return required, nice


class SearchForm(forms.Form):
    """The public search, with short French parameter names for shareable URLs."""

    q = forms.CharField(label="Métier, mot-clé", required=False, max_length=200)
    commune = forms.ModelChoiceField(
        queryset=Commune.objects.filter(in_territory=True).order_by("name"),
        required=False,
        label="Près de",
        empty_label="Tout le territoire",
        to_field_name="code_insee",
    )
    rayon = forms.TypedChoiceField(
        label="Dans un rayon de",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), (5, "5 km"), (10, "10 km"), (20, "20 km"), (30, "30 km")],
    )
    trajet = forms.TypedChoiceField(
        label="Trajet estimé",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", "—"),
            (30, "30 min au plus"),
            (45, "45 min au plus"),
            (60, "1 h au plus"),
            (90, "1 h 30 au plus"),
        ],
    )
    domaine = forms.MultipleChoiceField(label="Secteur", required=False)
    contrat = forms.MultipleChoiceField(label="Contrat", required=False, choices=Contract.choices)
    niveau = forms.TypedChoiceField(
        label="Niveau de diplôme demandé au plus",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", "Peu importe"),
            (0, "Aucun diplôme"),
            (3, "CAP, BEP"),
            (4, "Bac"),
            (5, "Bac+2"),
            (6, "Bac+3, Bac+4"),
            (7, "Bac+5 et plus"),
        ],
    )
    temps = forms.ChoiceField(
        label="Temps de travail",
        required=False,
        choices=[("", "Peu importe"), ("full", "Temps plein"), ("part", "Temps partiel")],
    )
    clause = forms.BooleanField(label="Clause d'insertion", required=False)
    depuis = forms.TypedChoiceField(
        label="Publiée depuis",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Peu importe"), (1, "24 heures"), (7, "7 jours"), (30, "30 jours")],
    )
    tri = forms.ChoiceField(
        label="Trier par",
        required=False,
        choices=[("relevance", "Pertinence"), ("date", "Date"), ("distance", "Distance")],
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domaine"].choices = domain_choices()

    def criteria(self) -> Criteria:
        if not self.is_bound:
            return Criteria()
        self.is_valid()  # a bad parameter is dropped, the others still apply
        data = self.cleaned_data
        # Words past the limit (only a hand-made address has them) are cut, not the whole text.
        q = data.get("q") or (self.data.get("q") or "")[: self.fields["q"].max_length].strip()
        return Criteria(
            q=q,
            commune=data.get("commune"),
            radius_km=data.get("rayon"),
            commute_minutes=data.get("trajet"),
            domains=data.get("domaine") or [],
            contracts=data.get("contrat") or [],
            max_level=data.get("niveau"),
            time=data.get("temps") or "",
            clause=bool(data.get("clause")),
            since_days=data.get("depuis"),
            sort=data.get("tri") or "relevance",
            page=data.get("page") or 1,
        )


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label="Raison (envoyée à l'employeur)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
