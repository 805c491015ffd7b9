"""The advisory side of the demo seed: structures, a facilitator, a Grand Paris Express clause
operation with clause offers of the demo employer, follow-ups of demo residents; run twice, it
creates nothing twice, and it does not mind demo residents being absent."""

from accounts.demo import seed_accounts
from accounts.models import Organisation
from clauses.demo import FACILITATOR_EMAIL, OPERATION, seed_advisory_demo
from clauses.models import ClauseOperation
from offers.models import Offer
from referrals.permissions import active_structure
from residents.models import Consent, Profile
from tests.factories import UserFactory


def test_the_advisory_demo_is_seeded_once(db):
    users = seed_accounts()
    first = seed_advisory_demo(users=users)
    assert first.followed == 0  # no demo resident yet: nothing to follow, no error
    for i in range(6):
        Profile.objects.create(
            user=UserFactory(email=f"habitant.{i}@demo.test"), commune_id="94054" if i else "75056"
        )
    Profile.objects.create(user=users["resident"], commune_id="94081")
    second = seed_advisory_demo(users=users)
    counts = (
        Organisation.objects.filter(kind="structure").count(),
        ClauseOperation.objects.count(),
        Offer.objects.count(),
        Consent.objects.filter(kind="followup").count(),
    )
    seed_advisory_demo(users=users)
    assert counts == (
        Organisation.objects.filter(kind="structure").count(),
        ClauseOperation.objects.count(),
        Offer.objects.count(),
        Consent.objects.filter(kind="followup").count(),
    )
    # The five living in the Mission locale's communes and the demo account; not the Parisian.
    assert second.followed == 6 and counts[3] == 6
    assert Consent.objects.filter(
        profile__user=users["resident"], given_by=users["advisor"]
    ).exists()
    mission = active_structure(users["advisor"])
    assert mission.name == "Mission locale Orly-Choisy (démo)" and mission.is_active
    assert mission.communes_served.filter(pk="94054").exists()
    facilitator = active_structure(users["advisor"].__class__.objects.get(email=FACILITATOR_EMAIL))
    assert facilitator.structure_kind == Organisation.StructureKind.CLAUSE_FACILITATOR
    operation = ClauseOperation.objects.get(name=OPERATION)
    assert operation.synthetic and "(démo)" in operation.name
    assert operation.facilitator == facilitator
    clause = operation.offers.filter(employer__memberships__user=users["employer"])
    assert clause.count() == 3
    assert all(o.insertion_clause and o.status == "published" for o in clause)
    assert Organisation.objects.filter(name="PLIE Grand-Orly Seine Bièvre (démo)").exists()
