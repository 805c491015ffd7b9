"""Every URL of the site, asked by every kind of person (DESIGN §6).

A world is built where each object has one owner: a resident followed by the Mission locale applied
to an offer of Acme, was referred to another, and a clause facilitator runs an operation. Then each
URL is asked by the anonymous visitor, two residents, a member of each of two employers, an adviser
of each of two structures, the facilitator and the territory's staff:

- those the URL is for get their page (any answer below 400, or 405 for a form that only posts);
- any other signed-in person gets 404, or 403 when the page is for another kind of account, and
  never the owner's data; a POST from them changes nothing;
- the anonymous visitor is sent to the login page (pages) or gets 401 (API);
- nobody gets a 500.

A URL added to the site without a line here fails ``test_every_url_is_in_the_matrix``.
"""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Organisation, User
from applications import services as application_services
from clauses.models import ClauseOperation
from referrals.models import Referral
from tests.advisor_helpers import follow, propose, sent
from tests.factories import StructureFactory, UserFactory, member, offer, resident

EVERYONE = ("anon", "owner", "other", "emma", "frank", "ada", "alan", "fay", "sam")
SIGNED_IN = EVERYONE[1:]
KINDS = {
    "owner": "resident",
    "other": "resident",
    "emma": "employer",
    "frank": "employer",
    "ada": "advisor",
    "alan": "advisor",
    "fay": "advisor",
    "sam": "staff",
}
RESIDENTS = ("owner", "other")
EMPLOYERS = ("emma", "frank")
ADVISORS = ("ada", "alan", "fay")
MARKER = "Zéphyrine"  # the owner's first name: nobody else may read it


@pytest.fixture
def world(personas):
    profile = resident(first_name=MARKER)
    follow(profile, personas.mission)
    applied = offer(personas.acme, title="Cariste Orly")
    referred = offer(personas.acme, title="Préparateur Rungis")
    proposed_offer = offer(personas.acme, title="Magasinier Orly")
    application = application_services.application_create(
        offer=applied, resident=profile.user, message=f"Bonjour, {MARKER}"
    )
    referral = sent(personas.ada, personas.mission, profile, referred)
    proposed = propose(personas.ada, personas.mission, profile, proposed_offer)
    structure = StructureFactory(
        name="Facilitateur GPE", structure_kind=Organisation.StructureKind.CLAUSE_FACILITATOR
    )
    fay = member(UserFactory(email="fay@clauses.test", role=User.Role.ADVISOR), structure)
    today = timezone.localdate()
    operation = ClauseOperation.objects.create(
        name="Ligne 15 Sud",
        contracting_authority="Société des grands projets",
        facilitator=structure,
        hours_target=1000,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=365),
    )
    operation.offers.add(applied)
    people = {
        "owner": profile.user,
        "other": personas.bob,
        "emma": personas.emma,
        "frank": personas.frank,
        "ada": personas.ada,
        "alan": personas.alan,
        "fay": fay,
        "sam": personas.sam,
    }
    ids = {
        "offer": applied.pk,
        "draft": offer(personas.acme, title="Brouillon", publish=False).pk,
        "employer": personas.acme.pk,
        "organisation": personas.acme.pk,
        "application": application.pk,
        "referral": referral.pk,
        "proposed": proposed.pk,
        "profile": profile.pk,
        "operation": operation.pk,
    }
    return people, ids


def entry(owners, args=(), kwargs=None, object_kind=None, query=""):
    """Who the URL is for; ``object_kind``: whose data it shows ('resident', 'employer'...),
    so that another person of that kind must get exactly 404."""
    return {
        "owners": tuple(owners),
        "args": args,
        "kwargs": kwargs or {},
        "kind": object_kind,
        "query": query,
    }


