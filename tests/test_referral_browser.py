"""In a real browser: an advisor (desktop) opens the caseload, opens a resident and refers them
to a suggested offer; the resident (phone) accepts; the employer (desktop) moves the referral to
an interview then hires; the offer being under an insertion clause, the facilitator (desktop)
records the hours worked and the dashboard counts them against the target."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation, User
from clauses.models import ClauseHours, ClauseOperation
from matching import runs
from referrals.models import Referral, Status
from tests.advisor_helpers import ORLY_QPV, followed
from tests.conftest import assert_accessible, screenshot
from tests.factories import StructureFactory, UserFactory, member, offer
from tests.helpers import log_in

pytestmark = pytest.mark.browser


def log_out(page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.get_by_role("link", name="Se connecter").wait_for()


def test_refer_accept_hire_and_count_the_clause_hours(desktop, phone, personas):
    facilitators = StructureFactory(
        name="Facilitateur des clauses GPE",
        structure_kind=Organisation.StructureKind.CLAUSE_FACILITATOR,
    )
    member(UserFactory(email="fanny@clauses.test", role=User.Role.ADVISOR), facilitators)
    worksite = offer(personas.acme, title="Cariste de chantier GPE", insertion_clause=True)
    today = timezone.localdate()
    operation = ClauseOperation.objects.create(
        name="Ligne 15 Sud — gare de Vitry Centre",
        contracting_authority="Société des grands projets",
        facilitator=facilitators,
        hours_target=1000,
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=600),
    )
    operation.offers.add(worksite)
    profile = followed(personas.mission, first_name="Karima", qpv=ORLY_QPV, level=3)
    for _ in range(3):
        followed(personas.mission, sought=("10891",))
    runs.run_full()
    name = profile.user.get_full_name()

    # The advisor opens the caseload, then the resident's file.
    log_in(desktop, "ada@mission.test")
    desktop.get_by_role("heading", name="Personnes suivies").wait_for()
    assert_accessible(desktop)
    screenshot(desktop, "advisor-caseload")
    desktop.get_by_role("link", name=name).click()
    desktop.get_by_role("heading", name=name).wait_for()
    desktop.get_by_role("heading", name="Offres à proposer").wait_for()
    assert_accessible(desktop)
    screenshot(desktop, "advisor-resident")

    # Refers them to the suggested clause offer, with a note.
    desktop.get_by_text("Proposer cette offre : Cariste de chantier GPE").click()
    desktop.get_by_label("Message pour la personne et l'employeur").fill(
        "Chantier du Grand Paris Express, heures d'insertion : parlons-en jeudi."
    )
    desktop.get_by_role("button", name="Proposer « Cariste de chantier GPE »").click()
    desktop.get_by_text("est proposée à Karima, qui va répondre").wait_for()
    referral = Referral.objects.get(resident=profile.user, offer=worksite)
    assert referral.status == Status.PROPOSED

    # The resident, on her phone, accepts.
    log_in(phone, profile.user.email)
    phone.goto("/mes-propositions/")
    phone.get_by_text("parlons-en jeudi").wait_for()
    assert_accessible(phone)
    phone.get_by_role("button", name="Oui, ça m'intéresse : Cariste de chantier GPE").click()
    phone.get_by_text("votre profil est envoyé à Acme Logistique").wait_for()
    screenshot(phone, "referral-accepted-phone")
    assert Referral.objects.get(pk=referral.pk).status == Status.SENT

    # The employer finds the referral beside the applications, then hires.
    log_out(desktop)
    log_in(desktop, "emma@acme.test")
    desktop.goto("/espace-employeur/candidatures/")
    desktop.get_by_role("heading", name="Orientations des structures d'accompagnement").wait_for()
    desktop.get_by_role("cell", name="Mission locale des Portes de l'Essonne").wait_for()
    desktop.get_by_role("link", name=name).click()
    desktop.get_by_text("parlons-en jeudi").wait_for()
    assert "Quartier Est" not in desktop.content()
    desktop.get_by_role("button", name="Proposer un entretien").click()
    desktop.get_by_text(
        "Entretien proposé : la structure qui accompagne la personne est prévenue."
    ).wait_for()
    desktop.get_by_label("Date de début du contrat").fill((today - timedelta(days=7)).isoformat())
    desktop.get_by_role("button", name="Embaucher").click()
    desktop.get_by_text("La personne orientée est retenue : embauche enregistrée.").wait_for()
    screenshot(desktop, "referral-hired-employer")
    assert Referral.objects.get(pk=referral.pk).status == Status.HIRED

    phone.reload()
    phone.get_by_text("Vous êtes embauché·e").wait_for()

    # The facilitator records the hours worked; the dashboard counts them.
    log_out(desktop)
    log_in(desktop, "fanny@clauses.test")
    desktop.goto("/espace-conseiller/clauses/")
    desktop.get_by_text("0 h réalisées sur 1\u202f000 h").wait_for()
    desktop.get_by_role("link", name="Ligne 15 Sud — gare de Vitry Centre").click()
    desktop.get_by_label(f"Heures travaillées par {name}").fill("35")
    desktop.get_by_role("button", name=f"Enregistrer les heures de {name}").click()
    desktop.get_by_text("35 heures enregistrées.").wait_for()
    desktop.get_by_role("link", name="Clauses d'insertion").first.click()
    desktop.get_by_text("35 h réalisées sur 1\u202f000 h").wait_for()
    assert ClauseHours.objects.get(referral=referral).hours == 35
    assert_accessible(desktop)
    screenshot(desktop, "clauses-dashboard")
