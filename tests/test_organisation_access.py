"""An organisation's page is for its members only: outsiders get 404."""

import pytest
from django.urls import reverse

from tests.helpers import text


def test_member_sees_the_organisation_and_its_members(personas, login):
    response = login(personas.emma).get(reverse("accounts:organisation", args=[personas.acme.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Acme Logistique" in page
    assert "emma@acme.test" in page


@pytest.mark.parametrize("outsider", ["frank", "alice", "ada", "sam"])
def test_outsiders_get_404(personas, login, outsider):
    client = login(getattr(personas, outsider))
    response = client.get(reverse("accounts:organisation", args=[personas.acme.pk]))
    assert response.status_code == 404
    assert "Acme" not in text(response)


def test_anonymous_is_sent_to_login(client, personas):
    url = reverse("accounts:organisation", args=[personas.acme.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["alice", "emma", "ada", "sam"])
def test_dashboard_shows_only_ones_own_organisations(personas, login, name):
    page = text(login(getattr(personas, name)).get(reverse("accounts:dashboard")))
    assert ("Acme Logistique" in page) == (name == "emma")
    assert ("Mission locale des Portes" in page) == (name == "ada")
    assert "Globex" not in page
