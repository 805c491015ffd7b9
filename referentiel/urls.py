from django.urls import path

from referentiel import views

app_name = "referentiel"

urlpatterns = [
    path("metiers/", views.occupation_search, name="occupations"),
    path("metiers/suggestions/", views.appellation_options, name="appellation_options"),
    path("metiers/competences/", views.skill_options, name="skill_options"),
    path("metiers/competences-essentielles/", views.core_skills, name="core_skills"),
    path("metiers/<str:code>/", views.occupation_detail, name="occupation"),
]
