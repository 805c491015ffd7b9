"""A resident's personal data: the JSON export, the log of who opened the profile, the erasure
of the account (nothing identifying left anywhere, statistics kept, CV files gone), and the
inactivity rule (warned at 23 months, erased at 24)."""

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import User
from applications import services as application_services
from applications.models import Application, ApplicationTransition, Notification, Status
from matching.models import Match, Run
from referentiel.models import Commune
from residents import privacy
from residents import services as resident_services
from residents.models import Consent, Profile
from tests.application_helpers import apply, give_cv, media, upload  # noqa: F401
from tests.conftest import assert_accessible, screenshot
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, offer
from tests.helpers import log_in, text

pytestmark = pytest.mark.django_db

DATA = "/mon-profil/mes-donnees/"
DOWNLOAD = "/mon-profil/mes-donnees/telecharger/"
ERASE = "/mon-profil/supprimer-mon-compte/"
ORLY, QUARTIER_EST = "94054", "QN09428M"


def full_profile(user, by=None) -> Profile:
    """A profile with every kind of data: commune, QPV, level, jobs, permits, consents."""
    profile, _ = Profile.objects.get_or_create(user=user)
    resident_services.profile_update(
        profile=profile,
        by=user,
        commune=Commune.objects.get(pk=ORLY),
        level=3,
        sought=["17993"],
        past=["16361"],
        phone="06 98 76 54 32",
        permits=["B"],
    )
    resident_services.qpv_declare(profile=profile, by=by or user, answer="qpv", qpv=QUARTIER_EST)
    resident_services.consent_give(profile=profile, kind=Consent.Kind.MATCHING, by=user)
    resident_services.consent_give(profile=profile, kind=Consent.Kind.VISIBILITY, by=user)
    resident_services.consent_revoke(profile=profile, kind=Consent.Kind.VISIBILITY, by=user)
    return profile


def matched(profile: Profile, published) -> Match:
    run = Run.objects.create(status=Run.Status.DONE, finished_at=timezone.now())
    return Match.objects.create(
        run=run,
        profile=profile,
        offer=published,
        score=81.5,
        components=[1, 1, 1, 1, 1, 0],
        missing=["100001"],
        for_resident=True,
    )


def download(client) -> dict:
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"\n  " in response.content, "pretty-printed"
    return json.loads(response.content.decode("utf-8"))


# --- Export -----------------------------------------------------------------------------------


def test_the_export_holds_every_kind_of_data_and_nothing_of_anyone_else(login, personas):
    alice, bob, emma = personas.alice, personas.bob, personas.emma
    profile = full_profile(alice, by=personas.ada)
    cariste = offer(personas.acme, title="Préparateur de commandes (H/F)")
    application = apply(alice, cariste, message="Je connais le froid positif.")
    application_services.application_open(application=application, by=emma)
    application_services.application_transition(application=application, name="interview", by=emma)
    apply(bob, cariste, message="Message de Bob, personnel.")
    full_profile(bob)
    matched(profile, cariste)

    data = download(login(alice))

    assert data["compte"]["email"] == "alice@example.test"
    assert data["compte"]["prenom"] == "Alice"
    assert data["profil"]["telephone"] == "06 98 76 54 32"
    assert data["profil"]["commune"] == {"code_insee": ORLY, "nom": "Orly"}
    quartier = data["profil"]["quartier"]
    assert quartier["qpv"]["code"] == QUARTIER_EST and quartier["reponse"] == "J'habite ce quartier"
    # Declared by an advisor: their role and structure, not their name.
    assert quartier["declare_par"] == "Conseiller (Mission locale des Portes de l'Essonne)"
    assert data["profil"]["diplome"]["libelle"] == "CAP, BEP"
    assert [job["code_ogr"] for job in data["profil"]["metiers_recherches"]] == ["17993"]
    assert data["profil"]["permis"][0]["code"] == "B"
    kinds = [(c["accord"], c["retire_le"] is None) for c in data["accords"]]
    assert ("Être visible des employeurs", False) in kinds
    assert ("Recevoir des offres qui me correspondent", True) in kinds
    [sent] = data["candidatures"]
    assert sent["message"] == "Je connais le froid positif."
    assert sent["offre"]["employeur"] == "Acme Logistique"
    steps = [step["vers"] for step in sent["historique"]]
    assert steps == ["Envoyée", "Vue par l'employeur", "Entretien"]
    assert sent["historique"][0]["par"] == "vous"
    assert sent["historique"][-1]["par"] == "Acme Logistique"
    [view] = data["consultations_du_profil"]
    assert view["organisation"] == "Acme Logistique" and view["role"] == "Employeur"
    assert view["pourquoi"] == "Vous avez postulé à une de ses offres."
    [match] = data["offres_calculees_pour_vous"]["offres"]
    assert match["offre"] == "Préparateur de commandes (H/F)" and match["score"] == 81.5
    assert {n["sujet"] for n in data["e_mails_sur_vos_candidatures"]} == {
        "Changement d'état (à la personne)"
    }

    raw = json.dumps(data, ensure_ascii=False)
    for foreign in (bob.email, bob.last_name, "Message de Bob", emma.email, emma.last_name):
        assert foreign not in raw
    assert personas.ada.email not in raw and personas.ada.last_name not in raw