def matrix(ids):
    o = ids
    return {
        # Public pages and API: everyone.
        "home": entry(EVERYONE),
        "about_data": entry(EVERYONE),
        "healthz": entry(EVERYONE),
        "accounts:signup": entry(EVERYONE),
        "accounts:signup_resident": entry(EVERYONE),
        "accounts:signup_employer": entry(EVERYONE),
        "accounts:login": entry(EVERYONE),
        "accounts:password_reset": entry(EVERYONE),
        "accounts:password_reset_done": entry(EVERYONE),
        "accounts:password_reset_confirm": entry(EVERYONE, kwargs={"uidb64": "MQ", "token": "x"}),
        "accounts:password_reset_complete": entry(EVERYONE),
        "referentiel:occupations": entry(EVERYONE),
        "referentiel:appellation_options": entry(EVERYONE),
        "referentiel:skill_options": entry(EVERYONE),
        "referentiel:core_skills": entry(EVERYONE),
        "referentiel:occupation": entry(EVERYONE, args=["N1103"]),
        "offers:search": entry(EVERYONE),
        "offers:detail": entry(EVERYONE, args=[o["offer"]]),
        "offers:employer": entry(EVERYONE, args=[o["employer"]]),
        "observatory:public": entry(EVERYONE),
        "moderation:flag": entry(EVERYONE, args=[o["offer"]]),  # anyone may flag an offer
        "residents:account_erased": entry(EVERYONE),
        "api-appellations": entry(EVERYONE, query="?q=cariste"),
        "api-skills": entry(EVERYONE, query="?q=chariot"),
        "api-offers": entry(EVERYONE),
        "api-offer": entry(EVERYONE, args=[o["offer"]]),
        "api-schema": entry(EVERYONE),
        "api-docs": entry(EVERYONE),
        # Any signed-in person.
        "accounts:logout": entry(EVERYONE),
        "space": entry(SIGNED_IN),
        "accounts:dashboard": entry(SIGNED_IN),
        # An invitation token nobody holds: 404 for everyone.
        "accounts:invitation": entry((), args=["jeton-inconnu"]),
        # The organisation's own members.
        "accounts:organisation": entry(["emma"], args=[o["organisation"]], object_kind="employer"),
        # Residents' own pages.
        "residents:home": entry(RESIDENTS),
        "residents:step": entry(RESIDENTS, kwargs={"slug": "commune"}),
        "residents:cv_remove": entry(RESIDENTS),
        "residents:cv": entry(RESIDENTS),
        "residents:finish": entry(RESIDENTS),
        "residents:consents": entry(RESIDENTS),
        "residents:emails": entry(RESIDENTS),
        "residents:my_data": entry(RESIDENTS),
        "residents:my_data_download": entry(RESIDENTS),
        "residents:account_erase": entry(RESIDENTS),
        "applications:apply": entry(RESIDENTS, args=[o["offer"]]),
        "applications:mine": entry(RESIDENTS),
        "applications:sent": entry(["owner"], args=[o["application"]], object_kind="resident"),
        "applications:withdraw": entry(["owner"], args=[o["application"]], object_kind="resident"),
        "matching:recommendations": entry(RESIDENTS),
        "referrals:mine": entry(RESIDENTS),
        "referrals:answer": entry(
            ["owner"], args=[o["proposed"], "accepter"], object_kind="resident"
        ),
        "api-my-applications": entry(RESIDENTS),
        "api-my-application-withdraw": entry(
            ["owner"], args=[o["application"]], object_kind="resident"
        ),
        "api-me-profile": entry(RESIDENTS),
        # Employers' pages; objects are Acme's (Emma's).
        "offers:dashboard": entry(EMPLOYERS),
        "offers:api_token": entry(EMPLOYERS),
        "offers:create": entry(EMPLOYERS),
        "offers:manage": entry(["emma"], args=[o["offer"]], object_kind="employer"),
        "offers:edit": entry(["emma"], args=[o["offer"]], object_kind="employer"),
        "offers:move": entry(["emma"], args=[o["draft"], "publish"], object_kind="employer"),
        "applications:inbox": entry(EMPLOYERS),
        "applications:inbox_offer": entry(["emma"], args=[o["offer"]], object_kind="employer"),
        "applications:inbox_detail": entry(
            ["emma"], args=[o["application"]], object_kind="employer"
        ),
        "applications:cv": entry(["emma"], args=[o["application"]], object_kind="employer"),
        "applications:inbox_move": entry(
            ["emma"], args=[o["application"], "see"], object_kind="employer"
        ),
        "matching:candidates": entry(["emma"], args=[o["offer"]], object_kind="employer"),
        "referrals:employer_detail": entry(["emma"], args=[o["referral"]], object_kind="employer"),
        "referrals:employer_move": entry(
            ["emma"], args=[o["referral"], "interview"], object_kind="employer"
        ),
        "api-employer-offers": entry(EMPLOYERS),
        "api-employer-offer": entry(["emma"], args=[o["offer"]], object_kind="employer"),
        "api-employer-offer-transition": entry(["emma"], args=[o["offer"]], object_kind="employer"),
        "api-employer-applications": entry(EMPLOYERS),
        "api-employer-application": entry(
            ["emma"], args=[o["application"]], object_kind="employer"
        ),
        "api-employer-application-transition": entry(
            ["emma"], args=[o["application"]], object_kind="employer"
        ),
        "api-employer-application-cv": entry(
            ["emma"], args=[o["application"]], object_kind="employer"
        ),
        # Advisers' pages; the resident is followed by the Mission locale (Ada's).
        "advisors:home": entry(ADVISORS),
        "advisors:resident_create": entry(ADVISORS),
        "advisors:resident": entry(["ada"], args=[o["profile"]], object_kind="advisor"),
        "advisors:resident_verify": entry(["ada"], args=[o["profile"]], object_kind="advisor"),
        "advisors:notes": entry(["ada"], args=[o["profile"]], object_kind="advisor"),
        "advisors:delegation": entry(["ada"], args=[o["profile"]], object_kind="advisor"),
        "advisors:invitation": entry(["ada"], args=[o["profile"]], object_kind="advisor"),
        "advisors:refer": entry(["ada"], args=[o["profile"]], object_kind="advisor"),
        "advisors:offers": entry(ADVISORS),
        "advisors:offer": entry(ADVISORS, args=[o["offer"]]),
        "advisors:exports": entry(ADVISORS),
        "advisors:export": entry(ADVISORS, kwargs={"kind": "personnes", "fmt": "csv"}),
        "referrals:advisor_list": entry(ADVISORS),
        "referrals:advisor_detail": entry(["ada"], args=[o["referral"]], object_kind="advisor"),
        "referrals:advisor_move": entry(
            ["ada"], args=[o["referral"], "cancel"], object_kind="advisor"
        ),
        "clauses:eligibility": entry(["ada"], args=[o["profile"]], object_kind="advisor"),
        "api-structure-caseload": entry(ADVISORS),
        "api-structure-resident": entry(["ada"], args=[o["profile"]], object_kind="advisor"),
        "api-structure-referrals": entry(ADVISORS),
        "api-structure-referral": entry(["ada"], args=[o["referral"]], object_kind="advisor"),
        "api-structure-referral-transition": entry(
            ["ada"], args=[o["referral"]], object_kind="advisor"
        ),
        # The clause facilitator's pages.
        "clauses:dashboard": entry(ADVISORS),  # each adviser's eligible residents
        "clauses:operation_create": entry(["fay"]),
        "clauses:operation": entry(["fay"], args=[o["operation"]], object_kind="advisor"),
        "clauses:hours": entry(["fay"], args=[o["operation"]], object_kind="advisor"),
        # The territory's staff.
        "offers:unpublish": entry(["sam"], args=[o["offer"]]),
        "offers:import": entry(["sam"]),
        "matching:runs": entry(["sam"]),
        "matching:run_progress": entry(["sam"], args=[999999]),
        "moderation:queue": entry(["sam"]),
        "moderation:dismiss": entry(["sam"], args=[o["offer"]]),
        "moderation:unpublish": entry(["sam"], args=[o["offer"]]),
        "moderation:validate": entry(["sam"], args=[o["organisation"]]),
        "moderation:suspend": entry(["sam"], args=[o["organisation"]]),
        "observatory:home": entry(["sam"]),
        "observatory:page": entry(["sam"], kwargs={"slug": "offres"}),
        "observatory:referentiel": entry(["sam"]),
        "observatory:users": entry(["sam"]),
    }


