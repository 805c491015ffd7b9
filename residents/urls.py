from django.urls import path, re_path

from residents import privacy_views, steps, views

app_name = "residents"

urlpatterns = [
    path("mon-profil/", views.home, name="home"),
    re_path(rf"^mon-profil/(?P<slug>{'|'.join(steps.SLUGS)})/$", views.step, name="step"),
    path("mon-profil/mon-cv/supprimer/", views.cv_remove, name="cv_remove"),
    path("mon-profil/cv/", views.cv_download, name="cv"),
    path("mon-profil/fin/", views.finish, name="finish"),
    path("mon-profil/consentements/", views.consents, name="consents"),
    path("mon-profil/e-mails/", views.emails, name="emails"),
    path("mon-profil/mes-donnees/", privacy_views.my_data, name="my_data"),
    path(
        "mon-profil/mes-donnees/telecharger/",
        privacy_views.my_data_download,
        name="my_data_download",
    ),
    path("mon-profil/supprimer-mon-compte/", privacy_views.account_erase, name="account_erase"),
    path("compte-supprime/", privacy_views.account_erased, name="account_erased"),
]
