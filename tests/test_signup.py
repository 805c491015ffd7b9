"""Residents and employers create their accounts."""

from django.urls import reverse

from accounts.models import Membership, Organisation, User
from tests.factories import CommuneFactory
from tests.helpers import text

RESIDENT = {
    "first_name": "Awa",
    "last_name": "Diallo",
    "email": "Awa.Diallo@Example.test",
    "password1": "un-mot-de-passe-solide",
    "password2": "un-mot-de-passe-solide",
}


def test_resident_signs_up_and_is_logged_in(client, db):
    response = client.post(reverse("accounts:signup_resident"), RESIDENT, follow=True)
    assert response.redirect_chain[-1][0] == reverse("residents:home")
    assert "Bonjour Awa" in text(response)
    user = User.objects.get()
    assert user.email == "awa.diallo@example.test"
    assert user.role == User.Role.RESIDENT
    assert user.check_password("un-mot-de-passe-solide")


def test_an_address_already_used_is_explained_in_french(client, db):
    client.post(reverse("accounts:signup_resident"), RESIDENT)
    client.logout()
    response = client.post(
        reverse("accounts:signup_resident"), {**RESIDENT, "email": "AWA.DIALLO@example.test"}
    )
    assert "Un compte existe déjà avec cette adresse" in text(response)
    assert User.objects.count() == 1


def test_mismatched_and_weak_passwords_are_refused_keeping_what_was_typed(client, db):
    response = client.post(
        reverse("accounts:signup_resident"), {**RESIDENT, "password2": "autre-chose-encore"}
    )
    page = text(response)
    assert "Les deux mots de passe ne sont pas identiques" in page
    assert 'value="Diallo"' in page
    response = client.post(
        reverse("accounts:signup_resident"),
        {**RESIDENT, "password1": "12345678901", "password2": "12345678901"},
    )
    assert "entièrement numérique" in text(response)
    assert not User.objects.exists()


def employer_form(**changes):
    data = {
        "person-first_name": "Karim",
        "person-last_name": "Haddad",
        "person-email": "karim@transports-haddad.test",
        "person-password1": "un-mot-de-passe-solide",
        "person-password2": "un-mot-de-passe-solide",
        "organisation-name": "Transports Haddad",
        "organisation-siret": "732 829 320 00074",
        "organisation-employer_kind": "company",
        "organisation-commune": "94054",
    }
    data.update(changes)
    return data


def test_employer_signs_up_with_its_organisation(client, db):
    CommuneFactory()
    response = client.post(reverse("accounts:signup_employer"), employer_form(), follow=True)
    assert response.status_code == 200
    organisation = Organisation.objects.get()
    assert organisation.name == "Transports Haddad"
    assert organisation.siret == "73282932000074"
    assert organisation.kind == Organisation.Kind.EMPLOYER
    assert organisation.commune.name == "Orly"
    membership = Membership.objects.get()
    assert membership.user.email == "karim@transports-haddad.test"
    assert membership.role == Membership.Role.ADMIN
    assert "Transports Haddad" in text(response)


def test_a_mistyped_siret_is_refused_with_an_explanation_and_nothing_is_lost(client, db):
    CommuneFactory()
    response = client.post(
        reverse("accounts:signup_employer"),
        employer_form(**{"organisation-siret": "73282932000075"}),
    )
    page = text(response)
    assert "Ce SIRET n'existe pas" in page
    assert 'value="Transports Haddad"' in page
    assert 'value="karim@transports-haddad.test"' in page
    assert not User.objects.exists()
    assert not Organisation.objects.exists()


def test_an_establishment_that_has_an_account_is_asked_to_invite(client, db):
    CommuneFactory()
    client.post(reverse("accounts:signup_employer"), employer_form())
    client.logout()
    second = employer_form(**{"person-email": "nadia@transports-haddad.test"})
    page = text(client.post(reverse("accounts:signup_employer"), second))
    assert "Cet établissement a déjà un compte sur la Vitrine" in page
    assert 'value="nadia@transports-haddad.test"' in page
    assert Organisation.objects.count() == 1 and User.objects.count() == 1


def test_territory_communes_are_offered_first(client, db):
    CommuneFactory(code_insee="75056", name="Paris", departement_code="75", in_territory=False)
    CommuneFactory(code_insee="94081", name="Vitry-sur-Seine", in_territory=True)
    page = text(client.get(reverse("accounts:signup_employer")))
    assert page.index("Vitry-sur-Seine") < page.index("Paris (75)")
