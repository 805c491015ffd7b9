"""An offer seen by an advisor: the best residents of the caseload (current run), with reasons;
several referred at once; the residents who delegated are sent directly."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching import runs, tasks
from matching.models import Dirty
from referrals import services as referral_services
from referrals.models import Referral, Status
from tests.advisor_helpers import followed, plain, propose
from tests.factories import offer
from tests.helpers import text


def url(offer_) -> str:
    return f"/espace-conseiller/offres/{offer_.pk}/"


def test_the_offer_lists_the_caseloads_best_residents(personas, login):
    cariste = offer(personas.acme, title="Cariste Orly")
    followed(personas.mission, first_name="Ahmed")
    followed(personas.mission, first_name="Brigitte", commune_code="94081")
    followed(personas.mission, first_name="Cyril", sought=("10891",))  # another trade
    followed(personas.plie, first_name="Dora")  # another structure's
    runs.run_full()
    page = text(login(personas.ada).get(url(cariste)))
    assert "Ahmed" in page and "Brigitte" in page
    assert page.index("Ahmed") < page.index("Brigitte")
    assert "Cyril" not in page and "Dora" not in page
    assert "Cherche ce métier" in page and "sur 100" in page


def test_several_residents_are_referred_at_once(personas, login):
    cariste = offer(personas.acme, title="Cariste Orly")
    first = followed(personas.mission)
    second = followed(personas.mission)
    already = followed(personas.mission)
    propose(personas.ada, personas.mission, already, cariste)
    referral_services.delegation_set(
        structure=personas.mission, profile=second, by=personas.ada, active=True
    )
    runs.run_full()
    client = login(personas.ada)
    page = client.get(url(cariste)).content.decode()
    assert f'value="{first.pk}"' in page and f'value="{already.pk}"' not in page
    response = client.post(
        url(cariste),
        {"profiles": [first.pk, second.pk], "message": "Poste de nuit, bien payé."},
        follow=True,
    )
    assert "Offre proposée à 1 personne ; 1 profil envoyé directement à l'employeur." in text(
        response
    )
    assert Referral.objects.get(resident=first.user).status == Status.PROPOSED
    direct = Referral.objects.get(resident=second.user)
    assert direct.status == Status.SENT and direct.delegated
    assert direct.message == "Poste de nuit, bien payé."


def test_the_offer_page_costs_the_same_queries_for_2_or_12_residents(personas, login):
    cariste = offer(personas.acme)
    for _ in range(2):
        followed(personas.mission)
    runs.run_full()
    client = login(personas.ada)
    with CaptureQueriesContext(connection) as few:
        client.get(url(cariste))
    for _ in range(10):
        followed(personas.mission)
    runs.run_full()
    with CaptureQueriesContext(connection) as many:
        client.get(url(cariste))
    assert len(many) == len(few)


def test_a_draft_offer_is_404_and_rescoring_brings_new_residents(personas, login):
    draft = offer(personas.acme, publish=False)
    assert login(personas.ada).get(url(draft)).status_code == 404
    followed(personas.mission, first_name="Emile")
    runs.run_full()
    cariste = offer(personas.acme, title="Cariste tout neuf")  # published after the run
    client = login(personas.ada)
    assert "Emile" not in text(client.get(url(cariste)))
    client.post(url(cariste), {"action": "rescore"})
    runs.dirty_process()  # what the Celery worker woken by the page does
    assert "Emile" in text(client.get(url(cariste)))


def test_rescoring_is_left_to_a_worker_and_the_page_does_not_wait(
    personas, login, monkeypatch, django_capture_on_commit_callbacks
):
    followed(personas.mission, first_name="Emile")
    runs.run_full()
    cariste = offer(personas.acme, title="Cariste tout neuf")  # published after the run
    Dirty.objects.all().delete()

    def synchronous(*args, **kwargs):
        raise AssertionError("the page re-scored while the advisor waited")

    monkeypatch.setattr(runs, "rescore_offers", synchronous)
    queued = []
    monkeypatch.setattr(
        tasks.rescore_dirty, "apply_async", lambda *args, **kwargs: queued.append(kwargs)
    )
    cache.delete(tasks.SCHEDULED)
    client = login(personas.ada)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(cariste), {"action": "rescore"}, follow=True)
    assert "Le recalcul est demandé" in text(response)
    assert "Emile" not in text(response), "not re-scored yet: a worker will do it"
    assert list(Dirty.objects.values_list("kind", "object_id")) == [("offer", cariste.pk)]
    assert len(queued) == 1, "one re-score task is queued for the worker"


def test_the_resident_file_proposes_a_suggested_offer(personas, login):
    cariste = offer(personas.acme, title="Cariste Orly")
    profile = followed(personas.mission)
    runs.run_full()
    client = login(personas.ada)
    page = text(client.get(f"/espace-conseiller/personnes/{profile.pk}/"))
    assert "Offres à proposer" in page and "Cariste Orly" in page and "Il lui manque" not in page
    # The reasons speak of the resident, to the advisor: not "vous".
    assert "Cherche ce métier" in page and "vous cherchez" not in page
    client.post(
        f"/espace-conseiller/personnes/{profile.pk}/orienter/",
        {"offer": cariste.pk, "message": "À voir ensemble"},
    )
    referral = Referral.objects.get()
    assert referral.status == Status.PROPOSED and referral.message == "À voir ensemble"
    page = text(client.get(f"/espace-conseiller/personnes/{profile.pk}/"))
    assert "déjà proposée ou candidature faite" in page


def test_the_open_offers_say_how_many_followed_residents_fit(personas, login):
    offer(personas.acme, title="Cariste Orly")
    offer(personas.acme, title="Coffreur chantier", appellation_code="12679", insertion_clause=True)
    offer(personas.acme, title="Brouillon", publish=False)
    for _ in range(2):
        followed(personas.mission)
    followed(personas.plie)
    runs.run_full()
    client = login(personas.ada)
    page = plain(client.get("/espace-conseiller/offres/"))
    assert "Cariste Orly" in page and "2 personnes suivies à 60 ou plus" in page
    assert "Brouillon" not in page
    clause = plain(client.get("/espace-conseiller/offres/", {"clause": "on"}))
    assert "Coffreur chantier" in clause and "Cariste Orly" not in clause
    assert "Cariste Orly" in plain(client.get("/espace-conseiller/offres/", {"q": "cariste"}))


DELEGATED = (
    "La candidature a été transmise directement à l'employeur : "
    "la personne vous a délégué cet envoi."
)


def test_the_advisor_is_told_plainly_when_the_delegation_sent_it_directly(personas, login):
    cariste = offer(personas.acme, title="Cariste Orly")
    profile = followed(personas.mission)
    referral_services.delegation_set(
        structure=personas.mission, profile=profile, by=personas.ada, active=True
    )
    runs.run_full()
    client = login(personas.ada)
    response = client.post(
        f"/espace-conseiller/personnes/{profile.pk}/orienter/",
        {"offer": cariste.pk, "message": "À voir", "direct": "on"},
        follow=True,
    )
    assert DELEGATED in plain(response)
    referral = Referral.objects.get()
    assert referral.status == Status.SENT and referral.delegated
    page = plain(client.get(f"/espace-conseiller/orientations/{referral.pk}/"))
    assert DELEGATED in page

    other = followed(personas.mission)
    referral_services.delegation_set(
        structure=personas.mission, profile=other, by=personas.ada, active=True
    )
    runs.run_full()
    response = client.post(url(cariste), {"profiles": [other.pk], "message": "Go"}, follow=True)
    assert DELEGATED in plain(response)


def test_no_delegation_message_when_the_resident_is_asked(personas, login):
    cariste = offer(personas.acme, title="Cariste Orly")
    profile = followed(personas.mission, first_name="Farid")
    runs.run_full()
    client = login(personas.ada)
    response = client.post(
        f"/espace-conseiller/personnes/{profile.pk}/orienter/",
        {"offer": cariste.pk, "message": "À voir"},
        follow=True,
    )
    page = plain(response)
    assert "« Cariste Orly » est proposée à Farid, qui va répondre." in page
    assert DELEGATED not in page
