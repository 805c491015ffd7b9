"""From "Offres pour vous", "Donner mon accord" brings the person back there once the accord is
saved; a `next` that leads off the site is ignored."""

import pytest

from residents.models import Consent
from residents.selectors import has_consent
from tests.factories import resident

OFFERS = "/offres-pour-vous/"
CONSENTS = "/mon-profil/consentements/"


@pytest.fixture
def someone(db):
    return resident(consent=False)


def test_giving_the_accord_from_offers_for_you_goes_back_there(someone, login):
    client = login(someone.user)
    link = f"{CONSENTS}?next={OFFERS}"
    assert f'href="{link}"' in client.get(OFFERS).content.decode()
    assert (
        f'<input type="hidden" name="next" value="{OFFERS}">' in client.get(link).content.decode()
    )
    response = client.post(link, {"kind": "matching", "action": "give", "next": OFFERS})
    assert response.status_code == 302 and response.url == OFFERS
    assert has_consent(someone, Consent.Kind.MATCHING)
    page = client.get(OFFERS).content.decode()
    assert "Vous recevrez des offres qui vous correspondent." in page


def test_only_the_matching_form_goes_back(someone, login):
    """The page's URL keeps its ?next=, which the other forms post to: they stay on the page."""
    response = login(someone.user).post(
        f"{CONSENTS}?next={OFFERS}", {"kind": "visibility", "action": "give"}
    )
    assert response.url == CONSENTS


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://testserver@evil.example/",
        "/\\evil.example",
    ],
)
def test_a_next_off_the_site_is_ignored(someone, login, target):
    client = login(someone.user)
    assert 'name="next"' not in client.get(CONSENTS, {"next": target}).content.decode()
    response = client.post(CONSENTS, {"kind": "matching", "action": "give", "next": target})
    assert response.status_code == 302 and response.url == CONSENTS
    assert has_consent(someone, Consent.Kind.MATCHING)
