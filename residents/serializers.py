"""API shape of the resident's own profile (``/api/v1/me/profile/``), read and written."""

from rest_framework import serializers

from offers.models import Contract
from referentiel.models import Appellation, Commune, Skill
from referentiel.permits import LANGUAGES, PERMITS
from residents import selectors
from residents.models import LEVELS, Hours, Profile
from vitrine.phone import PHONE_TYPED_MAX, phone_cleaned


def _codes(model, codes: list[str], what: str) -> list:
    """The rows of ``codes`` in the order given, or a French error naming the unknown ones."""
    codes = list(dict.fromkeys(codes))
    found = model.objects.in_bulk(codes)
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise serializers.ValidationError(f"{what} inconnu(s) : {', '.join(unknown)}.")
    return [found[code] for code in codes]


class ConsentsSerializer(serializers.Serializer):
    matching = serializers.BooleanField(
        required=False, help_text="recevoir des offres qui me correspondent"
    )
    visibility = serializers.BooleanField(
        required=False, help_text="être visible des employeurs (sans mes coordonnées)"
    )
    followup = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="identifiants des structures d'accompagnement qui me suivent (liste complète)",
    )

    def validate_followup(self, ids):
        structures = selectors.followup_structures().in_bulk(ids)
        unknown = [str(pk) for pk in ids if pk not in structures]
        if unknown:
            raise serializers.ValidationError(
                f"Structure(s) d'accompagnement inconnue(s) ou non validée(s) : "
                f"{', '.join(unknown)}."
            )
        return [structures[pk] for pk in dict.fromkeys(ids)]


class ProfileSerializer(serializers.Serializer):
    """Codes everywhere: INSEE for the commune, QPV code, OGR for job titles, ROME skill codes."""

    commune = serializers.CharField(
        allow_null=True, required=False, help_text="code INSEE de la commune où vous habitez"
    )
    phone = serializers.CharField(
        allow_blank=True,
        required=False,
        max_length=PHONE_TYPED_MAX,
        help_text="votre téléphone, par exemple 06 12 34 56 78 (ou +32 470 12 34 56 hors de "
        "France), enregistré sous la forme 06 12 34 56 78 ; vide pour l'effacer",
    )
    qpv_answer = serializers.ChoiceField(
        choices=Profile.QpvAnswer.choices, required=False, help_text="réponse sur le quartier"
    )
    qpv = serializers.CharField(
        allow_null=True, required=False, help_text="code du QPV, avec qpv_answer = qpv"
    )
    qpv_verified = serializers.BooleanField(read_only=True)
    level = serializers.ChoiceField(
        choices=LEVELS, allow_null=True, required=False, help_text="0 = sans diplôme, 1 à 8"
    )
    sought = serializers.ListField(
        child=serializers.CharField(),
        min_length=1,
        max_length=5,
        required=False,
        help_text="codes OGR des métiers cherchés (1 à 5)",
        error_messages={
            "min_length": "Choisissez au moins un métier.",
            "max_length": "Choisissez {max_length} métiers au plus.",
        },
    )
    past = serializers.ListField(
        child=serializers.CharField(),
        max_length=10,
        required=False,
        help_text="codes OGR des métiers déjà exercés (10 au plus)",
        error_messages={"max_length": "Donnez {max_length} métiers au plus."},
    )
    skills = serializers.ListField(
        child=serializers.CharField(), max_length=200, required=False, help_text="codes ROME"
    )
    permits = serializers.ListField(child=serializers.ChoiceField(choices=PERMITS), required=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=LANGUAGES), required=False
    )
    max_commute = serializers.ChoiceField(
        choices=selectors.COMMUTE_CHOICES, required=False, help_text="minutes de trajet au plus"
    )
    contracts = serializers.ListField(
        child=serializers.ChoiceField(choices=Contract.choices),
        required=False,
        help_text="contrats souhaités ; vide = tous",
    )
    hours = serializers.ChoiceField(choices=Hours.choices, required=False)
    available_from = serializers.DateField(allow_null=True, required=False)
    consents = ConsentsSerializer(required=False)
    has_cv = serializers.BooleanField(read_only=True)
    last_activity_at = serializers.DateTimeField(read_only=True)

    def validate_commune(self, code):
        if code is None:
            return None
        commune = Commune.objects.filter(pk=code).first()
        if commune is None:
            raise serializers.ValidationError(
                f"Commune inconnue : « {code} ». Donnez son code INSEE, par exemple 94054 (Orly)."
            )
        return commune

    def validate_phone(self, typed):
        """The rule of vitrine.phone; the number already saved, sent back as is, is kept."""
        profile = self.context.get("profile")
        return phone_cleaned(typed, stored=profile.phone if profile else "")

    def validate_sought(self, codes):
        return _codes(Appellation, codes, "Métier(s)")

    def validate_past(self, codes):
        return _codes(Appellation, codes, "Métier(s)")

    def validate_skills(self, codes):
        return _codes(Skill, codes, "Compétence(s)")

    def to_representation(self, profile: Profile) -> dict:
        return {
            "commune": profile.commune_id,
            "phone": profile.phone,
            "qpv_answer": profile.qpv_answer,
            "qpv": profile.qpv_id,
            "qpv_verified": profile.qpv_verified,
            "level": profile.level,
            "sought": sorted(profile.sought.values_list("pk", flat=True)),
            "past": sorted(profile.past.values_list("pk", flat=True)),
            "skills": sorted(profile.skills.values_list("pk", flat=True)),
            "permits": list(profile.permits),
            "languages": list(profile.languages),
            "max_commute": profile.max_commute,
            "contracts": list(profile.contracts),
            "hours": profile.hours,
            "available_from": (
                profile.available_from.isoformat() if profile.available_from else None
            ),
            "consents": selectors.consents_state(profile),
            "has_cv": bool(profile.cv),
            "last_activity_at": serializers.DateTimeField().to_representation(
                profile.last_activity_at
            ),
        }
