from django.urls import path

from offers import api_views, import_views, manage_views, views

app_name = "offers"

urlpatterns = [
    path("offres/", views.offer_search, name="search"),
    path("offres/<int:pk>/", views.offer_detail, name="detail"),
    path("offres/<int:pk>/depublier/", manage_views.offer_unpublish, name="unpublish"),
    path("employeurs/<int:pk>/", views.employer_detail, name="employer"),
    path("espace-employeur/", manage_views.dashboard, name="dashboard"),
    path("espace-employeur/api/", api_views.api_token, name="api_token"),
    path("espace-employeur/offres/nouvelle/", manage_views.offer_edit, name="create"),
    path("espace-employeur/offres/<int:pk>/", manage_views.offer_manage, name="manage"),
    path("espace-employeur/offres/<int:pk>/modifier/", manage_views.offer_edit, name="edit"),
    path("espace-employeur/offres/<int:pk>/<slug:name>/", manage_views.offer_move, name="move"),
    path("espace-equipe/import-offres/", import_views.offer_import, name="import"),
]
