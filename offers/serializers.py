"""API shapes of an offer: what is read (public and employer), what an employer writes."""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation
from offers import selectors
from offers.models import Offer
from offers.rules import (
    EDITABLE_FIELDS,
    HOURS_MESSAGE,
    MAX_HOURS,
    MIN_HOURS,
    start_date_error,
    value_errors,
)
from referentiel.models import Appellation, Commune, QualificationLevel, Skill
from referentiel.permits import LANGUAGES, PERMITS

EMPLOYER_TRANSITIONS = [
    ("publish", "Publier"),
    ("fill", "Marquer comme pourvue"),
    ("close", "Fermer"),
]


# --- Read --------------------------------------------------------------------------------


class AppellationRef(serializers.Serializer):
    code_ogr = serializers.CharField()
    libelle = serializers.CharField(source="label")


class OccupationRef(serializers.Serializer):
    code_rome = serializers.CharField(source="code")
    libelle = serializers.CharField(source="title")


class EmployerRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CommuneRef(serializers.Serializer):
    code_insee = serializers.CharField()
    name = serializers.CharField()


class SkillRef(serializers.Serializer):
    """Read from an ``OfferSkill`` link."""

    code = serializers.CharField(source="skill_id")
    libelle = serializers.CharField(source="skill.label")


def _number(**kwargs):
    # JSON numbers, not DRF's default strings: clients compare and sort them.
    return serializers.DecimalField(
        max_digits=9, decimal_places=2, coerce_to_string=False, read_only=True, **kwargs
    )


class OfferSerializer(serializers.ModelSerializer):
    """An offer as the API shows it. Expects ``skill_links`` prefetched with their skill."""

    appellation = AppellationRef(read_only=True)
    occupation = OccupationRef(read_only=True)
    employer = EmployerRef(read_only=True)
    commune = CommuneRef(read_only=True)
    hours_per_week = _number()
    salary_min = _number(allow_null=True)
    salary_max = _number(allow_null=True)
    level = serializers.IntegerField(
        source="level_id",
        allow_null=True,
        read_only=True,
        help_text="niveau de qualification demandé (cadre national des certifications, 1 à 8)",
    )
    required_skills = serializers.SerializerMethodField()
    nice_skills = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="adresse de la page de l'offre")
    distance_km = serializers.SerializerMethodField(
        help_text="distance à la commune du filtre ``commune`` ; null sans ce filtre"
    )

    class Meta:
        model = Offer
        fields = [
            "id",
            "title",
            "appellation",
            "occupation",
            "description",
            "employer",
            "commune",
            "contract",
            "hours_per_week",
            "salary_min",
            "salary_max",
            "salary_period",
            "level",
            "level_strict",
            "experience",
            "required_skills",
            "nice_skills",
            "permits",
            "languages",
            "positions",
            "start_date",
            "insertion_clause",
            "status",
            "published_at",
            "url",
            "distance_km",
        ]
        read_only_fields = fields

    @extend_schema_field(SkillRef(many=True))
    def get_required_skills(self, offer: Offer):
        return SkillRef([s for s in offer.skill_links.all() if s.required], many=True).data

    @extend_schema_field(SkillRef(many=True))
    def get_nice_skills(self, offer: Offer):
        return SkillRef([s for s in offer.skill_links.all() if not s.required], many=True).data

    def get_url(self, offer: Offer) -> str:
        request = self.context.get("request")
        if request is None:
            return f"{settings.SITE_URL}{offer.get_absolute_url()}"
        return request.build_absolute_uri(offer.get_absolute_url())

    def get_distance_km(self, offer: Offer) -> float | None:
        distance = getattr(offer, "distance", None)
        return None if distance is None else round(distance, 1)


class FacetSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    domain = FacetSerializer(many=True, help_text="secteurs (paramètre domaine)")
    contract = FacetSerializer(many=True, help_text="contrats (paramètre contrat)")
    time = FacetSerializer(many=True, help_text="temps de travail (paramètre temps)")


