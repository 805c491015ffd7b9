"""API of the resident's own profile: ``GET``/``PATCH /api/v1/me/profile/``.

Writes go through ``residents.services``, like the pages', so that they count as activity and
are announced to the matcher. Anyone but a resident gets 403.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from residents import selectors, services
from residents.permissions import IsResident
from residents.serializers import ProfileSerializer

TAG = "mon profil"


class MyProfile(APIView):
    permission_classes = [IsResident]

    @extend_schema(
        tags=[TAG],
        summary="Lire mon profil",
        operation_id="me_profile_retrieve",
        responses={
            200: ProfileSerializer,
            403: OpenApiResponse(description="réservé aux habitants connectés"),
        },
    )
    def get(self, request):
        profile = selectors.profile_of(request.user)
        return Response(ProfileSerializer(profile).data)

    @extend_schema(
        tags=[TAG],
        summary="Modifier mon profil",
        description="Seuls les champs envoyés changent. ``consents.followup`` est la liste "
        "complète des structures qui vous suivent. Tout est enregistré, ou rien.",
        operation_id="me_profile_partial_update",
        request=ProfileSerializer,
        responses={
            200: ProfileSerializer,
            400: OpenApiResponse(description="donnée invalide, message en français par champ"),
            403: OpenApiResponse(description="réservé aux habitants connectés"),
        },
    )
    def patch(self, request):
        profile = selectors.profile_of(request.user)
        serializer = ProfileSerializer(
            data=request.data, partial=True, context={"profile": profile}
        )
        serializer.is_valid(raise_exception=True)
        try:
            services.profile_apply(profile=profile, by=request.user, **serializer.validated_data)
        except DjangoValidationError as error:
            raise ValidationError({"qpv": error.messages}) from error
        profile.refresh_from_db()
        return Response(ProfileSerializer(profile).data)
