"""The employer's inbox: filters, bulk moves, a fixed number of queries, an application's page
(opening it marks it seen and is logged), hire with a start date, refuse with a reason, the CV."""

from datetime import datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications import services
from applications.models import Application, Status
from offers.models import Offer
from offers.models import Status as OfferStatus
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
    assert (
        "Entretien proposé pour 2 candidatures : les personnes le voient dans leurs candidatures. "
        "Contactez-les pour fixer les rendez-vous." in text(response)
    )
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
    # The action stays « Refuser »: choosing a reason then « Appliquer » does not mark as seen.
    assert '<option value="refuse" selected>Refuser</option>' in text(response)
    assert '<a href="#bulk-reason">Choisissez la raison du refus' in text(response)
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
    assert "1 candidature marquée comme vue." in page
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
    page = text(client.post(f"{INBOX}{application.pk}/interview/", follow=True))
    assert (
        "Entretien proposé : la personne le voit dans ses candidatures. "
        "Contactez-la pour fixer le rendez-vous." in page
    )
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


def test_dates_the_wrong_way_round_are_explained_and_the_other_filters_kept(login, personas):
    published = offer(personas.acme)
    recent = apply(personas.alice, published)
    seen = apply(personas.bob, published)
    services.application_transition(application=seen, name="see", by=personas.emma)
    old = apply(UserFactory(first_name="Chloé"), published)
    Application.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=20))
    since = timezone.localdate() - timedelta(days=7)
    until = since - timedelta(days=3)
    response = login(personas.emma).get(
        INBOX, {"status": "sent", "since": since.isoformat(), "until": until.isoformat()}
    )
    page = text(response)
    assert response.status_code == 200
    assert (
        f"Choisissez une date à partir du {french_date(since)} : "
        "elle ne peut pas être avant « Reçues depuis le »." in page
    )
    # Not « 0 candidature »: the state and the first date still filter, the wrong one is ignored.
    assert names_listed(page, recent.resident, personas.bob, old.resident) == ["Alice"]
    assert "1 candidature" in page and "0 candidature" not in page
    assert '<option value="sent" selected>' in page
    assert f'value="{since.isoformat()}"' in page and f'value="{until.isoformat()}"' in page


def test_offers_with_the_same_title_are_told_apart_in_the_filter(login, personas):
    draft = offer(personas.acme, publish=False)
    filled = offer(personas.acme)
    Offer.objects.filter(pk=filled.pk).update(
        status=OfferStatus.FILLED, created_at=timezone.make_aware(datetime(2026, 3, 2, 12))
    )
    page = text(login(personas.emma).get(INBOX))
    today = french_date(timezone.localdate())
    assert f'<option value="{draft.pk}">Cariste (H/F) — brouillon, créée le {today}</option>' in (
        page
    )
    filled_label = "Cariste (H/F) — pourvue, créée le 2 mars 2026"
    assert f'<option value="{filled.pk}">{filled_label}</option>' in page


def test_the_inbox_table_scrolls_sideways_on_a_phone(login, personas):
    apply(personas.alice, offer(personas.acme))
    page = text(login(personas.emma).get(INBOX))
    assert (
        '<div class="table-scroll" tabindex="0" role="region" '
        'aria-label="Tableau des candidatures">\n  <table>' in page
    )


def test_refusing_without_a_reason_says_which_reason_at_the_top(login, personas):
    """The required check comes before the form's own: its words are the written ones. The
    page reloads at its top, far above the form: a summary there links to the field."""
    application = apply(personas.alice, offer(personas.acme))
    response = login(personas.emma).post(f"{INBOX}{application.pk}/refuse/", {"reason": ""})
    page = text(response)
    assert response.status_code == 400
    assert "Ce champ est obligatoire" not in page
    summary = page.split('<div class="form-errors" role="alert" id="form-errors">')[1]
    summary = summary.split("</div>")[0]
    assert (
        "La candidature n'est pas encore refusée : choisissez "
        '<a href="#id_reason">la raison du refus</a>, plus bas.' in summary
    )
    assert page.index('id="form-errors"') < page.index("<h2>Coordonnées</h2>")
    assert 'id="id_reason_error">Choisissez la raison du refus : la personne la verra.' in page
    assert Application.objects.get(pk=application.pk).status == Status.SENT


def test_a_missing_hiring_date_is_summed_up_at_the_top(login, personas):
    application = apply(personas.alice, offer(personas.acme))
    client = login(personas.emma)
    client.post(f"{INBOX}{application.pk}/interview/")
    page = text(client.post(f"{INBOX}{application.pk}/hire/", {"hired_start": ""}))
    assert (
        "L'embauche n'est pas encore enregistrée : corrigez "
        '<a href="#id_hired_start">la date de début du contrat</a>, plus bas.' in page
    )
    assert page.index('id="form-errors"') < page.index("<h2>Coordonnées</h2>")


def test_no_summary_when_nothing_is_wrong(login, personas):
    application = apply(personas.alice, offer(personas.acme))
    page = text(login(personas.emma).get(f"{INBOX}{application.pk}/"))
    assert 'id="form-errors"' not in page


def test_other_reason_does_not_promise_the_person_a_reason(login, personas):
    """« Autre raison » tells the person nothing: neither the form's hint nor the message once
    done says she will read why."""
    published = offer(personas.acme)
    one, two, three = (apply(UserFactory(), published) for _ in range(3))
    client = login(personas.emma)
    page = text(client.get(f"{INBOX}{one.pk}/"))
    assert "« Autre raison » ne lui dit pas pourquoi : écrivez-lui si vous voulez l'expliquer." in (
        page
    )
    page = text(client.post(f"{INBOX}{one.pk}/refuse/", {"reason": "other"}, follow=True))
    assert "la raison choisie" not in page
    assert (
        "Candidature refusée : la personne est prévenue, sans raison précise (« Autre raison »). "
        "Écrivez-lui si vous voulez lui expliquer votre choix." in page
    )
    page = text(
        client.post(
            INBOX,
            {"applications": [two.pk, three.pk], "action": "refuse", "reason": "other"},
            follow=True,
        )
    )
    assert "la raison choisie" not in page
    assert "2 candidatures refusées : les personnes sont prévenues, sans raison précise" in page
    assert Application.objects.filter(status=Status.REFUSED, refusal_reason="other").count() == 3


def test_a_named_reason_is_promised_to_the_person(login, personas):
    published = offer(personas.acme)
    one, two = (apply(UserFactory(), published) for _ in range(2))
    client = login(personas.emma)
    page = text(client.post(f"{INBOX}{one.pk}/refuse/", {"reason": "skills"}, follow=True))
    assert "Candidature refusée : la personne verra la raison choisie." in page
    page = text(
        client.post(
            INBOX, {"applications": [two.pk], "action": "refuse", "reason": "skills"}, follow=True
        )
    )
    assert "1 candidature refusée : la personne verra la raison choisie." in page
