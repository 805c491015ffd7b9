"""Every route of the API, under /api/v1/."""

from django.urls import path

from advisors import api as advisors_api
from applications import api as applications_api
from offers import api as offers_api
from referentiel import api as referentiel_api
from residents import api as residents_api

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
    path("me/applications/", applications_api.MyApplications.as_view(), name="api-my-applications"),
    path(
        "me/applications/<int:pk>/withdraw/",
        applications_api.MyApplicationWithdraw.as_view(),
        name="api-my-application-withdraw",
    ),
    path(
        "employer/applications/",
        applications_api.EmployerApplicationList.as_view(),
        name="api-employer-applications",
    ),
    path(
        "employer/applications/<int:pk>/",
        applications_api.EmployerApplicationDetail.as_view(),
        name="api-employer-application",
    ),
    path(
        "employer/applications/<int:pk>/transition/",
        applications_api.EmployerApplicationTransition.as_view(),
        name="api-employer-application-transition",
    ),
    path(
        "employer/applications/<int:pk>/cv/",
        applications_api.EmployerApplicationCv.as_view(),
        name="api-employer-application-cv",
    ),
    path("me/profile/", residents_api.MyProfile.as_view(), name="api-me-profile"),
    path("structure/caseload/", advisors_api.Caseload.as_view(), name="api-structure-caseload"),
    path(
        "structure/caseload/<int:pk>/",
        advisors_api.CaseloadDetail.as_view(),
        name="api-structure-resident",
    ),
    path("structure/referrals/", advisors_api.Referrals.as_view(), name="api-structure-referrals"),
    path(
        "structure/referrals/<int:pk>/",
        advisors_api.ReferralDetail.as_view(),
        name="api-structure-referral",
    ),
    path(
        "structure/referrals/<int:pk>/transition/",
        advisors_api.ReferralMove.as_view(),
        name="api-structure-referral-transition",
    ),
]
