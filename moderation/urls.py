from django.urls import path

from moderation import views

app_name = "moderation"

STAFF = "espace-equipe/moderation/"

urlpatterns = [
    path("offres/<int:pk>/signaler/", views.offer_flag, name="flag"),
    path(STAFF, views.queue, name="queue"),
    path(f"{STAFF}offres/<int:pk>/classer/", views.flags_dismiss, name="dismiss"),
    path(f"{STAFF}offres/<int:pk>/depublier/", views.flags_unpublish, name="unpublish"),
    path(
        f"{STAFF}organisations/<int:pk>/valider/",
        views.structure_validate,
        name="validate",
    ),
    path(
        f"{STAFF}organisations/<int:pk>/suspendre/",
        views.organisation_suspend,
        name="suspend",
    ),
]
