"""Errors of the API, in French and in JSON, whatever raised them.

``exception_handler`` (REST_FRAMEWORK's EXCEPTION_HANDLER) rewrites the few messages Django and
DRF leave in English: a 404 from ``get_object_or_404`` ("No Offer matches the given query."), a
body that is not JSON, a refused CSRF check; and tells a script that sent
``Authorization: Bearer …`` that the key goes after "Token ". A view names its own 404 with a
``not_found_message`` attribute; any other 404 is "Introuvable.".

``not_found`` (``handler404`` in ``vitrine.urls``) answers a JSON 404 for an unknown address under
/api/ (``/api/v1/nope/``, ``/api/v1/offers/abc/``) and the site's page elsewhere. Django calls it
only with DEBUG off, as in production and tests; with DEBUG on it shows its own debug page.
"""

from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

NOT_FOUND = "Introuvable."
NOT_JSON = "Le corps de la requête n'est pas du JSON valide."
NOT_MULTIPART = "Le corps de la requête n'est pas un formulaire multipart lisible."
NO_CREDENTIALS = (
    "Informations d'authentification non fournies : envoyez l'en-tête "
    "« Authorization: Token <clé> », ou connectez-vous au site."
)
WRONG_SCHEME = (
    "En-tête Authorization non reconnu : écrivez « Token », une espace, puis la clé "
    "(Authorization: Token <clé>), et non « {scheme} »."
)
CSRF = (
    "Vérification CSRF refusée : avec la session du site, envoyez le jeton CSRF (en-tête "
    "X-CSRFToken) ; un script s'identifie plutôt par l'en-tête « Authorization: Token <clé> »."
)
UNKNOWN_ADDRESS = (
    "Introuvable : aucune adresse de l'API ne correspond. La liste est sur /api/docs/."
)


def _scheme(request) -> str:
    """The scheme of the Authorization header ("Bearer", "Basic"…), "" without one."""
    header = request.META.get("HTTP_AUTHORIZATION", "") if request is not None else ""
    return header.split(maxsplit=1)[0] if header.strip() else ""


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    view = context.get("view")
    request = context.get("request")
    if isinstance(exc, Http404):
        response.data = {"detail": getattr(view, "not_found_message", NOT_FOUND)}
    elif isinstance(exc, exceptions.NotAuthenticated):
        scheme = _scheme(request)
        if scheme and scheme.lower() != "token":
            response.data = {"detail": WRONG_SCHEME.format(scheme=scheme[:20])}
        else:
            response.data = {"detail": NO_CREDENTIALS}
    elif isinstance(exc, exceptions.ParseError):
        detail = str(exc.detail)
        if detail.startswith("JSON parse error"):
            response.data = {"detail": NOT_JSON}
        elif detail.startswith("Multipart form parse error"):
            response.data = {"detail": NOT_MULTIPART}
    elif isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF"):
        response.data = {"detail": CSRF}
    return response


def not_found(request, exception: Http404):
    """``handler404``: JSON under /api/, the site's page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": UNKNOWN_ADDRESS}, status=404, json_dumps_params={"ensure_ascii": False}
        )
    return defaults.page_not_found(request, exception)
