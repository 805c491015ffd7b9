"""Serializers of the applications API.

The employer's serializers list their fields one by one: the QPV status, the consents and the
statistics snapshot (``resident_commune``, ``resident_in_qpv``) are never among them.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from applications import selectors, workflow
from applications.forms import hire_start_error
from applications.models import Application, ApplicationTransition, RefusalReason, Status
from residents.cv import cv_kind


# Plain strings in the schema, values listed in the description: drf-spectacular names enums by
# field name, and ours would rename the offers' ``status`` and ``name`` enums.
@extend_schema_field(OpenApiTypes.STR)
class PlainChoiceField(serializers.ChoiceField):
    def __init__(self, choices, **kwargs):
        values = ", ".join(str(value) for value, _label in choices)
        kwargs.setdefault("help_text", f"une de ces valeurs : {values}")
        super().__init__(choices=choices, **kwargs)


def status_field(**kwargs) -> PlainChoiceField:
    return PlainChoiceField(Status.choices, **kwargs)


def reason_field(**kwargs) -> PlainChoiceField:
    return PlainChoiceField(RefusalReason.choices, **kwargs)


class OfferBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    employer = serializers.CharField(source="employer.name")
    commune = serializers.CharField(source="commune.name")


class ApplicationBaseSerializer(serializers.ModelSerializer):
    status = status_field(read_only=True)
    refusal_reason = reason_field(read_only=True)
    status_label = serializers.CharField(source="get_status_display")
    refusal_reason_label = serializers.CharField(source="get_refusal_reason_display")
    has_cv = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "status",
            "status_label",
            "refusal_reason",
            "refusal_reason_label",
            "hired_start",
            "has_cv",
            "created_at",
            "updated_at",
        ]

    def get_has_cv(self, application) -> bool:
        return bool(application.cv)


class ResidentApplicationSerializer(ApplicationBaseSerializer):
    """An application as its resident sees it, with what its state means."""

    offer = OfferBriefSerializer()
    meaning = serializers.SerializerMethodField()
    can_withdraw = serializers.SerializerMethodField()

    class Meta(ApplicationBaseSerializer.Meta):
        fields = [*ApplicationBaseSerializer.Meta.fields, "offer", "message", "meaning"]
        fields += ["can_withdraw"]

    def get_meaning(self, application) -> str:
        return workflow.MEANINGS[application.status]

    def get_can_withdraw(self, application) -> bool:
        return application.status in workflow.OPEN


class ApplyInputSerializer(serializers.Serializer):
    offer = serializers.IntegerField(help_text="identifiant d'une offre publiée")
    message = serializers.CharField(max_length=3000, allow_blank=True, required=False, default="")
    use_profile_cv = serializers.BooleanField(
        default=True, help_text="joindre une copie du CV du profil (si ``cv`` n'est pas envoyé)"
    )
    cv = serializers.FileField(
        required=False, help_text="un autre CV : PDF, DOCX ou ODT, 5 Mo au plus (multipart)"
    )

    def validate_cv(self, upload):
        cv_kind(upload)
        return upload


class ApplicantSerializer(serializers.Serializer):
    """What an employer learns of the person who applied: contact and job-seeking profile."""

    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.EmailField()


class ApplicantProfileSerializer(serializers.Serializer):
    phone = serializers.CharField()
    commune = serializers.CharField(source="commune.name", default=None)
    level = serializers.IntegerField(allow_null=True)
    level_label = serializers.CharField(source="get_level_display", allow_null=True)
    sought = serializers.SerializerMethodField()
    skills = serializers.SerializerMethodField()
    permits = serializers.ListField(child=serializers.CharField())

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_sought(self, profile):
        return [{"code_ogr": a.code_ogr, "libelle": a.label} for a in profile.sought.all()]

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_skills(self, profile):
        return [{"code": s.code, "libelle": s.label} for s in profile.skills.all()]


class EmployerApplicationSerializer(ApplicationBaseSerializer):
    """An application in the employer's list."""

    offer = serializers.SerializerMethodField()
    applicant = ApplicantSerializer(source="resident", allow_null=True)

    class Meta(ApplicationBaseSerializer.Meta):
        fields = [*ApplicationBaseSerializer.Meta.fields, "offer", "applicant"]

    @extend_schema_field({"type": "object", "properties": {"id": {}, "title": {}}})
    def get_offer(self, application):
        return {"id": application.offer_id, "title": application.offer.title}


class TransitionSerializer(serializers.ModelSerializer):
    from_status = status_field(read_only=True)
    to_status = status_field(read_only=True)

    class Meta:
        model = ApplicationTransition
        fields = ["name", "from_status", "to_status", "at", "reason"]


class EmployerApplicationDetailSerializer(EmployerApplicationSerializer):
    """One application, with the message, the profile, the CV link and the history."""

    profile = serializers.SerializerMethodField()
    cv_url = serializers.SerializerMethodField()
    transitions = TransitionSerializer(many=True)

    class Meta(EmployerApplicationSerializer.Meta):
        fields = [*EmployerApplicationSerializer.Meta.fields, "message", "profile", "cv_url"]
        fields += ["transitions"]

    @extend_schema_field(ApplicantProfileSerializer(allow_null=True))
    def get_profile(self, application):
        profile = selectors.applicant_profile(application=application)
        return ApplicantProfileSerializer(profile).data if profile is not None else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_cv_url(self, application):
        if not application.cv:
            return None
        url = reverse("api-employer-application-cv", args=[application.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ApplicationMoveSerializer(serializers.Serializer):
    name = PlainChoiceField(
        [(name, t.label) for name, t in workflow.TRANSITIONS.items()],
        help_text="see (envoyée → vue), interview (envoyée ou vue → entretien), hire "
        "(entretien → embauche, avec ``hired_start``), refuse (avec ``reason``)",
    )
    reason = reason_field(required=False, allow_blank=True, default="")
    hired_start = serializers.DateField(required=False, allow_null=True, default=None)

    def validate(self, attrs):
        """The start date of a hire follows the hire form's rule (only a hire uses it)."""
        start = attrs.get("hired_start")
        if attrs.get("name") == "hire" and start is not None:
            error = hire_start_error(start)
            if error:
                raise serializers.ValidationError({"hired_start": [error]})
        return attrs


class EmployerFilterSerializer(serializers.Serializer):
    offer = serializers.IntegerField(required=False)
    status = status_field(required=False)
