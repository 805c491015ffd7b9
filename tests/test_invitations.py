"""An organisation's admin invites members by e-mail."""

import re

import pytest
from django.core import mail

from accounts.models import Invitation, Membership, User
from tests.application_helpers import eager, media  # noqa: F401
from tests.factories import UserFactory, member
from tests.helpers import text

# The invitation leaves through a Celery task after the commit: run it at once.
pytestmark = pytest.mark.usefixtures("eager")


def invite(client, organisation, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            f"/comptes/organisations/{organisation.pk}/", {"email": email, "role": "member"}
        )


def link_in(message):
    return re.search(r"https?://[^/]+(/\S+)", message.body).group(1)


def test_admin_invites_a_newcomer_who_signs_up(
    personas, login, client, django_capture_on_commit_callbacks
):
    invite(
        login(personas.emma), personas.acme, "nora@acme.test", django_capture_on_commit_callbacks
    )
    message = mail.outbox[-1]
    assert message.to == ["nora@acme.test"] and "Acme Logistique" in message.subject
    page = text(client.get(link_in(message)))
    assert 'value="nora@acme.test"' in page
    response = client.post(
        link_in(message),
        {
            "first_name": "Nora",
            "last_name": "Kaci",
            "password1": "un-mot-de-passe-solide",
            "password2": "un-mot-de-passe-solide",
        },
        follow=True,
    )
    assert "Bienvenue chez Acme Logistique" in text(response)
    nora = User.objects.get(email="nora@acme.test")
    assert nora.role == User.Role.EMPLOYER
    assert Membership.objects.filter(user=nora, organisation=personas.acme, role="member").exists()
    # The link cannot be used twice.
    assert "n'est plus valable" in text(client.get(link_in(message)))


def test_an_existing_account_accepts_after_logging_in(
    personas, login, django_capture_on_commit_callbacks
):
    invite(
        login(personas.emma), personas.acme, "frank@globex.test", django_capture_on_commit_callbacks
    )
    url = link_in(mail.outbox[-1])
    frank = login(personas.frank)
    assert "Accepter l'invitation" in text(frank.get(url))
    frank.post(url)
    assert Membership.objects.filter(user=personas.frank, organisation=personas.acme).exists()


def test_the_invitation_is_for_the_invited_address_only(
    personas, login, django_capture_on_commit_callbacks
):
    invite(
        login(personas.emma), personas.acme, "nora@acme.test", django_capture_on_commit_callbacks
    )
    url = link_in(mail.outbox[-1])
    login(personas.frank).post(url)
    assert not Membership.objects.filter(user=personas.frank, organisation=personas.acme).exists()


def test_a_plain_member_cannot_invite(personas, login):
    plain = member(UserFactory(role=User.Role.EMPLOYER), personas.acme, role="member")
    client = login(plain)
    assert "Inviter un membre" not in text(
        client.get(f"/comptes/organisations/{personas.acme.pk}/")
    )
    assert (
        client.post(
            f"/comptes/organisations/{personas.acme.pk}/", {"email": "x@y.test"}
        ).status_code
        == 403
    )
    assert mail.outbox == []


def test_outsiders_cannot_invite_into_another_organisation(personas, login):
    response = login(personas.frank).post(
        f"/comptes/organisations/{personas.acme.pk}/", {"email": "x@y.test"}
    )
    assert response.status_code == 404


def test_an_invitation_from_a_very_long_name_is_sent(
    personas, login, django_capture_on_commit_callbacks
):
    """The subject names the sender and the organisation: with long names it is cut to what an
    e-mail subject may hold, and the invitation still leaves."""
    personas.emma.first_name, personas.emma.last_name = "Marie-" + "A" * 144, "B" * 150
    personas.emma.save()
    personas.acme.name = "Société " + "C" * 190
    personas.acme.save()
    response = invite(
        login(personas.emma), personas.acme, "nora@acme.test", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["nora@acme.test"]
    assert message.subject.startswith("Marie-AAA") and message.subject.endswith("…")
    assert len(message.subject) == 300
    assert "Société CCC" in message.body and link_in(message).startswith("/comptes/invitation/")


def test_the_invitation_names_who_sent_it():
    assert Invitation._meta.get_field("invited_by").verbose_name == "envoyée par"


def test_a_resident_account_cannot_be_invited_nor_accept(
    personas, login, django_capture_on_commit_callbacks
):
    emma = login(personas.emma)
    sent = invite(emma, personas.acme, personas.alice.email, django_capture_on_commit_callbacks)
    page = text(sent)
    assert f"L'adresse {personas.alice.email} est celle d'un compte" in page
    assert "Invitez une autre adresse." in page
    assert not Invitation.objects.exists()
    # An invitation sent before the account existed cannot be accepted with it either.
    invitation = Invitation.objects.create(
        organisation=personas.acme,
        email=personas.alice.email,
        invited_by=personas.emma,
        token="a-resident-was-invited",
    )
    response = login(personas.alice).post(f"/comptes/invitation/{invitation.token}/", follow=True)
    assert "Invitez une autre adresse." in text(response)
    assert not Membership.objects.filter(user=personas.alice).exists()


def test_the_organisation_page_title_is_its_name(personas, login):
    page = text(login(personas.emma).get(f"/comptes/organisations/{personas.acme.pk}/"))
    title = page.split("<title>")[1].split("</title>")[0]
    assert title.startswith("Acme Logistique") and "<" not in title and "csrf" not in title
