from django.urls import path

from observatory import views

app_name = "observatory"

urlpatterns = [
    path("espace-equipe/", views.home, name="home"),
    path("espace-equipe/observatoire/<slug:slug>/", views.figures, name="page"),
    path("espace-equipe/referentiel/", views.referentiel, name="referentiel"),
    path("espace-equipe/utilisateurs/", views.users, name="users"),
    path("chiffres/", views.public, name="public"),
]
