"""Synthetic demo residents (``residents.demo``): sizes, idempotence, the territory's shape
(QPV share, qualification levels, trades, skills), and the demo account's complete profile."""

import io
import re
from collections import Counter
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from accounts.demo import seed_accounts
from accounts.models import User
from referentiel.models import Commune
from residents import selectors
from residents.demo import (
    DEMO_ACCOUNT_JOBS,
    EMAIL_REGEX,
    demo_residents,
    seed_residents,
)
from residents.models import Consent, Profile

pytestmark = pytest.mark.django_db


def profiles():
    return Profile.objects.filter(user__in=demo_residents())


def share(part: int, whole: int) -> float:
    return 100 * part / whole


@pytest.fixture
def territory():
    """2,000 demo residents, enough for the shares to mean something."""
    return seed_residents(count=2000, seed=7)


def test_sizes_are_honoured_seeding_again_does_nothing_and_reset_replaces():
    report = seed_residents(count=300, seed=1)
    assert demo_residents().count() == 300 and report.residents == 300
    again = seed_residents(count=500, seed=1)
    assert again.skipped and demo_residents().count() == 300
    seed_residents(count=120, seed=1, reset=True)
    assert demo_residents().count() == 120
    assert profiles().count() == 120


def test_the_command_takes_a_number_of_residents():
    out = io.StringIO()
    call_command("seed_demo", employers=4, offers=10, residents=250, stdout=out)
    assert demo_residents().count() == 250
    assert "Habitants fictifs : 250" in out.getvalue()
    out = io.StringIO()
    call_command("seed_demo", employers=4, offers=10, residents=99, stdout=out)
    assert demo_residents().count() == 250, "idempotent"
    assert "--reset-residents" in out.getvalue()


def test_the_same_seed_gives_the_same_residents():
    seed_residents(count=200, seed=3)
    first = list(profiles().order_by("user__email").values_list("user__email", "commune", "level"))
    seed_residents(count=200, seed=3, reset=True)
    second = list(profiles().order_by("user__email").values_list("user__email", "commune", "level"))
    assert first == second


def test_demo_residents_are_labelled_synthetic_and_cannot_log_in(territory):
    users = list(demo_residents())
    assert len(users) == 2000
    assert all(re.match(EMAIL_REGEX, user.email) for user in users)
    assert all(not user.has_usable_password() for user in users)
    assert len({user.password for user in users}) == 1, "one unusable value, no hashing per user"
    assert len({user.first_name for user in users}) > 40, "diverse names"


def test_a_sixth_live_in_a_qpv_of_their_own_commune(territory):
    total = profiles().count()
    in_qpv = profiles().filter(qpv__isnull=False)
    assert abs(share(in_qpv.count(), total) - 17) <= 4
    assert not in_qpv.exclude(qpv_answer="qpv").exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM residents_profile p WHERE p.qpv_id IS NOT NULL AND NOT EXISTS"
            " (SELECT 1 FROM referentiel_qpv_communes l"
            "  WHERE l.qpv_id = p.qpv_id AND l.commune_id = p.commune_id)"
        )
        assert cursor.fetchone()[0] == 0, "every QPV belongs to its resident's commune"
    others = Counter(profiles().filter(qpv__isnull=True).values_list("qpv_answer", flat=True))
    assert set(others) == {"none", "unknown"}


def test_residents_live_in_the_territory_by_population(territory):
    communes = Counter(profiles().values_list("commune_id", flat=True))
    territory_codes = set(Commune.objects.filter(in_territory=True).values_list("pk", flat=True))
    assert set(communes) == territory_codes, "all 24 communes, and only them"
    assert communes.most_common(1)[0][0] == "94081"  # Vitry-sur-Seine, the most populous
    assert communes["94065"] < communes["94076"]  # Rungis is far smaller than Villejuif


def test_levels_lean_to_cap_bep_and_below_more_in_qpv(territory):
    for in_qpv, at_most_cap, none in ((True, 59, 29), (False, 50, 20)):
        levels = list(profiles().filter(qpv__isnull=not in_qpv).values_list("level", flat=True))
        low = sum(1 for level in levels if level <= 3)
        assert abs(share(low, len(levels)) - at_most_cap) <= 5
        assert abs(share(levels.count(0), len(levels)) - none) <= 5


