"""Django's admin keeps out of what the application's own pages handle: advisors' notes, clause
eligibilities, delegations and the e-mail outbox can be looked at, never added, changed or
deleted, and staff never read a note's text nor an e-mail's body (it may hold an invitation
link)."""

import pytest

from accounts.models import Mail, User
from accounts.services import member_invite
from advisors.models import Note
from clauses.models import Eligibility
from referrals.models import Delegation
from tests.advisor_helpers import followed
from tests.helpers import text

NOTE = "NOTE-PRIVEE : sort d'hospitalisation, à ménager"


@pytest.fixture
def admin_client(personas, login):
    return login(User.objects.create_superuser(email="root@territoire.test"))


@pytest.fixture
def rows(personas):
    profile = followed(personas.mission, first_name="Yasmine")
    return {
        "advisors/note": Note.objects.create(
            structure=personas.mission, profile=profile, author=personas.ada, text=NOTE
        ),
        "clauses/eligibility": Eligibility.objects.create(
            profile=profile, public="qpv", structure=personas.mission, recorded_by=personas.ada
        ),
        "referrals/delegation": Delegation.objects.create(
            structure=personas.mission, profile=profile, granted_by=personas.ada
        ),
    }


@pytest.mark.parametrize("model", ["advisors/note", "clauses/eligibility", "referrals/delegation"])
def test_staff_look_but_cannot_add_change_or_delete(admin_client, rows, model):
    row = rows[model]
    url = f"/admin/{model}/"
    assert admin_client.get(url).status_code == 200
    page = admin_client.get(f"{url}{row.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode() and "Supprimer" not in text(page)
    assert admin_client.get(f"{url}add/").status_code == 403
    assert admin_client.post(f"{url}{row.pk}/change/", {}).status_code == 403
    assert admin_client.post(f"{url}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    admin_client.post(url, {"action": "delete_selected", "_selected_action": [row.pk]})
    assert type(row).objects.filter(pk=row.pk).exists()


def test_staff_never_read_an_advisors_note(personas, admin_client, rows):
    note = rows["advisors/note"]
    listing = admin_client.get("/admin/advisors/note/")
    page = admin_client.get(f"/admin/advisors/note/{note.pk}/change/")
    assert personas.mission.name in text(page), "the page says whose note it is"
    for response in (listing, page):
        assert "NOTE-PRIVEE" not in response.content.decode()


def test_the_outbox_shows_who_and_when_but_never_the_body(personas, admin_client):
    member_invite(
        organisation=personas.acme, email="nora@acme.test", role="member", by=personas.emma
    )
    row = Mail.objects.get(email="nora@acme.test")
    token = personas.acme.invitations.get().token
    assert token in row.body
    listing = admin_client.get("/admin/accounts/mail/")
    page = admin_client.get(f"/admin/accounts/mail/{row.pk}/change/")
    assert page.status_code == 200
    assert "nora@acme.test" in text(page) and "Acme Logistique" in text(page)
    for response in (listing, page):
        assert token not in response.content.decode()
        assert "/invitation/" not in response.content.decode()
    assert admin_client.get("/admin/accounts/mail/add/").status_code == 403
    deleted = admin_client.post(f"/admin/accounts/mail/{row.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403 and Mail.objects.filter(pk=row.pk).exists()
