from django.urls import path

from advisors import export_views, offer_views, views

app_name = "advisors"

urlpatterns = [
    path("espace-conseiller/", views.home, name="home"),
    path("espace-conseiller/personnes/nouvelle/", views.resident_create, name="resident_create"),
    path("espace-conseiller/personnes/<int:pk>/", views.resident, name="resident"),
    path(
        "espace-conseiller/personnes/<int:pk>/confirmer/",
        views.resident_verify,
        name="resident_verify",
    ),
    path("espace-conseiller/personnes/<int:pk>/notes/", views.notes, name="notes"),
    path("espace-conseiller/personnes/<int:pk>/delegation/", views.delegation, name="delegation"),
    path("espace-conseiller/personnes/<int:pk>/invitation/", views.invitation, name="invitation"),
    path("espace-conseiller/personnes/<int:pk>/orienter/", views.refer, name="refer"),
    path("espace-conseiller/offres/", offer_views.offers, name="offers"),
    path("espace-conseiller/offres/<int:pk>/", offer_views.offer, name="offer"),
    path("espace-conseiller/exports/", export_views.index, name="exports"),
    path(
        "espace-conseiller/exports/<slug:kind>.<slug:fmt>",
        export_views.download,
        name="export",
    ),
]
