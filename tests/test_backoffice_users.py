"""Back office, people: staff search accounts by e-mail or name and by role, and see their
organisations. No impersonation: the page says so, and no such link exists."""

from tests.factories import UserFactory
from tests.helpers import text

URL = "/espace-equipe/utilisateurs/"


def test_search_by_email_or_name(personas, login):
    sam = login(personas.sam)
    page = text(sam.get(URL, {"q": "acme"}))
    assert "emma@acme.test" in page and "Acme Logistique" in page and "1 compte" in page
    assert "frank@globex.test" not in page
    page = text(sam.get(URL, {"q": "Alice"}))
    assert "alice@example.test" in page and "bob@example.test" not in page


def test_every_word_must_match(personas, login):
    UserFactory(email="ines.martin@example.test", first_name="Inès", last_name="Martin")
    UserFactory(email="ines.durand@example.test", first_name="Inès", last_name="Durand")
    page = text(login(personas.sam).get(URL, {"q": "Inès Martin"}))
    assert "ines.martin@example.test" in page and "ines.durand@example.test" not in page


def test_filter_by_role(personas, login):
    page = text(login(personas.sam).get(URL, {"role": "advisor"}))
    assert "ada@mission.test" in page and "alan@plie.test" in page
    assert "PLIE du Val-de-Marne" in page and "emma@acme.test" not in page
    assert "2 comptes" in page


def test_no_impersonation(personas, login):
    page = text(login(personas.sam).get(URL, {"q": "alice"}))
    assert "Pas de connexion à la place d'une personne" in page
    assert "impersonat" not in page.lower() and "hijack" not in page.lower()
    assert "Se connecter en tant que" not in page


def test_nothing_listed_before_a_search(personas, login):
    page = text(login(personas.sam).get(URL))
    assert "alice@example.test" not in page


def test_the_query_count_does_not_grow(personas, login, django_assert_max_num_queries):
    for i in range(30):
        UserFactory(email=f"personne{i}@example.test")
    sam = login(personas.sam)
    with django_assert_max_num_queries(7):
        response = sam.get(URL, {"q": "example.test"})
    assert "32 comptes" in text(response)
