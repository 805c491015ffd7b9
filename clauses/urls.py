from django.urls import path

from clauses import views

app_name = "clauses"

urlpatterns = [
    path("espace-conseiller/clauses/", views.dashboard, name="dashboard"),
    path("espace-conseiller/clauses/nouvelle/", views.operation_create, name="operation_create"),
    path("espace-conseiller/clauses/<int:pk>/", views.operation, name="operation"),
    path("espace-conseiller/clauses/<int:pk>/heures/", views.hours, name="hours"),
    path(
        "espace-conseiller/personnes/<int:pk>/eligibilite/",
        views.eligibility,
        name="eligibility",
    ),
]
