from django.urls import path

from referrals import advisor_views, views

app_name = "referrals"

urlpatterns = [
    path("mes-propositions/", views.mine, name="mine"),
    path(
        "mes-propositions/<int:pk>/<slug:answer>/",
        views.answer,
        name="answer",
    ),
    path("espace-employeur/orientations/<int:pk>/", views.employer_detail, name="employer_detail"),
    path(
        "espace-employeur/orientations/<int:pk>/<slug:name>/",
        views.employer_move,
        name="employer_move",
    ),
    path("espace-conseiller/orientations/", advisor_views.index, name="advisor_list"),
    path("espace-conseiller/orientations/<int:pk>/", advisor_views.detail, name="advisor_detail"),
    path(
        "espace-conseiller/orientations/<int:pk>/<slug:name>/",
        advisor_views.move,
        name="advisor_move",
    ),
]
