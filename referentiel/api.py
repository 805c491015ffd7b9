"""API: job-title and skill suggestion (``/api/v1/appellations/``, ``/api/v1/skills/``)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from referentiel.models import Occupation
from referentiel.suggestions import MAX_QUERY, suggest_skills, suggest_titles


class QuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY,
        trim_whitespace=True,
        error_messages={
            "required": "Le paramètre q (le texte tapé) est obligatoire.",
            "blank": "Le paramètre q est vide : tapez au moins une lettre.",
            "max_length": f"Le texte est trop long : {MAX_QUERY} caractères au plus.",
        },
    )
    limit = serializers.IntegerField(min_value=1, max_value=50, default=10)


class SkillQuerySerializer(QuerySerializer):
    rome = serializers.CharField(
        required=False, max_length=5, help_text="code ROME (fiche) à privilégier"
    )

    def validate_rome(self, value):
        if value and not Occupation.objects.filter(code=value.upper()).exists():
            raise serializers.ValidationError(f"Code ROME inconnu : {value}.")
        return value.upper()


class AppellationSerializer(serializers.Serializer):
    code_ogr = serializers.CharField()
    libelle = serializers.CharField(source="label")
    code_rome = serializers.CharField()
    libelle_rome = serializers.CharField(source="label_rome")
    score = serializers.FloatField()


class SkillSerializer(serializers.Serializer):
    code = serializers.CharField()
    libelle = serializers.CharField(source="label")
    kind = serializers.ChoiceField(choices=["skill", "knowledge"])
    score = serializers.FloatField()
    boosted = serializers.BooleanField(help_text="compétence de la fiche ROME demandée")


class AppellationResults(serializers.Serializer):
    results = AppellationSerializer(many=True)


class SkillResults(serializers.Serializer):
    results = SkillSerializer(many=True)


def _results(serializer_class, items):
    return Response({"results": serializer_class(items, many=True).data})


class AppellationSuggestions(APIView):
    """Job titles (ROME appellations) for free text, best first."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        parameters=[QuerySerializer],
        responses={200: AppellationResults},
        summary="Suggérer des appellations ROME pour un intitulé de poste",
    )
    def get(self, request):
        query = QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        items = suggest_titles(query.validated_data["q"], query.validated_data["limit"])
        return _results(AppellationSerializer, items)


class SkillSuggestions(APIView):
    """Skills and knowledge for free text; those of ``rome`` first."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        parameters=[SkillQuerySerializer],
        responses={200: SkillResults},
        summary="Suggérer des compétences ROME",
    )
    def get(self, request):
        query = SkillQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        items = suggest_skills(data["q"], occupation=data.get("rome"), limit=data["limit"])
        return _results(SkillSerializer, items)
