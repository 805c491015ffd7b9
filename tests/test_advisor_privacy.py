"""What the structures hold about a resident, in the resident's own data: the notes of
follow-up are in the file the resident downloads (right of access), written by a role, never by
a name; erasing the account deletes them."""

import json

from advisors.models import Note
from residents.models import Profile
from tests.advisor_helpers import follow, followed
from tests.factories import PASSWORD
from tests.helpers import text
from tests.test_personal_data import leftovers

DOWNLOAD = "/mon-profil/mes-donnees/telecharger/"
ERASE = "/mon-profil/supprimer-mon-compte/"
FIRST, LAST = "Séraphine", "Obiang-Lefèvre"
NOTE = f"{FIRST} préfère les postes du matin ; reconnaissance RQTH en cours."


def notes_url(profile) -> str:
    return f"/espace-conseiller/personnes/{profile.pk}/notes/"


def test_the_resident_downloads_the_notes_written_about_them(personas, login):
    profile = followed(personas.mission, first_name=FIRST)
    follow(profile, personas.plie)
    login(personas.ada).post(notes_url(profile), {"text": NOTE})
    login(personas.alan).post(notes_url(profile), {"text": "Vu au PLIE le 3 mars."})
    other = followed(personas.mission)
    login(personas.ada).post(notes_url(other), {"text": "NOTE-D-UNE-AUTRE-PERSONNE"})

    response = login(profile.user).get(DOWNLOAD)
    assert response.status_code == 200
    data = json.loads(response.content.decode())
    notes = data["notes_de_suivi_des_conseillers"]
    assert [n["note"] for n in notes] == [NOTE, "Vu au PLIE le 3 mars."]
    assert notes[0]["structure"] == personas.mission.name
    assert notes[0]["ecrite_par"] == f"Conseiller ({personas.mission.name})"
    assert notes[0]["ecrite_le"]
    raw = response.content.decode()
    assert "NOTE-D-UNE-AUTRE-PERSONNE" not in raw
    for advisor in (personas.ada, personas.alan):
        assert advisor.email not in raw and advisor.last_name not in raw


def test_the_advisor_is_told_that_the_person_can_read_the_notes(personas, login):
    profile = followed(personas.mission)
    page = text(login(personas.ada).get(f"/espace-conseiller/personnes/{profile.pk}/"))
    assert "elle les reçoit si elle télécharge ses données" in page


def test_erasing_the_account_deletes_the_notes_about_the_person(
    personas, login, django_capture_on_commit_callbacks
):
    profile = followed(personas.mission, first_name=FIRST)
    profile.user.last_name = LAST
    profile.user.set_password(PASSWORD)
    profile.user.save()
    login(personas.ada).post(notes_url(profile), {"text": f"{NOTE} ({LAST})"})
    kept = followed(personas.mission)
    login(personas.ada).post(notes_url(kept), {"text": "Une autre personne, gardée."})
    assert "advisors_note.text" in leftovers(FIRST, LAST)

    with django_capture_on_commit_callbacks(execute=True):
        response = login(profile.user).post(ERASE, {"password": PASSWORD})
    assert response.status_code == 302
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert leftovers(FIRST, LAST) == []
    assert list(Note.objects.values_list("text", flat=True)) == ["Une autre personne, gardée."]