def test_skills_are_core_skills_of_their_trades_with_gaps(territory):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH jobs AS (
              SELECT s.profile_id, a.occupation_id FROM residents_profile_sought s
                JOIN referentiel_appellation a ON a.code_ogr = s.appellation_id
              UNION
              SELECT s.profile_id, a.occupation_id FROM residents_profile_past s
                JOIN referentiel_appellation a ON a.code_ogr = s.appellation_id)
            SELECT count(*) FROM residents_profile_skills k
             WHERE NOT EXISTS (
               SELECT 1 FROM jobs j JOIN referentiel_occupationskill o
                 ON o.occupation_id = j.occupation_id AND o.core
                WHERE j.profile_id = k.profile_id AND o.skill_id = k.skill_id)
            """
        )
        assert cursor.fetchone()[0] == 0
    assert territory.skills > 2000 * 3
    sought = Counter(len(p.sought.all()) for p in profiles().prefetch_related("sought"))
    assert set(sought) <= {1, 2, 3} and sought[1] > sought[3]


def test_trades_permits_and_consents_follow_the_territory(territory):
    trades = Counter(profiles().values_list("sought__occupation__title", flat=True)).most_common(8)
    assert any("commandes" in title.lower() for title, _n in trades), trades
    total = profiles().count()
    driving = profiles().filter(permits__contains=["B"]).count()
    assert 38 <= share(driving, total) <= 52
    logistics = profiles().filter(sought__occupation_id__in=["N1103", "N1101", "N1105"]).distinct()
    caces = logistics.filter(permits__overlap=["CACES_R489_1A", "CACES_R489_3", "CACES_R489_5"])
    assert 0 < caces.count() < logistics.count()
    consents = Consent.objects.filter(profile__in=profiles(), revoked_at__isnull=True)
    assert abs(share(consents.filter(kind="matching").count(), total) - 90) <= 1
    assert abs(share(consents.filter(kind="visibility").count(), total) - 60) <= 1
    assert set(profiles().values_list("max_commute", flat=True)) <= {30, 45, 60, 90}


def test_the_demo_resident_account_gets_a_complete_profile():
    users = seed_accounts()
    seed_residents(count=50, account=users["resident"])
    profile = Profile.objects.get(user__email="resident@demo.test")
    assert profile.commune_id == "94054"
    assert set(DEMO_ACCOUNT_JOBS) <= set(profile.sought.values_list("pk", flat=True))
    assert profile.skills.exists()
    assert selectors.first_step_to_do(profile) is None, "every step done"
    assert selectors.consents_state(profile)["matching"]
    assert selectors.consents_state(profile)["visibility"]
    # The demo account is not a synthetic resident: a reset leaves it alone.
    seed_residents(count=10, reset=True, account=users["resident"])
    assert User.objects.filter(email="resident@demo.test").exists()
    assert not demo_residents().filter(email="resident@demo.test").exists()


def test_demo_applications_follow_the_workflow_and_fill_the_inbox():
    from applications.demo import demo_applications
    from applications.models import Application
    from applications.workflow import TRANSITIONS

    call_command("seed_demo", employers=8, offers=60, residents=400, stdout=io.StringIO())
    applications = list(demo_applications().select_related("offer").prefetch_related("transitions"))
    assert len(applications) >= 80
    assert len({a.status for a in applications}) >= 6
    for application in applications:
        steps = list(application.transitions.all())
        assert steps[0].name == "create" and steps[-1].to_status == application.status
        for before, after in pairwise(steps):
            assert after.from_status == before.to_status and after.at >= before.at
            assert before.to_status in TRANSITIONS[after.name].sources
        assert application.created_at >= application.offer.published_at
        assert (application.status == "hired") == (application.hired_start is not None)
    account = User.objects.get(email="resident@demo.test")
    assert Application.objects.filter(resident=account).count() == 3
    inbox = Application.objects.filter(
        offer__employer__memberships__user__email="employer@demo.test"
    )
    assert inbox.count() >= 4
    pages = {
        "employer@demo.test": "/espace-employeur/candidatures/",
        "resident@demo.test": "/mes-candidatures/",
    }
    for email, url in pages.items():
        client = Client()
        client.force_login(User.objects.get(email=email))
        assert client.get(url).status_code == 200
    views = client.get("/mon-profil/mes-donnees/")
    assert views.status_code == 200 and "Vous avez postulé" in views.content.decode()
    call_command("seed_demo", employers=8, offers=60, residents=400, stdout=io.StringIO())
    assert len(applications) == demo_applications().count(), "idempotent"
