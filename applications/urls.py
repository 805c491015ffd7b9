from django.urls import path

from applications import inbox_views, views

app_name = "applications"

urlpatterns = [
    path("offres/<int:pk>/postuler/", views.apply, name="apply"),
    path("mes-candidatures/", views.mine, name="mine"),
    path("mes-candidatures/<int:pk>/envoyee/", views.sent, name="sent"),
    path("mes-candidatures/<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path("espace-employeur/candidatures/", inbox_views.inbox, name="inbox"),
    path(
        "espace-employeur/offres/<int:pk>/candidatures/",
        inbox_views.inbox,
        name="inbox_offer",
    ),
    path("espace-employeur/candidatures/<int:pk>/", inbox_views.detail, name="inbox_detail"),
    path("espace-employeur/candidatures/<int:pk>/cv/", inbox_views.cv, name="cv"),
    path(
        "espace-employeur/candidatures/<int:pk>/<slug:name>/",
        inbox_views.move,
        name="inbox_move",
    ),
]
