from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from vitrine import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("donnees/", views.about_data, name="about_data"),
    path("mon-espace/", views.space, name="space"),
    path("healthz", health.healthz, name="healthz"),
    path("comptes/", include("accounts.urls")),
    path("", include("referentiel.urls")),
    path("", include("applications.urls")),
    path("", include("matching.urls")),
    path("", include("offers.urls")),
    path("", include("residents.urls")),
    path("", include("referrals.urls")),
    path("", include("advisors.urls")),
    path("", include("clauses.urls")),
    path("", include("moderation.urls")),
    path("", include("observatory.urls")),
    path("api/v1/", include("vitrine.api_urls")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

# JSON 404 in French for unknown addresses under /api/, the site's page elsewhere.
handler404 = "vitrine.api_errors.not_found"

admin.site.site_header = "Vitrine des emplois — administration"
admin.site.site_title = "Vitrine des emplois"
