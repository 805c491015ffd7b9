"""API of offers: the public search (``/api/v1/offers/``) and the employer's own offers
(``/api/v1/employer/offers/``).

The public list reads the same French parameters as the /offres/ page, through the same form
and the same ``search()``, so that the API and the page always agree. Unlike the page, which
drops a bad parameter, the API answers 400: a client must know its filter was not applied.
Writes go through ``offers.services`` so that they are logged and announced like the page's.
"""

from django import forms
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from offers import cache, selectors, services, workflow
from offers.forms import SearchForm
from offers.models import Offer, OfferSkill
from offers.search import PAGE_SIZE, published, search
from offers.serializers import (
    DetailSerializer,
    OfferInputSerializer,
    OfferPageSerializer,
    OfferSerializer,
    TransitionInputSerializer,
)

PUBLIC_TAG = "offres"
EMPLOYER_TAG = "offres de mon organisation"


def _skill_links() -> Prefetch:
    return Prefetch(
        "skill_links", queryset=OfferSkill.objects.select_related("skill").order_by("skill__label")
    )


def with_details(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    """Everything ``OfferSerializer`` reads, in a fixed number of queries."""
    return offers.select_related(
        "employer", "commune", "occupation", "appellation"
    ).prefetch_related(_skill_links())


def _search_parameters() -> list[OpenApiParameter]:
    """The query parameters of the search form, documented from the form itself."""
    extra = {
        "commune": "code INSEE d'une commune du territoire",
        "domaine": "code du grand domaine ROME (lettre), répétable",
        "contrat": "répétable",
        "page": "numéro de page (20 offres par page)",
    }
    parameters = []
    for name, field in SearchForm.base_fields.items():
        kind = OpenApiTypes.STR
        if isinstance(field, forms.IntegerField) or getattr(field, "coerce", None) is int:
            kind = OpenApiTypes.INT
        elif isinstance(field, forms.BooleanField):
            kind = OpenApiTypes.BOOL
        enum = None
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            enum = [value for value, _label in field.choices if value != ""] or None
        label = str(field.label or "")
        description = "; ".join(part for part in (label, extra.get(name, "")) if part)
        parameters.append(
            OpenApiParameter(
                name,
                kind,
                many=isinstance(field, forms.MultipleChoiceField),
                enum=enum,
                description=description,
            )
        )
    return parameters


class OfferList(APIView):
    """Published offers, with the filters, sort and facets of the search page."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        tags=[PUBLIC_TAG],
        summary="Chercher parmi les offres publiées",
        description="Les paramètres de la page /offres/, avec les mêmes résultats. Un paramètre "
        "invalide donne une erreur 400 (la page, elle, l'ignore). Avec ``commune``, chaque offre "
        "a sa distance en kilomètres. Les facettes comptent les offres de chaque valeur.",
        operation_id="offers_list",
        parameters=_search_parameters(),
        responses={
            200: OfferPageSerializer,
            400: OpenApiResponse(description="paramètre invalide, message en français par nom"),
            404: OpenApiResponse(description="page au-delà de la dernière"),
        },
    )
    def get(self, request):
        key = cache.public_key(request._request, "api")
        data = cache.get(key)
        if data is not None:
            return Response(data)
        response = self._search(request)
        cache.put(key, response.data)
        return response

    def _search(self, request):
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        criteria = form.criteria()
        results = search(criteria, page_size=PAGE_SIZE)
        page = results.page
        if page.number != criteria.page:
            raise NotFound(f"Page non valide : la dernière est la page {page.paginator.num_pages}.")
        offers = list(page.object_list)
        # search() joins the employer, commune and occupation; two more queries bring the rest.
        prefetch_related_objects(offers, "appellation", _skill_links())
        url = request.build_absolute_uri()
        data = {
            "count": results.total,
            "next": replace_query_param(url, "page", page.number + 1) if page.has_next() else None,
            "previous": None,
            "facets": results.facets,
            "results": offers,
        }
        if page.has_previous():
            number = page.number - 1
            data["previous"] = (
                remove_query_param(url, "page")
                if number == 1
                else replace_query_param(url, "page", number)
            )
        return Response(OfferPageSerializer(data, context={"request": request}).data)


class OfferDetail(generics.RetrieveAPIView):
    """One published offer; drafts, ended offers and suspended employers' offers are 404."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    serializer_class = OfferSerializer
    not_found_message = "Aucune offre publiée ne porte ce numéro."

    def get_queryset(self):
        return with_details(published())

    @extend_schema(
        tags=[PUBLIC_TAG],
        summary="Une offre publiée",
        description="Les brouillons et les offres pourvues, fermées ou expirées donnent 404.",
        responses={200: OfferSerializer, 404: OpenApiResponse(description="pas d'offre publiée")},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# --- The employer's own offers --------------------------------------------------------------


class IsEmployerMember(BasePermission):
    message = "Réservé aux membres d'un employeur : votre compte n'en fait partie d'aucun."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and selectors.employers_of(user=user).exists())


def _save(serializer: OfferInputSerializer, offer: Offer, *, by) -> Offer:
    """Apply validated input to ``offer`` through the service. Skills left out are kept; a new
    offer given none (or null) gets the core skills of its occupation, as in the form; an
    existing offer keeps an empty list empty, and null asks for the core skills again."""
    data = dict(serializer.validated_data)
    links = list(offer.skill_links.all()) if offer.pk else []
    required = data.pop("required_skills", [link.skill_id for link in links if link.required])
    nice = data.pop("nice_skills", [link.skill_id for link in links if not link.required])
    if not required and offer.pk is None:
        required = None
    for name, value in data.items():
        setattr(offer, name, value)
    return services.offer_save(offer=offer, by=by, required_skills=required, nice_skills=nice or [])


AUTH = (
    "Pour les membres d'un employeur : session du site (avec le jeton CSRF) ou en-tête "
    "``Authorization: Token <clé>`` (clé sur /espace-employeur/api/). L'offre d'un autre "
    "employeur donne 404."
)
ERRORS = {
    400: OpenApiResponse(description="données invalides, messages en français par champ"),
    401: OpenApiResponse(description="non connecté : en-tête « Authorization: Token <clé> »"),
    403: OpenApiResponse(description="connecté, mais membre d'aucun employeur"),
    404: OpenApiResponse(description="pas d'offre de vos employeurs avec cet identifiant"),
}


class EmployerOffers(generics.GenericAPIView):
    """Offers of the employers the user belongs to; any other offer is 404."""

    permission_classes = [IsEmployerMember]
    serializer_class = OfferSerializer
    not_found_message = "Aucune offre de vos employeurs ne porte ce numéro."

    def get_queryset(self):
        offers = selectors.offers_of_member(user=self.request.user)
        return with_details(offers).order_by("-updated_at", "-pk")

    def _show(self, offer: Offer, code: int = status.HTTP_200_OK, **kwargs) -> Response:
        fresh = self.get_queryset().get(pk=offer.pk)
        return Response(self.get_serializer(fresh).data, status=code, **kwargs)


class EmployerOfferList(EmployerOffers, generics.ListAPIView):
    @extend_schema(
        tags=[EMPLOYER_TAG],
        summary="Les offres de mes employeurs, tous états confondus",
        description=AUTH,
        responses={200: OfferSerializer(many=True), 401: ERRORS[401], 403: ERRORS[403]},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[EMPLOYER_TAG],
        summary="Créer une offre (brouillon)",
        description=f"{AUTH} ``appellation`` est un code OGR, ``commune`` un code INSEE, les "
        "compétences des codes ROME ; sans ``required_skills``, l'offre demande les compétences "
        "du cœur de métier. L'offre créée est un brouillon : publiez-la par sa transition.",
        request=OfferInputSerializer,
        responses={201: OfferSerializer, 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403]},
    )
    def post(self, request):
        serializer = OfferInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        offer = _save(serializer, Offer(), by=request.user)
        location = request.build_absolute_uri(reverse("api-employer-offer", args=[offer.pk]))
        return self._show(offer, status.HTTP_201_CREATED, headers={"Location": location})


