"""An advisor creates a resident's account on their behalf: "La personne est d'accord" is the
follow-up consent given by the advisor; an invitation e-mail (after the commit, through Celery)
lets the person choose a password and take the account over."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from accounts.models import User
from advisors.models import AccountInvitation
from residents.models import Consent, Profile
from tests.application_helpers import eager  # noqa: F401
from tests.helpers import text

URL = "/espace-conseiller/personnes/nouvelle/"
FORM = {
    "first_name": "Samir",
    "last_name": "Haddad",
    "email": "Samir.Haddad@example.test",
    "phone": "06 12 34 56 78",
    "commune": "94054",
    "level": "3",
    "sought": ["11679"],
    "agreed": "on",
    "matching": "on",
}


@pytest.mark.usefixtures("eager")
def test_the_account_is_created_followed_and_the_person_invited(
    personas, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = login(personas.ada).post(URL, FORM)
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    user = User.objects.get(email="samir.haddad@example.test")
    profile = Profile.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == f"/espace-conseiller/personnes/{profile.pk}/"
    assert user.role == User.Role.RESIDENT and not user.has_usable_password()
    assert profile.commune_id == "94054" and profile.level == 3 and profile.phone
    assert list(profile.sought.values_list("pk", flat=True)) == ["11679"]
    followup = Consent.objects.get(profile=profile, kind=Consent.Kind.FOLLOWUP)
    assert followup.structure == personas.mission and followup.given_by == personas.ada
    assert Consent.objects.get(profile=profile, kind=Consent.Kind.MATCHING).given_by == personas.ada
    [message] = mail.outbox
    assert message.to == ["samir.haddad@example.test"]
    assert "Mission locale des Portes de l'Essonne" in message.subject
    assert "choisissez votre mot de passe" in message.body
    link = re.search(r"https?://\S+/comptes/mot-de-passe/nouveau/\S+/", message.body).group(0)
    assert AccountInvitation.objects.get(recipient=user).sent_at is not None
    page = text(login(personas.ada).get(f"/espace-conseiller/personnes/{profile.pk}/"))
    assert "invitation envoyée le" in page
    # The link lets the person choose a password, then log in.
    client = Client()
    step = client.get(urlsplit(link).path, follow=True)
    assert step.status_code == 200 and "new_password1" in step.content.decode()
    done = client.post(
        step.redirect_chain[-1][0],
        {"new_password1": "un-mot-de-passe-solide", "new_password2": "un-mot-de-passe-solide"},
    )
    assert done.status_code == 302
    assert client.login(email="samir.haddad@example.test", password="un-mot-de-passe-solide")


def test_without_the_persons_agreement_nothing_is_created(personas, login):
    response = login(personas.ada).post(URL, {**FORM, "agreed": ""})
    assert response.status_code == 400
    assert "La personne est d'accord" in text(response)
    assert not User.objects.filter(email="samir.haddad@example.test").exists()


def test_an_existing_account_is_not_taken_over(personas, login):
    response = login(personas.ada).post(URL, {**FORM, "email": personas.alice.email})
    assert response.status_code == 400
    assert "Un compte existe déjà avec cette adresse" in text(response)
    assert not Consent.objects.filter(kind=Consent.Kind.FOLLOWUP).exists()


@pytest.mark.usefixtures("eager")
def test_the_invitation_can_be_sent_again_until_the_person_logs_in(
    personas, login, django_capture_on_commit_callbacks
):
    client = login(personas.ada)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, FORM)
    profile = Profile.objects.get(user__email="samir.haddad@example.test")
    again = f"/espace-conseiller/personnes/{profile.pk}/invitation/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(again)
    assert len(mail.outbox) == 2
    login(profile.user)  # force_login sets last_login
    with django_capture_on_commit_callbacks(execute=True):
        page = text(client.post(again, follow=True))
    assert "La personne utilise déjà son compte" in page
    assert len(mail.outbox) == 2


def test_another_structure_cannot_reinvite_or_see_the_person(personas, login):
    login(personas.ada).post(URL, FORM)
    profile = Profile.objects.get(user__email="samir.haddad@example.test")
    other = login(personas.alan)
    assert other.get(f"/espace-conseiller/personnes/{profile.pk}/").status_code == 404
    assert other.post(f"/espace-conseiller/personnes/{profile.pk}/invitation/").status_code == 404
