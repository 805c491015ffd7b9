"""Serializers of the structure's API (caseload and referrals). Payloads are the structure's own
data; they are never given to employers."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from referrals.models import Referral, ReferralTransition
from residents.models import LEVELS, Profile

LEVEL_WORDS = dict(LEVELS)


class PlaceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class TradeSerializer(serializers.Serializer):
    code_ogr = serializers.CharField(source="pk")
    label = serializers.CharField()


class CaseloadSerializer(serializers.ModelSerializer):
    first_name = serializers.CharField(source="user.first_name")
    last_name = serializers.CharField(source="user.last_name")
    email = serializers.EmailField(source="user.email")
    commune = serializers.SerializerMethodField()
    qpv = serializers.SerializerMethodField()
    level_label = serializers.SerializerMethodField()
    sought = TradeSerializer(many=True)
    followed_since = serializers.DateTimeField()
    best_open_score = serializers.SerializerMethodField(
        help_text="Meilleur score (calcul en cours) sur une offre publiée pas encore proposée "
        "ni candidatée ; null sans une telle offre."
    )
    priority = serializers.IntegerField(help_text="Points de priorité (voir la documentation).")

    class Meta:
        model = Profile
        fields = [
            "id", "first_name", "last_name", "email", "phone", "commune", "qpv", "qpv_verified",
            "level", "level_label", "sought", "last_activity_at", "followed_since",
            "best_open_score", "priority",
        ]  # fmt: skip

    @extend_schema_field(PlaceSerializer(allow_null=True))
    def get_commune(self, profile):
        c = profile.commune
        return {"code": c.code_insee, "name": c.name} if c else None

    @extend_schema_field(PlaceSerializer(allow_null=True))
    def get_qpv(self, profile):
        q = profile.qpv
        return {"code": q.code, "name": q.name} if q else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_level_label(self, profile):
        return LEVEL_WORDS.get(profile.level)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_best_open_score(self, profile):
        score = getattr(profile, "best_open", None)
        return None if score is None else round(score)


class NoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    author = serializers.CharField(source="author.get_full_name", allow_null=True)
    created_at = serializers.DateTimeField()


class CaseloadDetailSerializer(CaseloadSerializer):
    notes = serializers.SerializerMethodField(help_text="Notes de la structure, vues d'elle seule.")

    class Meta(CaseloadSerializer.Meta):
        fields = [*CaseloadSerializer.Meta.fields, "notes"]

    @extend_schema_field(NoteSerializer(many=True))
    def get_notes(self, profile):
        return NoteSerializer(self.context.get("notes", []), many=True).data


class StepSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.get_full_name", allow_null=True, default=None)

    class Meta:
        model = ReferralTransition
        fields = ["name", "from_status", "to_status", "by", "at", "reason"]


class ReferralSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    resident = serializers.SerializerMethodField()
    offer = serializers.SerializerMethodField()
    advisor = serializers.CharField(source="advisor.get_full_name", allow_null=True, default=None)

    class Meta:
        model = Referral
        fields = [
            "id", "status", "status_label", "resident", "offer", "advisor", "message",
            "delegated", "refusal_reason", "hired_start", "created_at", "sent_at", "answered_at",
        ]  # fmt: skip

    @extend_schema_field(serializers.DictField())
    def get_resident(self, referral):
        user = referral.resident
        if user is None:
            return None
        return {"user_id": user.pk, "name": user.get_full_name(), "email": user.email}

    @extend_schema_field(serializers.DictField())
    def get_offer(self, referral):
        offer = referral.offer
        return {"id": offer.pk, "title": offer.title, "employer": offer.employer.name}


class ReferralDetailSerializer(ReferralSerializer):
    transitions = StepSerializer(many=True)

    class Meta(ReferralSerializer.Meta):
        fields = [*ReferralSerializer.Meta.fields, "transitions"]


class ReferralCreateSerializer(serializers.Serializer):
    profile = serializers.IntegerField(help_text="Identifiant d'une personne suivie (caseload).")
    offer = serializers.IntegerField(help_text="Identifiant d'une offre publiée.")
    message = serializers.CharField(required=False, allow_blank=True, max_length=3000, default="")
    direct = serializers.BooleanField(
        required=False, default=False, help_text="Envoi direct (délégation de la personne)."
    )


class ReferralMoveSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=["send", "cancel"])
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