class EmployerOfferDetail(EmployerOffers, generics.RetrieveAPIView):
    @extend_schema(
        tags=[EMPLOYER_TAG],
        summary="Une offre de mes employeurs",
        description=AUTH,
        responses={200: OfferSerializer, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404]},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=[EMPLOYER_TAG],
        summary="Remplacer une offre",
        description=f"{AUTH} Les champs obligatoires le sont comme à la création ; les "
        "facultatifs absents, compétences comprises, ne changent pas.",
        request=OfferInputSerializer,
        responses={200: OfferSerializer, **ERRORS},
    )
    def put(self, request, pk: int):
        return self._update(request, partial=False)

    @extend_schema(
        tags=[EMPLOYER_TAG],
        summary="Modifier quelques champs d'une offre",
        description=f"{AUTH} Seuls les champs envoyés changent. ``required_skills: null`` "
        "remet les compétences du cœur de métier.",
        request=OfferInputSerializer,
        responses={200: OfferSerializer, **ERRORS},
    )
    def patch(self, request, pk: int):
        return self._update(request, partial=True)

    def _update(self, request, *, partial: bool) -> Response:
        offer = self.get_object()
        serializer = OfferInputSerializer(
            offer, data=request.data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return self._show(_save(serializer, offer, by=request.user))


class EmployerOfferTransition(EmployerOffers):
    @extend_schema(
        tags=[EMPLOYER_TAG],
        summary="Publier, marquer comme pourvue ou fermer une offre",
        description=f"{AUTH} ``name`` : publish (brouillon, fermée ou expirée → publiée), fill "
        "(publiée → pourvue), close (brouillon ou publiée → fermée). Une action que l'état de "
        "l'offre ne permet pas donne 409 et ne change rien.",
        request=TransitionInputSerializer,
        responses={
            200: OfferSerializer,
            **ERRORS,
            409: OpenApiResponse(
                DetailSerializer,
                description="l'état de l'offre ne permet pas cette action ; detail dit pourquoi",
            ),
        },
    )
    def post(self, request, pk: int):
        offer = self.get_object()
        serializer = TransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            offer = services.offer_transition(
                offer=offer, name=serializer.validated_data["name"], by=request.user
            )
        except workflow.TransitionError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return self._show(offer)
