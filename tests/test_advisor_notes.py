"""Notes of follow-up: written by an advisor, seen by the advisors of the same structure only
(not another structure following the same person, not the resident, not employers)."""

from advisors.models import Note
from tests.advisor_helpers import follow, followed, sent
from tests.factories import UserFactory, member, offer
from tests.helpers import text

SECRET = "Garde ses enfants le mercredi : entretiens le matin seulement."


def notes_url(profile) -> str:
    return f"/espace-conseiller/personnes/{profile.pk}/notes/"


def test_an_advisor_writes_a_note_and_colleagues_read_it(personas, login):
    profile = followed(personas.mission)
    response = login(personas.ada).post(notes_url(profile), {"text": SECRET})
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.structure, note.author, note.profile) == (personas.mission, personas.ada, profile)
    colleague = member(UserFactory(role="advisor"), personas.mission, role="member")
    client = login(colleague)
    assert SECRET in text(client.get(f"/espace-conseiller/personnes/{profile.pk}/"))
    assert SECRET in text(client.get(notes_url(profile)))


def test_an_empty_note_is_refused(personas, login):
    profile = followed(personas.mission)
    response = login(personas.ada).post(notes_url(profile), {"text": "   "})
    assert response.status_code == 400
    assert not Note.objects.exists()


def test_another_structure_following_the_same_person_does_not_see_the_notes(personas, login):
    profile = followed(personas.mission)
    follow(profile, personas.plie)
    login(personas.ada).post(notes_url(profile), {"text": SECRET})
    other = login(personas.alan)
    page = other.get(f"/espace-conseiller/personnes/{profile.pk}/")
    assert page.status_code == 200 and SECRET not in text(page)
    assert SECRET not in text(other.get(notes_url(profile)))
    assert other.post(notes_url(profile), {"text": "x"}).status_code == 302
    assert Note.objects.filter(structure=personas.plie).count() == 1


def test_a_structure_that_does_not_follow_the_person_gets_404(personas, login):
    profile = followed(personas.mission)
    login(personas.ada).post(notes_url(profile), {"text": SECRET})
    other = login(personas.alan)
    assert other.get(notes_url(profile)).status_code == 404
    assert other.post(notes_url(profile), {"text": "intrus"}).status_code == 404
    assert Note.objects.count() == 1


def test_neither_the_resident_nor_the_employer_sees_the_notes(personas, login):
    profile = followed(personas.mission)
    login(personas.ada).post(notes_url(profile), {"text": SECRET})
    referral = sent(personas.ada, personas.mission, profile, offer(personas.acme))
    employer = login(personas.emma)
    assert SECRET not in text(employer.get(f"/espace-employeur/orientations/{referral.pk}/"))
    assert SECRET not in text(employer.get("/espace-employeur/candidatures/"))
    resident = login(profile.user)
    assert SECRET not in text(resident.get("/mes-propositions/"))
    assert resident.get(notes_url(profile)).status_code == 404
