"""A resident fills their profile in short steps, each saved as they go."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from residents.models import Profile
from residents.selectors import profile_of
from tests.helpers import text

VITRY_QPV = {"QN09410M", "QN09411M", "QN09412M", "QN09445N"}
UNCONFIRMED_94 = {"QN09413M", "QN09414M", "QN09418M", "QN09431M", "QN09442N", "QN09444N"}


def url(slug: str) -> str:
    return f"/mon-profil/{slug}/"


class _Checked(HTMLParser):
    def __init__(self, name):
        super().__init__()
        self.name, self.values = name, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == self.name and "checked" in attrs:
            self.values.append(attrs.get("value"))
        if tag == "option" and "selected" in attrs and self.name == "<select>":
            self.values.append(attrs.get("value"))


def checked(response, name: str) -> list[str]:
    """Values of the ticked boxes (or chosen radio) named ``name`` on the page."""
    parser = _Checked(name)
    parser.feed(text(response))
    return parser.values


@pytest.fixture
def alice(personas, login):
    return login(personas.alice)


def test_home_greets_the_resident_and_creates_the_profile(personas, alice):
    assert not Profile.objects.exists()
    page = text(alice.get("/mon-profil/"))
    assert "Bonjour Alice" in page
    assert "0 étape sur 8 remplie" in page
    assert 'href="/offres/"' in page and "Voir les offres" in page
    assert 'href="/mon-profil/consentements/"' in page
    assert 'href="/mon-profil/commune/"' in page and "À faire" in page
    assert Profile.objects.get().user == personas.alice


def test_my_space_leads_a_resident_to_the_profile(alice):
    response = alice.get("/mon-espace/")
    assert response.status_code == 302 and response["Location"] == "/mon-profil/"


@pytest.mark.parametrize("persona", ["emma", "ada", "sam"])
def test_the_profile_pages_do_not_exist_for_other_roles(personas, login, persona):
    client = login(getattr(personas, persona))
    for path in ("/mon-profil/", url("commune"), url("mon-cv"), "/mon-profil/fin/"):
        assert client.get(path).status_code == 404, path
    assert not Profile.objects.exists()


def test_anonymous_visitors_are_asked_to_log_in(client, db):
    response = client.get(url("commune"))
    assert response.status_code == 302 and "/comptes/connexion/" in response["Location"]


def test_commune_is_saved_then_shown_and_counted_done(personas, alice):
    page = text(alice.get(url("commune")))
    # Territory communes come first: Ablon-sur-Seine (24 communes, A) before Paris.
    assert page.index("Ablon-sur-Seine (94)") < page.index("Paris (75)")
    assert "Passer cette étape" not in page
    before = timezone.now()
    response = alice.post(url("commune"), {"commune": "94081"})
    assert response.status_code == 302 and response["Location"] == url("quartier")
    profile = profile_of(personas.alice)
    assert profile.commune_id == "94081"
    assert profile.last_activity_at >= before
    assert checked(alice.get(url("commune")), "<select>") == ["94081"]
    home = text(alice.get("/mon-profil/"))
    assert "1 étape sur 8 remplie" in home
    assert "Continuer : mon quartier" in home


def test_the_neighbourhoods_offered_are_those_of_the_commune(personas, alice):
    alice.post(url("commune"), {"commune": "94081"})
    page = text(alice.get(url("quartier")))
    assert "les employeurs ne le voient jamais" in page
    for code in VITRY_QPV | UNCONFIRMED_94:
        assert f'value="{code}"' in page, code
    assert 'value="QN09407I"' not in page  # Gagarine is in Ivry-sur-Seine
    assert "Autres quartiers du Val-de-Marne" in page
    assert page.index('value="QN09410M"') < page.index("Autres quartiers du Val-de-Marne")
    assert "Aucun de ces quartiers" in page and "Je ne sais pas" in page
    assert "Passer cette étape" in page


def test_outside_the_val_de_marne_only_the_communes_qpv_are_listed(alice):
    alice.post(url("commune"), {"commune": "91027"})  # Athis-Mons
    page = text(alice.get(url("quartier")))
    assert all(f'value="{c}"' in page for c in ("QN09127M", "QN09128M", "QN09139N"))
    assert "Autres quartiers" not in page
    assert not any(f'value="{c}"' in page for c in UNCONFIRMED_94)


def test_without_a_commune_the_neighbourhood_waits(alice):
    page = text(alice.get(url("quartier")))
    assert "Indiquez d'abord" in page and 'href="/mon-profil/commune/"' in page
    assert 'name="quartier"' not in page


def test_a_commune_without_qpv_gets_a_plain_question(alice):
    alice.post(url("commune"), {"commune": "91326"})  # Juvisy-sur-Orge
    page = alice.get(url("quartier"))
    assert "quartier prioritaire de Juvisy-sur-Orge ?" in text(page)
    assert [v for v in ("none", "unknown") if f'value="{v}"' in text(page)] == ["none", "unknown"]
    assert "Autres quartiers" not in text(page) and 'value="QN' not in text(page)


def test_the_neighbourhood_is_stored_with_who_and_when(personas, alice):
    alice.post(url("commune"), {"commune": "94081"})
    before = timezone.now()
    response = alice.post(url("quartier"), {"quartier": "QN09410M"})
    assert response["Location"] == url("diplome")
    profile = profile_of(personas.alice)
    assert profile.qpv_answer == Profile.QpvAnswer.QPV
    assert profile.qpv_id == "QN09410M"
    assert profile.qpv_asserted_by == personas.alice
    assert before <= profile.qpv_asserted_at <= timezone.now()
    assert profile.qpv_verified is False
    assert checked(alice.get(url("quartier")), "quartier") == ["QN09410M"]


def test_i_dont_know_is_an_answer_without_a_qpv(personas, alice):
    alice.post(url("commune"), {"commune": "94081"})
    alice.post(url("quartier"), {"quartier": "QN09410M"})
    alice.post(url("quartier"), {"quartier": "unknown"})
    profile = profile_of(personas.alice)
    assert (profile.qpv_answer, profile.qpv_id) == ("unknown", None)


def test_a_qpv_of_another_commune_is_refused_in_french(personas, alice):
    alice.post(url("commune"), {"commune": "94081"})
    response = alice.post(url("quartier"), {"quartier": "QN09407I"})
    page = text(response)
    assert response.status_code == 200
    assert "Choisissez une réponse dans la liste." in page
    assert 'aria-describedby="id_quartier_error"' in page
    assert profile_of(personas.alice).qpv_answer == ""
    assert "Choisissez une réponse" in text(alice.post(url("quartier"), {}))


def test_moving_to_another_commune_asks_the_neighbourhood_again(personas, alice):
    alice.post(url("commune"), {"commune": "94081"})
    alice.post(url("quartier"), {"quartier": "QN09410M"})
    alice.post(url("commune"), {"commune": "94041"})
    profile = profile_of(personas.alice)
    assert (profile.qpv_answer, profile.qpv_id, profile.qpv_asserted_at) == ("", None, None)
    assert "Mon quartier" in text(alice.get("/mon-profil/"))
    assert "quartier" not in profile.steps_done


def test_qualification_no_diploma_is_an_answer(personas, alice):
    page = text(alice.get(url("diplome")))
    assert "Sans diplôme" in page and "CAP, BEP" in page and "Par exemple : BTS" in page
    alice.post(url("diplome"), {"level": "0"})
    assert profile_of(personas.alice).level == 0
    assert checked(alice.get(url("diplome")), "level") == ["0"]
    assert "Choisissez une réponse dans la liste." in text(alice.post(url("diplome"), {}))
    assert profile_of(personas.alice).level == 0


def test_jobs_are_chosen_by_code_or_typed_text(personas, alice):
    response = alice.post(
        url("metiers"), {"sought": ["11679"], "sought_text": "aide soignante", "past": ["17993"]}
    )
    assert response["Location"] == url("competences")
    profile = profile_of(personas.alice)
    assert set(profile.sought.values_list("pk", flat=True)) == {"11679", "10891"}
    assert list(profile.past.values_list("pk", flat=True)) == ["17993"]
    page = text(alice.get(url("metiers")))
    assert "Cariste" in page and "Aide-soignant / Aide-soignante" in page
    assert 'name="past" value="17993"' in page


def test_jobs_need_one_to_five_and_a_mistake_loses_nothing(personas, alice):
    alice.post(url("metiers"), {"sought": ["11679"]})
    response = alice.post(url("metiers"), {"past": ["17993"]})
    page = text(response)
    assert "Choisissez au moins un métier dans la liste proposée." in page
    assert 'name="past" value="17993"' in page  # what was chosen is still there
    six = ["11679", "10891", "17993", "10894", "10893", "12000"]
    page = text(alice.post(url("metiers"), {"sought": six}))
    assert "Choisissez 5 métiers au plus : retirez-en 1." in page
    assert list(profile_of(personas.alice).sought.values_list("pk", flat=True)) == ["11679"]


def test_permits_and_languages_come_back_ticked(personas, alice):
    page = text(alice.get(url("permis")))
    assert page.index("Permis B (voiture)") < page.index("Permis C (poids lourd)")
    assert page.index("CACES (conduite d'engins)") < page.index("CACES R489 catégorie 1A")
    alice.post(
        url("permis"),
        {
            "driving": ["B"],
            "caces": ["CACES_R489_1A"],
            "other_permits": ["SST"],
            "languages": ["fr", "ar"],
        },
    )
    profile = profile_of(personas.alice)
    assert profile.permits == ["B", "CACES_R489_1A", "SST"]
    assert profile.languages == ["fr", "ar"]
    page = alice.get(url("permis"))
    assert checked(page, "driving") == ["B"] and checked(page, "caces") == ["CACES_R489_1A"]
    assert checked(page, "languages") == ["fr", "ar"]
    assert "permis" in profile.steps_done


def test_preferences_explain_the_commute_from_the_commune(personas, alice):
    alice.post(url("commune"), {"commune": "94054"})  # Orly
    page = text(alice.get(url("preferences")))
    assert "Avec 30 minutes, vous pouvez aller jusqu'à Rungis" in page
    assert "Avec 1 heure, vous pouvez aller dans tout le territoire." in page
    day = timezone.localdate() + timedelta(days=10)
    response = alice.post(
        url("preferences"),
        {"max_commute": "30", "contracts": ["CDI", "MIS"], "hours": "full", "available_from": day},
    )
    assert response["Location"] == url("mon-cv")
    profile = profile_of(personas.alice)
    assert (profile.max_commute, profile.contracts, profile.hours) == (30, ["CDI", "MIS"], "full")
    assert profile.available_from == day
    page = alice.get(url("preferences"))
    assert checked(page, "max_commute") == ["30"] and checked(page, "hours") == ["full"]
    assert checked(page, "contracts") == ["CDI", "MIS"]
    assert f'value="{day.isoformat()}"' in text(page)


def test_a_bad_date_is_explained_and_the_rest_is_kept(personas, alice):
    response = alice.post(
        url("preferences"),
        {
            "max_commute": "60",
            "contracts": ["CDD"],
            "hours": "part",
            "available_from": "32/13/2025",
        },
    )
    page = text(response)
    assert "Saisissez une date, par exemple 15/09/2025." in page
    assert 'aria-describedby="id_available_from_helptext id_available_from_error"' in page
    assert checked(response, "max_commute") == ["60"] and checked(response, "contracts") == ["CDD"]
    assert 'value="32/13/2025"' in page
    assert profile_of(personas.alice).max_commute == 45  # nothing half-saved


def test_optional_steps_can_be_skipped(alice):
    page = text(alice.get(url("mon-cv")))
    assert 'href="/mon-profil/fin/">Passer cette étape' in page
    assert "Passer cette étape" not in text(alice.get(url("metiers")))


def test_all_steps_done_makes_the_profile_complete(personas, alice):
    profile = profile_of(personas.alice)
    profile.steps_done = ["commune", "quartier", "diplome", "metiers", "competences"]
    profile.steps_done += ["permis", "preferences", "mon-cv"]
    profile.save()
    page = text(alice.get("/mon-profil/"))
    assert "8 étapes sur 8 remplies" in page
    assert "Votre profil est complet." in page