# Owners' answers that are not the page itself but still right: no CV was sent (404), a run that
# does not exist (404).
OWNER_EXCEPTIONS = {
    ("residents:cv", "owner"): {404},
    ("residents:cv", "other"): {404},
    ("applications:cv", "emma"): {404},
    ("api-employer-application-cv", "emma"): {404},
    ("matching:run_progress", "sam"): {404},
}


def site_names():
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                if str(pattern.pattern).startswith(("admin/", "static/", "media/")):
                    continue
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield namespace + pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_url_is_in_the_matrix():
    assert site_names() - set(matrix(_any_ids())) == set()


def _any_ids():
    return dict.fromkeys(
        (
            "offer",
            "draft",
            "employer",
            "organisation",
            "application",
            "referral",
            "proposed",
            "profile",
            "operation",
        ),
        1,
    )


def _client(login, client, people, who):
    return client if who == "anon" else login(people[who])


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("who", EVERYONE)
def test_each_person_reaches_only_what_is_theirs(world, login, client, who):
    people, ids = world
    problems = []
    http = _client(login, client, people, who)
    for name, spec in sorted(matrix(ids).items()):
        url = reverse(name, args=spec["args"], kwargs=spec["kwargs"]) + spec["query"]
        response = http.get(url)
        if response.status_code == 405 and who not in spec["owners"]:
            response = http.post(url, {})  # a form that only posts: its POST must refuse
        status = response.status_code
        body = response.content.decode(errors="replace") if status < 300 else ""
        allowed = who in spec["owners"]
        api = url.startswith("/api/")
        if status >= 500:
            problems.append(f"{name} {url}: {status}")
        elif allowed:
            ok = (status < 400 or status == 405) and not _is_login_redirect(response)
            ok = ok or status in OWNER_EXCEPTIONS.get((name, who), set())
            if not ok:
                problems.append(f"{name} {url}: {status}, expected the page")
        elif who == "anon":
            refused = _is_login_redirect(response) or (api and status == 401)
            if not refused and not (name == "accounts:invitation" and status == 404):
                problems.append(f"{name} {url}: {status}, expected the login page")
        else:
            same_kind = spec["kind"] == KINDS[who]
            expected = {404} if same_kind else {403, 404}
            if status not in expected:
                problems.append(f"{name} {url}: {status}, expected {sorted(expected)}")
        if not allowed and MARKER in body:
            problems.append(f"{name} {url}: shows the owner's data")
    assert problems == [], "\n".join(problems)


def test_refused_posts_change_nothing(world, login):
    people, ids = world
    referral = Referral.objects.get(pk=ids["referral"])
    for who, name, args in (
        ("frank", "applications:inbox_move", [ids["application"], "see"]),
        ("frank", "referrals:employer_move", [ids["referral"], "interview"]),
        ("alan", "referrals:advisor_move", [ids["referral"], "cancel"]),
        ("other", "applications:withdraw", [ids["application"]]),
        ("other", "referrals:answer", [ids["proposed"], "accepter"]),
    ):
        response = login(people[who]).post(reverse(name, args=args), {"reason": "x"})
        assert response.status_code == 404, (who, name)
    assert Referral.objects.get(pk=ids["referral"]).status == referral.status
    from applications.models import Application

    assert Application.objects.get(pk=ids["application"]).status == "sent"
    assert Referral.objects.get(pk=ids["proposed"]).status == "proposed"
