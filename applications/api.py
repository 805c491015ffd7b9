"""API of applications: the resident's own (``/api/v1/me/applications/``) and those received by
the employer's offers (``/api/v1/employer/applications/``).

Every object is looked up through the scoped selectors: someone else's application is 404.
Writes go through ``applications.services``, so they are checked, logged and notified like the
pages' writes. The employer's payloads never carry the QPV status nor the consents.
"""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from applications import selectors, services, workflow
from applications.inbox_views import cv_response
from applications.serializers import (
    ApplicationMoveSerializer,
    ApplyInputSerializer,
    EmployerApplicationDetailSerializer,
    EmployerApplicationSerializer,
    EmployerFilterSerializer,
    ResidentApplicationSerializer,
)
from offers.api import IsEmployerMember
from offers.search import published
from offers.serializers import DetailSerializer

RESIDENT_TAG = "mes candidatures"
EMPLOYER_TAG = "candidatures reçues"
CONFLICT = OpenApiResponse(DetailSerializer, description="refusé ; ``detail`` dit pourquoi")
NOT_FOUND = OpenApiResponse(description="pas de candidature à vous avec cet identifiant")


class IsResident(BasePermission):
    message = "Réservé aux personnes en recherche d'emploi."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.role == User.Role.RESIDENT)


class MyApplications(generics.ListAPIView):
    permission_classes = [IsResident]
    serializer_class = ResidentApplicationSerializer

    def get_queryset(self):
        return selectors.applications_of_resident(user=self.request.user)

    @extend_schema(
        tags=[RESIDENT_TAG],
        summary="Mes candidatures, les plus récentes d'abord",
        description="Chaque candidature dit son état et ce qu'il veut dire (``meaning``).",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[RESIDENT_TAG],
        summary="Postuler à une offre publiée",
        description="En JSON, ou en multipart pour joindre un autre CV (``cv``). Sans ``cv``, "
        "une copie du CV du profil est jointe si ``use_profile_cv`` (par défaut). Une seule "
        "candidature par offre : la deuxième donne 409.",
        request={
            "application/json": ApplyInputSerializer,
            "multipart/form-data": ApplyInputSerializer,
        },
        responses={
            201: ResidentApplicationSerializer,
            400: OpenApiResponse(description="données invalides, messages en français par champ"),
            409: CONFLICT,
        },
    )
    def post(self, request):
        data = ApplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        offer = published().filter(pk=data.validated_data["offer"]).first()
        if offer is None:
            raise ValidationError({"offer": ["Pas d'offre ouverte aux candidatures à ce numéro."]})
        try:
            application = services.application_create(
                offer=offer,
                resident=request.user,
                message=data.validated_data["message"],
                use_profile_cv=data.validated_data["use_profile_cv"],
                cv=data.validated_data.get("cv"),
            )
        except services.ApplicationError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        fresh = self.get_queryset().get(pk=application.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)


class MyApplicationWithdraw(APIView):
    permission_classes = [IsResident]

    @extend_schema(
        tags=[RESIDENT_TAG],
        summary="Retirer ma candidature",
        description="Possible tant que l'employeur n'a ni embauché ni refusé.",
        request=None,
        responses={200: ResidentApplicationSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request, pk: int):
        application = selectors.application_of_resident(user=request.user, pk=pk)
        try:
            services.application_transition(
                application=application, name="withdraw", by=request.user
            )
        except workflow.TransitionError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        fresh = selectors.application_of_resident(user=request.user, pk=pk)
        return Response(ResidentApplicationSerializer(fresh).data)


# --- Applications received by the employer's offers ---------------------------------------


class EmployerApplicationList(generics.ListAPIView):
    permission_classes = [IsEmployerMember]
    serializer_class = EmployerApplicationSerializer

    def get_queryset(self):
        filters = EmployerFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        applications = selectors.inbox(
            user=self.request.user, status=filters.validated_data.get("status", "")
        )
        if "offer" in filters.validated_data:
            applications = applications.filter(offer_id=filters.validated_data["offer"])
        return applications

    @extend_schema(
        tags=[EMPLOYER_TAG],
        summary="Les candidatures reçues par les offres de mes employeurs",
        parameters=[
            OpenApiParameter("offer", int, description="identifiant d'une de vos offres"),
            OpenApiParameter("status", str, enum=workflow.Status.values),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class EmployerApplicationDetail(APIView):
    permission_classes = [IsEmployerMember]

    @extend_schema(
        tags=[EMPLOYER_TAG],
        summary="Une candidature, avec le profil de la personne",
        description="Comme sur le site, la lire la marque « vue » si elle était « envoyée », et "
        "la personne voit que votre organisation a consulté son profil.",
        responses={200: EmployerApplicationDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        application = selectors.application_for_member(user=request.user, pk=pk)
        services.application_open(application=application, by=request.user)
        fresh = selectors.application_for_member(user=request.user, pk=pk)
        context = {"request": request}
        return Response(EmployerApplicationDetailSerializer(fresh, context=context).data)


class EmployerApplicationTransition(APIView):
    permission_classes = [IsEmployerMember]

    @extend_schema(
        tags=[EMPLOYER_TAG],
        summary="Faire avancer une candidature",
        description="``see``, ``interview``, ``hire`` (avec ``hired_start``) ou ``refuse`` "
        "(avec ``reason``). Une action que l'état ne permet pas donne 409 et ne change rien.",
        request=ApplicationMoveSerializer,
        responses={200: EmployerApplicationDetailSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request, pk: int):
        application = selectors.application_for_member(user=request.user, pk=pk)
        data = ApplicationMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.application_transition(
                application=application,
                name=data.validated_data["name"],
                by=request.user,
                reason=data.validated_data["reason"],
                hired_start=data.validated_data["hired_start"],
            )
        except workflow.TransitionError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        fresh = selectors.application_for_member(user=request.user, pk=pk)
        context = {"request": request}
        return Response(EmployerApplicationDetailSerializer(fresh, context=context).data)


class EmployerApplicationCv(APIView):
    permission_classes = [IsEmployerMember]

    @extend_schema(
        tags=[EMPLOYER_TAG],
        summary="Le CV joint à une candidature (fichier en pièce jointe)",
        responses={(200, "application/octet-stream"): bytes, 404: NOT_FOUND},
    )
    def get(self, request, pk: int) -> FileResponse:
        application = get_object_or_404(selectors.applications_of_member(user=request.user), pk=pk)
        return cv_response(application)