def test_the_page_explains_the_export_and_shows_who_opened_the_profile(login, personas):
    full_profile(personas.alice)
    application = apply(personas.alice, offer(personas.acme))
    application_services.application_open(application=application, by=personas.emma)

    page = text(login(personas.alice).get(DATA))

    assert "Télécharger mes données" in page and DOWNLOAD in page
    assert "votre réponse sur votre quartier" in page
    assert "Qui a consulté votre profil" in page
    assert "Acme Logistique" in page and "Vous avez postulé à une de ses offres." in page
    assert personas.emma.last_name not in page
    assert "statistiques anonymes" in page


def test_a_new_resident_sees_an_empty_log_and_can_still_download(login, personas):
    client = login(personas.bob)
    assert "Personne n'a encore consulté votre profil." in text(client.get(DATA))
    data = download(client)
    assert data["compte"]["email"] == "bob@example.test"
    assert data["candidatures"] == [] and data["consultations_du_profil"] == []


@pytest.mark.parametrize("url", [DATA, DOWNLOAD, ERASE])
def test_only_the_resident_reaches_their_data(client, login, personas, url):
    assert client.get(url).status_code == 302  # to the login page
    assert "/connexion/" in client.get(url)["Location"]
    for other in (personas.emma, personas.ada, personas.sam):
        assert login(other).get(url).status_code == 404
    assert login(personas.emma).post(ERASE, {"password": "x"}).status_code == 404
    assert User.objects.filter(pk=personas.emma.pk).exists()


# --- Erasure ----------------------------------------------------------------------------------

FIRST, LAST = "Zéphyrine", "Quintavalle-Brossard"
EMAIL, PHONE = "zephyrine.qb@exemple.test", "06 98 76 54 32"


def leftovers(*needles: str) -> list[str]:
    """Every text, varchar, array and JSON column of every table of the public schema that
    still holds one of ``needles`` (case-insensitive)."""
    patterns = [f"%{needle}%" for needle in needles]
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND (data_type IN"
            " ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')"
            " OR udt_name = 'tsvector')"
        )
        for table, column in cursor.fetchall():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE ANY(%s)',  # noqa: S608
                [patterns],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


