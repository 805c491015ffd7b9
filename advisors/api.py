"""The structure's API: its caseload (``/api/v1/structure/caseload/``) and its referrals
(``/api/v1/structure/referrals/``).

Only advisors of an active structure get in (403 otherwise); every object is looked up through
the structure's scoped selectors, so another structure's resident or referral is 404. Writes go
through the services, checked, logged and notified like the pages' writes.
"""

import dataclasses

from django import forms
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from advisors import selectors
from advisors.forms import CaseloadFilterForm
from advisors.permissions import IsActiveAdvisor
from advisors.serializers import (
    CaseloadDetailSerializer,
    CaseloadSerializer,
    ReferralCreateSerializer,
    ReferralDetailSerializer,
    ReferralMoveSerializer,
    ReferralSerializer,
)
from matching.models import Run
from offers.search import published
from referrals import selectors as referral_selectors
from referrals import services as referral_services
from referrals import workflow
from referrals.models import Status

CASELOAD_TAG = "structure : personnes suivies"
REFERRALS_TAG = "structure : orientations"
CONFLICT = OpenApiResponse(description="refusé ; ``detail`` dit pourquoi")
FILTERS = [
    OpenApiParameter("q", str, description="nom ou e-mail"),
    OpenApiParameter("commune", str, description="code INSEE"),
    OpenApiParameter("qpv", str, enum=["oui", "non", "a_confirmer"]),
    OpenApiParameter("niveau", str, description="bas (0 à 3), inconnu, ou 0 à 8"),
    OpenApiParameter("metier", str, description="code ROME recherché"),
    OpenApiParameter("activite", str, enum=["30", "90", "180"]),
    OpenApiParameter("a_orienter", bool, description="une offre à 60 ou plus pas proposée"),
    OpenApiParameter("tri", str, enum=["priorite", "score", "activite", "nom"]),
]


def _filters(request) -> selectors.CaseloadFilters:
    """The caseload filters of the query string, checked like the page's form: a bad value is a
    400 naming the parameter, in French."""
    params = request.query_params
    form = CaseloadQueryForm(params)
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    to_refer = params.get("a_orienter", "") in {"1", "true", "on", "oui"}
    return dataclasses.replace(form.filters(), to_refer=to_refer)


class CaseloadQueryForm(CaseloadFilterForm):
    """The page's filters, with any commune or trade code (the page lists only the caseload's)."""

    commune = forms.RegexField(
        regex=r"^[0-9][0-9AB][0-9]{3}$",
        required=False,
        error_messages={"invalid": "Code INSEE à 5 caractères attendu."},
    )
    metier = forms.RegexField(
        regex=r"^[A-N][0-9]{4}$",
        required=False,
        error_messages={"invalid": "Code ROME attendu (ex. N1103)."},
    )


class Caseload(generics.ListAPIView):
    permission_classes = [IsActiveAdvisor]
    serializer_class = CaseloadSerializer

    def get_queryset(self):
        return selectors.caseload(
            structure=self.request.structure,
            run=Run.current(),
            filters=_filters(self.request),
        )

    @extend_schema(
        tags=[CASELOAD_TAG],
        summary="Les personnes suivies par ma structure, par priorité",
        description="Priorité : +4 une bonne offre (60 ou plus) pas encore proposée, +2 QPV, "
        "+2 diplôme CAP/BEP ou moins (+1 inconnu), +1 inactif depuis 90 jours.",
        parameters=FILTERS,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CaseloadDetail(APIView):
    permission_classes = [IsActiveAdvisor]

    @extend_schema(
        tags=[CASELOAD_TAG],
        summary="Une personne suivie, avec les notes de la structure",
        responses={200: CaseloadDetailSerializer, 404: OpenApiResponse(description="pas suivie")},
    )
    def get(self, request, pk: int):
        structure = request.structure
        selectors.resident_for_structure(structure=structure, pk=pk)  # 404 outside the caseload
        profile = selectors.caseload(structure=structure, run=Run.current()).get(pk=pk)
        notes = selectors.notes_of(structure=structure, profile=profile)
        return Response(CaseloadDetailSerializer(profile, context={"notes": notes}).data)


class Referrals(generics.ListAPIView):
    permission_classes = [IsActiveAdvisor]
    serializer_class = ReferralSerializer

    def get_queryset(self):
        wanted = self.request.query_params.get("status", "")
        return referral_selectors.referrals_of_structure(
            structure=self.request.structure, status=wanted if wanted in Status.values else ""
        )

    @extend_schema(
        tags=[REFERRALS_TAG],
        summary="Les orientations de ma structure, les plus récentes d'abord",
        parameters=[OpenApiParameter("status", str, enum=Status.values)],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[REFERRALS_TAG],
        summary="Orienter une personne suivie vers une offre publiée",
        description="La personne est consultée (e-mail), sauf avec ``direct`` quand elle a "
        "délégué l'envoi à la structure. Une seule orientation en cours par personne et offre.",
        request=ReferralCreateSerializer,
        responses={201: ReferralDetailSerializer, 409: CONFLICT},
    )
    def post(self, request):
        data = ReferralCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        structure = request.structure
        try:
            profile = selectors.resident_for_structure(
                structure=structure, pk=data.validated_data["profile"]
            )
        except Http404 as error:
            raise ValidationError({"profile": ["Pas de personne suivie à ce numéro."]}) from error
        offer = published().filter(pk=data.validated_data["offer"]).first()
        if offer is None:
            raise ValidationError({"offer": ["Pas d'offre publiée à ce numéro."]})
        try:
            referral = referral_services.referral_propose(
                structure=structure,
                by=request.user,
                profile=profile,
                offer=offer,
                message=data.validated_data["message"],
                direct=data.validated_data["direct"],
            )
        except referral_services.ReferralError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        fresh = referral_selectors.referral_for_structure(structure=structure, pk=referral.pk)
        return Response(ReferralDetailSerializer(fresh).data, status=status.HTTP_201_CREATED)


class ReferralDetail(APIView):
    permission_classes = [IsActiveAdvisor]

    @extend_schema(
        tags=[REFERRALS_TAG],
        summary="Une orientation de ma structure, avec son historique",
        responses={200: ReferralDetailSerializer, 404: OpenApiResponse(description="pas à vous")},
    )
    def get(self, request, pk: int):
        referral = referral_selectors.referral_for_structure(structure=request.structure, pk=pk)
        return Response(ReferralDetailSerializer(referral).data)


class ReferralMove(APIView):
    permission_classes = [IsActiveAdvisor]

    @extend_schema(
        tags=[REFERRALS_TAG],
        summary="Envoyer (send) ou annuler (cancel) une orientation",
        request=ReferralMoveSerializer,
        responses={200: ReferralDetailSerializer, 404: OpenApiResponse(), 409: CONFLICT},
    )
    def post(self, request, pk: int):
        structure = request.structure
        referral = referral_selectors.referral_for_structure(structure=structure, pk=pk)
        data = ReferralMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            referral_services.referral_transition(
                referral=referral,
                name=data.validated_data["name"],
                by=request.user,
                reason=data.validated_data["reason"],
            )
        except workflow.TransitionError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        fresh = referral_selectors.referral_for_structure(structure=structure, pk=pk)
        return Response(ReferralDetailSerializer(fresh).data)
