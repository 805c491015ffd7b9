"""The employer's inbox: filters, bulk moves, a fixed number of queries, an application's page
(opening it marks it seen and is logged), hire with a start date, refuse with a reason, the CV."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications import services
from applications.models import Application, Status
from offers.rules import french_date
from referentiel.models import Appellation, Commune, Skill
from residents.models import ProfileView
from tests.application_helpers import apply, give_cv, media, pdf_bytes, profile_of  # noqa: F401
from tests.factories import UserFactory, offer
from tests.helpers import text

INBOX = "/espace-employeur/candidatures/"


def names_listed(page: str, *people) -> list[str]:
    return [person.first_name for person in people if f">{person.get_full_name()}</a>" in page]


def test_the_inbox_lists_the_applications_to_all_our_offers(login, personas):
    apply(personas.alice, offer(personas.acme, title="Cariste"))
    apply(personas.bob, offer(personas.acme, title="Magasinier"))
    other = UserFactory(first_name="Chloé")
    apply(other, offer(personas.globex, title="Aide-soignant"))
    page = text(login(personas.emma).get(INBOX))
    assert names_listed(page, personas.alice, personas.bob, other) == ["Alice", "Bob"]
    assert "2 candidatures" in page


def test_filters_by_state_offer_and_date(login, personas):
    cariste = offer(personas.acme, title="Cariste")
    magasinier = offer(personas.acme, title="Magasinier")
    old = apply(personas.alice, cariste)
    Application.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=20))
    seen = apply(personas.bob, magasinier)
    services.application_transition(application=seen, name="see", by=personas.emma)
    client = login(personas.emma)
    by_state = text(client.get(INBOX, {"status": "seen"}))
    assert names_listed(by_state, personas.alice, personas.bob) == ["Bob"]
    by_offer = text(client.get(INBOX, {"offer": cariste.pk}))
    assert names_listed(by_offer, personas.alice, personas.bob) == ["Alice"]
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    recent = text(client.get(INBOX, {"since": since}))
    assert names_listed(recent, personas.alice, personas.bob) == ["Bob"]
    until = text(client.get(INBOX, {"until": since}))
    assert names_listed(until, personas.alice, personas.bob) == ["Alice"]
    per_offer = text(client.get(f"/espace-employeur/offres/{magasinier.pk}/candidatures/"))
    assert names_listed(per_offer, personas.alice, personas.bob) == ["Bob"]


def test_the_inbox_costs_the_same_queries_for_2_or_20_applications(login, personas):
    published = offer(personas.acme)
    for _ in range(2):
        apply(UserFactory(), published)
    client = login(personas.emma)
    with CaptureQueriesContext(connection) as few:
        client.get(INBOX)
    for _ in range(18):
        apply(UserFactory(), offer(personas.acme))
    with CaptureQueriesContext(connection) as many:
        page = text(client.get(INBOX))
    assert "20 candidatures" in page
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as per_offer:
        client.get(f"/espace-employeur/offres/{published.pk}/candidatures/")
    assert len(per_offer) <= len(few)


def test_bulk_moves_to_interview(login, personas):
    published = offer(personas.acme)
    first, second, third = (apply(UserFactory(), published) for _ in range(3))
    response = login(personas.emma).post(
        f"{INBOX}?status=sent",
        {"applications": [first.pk, second.pk], "action": "interview"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{INBOX}?status=sent"
    assert "2 candidatures : proposer un entretien, c'est fait." in text(response)
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "interview", second.pk: "interview", third.pk: "sent"}


def test_bulk_refuse_needs_a_reason(login, personas):
    first = apply(personas.alice, offer(personas.acme))
    client = login(personas.emma)
    response = client.post(INBOX, {"applications": [first.pk], "action": "refuse"})
    assert response.status_code == 400
    assert "Choisissez la raison du refus" in text(response)
    assert f'id="choose-{first.pk}" aria-label="Cocher la candidature de Alice' in text(response)
    assert "checked" in text(response).split(f'id="choose-{first.pk}"')[1].split(">")[0]
    assert Application.objects.get(pk=first.pk).status == Status.SENT
    client.post(INBOX, {"applications": [first.pk], "action": "refuse", "reason": "distance"})
    refused = Application.objects.get(pk=first.pk)
    assert (refused.status, refused.refusal_reason) == ("refused", "distance")


def test_bulk_reports_who_could_not_be_moved(login, personas):
    published = offer(personas.acme)
    open_one = apply(personas.alice, published)
    hired = apply(personas.bob, published)
    services.application_transition(application=hired, name="interview", by=personas.emma)
    services.application_transition(
        application=hired, name="hire", by=personas.emma, hired_start=timezone.localdate()
    )
    response = login(personas.emma).post(
        INBOX, {"applications": [open_one.pk, hired.pk], "action": "see"}, follow=True
    )
    page = text(response)
    assert "1 candidature : marquer comme vue, c'est fait." in page
    assert f"{personas.bob.get_full_name()} (Cariste (H/F)) : « Marquer comme vue »" in page
    assert Application.objects.get(pk=open_one.pk).status == Status.SEEN
    assert Application.objects.get(pk=hired.pk).status == Status.HIRED


def test_bulk_cannot_touch_another_employer_s_application(login, personas):
    theirs = apply(personas.alice, offer(personas.globex))
    ours = apply(personas.bob, offer(personas.acme))
    response = login(personas.emma).post(
        INBOX, {"applications": [ours.pk, theirs.pk], "action": "interview"}
    )
    assert response.status_code == 400
    assert Application.objects.get(pk=theirs.pk).status == Status.SENT
    assert Application.objects.get(pk=ours.pk).status == Status.SENT


def test_opening_an_application_shows_the_profile_marks_it_seen_and_is_logged(login, personas):
    villejuif = Commune.objects.get(pk="94076")
    profile = profile_of(
        personas.alice, phone="06 12 34 56 78", commune=villejuif, level=3, permits=["B"]
    )
    profile.sought.add(Appellation.objects.get(pk="11679"))
    skill = Skill.objects.filter(occupation_links__occupation_id="N1101").first()
    profile.skills.add(skill)
    give_cv(profile)
    application = apply(personas.alice, offer(personas.acme), message="Disponible dès lundi.")
    client = login(personas.emma)
    page = text(client.get(f"{INBOX}{application.pk}/"))
    for shown in (
        personas.alice.get_full_name(),
        "alice@example.test",
        "06 12 34 56 78",
        "Disponible dès lundi.",
        f"{INBOX}{application.pk}/cv/",
        "Cariste",
        skill.label,
        "CAP, BEP",
        "Permis B",
        "Villejuif",
    ):
        assert shown in page, shown
    assert Application.objects.get(pk=application.pk).status == Status.SEEN
    # Words for the employer, not the ones the resident reads about their own application.
    assert "Proposez un entretien, embauchez ou refusez" in page
    assert "votre candidature" not in page
    view = ProfileView.objects.get(profile=profile)
    assert (view.viewer, view.organisation, view.reason) == (
        personas.emma,
        personas.acme,
        "candidature",
    )
    client.get(f"{INBOX}{application.pk}/")
    assert ProfileView.objects.filter(profile=profile).count() == 1  # once a day is enough


def test_hire_with_a_start_date(login, personas):
    application = apply(personas.alice, offer(personas.acme))
    client = login(personas.emma)
    client.post(f"{INBOX}{application.pk}/interview/")
    missing = client.post(f"{INBOX}{application.pk}/hire/", {"hired_start": ""})
    assert missing.status_code == 400 and "Ce champ est obligatoire" in text(missing)
    assert Application.objects.get(pk=application.pk).status == Status.INTERVIEW
    start = timezone.localdate() + timedelta(days=60)
    response = client.post(f"{INBOX}{application.pk}/hire/", {"hired_start": start.isoformat()})
    assert response.status_code == 302
    hired = Application.objects.get(pk=application.pk)
    assert hired.status == Status.HIRED and hired.hired_start == start
    page = text(client.get(f"{INBOX}{application.pk}/"))
    assert f"début du contrat le {french_date(start)}" in page
    assert "La candidature est retenue : embauche enregistrée." in page


def test_refuse_with_a_reason(login, personas):
    application = apply(personas.alice, offer(personas.acme))
    client = login(personas.emma)
    assert client.post(f"{INBOX}{application.pk}/refuse/", {"reason": ""}).status_code == 400
    client.post(f"{INBOX}{application.pk}/refuse/", {"reason": "availability"})
    refused = Application.objects.get(pk=application.pk)
    assert (refused.status, refused.refusal_reason) == ("refused", "availability")
    page = text(client.get(f"{INBOX}{application.pk}/"))
    assert "Les horaires ou la date ne conviennent pas" in page
    assert "Embaucher" not in page


def test_a_move_the_state_forbids_says_why(login, personas):
    application = apply(personas.alice, offer(personas.acme))
    response = login(personas.emma).post(
        f"{INBOX}{application.pk}/hire/",
        {"hired_start": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "Proposez d'abord un entretien" in text(response)
    assert Application.objects.get(pk=application.pk).status == Status.SEEN


def test_the_cv_downloads_as_an_attachment(login, personas):
    give_cv(profile_of(personas.alice), pdf_bytes("Alice CV"))
    application = apply(personas.alice, offer(personas.acme))
    response = login(personas.emma).get(f"{INBOX}{application.pk}/cv/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="cv-profil.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"Alice CV" in b"".join(response.streaming_content)


def test_the_employer_space_links_to_the_inbox(login, personas):
    published = offer(personas.acme)
    client = login(personas.emma)
    assert INBOX in text(client.get("/espace-employeur/"))
    manage = text(client.get(f"/espace-employeur/offres/{published.pk}/"))
    assert f"/espace-employeur/offres/{published.pk}/candidatures/" in manage
