"""Every route of the API, under /api/v1/."""

from django.urls import path

from offers import api as offers_api
from referentiel import api as referentiel_api

urlpatterns = [
    path(
        "appellations/", referentiel_api.AppellationSuggestions.as_view(), name="api-appellations"
    ),
    path("skills/", referentiel_api.SkillSuggestions.as_view(), name="api-skills"),
    path("offers/", offers_api.OfferList.as_view(), name="api-offers"),
    path("offers/<int:pk>/", offers_api.OfferDetail.as_view(), name="api-offer"),
    path("employer/offers/", offers_api.EmployerOfferList.as_view(), name="api-employer-offers"),
    path(
        "employer/offers/<int:pk>/",
        offers_api.EmployerOfferDetail.as_view(),
        name="api-employer-offer",
    ),
    path(
        "employer/offers/<int:pk>/transition/",
        offers_api.EmployerOfferTransition.as_view(),
        name="api-employer-offer-transition",
    ),
]
