from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("offres-pour-vous/", views.recommendations, name="recommendations"),
    path("espace-employeur/offres/<int:pk>/candidats/", views.candidates, name="candidates"),
    path("espace-equipe/calculs/", views.runs, name="runs"),
    path("espace-equipe/calculs/<int:pk>/progression/", views.run_progress, name="run_progress"),
]
