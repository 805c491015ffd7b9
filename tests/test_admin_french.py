"""Django's admin speaks French: every model and field of the project's apps has a French name,
and every page the staff reach from the admin's index opens."""

from pathlib import Path

from django.apps import apps
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.text import camel_case_to_spaces, capfirst

from accounts.models import User
from tests.advisor_helpers import followed, sent
from tests.factories import offer
from tests.helpers import text

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_APPS = {
    "accounts",
    "referentiel",
    "offers",
    "residents",
    "applications",
    "referrals",
    "advisors",
    "clauses",
    "matching",
    "moderation",
    "observatory",
}
# Model names that are the same word in French and English, written in Meta all the same.
SAME_IN_FRENCH_MODELS = {
    "accounts.Invitation",
    "accounts.Organisation",
    "referentiel.Appellation",
    "referentiel.Commune",
}
# Field names that are the same word in French and English.
SAME_IN_FRENCH_FIELDS = {
    "active",
    "code",
    "commune",
    "communes",
    "description",
    "division",
    "latitude",
    "longitude",
    "message",
    "organisation",
    "population",
    "public",
    "score",
    "section",
    "structure",
    "version",
}
PASSWORD = "mot-de-passe-du-test-admin"


def project_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not model._meta.auto_created
    ]


def test_the_list_of_project_apps_is_complete():
    """A new app of the project is checked too: add it to PROJECT_APPS."""
    ours = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(BASE_DIR)
        and ".venv" not in Path(config.path).parts
        and config.label != "vitrine"
    }
    assert ours == PROJECT_APPS


def test_every_model_has_a_french_name_and_plural():
    english = []
    with translation.override("fr"):
        for model in project_models():
            opts, label = model._meta, model._meta.label
            derived = camel_case_to_spaces(model.__name__)
            if "verbose_name" not in opts.original_attrs:
                english.append(f"{label}: no verbose_name in Meta")
            elif str(opts.verbose_name) == derived and label not in SAME_IN_FRENCH_MODELS:
                english.append(f"{label}: verbose_name {derived!r} is the English class name")
            # Django's plural adds an "s" to the name: wrong for "code NAF", "heures d'insertion"…
            if "verbose_name_plural" not in opts.original_attrs:
                english.append(f"{label}: no verbose_name_plural in Meta")
            elif str(opts.verbose_name_plural) == f"{derived}s" and (
                label not in SAME_IN_FRENCH_MODELS
            ):
                english.append(f"{label}: verbose_name_plural {derived + 's'!r} is English")
    assert not english, "\n".join(english)
    assert len(project_models()) >= 30


def test_every_field_has_a_french_name():
    english = []
    with translation.override("fr"):
        for model in project_models():
            for field in model._meta.get_fields():
                if not (field.concrete or field.many_to_many) or (
                    field.auto_created and not field.concrete
                ):
                    continue
                derived = field.name.replace("_", " ")
                if str(field.verbose_name) == derived and field.name not in SAME_IN_FRENCH_FIELDS:
                    english.append(f"{model._meta.label}.{field.name}")
    assert not english, "fields named in English: " + ", ".join(english)


def _some_rows(personas):
    """A row in the main tables, so that the changelists render their columns."""
    cariste = offer(personas.acme)
    profile = followed(personas.mission)
    sent(personas.ada, personas.mission, profile, cariste)


def test_staff_open_every_admin_changelist_and_add_page(personas):
    _some_rows(personas)
    User.objects.create_superuser(
        email="admin@territoire.test", password=PASSWORD, first_name="Ada", last_name="Min"
    )
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "admin@territoire.test", "password": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    superuser = User.objects.get(email="admin@territoire.test")
    request = RequestFactory().get("/admin/")
    request.user = superuser

    registry = admin.site._registry
    assert len(registry) >= 15
    failures = []
    for model, model_admin in registry.items():
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"

        changelist = client.get(reverse(f"{name}_changelist"))
        if changelist.status_code != 200:
            failures.append(f"{opts.label} changelist: {changelist.status_code}")
        elif opts.app_label in PROJECT_APPS:
            # The breadcrumbs name the model in the plural, as Meta spells it.
            plural = capfirst(str(opts.verbose_name_plural))
            if plural not in text(changelist):
                failures.append(f"{opts.label} changelist does not show {plural!r}")

        add = client.get(reverse(f"{name}_add"))
        expected = 200 if model_admin.has_add_permission(request) else 403
        if add.status_code != expected:
            failures.append(f"{opts.label} add page: {add.status_code}, expected {expected}")
    assert not failures, "\n".join(failures)


def test_the_admin_index_lists_the_models_in_french(personas, login):
    page = text(login(User.objects.create_superuser(email="root@territoire.test")).get("/admin/"))
    for label in ("Offres", "Orientations", "Calculs des correspondances", "Heures d'insertion"):
        assert label in page, label
    for english in ("Offer flags", "Referrals", "Runs", "Clause hourss", "Occupations"):
        assert english not in page, english
