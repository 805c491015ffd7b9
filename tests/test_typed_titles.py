"""A trade or a skill typed without choosing in the list counts only when it names one thing.

Without JavaScript (or after pressing Enter too soon) only the typed text reaches the form.
"aide soignante" is a trade; "bonjour" or "' OR 1=1" is not, and "infirmière" names several
trades: the form says so, names the closest ones and keeps what was typed.
"""

import pytest

from offers.models import Offer
from referentiel.models import Skill
from residents.selectors import profile_of
from tests.helpers import offer_form, text


@pytest.mark.parametrize(
    ("typed", "fiche"),
    [
        ("aide soignante", "J1501"),
        ("cariste", "N1101"),
        ("je cherche un poste de cariste à Rungis", "N1101"),
        ("ASH", "J1301"),
    ],
)
def test_a_clear_trade_is_taken(client, db, typed, fiche):
    response = client.get("/metiers/", {"metier_text": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/metiers/{fiche}/"


@pytest.mark.parametrize("typed", ["' OR 1=1", "test", "je sais pas", "travail"])
def test_words_that_are_not_a_trade_are_not_taken(client, db, typed):
    response = client.get("/metiers/", {"metier_text": typed})
    assert response.status_code == 200
    page = text(response)
    assert f"« {typed} » ne permet pas de savoir de quel métier il s'agit" in page
    assert "Choisissez-le dans la liste proposée, par exemple : « " in page
    assert f'value="{typed}"' in page.replace("&#x27;", "'")


def test_a_word_close_to_no_trade_says_so(client, db):
    page = text(client.get("/metiers/", {"metier_text": "bonjour"}))
    assert "Aucun métier ne correspond à « bonjour »" in page
    assert "Journaliste" not in page


def test_a_word_shared_by_several_trades_asks_which(client, db):
    page = text(client.get("/metiers/", {"metier_text": "infirmière"}))
    assert "« infirmière » ne permet pas de savoir de quel métier il s'agit" in page
    assert "Infirmier" in page.split("par exemple :")[1]


def test_profile_keeps_the_chosen_trade_and_the_unclear_text(personas, login):
    alice = login(personas.alice)
    before = set(profile_of(personas.alice).sought.values_list("pk", flat=True))
    response = alice.post("/mon-profil/metiers/", {"sought": ["11679"], "sought_text": "vendeur"})
    assert response.status_code == 200
    page = text(response)
    assert "« vendeur » ne permet pas de savoir de quel métier il s'agit" in page
    assert 'name="sought" value="11679"' in page  # the chip chosen before stays
    assert 'name="sought_text" value="vendeur"' in page  # and so does the text
    assert set(profile_of(personas.alice).sought.values_list("pk", flat=True)) == before


def test_offer_is_not_created_for_an_unclear_trade(personas, login):
    client = login(personas.emma)
    data = offer_form(appellation_text="n'importe quoi")
    page = text(client.post("/espace-employeur/offres/nouvelle/", data))
    assert "ne permet pas de savoir de quel métier il s'agit" in page
    assert not Offer.objects.exists()
    assert "Préparateur de commandes (H/F)" in page  # the rest of the form is kept


def test_a_skill_is_taken_when_typed_as_in_the_list(personas, login):
    skill = Skill.objects.get(label="Travail en équipe")
    client = login(personas.emma)
    client.post(
        "/espace-employeur/offres/nouvelle/",
        offer_form(appellation="17993", required_skills_text="travail en equipe"),
    )
    offer = Offer.objects.get()
    assert list(offer.skill_links.values_list("skill_id", flat=True)) == [skill.pk]


def test_a_skill_clearly_ahead_of_the_others_is_taken(personas, login):
    client = login(personas.emma)
    client.post(
        "/espace-employeur/offres/nouvelle/",
        offer_form(appellation="17993", required_skills_text="permis b"),
    )
    offer = Offer.objects.get()
    labels = list(offer.skill_links.values_list("skill__label", flat=True))
    assert labels == ["Permis de conduire catégorie B"]


@pytest.mark.parametrize("typed", ["hygiène", "accueil client"])
def test_an_approximate_skill_names_the_closest_ones(personas, login, typed):
    client = login(personas.emma)
    data = offer_form(appellation="17993", required_skills_text=typed)
    page = text(client.post("/espace-employeur/offres/nouvelle/", data))
    assert f"« {typed} » n'est pas une compétence de la liste" in page
    assert "par exemple : « " in page
    assert f'value="{typed}"' in page
    assert not Offer.objects.exists()


def test_a_skill_that_matches_nothing_is_refused_not_dropped(personas, login):
    client = login(personas.emma)
    data = offer_form(appellation="17993", required_skills_text="zzzzqqqq")
    page = text(client.post("/espace-employeur/offres/nouvelle/", data))
    assert "Aucune compétence ne correspond à « zzzzqqqq »" in page
    assert not Offer.objects.exists()
