from django.urls import path, re_path

from residents import steps, views

app_name = "residents"

urlpatterns = [
    path("mon-profil/", views.home, name="home"),
    re_path(rf"^mon-profil/(?P<slug>{'|'.join(steps.SLUGS)})/$", views.step, name="step"),
    path("mon-profil/mon-cv/supprimer/", views.cv_remove, name="cv_remove"),
    path("mon-profil/cv/", views.cv_download, name="cv"),
    path("mon-profil/fin/", views.finish, name="finish"),
    path("mon-profil/consentements/", views.consents, name="consents"),
    path("mon-profil/e-mails/", views.emails, name="emails"),
]