class OfferPageSerializer(serializers.Serializer):
    """One page of the public search; each facet counts offers without its own filter."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    facets = FacetsSerializer()
    results = OfferSerializer(many=True)


# --- Write -------------------------------------------------------------------------------


def _code_field(queryset, unknown: str, **kwargs):
    """A reference given by its code; ``unknown`` says what was not found."""
    return serializers.PrimaryKeyRelatedField(
        queryset=queryset,
        error_messages={
            "does_not_exist": f"{unknown} : « {{pk_value}} ».",
            "incorrect_type": f"{unknown} : un code est attendu, pas un {{data_type}}.",
        },
        **kwargs,
    )


def _codes_field(help_text: str):
    return serializers.ListField(
        child=serializers.CharField(max_length=10),
        required=False,
        allow_null=True,
        help_text=help_text,
        error_messages={"not_a_list": "Donnez une liste de codes de compétences ROME."},
    )


class OfferInputSerializer(serializers.ModelSerializer):
    """What an employer sends to create or change an offer; the rules of the offer form."""

    employer = _code_field(
        Organisation.objects.none(),
        "Employeur inconnu ou dont vous n'êtes pas membre",
        required=False,
        write_only=True,
        help_text="utile seulement si vous êtes membre de plusieurs employeurs",
    )
    appellation = _code_field(
        Appellation.objects.all(),
        "Métier inconnu (code OGR d'appellation ROME)",
        help_text="code OGR de l'appellation ROME, voir /api/v1/appellations/?q=…",
    )
    commune = _code_field(
        Commune.objects.all(),
        "Commune inconnue (code INSEE)",
        help_text="code INSEE du lieu de travail",
    )
    level = _code_field(
        QualificationLevel.objects.all(),
        "Niveau de qualification inconnu (1 à 8)",
        required=False,
        allow_null=True,
        help_text="niveau du cadre national des certifications (1 à 8), null si aucun diplôme",
    )
    hours_per_week = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=MIN_HOURS,
        max_value=MAX_HOURS,
        required=False,
        error_messages={
            "min_value": HOURS_MESSAGE,
            "max_value": HOURS_MESSAGE,
        },
    )
    required_skills = _codes_field(
        "codes des compétences exigées ; à la création, absent, null ou vide : celles du cœur de "
        "métier ; en modification, absent : inchangées, vide : aucune, null : le cœur de métier"
    )
    nice_skills = _codes_field("codes des compétences appréciées")
    permits = serializers.ListField(
        child=serializers.ChoiceField(choices=PERMITS), required=False, help_text="codes"
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGES), required=False, help_text="codes"
    )

    class Meta:
        model = Offer
        fields = ["employer", *EDITABLE_FIELDS]
        extra_kwargs = {"positions": {"min_value": 1}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            self.fields["employer"].queryset = selectors.employers_of(user=request.user)

    def validate(self, attrs):
        errors = {}
        for name in ("required_skills", "nice_skills"):
            codes = attrs.get(name) or []
            known = set(Skill.objects.filter(pk__in=codes).values_list("pk", flat=True))
            unknown = [code for code in codes if code not in known]
            if unknown:
                errors[name] = [f"Compétence inconnue : « {code} »." for code in unknown]

        def current(field):
            return attrs.get(field, getattr(self.instance, field, None))

        for field, message in value_errors(
            salary_min=current("salary_min"), salary_max=current("salary_max")
        ).items():
            errors[field] = [message]
        # A start date set or changed follows the form's rule; one kept as it was may have passed.
        start = attrs.get("start_date")
        changed = start is not None and start != getattr(self.instance, "start_date", None)
        if changed and (message := start_date_error(start)):
            errors["start_date"] = [message]

        employer = attrs.get("employer")
        if self.instance is not None:
            if employer is not None and employer != self.instance.employer:
                errors["employer"] = ["Une offre ne change pas d'employeur."]
            attrs.pop("employer", None)
        elif employer is None:
            employers = list(self.fields["employer"].queryset[:2])
            if len(employers) == 1:
                attrs["employer"] = employers[0]
            else:
                errors["employer"] = [
                    "Vous êtes membre de plusieurs employeurs : précisez lequel (employer)."
                ]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class TransitionInputSerializer(serializers.Serializer):
    name = serializers.ChoiceField(
        choices=EMPLOYER_TRANSITIONS,
        error_messages={
            "invalid_choice": "Action inconnue : « {input} ». Possibles : publish, fill, close.",
            "required": "Donnez l'action : name = publish, fill ou close.",
        },
    )