def test_erasing_the_account_leaves_nothing_identifying_and_keeps_the_statistics(
    login, personas, django_capture_on_commit_callbacks
):
    person = UserFactory(email=EMAIL, first_name=FIRST, last_name=LAST)
    profile = full_profile(person)
    give_cv(profile, name=f"cv-{LAST}.pdf")
    hired_offer, other_offer = offer(personas.acme), offer(personas.acme, title="Magasinier")
    hired = apply(person, hired_offer, message=f"Bonjour, {FIRST} {LAST}, {PHONE}, {EMAIL}.")
    other = apply(person, other_offer, cv=upload(f"{FIRST}.pdf"), use_profile_cv=False)
    for name in ("interview", "hire"):
        application_services.application_transition(
            application=hired, name=name, by=personas.emma, hired_start=date(2025, 3, 3)
        )
    application_services.application_open(application=other, by=personas.emma)
    matched(profile, hired_offer)
    before = Application.objects.get(pk=hired.pk)
    files = [Path(profile.cv.path), Path(hired.cv.path), Path(other.cv.path)]
    assert all(path.exists() for path in files)
    assert Notification.objects.filter(recipient=person, sent_at__isnull=True).exists()
    assert set(leftovers(FIRST, LAST, EMAIL, PHONE)) >= {
        "accounts_user.email",
        "accounts_user.last_name",
        "residents_profile.phone",
        "applications_application.message",
        "applications_application.cv_name",
    }, "the search finds the person before the erasure"

    client = login(person)
    page = text(client.get(ERASE))
    assert "statistiques anonymes" in page and "Ce qui est gardé" in page
    wrong = client.post(ERASE, {"password": "pas-le-bon"})
    assert "Ce n'est pas votre mot de passe" in text(wrong)
    assert User.objects.filter(pk=person.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ERASE, {"password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/compte-supprime/"
    assert "Votre compte est supprimé" in text(client.get(response["Location"]))
    assert "/connexion/" in client.get("/mon-profil/")["Location"], "logged out"
    assert leftovers(FIRST, LAST, EMAIL, PHONE) == []
    assert not any(path.exists() for path in files), "CV files are deleted from disk"
    assert not User.objects.filter(pk=person.pk).exists()
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert not Match.objects.filter(profile_id=profile.pk).exists()
    # The applications still count for the employer and the territory's statistics.
    after = Application.objects.get(pk=hired.pk)
    assert after.resident_id is None and after.message == "" and not after.cv
    assert (after.status, after.created_at, after.hired_start) == (
        Status.HIRED,
        before.created_at,
        date(2025, 3, 3),
    )
    assert (after.resident_commune_id, after.resident_in_qpv) == (ORLY, True)
    assert ApplicationTransition.objects.filter(application=after, to_status="hired").exists()
    assert Application.objects.filter(offer__employer=personas.acme).count() == 2
    inbox = login(personas.emma).get("/espace-employeur/candidatures/")
    assert inbox.status_code == 200 and "2 candidatures" in text(inbox)


def test_the_erasure_rolls_back_whole_when_a_listener_fails(personas, monkeypatch):
    from residents.signals import resident_erasing

    full_profile(personas.alice)
    apply(personas.alice, offer(personas.acme), message="Gardé si l'effacement échoue.")

    def broken(sender, **kwargs):
        raise RuntimeError("disk full")

    resident_erasing.connect(broken, dispatch_uid="broken-test-listener")
    try:
        with pytest.raises(RuntimeError):
            privacy.account_erase(user=personas.alice, by=personas.alice)
    finally:
        resident_erasing.disconnect(dispatch_uid="broken-test-listener")
    assert Application.objects.get(resident=personas.alice).message.startswith("Gardé")


@pytest.mark.browser
def test_on_a_phone_a_resident_downloads_then_erases_their_account(phone, personas):
    full_profile(personas.alice)
    opened = apply(personas.alice, offer(personas.acme))
    application_services.application_open(application=opened, by=personas.emma)
    log_in(phone, "alice@example.test")
    phone.goto("/mon-profil/")
    phone.get_by_role("link", name=re.compile("Mes données")).click()
    phone.get_by_role("heading", name="Mes données", exact=True).wait_for()
    assert phone.get_by_role("cell", name=re.compile("Acme Logistique")).is_visible()
    assert_accessible(phone)
    screenshot(phone, "personal-data-page")
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Télécharger mes données").click()
    assert download_info.value.suggested_filename.endswith(".json")
    phone.get_by_role("link", name="Supprimer mon compte").click()
    phone.get_by_role("heading", name="Supprimer mon compte").wait_for()
    assert_accessible(phone)
    screenshot(phone, "personal-data-erase")
    phone.get_by_label("Votre mot de passe").fill(PASSWORD)
    phone.get_by_role("button", name="Supprimer définitivement mon compte").click()
    phone.get_by_role("heading", name="Votre compte est supprimé").wait_for()
    screenshot(phone, "personal-data-erased")
    assert not User.objects.filter(email="alice@example.test").exists()


# --- Inactivity -------------------------------------------------------------------------------


def inactive_resident(days: int, **fields) -> Profile:
    profile = full_profile(UserFactory(first_name="Léonie", **fields))
    Profile.objects.filter(pk=profile.pk).update(
        last_activity_at=timezone.now() - timedelta(days=days)
    )
    return Profile.objects.get(pk=profile.pk)


def test_inactive_residents_are_warned_at_23_months_and_erased_at_24(mailoutbox):
    quiet = inactive_resident(0)
    T0 = quiet.last_activity_at
    apply(quiet.user, offer(OrganisationFactory()))
    recent = inactive_resident(0)
    Profile.objects.filter(pk=recent.pk).update(last_activity_at=T0 + timedelta(days=400))

    assert privacy.inactivity_sweep(now=T0 + timedelta(days=690)) == {"erased": 0, "warned": 0}
    assert privacy.inactivity_sweep(now=T0 + timedelta(days=701)) == {"erased": 0, "warned": 1}
    [mail] = mailoutbox
    assert mail.to == [quiet.user.email]
    assert "Votre compte sera anonymisé dans un mois sans nouvelle de vous" in mail.body
    assert "/connexion/" in mail.body and "Léonie" in mail.body
    # The next day: already warned, nothing more is sent.
    assert privacy.inactivity_sweep(now=T0 + timedelta(days=702))["warned"] == 0
    assert len(mailoutbox) == 1

    assert privacy.inactivity_sweep(now=T0 + timedelta(days=731)) == {"erased": 1, "warned": 0}
    assert not User.objects.filter(pk=quiet.user_id).exists()
    assert Application.objects.filter(resident__isnull=True).count() == 1
    assert Profile.objects.filter(pk=recent.pk, inactivity_warned_at__isnull=True).exists()


def test_a_late_warning_still_gives_25_days(mailoutbox):
    quiet = inactive_resident(0)
    T0 = quiet.last_activity_at
    # The task did not run for weeks: the warning leaves at 725 days.
    assert privacy.inactive_warn(now=T0 + timedelta(days=725)) == 1
    assert privacy.inactive_erase(now=T0 + timedelta(days=740)) == 0  # 15 days only
    assert privacy.inactive_erase(now=T0 + timedelta(days=750)) == 1


def test_a_login_or_a_saved_profile_cancels_the_warning(login, mailoutbox):
    by_login = inactive_resident(701)
    by_save = inactive_resident(701)
    now = timezone.now()
    assert privacy.inactive_warn(now=now) == 2

    login(by_login.user)  # a login is activity
    resident_services.profile_update(profile=by_save, by=by_save.user, max_commute=60)

    for profile in (by_login, by_save):
        profile.refresh_from_db()
        assert profile.inactivity_warned_at is None
        assert profile.last_activity_at >= now
    assert privacy.inactivity_sweep(now=now + timedelta(days=30)) == {"erased": 0, "warned": 0}
    assert Profile.objects.filter(pk__in=[by_login.pk, by_save.pk]).count() == 2


def test_a_resident_who_never_opened_a_profile_is_warned_then_erased(mailoutbox):
    now = timezone.now()
    silent = UserFactory(first_name="Octave", date_joined=now - timedelta(days=800))
    assert privacy.inactive_warn(now=now) == 1
    assert mailoutbox[0].to == [silent.email]
    assert privacy.inactive_erase(now=now + timedelta(days=26)) == 1
    assert not User.objects.filter(pk=silent.pk).exists()


def test_employers_and_advisors_are_not_concerned(personas, mailoutbox):
    User.objects.update(date_joined=timezone.now() - timedelta(days=900))
    now = timezone.now()
    assert privacy.inactive_warn(now=now) == 2  # alice and bob, the two residents
    assert {m.to[0] for m in mailoutbox} == {personas.alice.email, personas.bob.email}
    privacy.inactive_erase(now=now + timedelta(days=30))
    assert set(User.objects.values_list("role", flat=True)) == {"employer", "advisor", "staff"}


def test_beat_runs_the_inactivity_rule_every_day():
    from django.conf import settings

    import residents.tasks  # noqa: F401 (registers the task, as the worker's autodiscovery does)
    from vitrine.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["resident-inactivity"]
    assert entry["task"] == "residents.tasks.inactivity_sweep"
    assert entry["task"] in app.tasks
    assert len(entry["schedule"].hour) == 1 and len(entry["schedule"].day_of_week) == 7
