"""In a real browser: staff open each observatory page with filters and see its charts drawn
(an SVG with a title and a description, the table behind it); the public figures page too.
Screenshots in test-artifacts/observatory-*.png."""

import datetime
import random

import pytest
from django.utils import timezone

from clauses.models import ClauseHours, ClauseOperation
from matching.models import Match, Run, Training
from observatory.pages import PAGES
from referentiel.models import OccupationSkill
from tests.conftest import assert_accessible, screenshot
from tests.factories import OrganisationFactory, resident
from tests.helpers import log_in
from tests.observatory_helpers import (
    application,
    dated_offer,
    referral,
)

pytestmark = pytest.mark.browser

TRADES = ["11679", "10891", "10556", "16250"]  # cariste, aide-soignant, sécurité, maçon
COMMUNES = ["94054", "94065", "94081", "94076", "94041", "91027", "94073", "94022"]


def _market(personas) -> None:
    """A year of a small market: offers in several trades and communes, applications with
    interviews and hires, one finished run with matches and missing skills, a training."""
    rng = random.Random(8)
    naf = ["52.10B", "86.10Z", "80.10Z", "43.99C"]
    employers = [OrganisationFactory(naf_id=code) for code in naf]
    offers = []
    for i in range(48):
        month = 1 + i % 12
        day = f"2025-{month:02d}-{1 + rng.randrange(27):02d}"
        fill = rng.random() < 0.5 and month < 12
        offers.append(
            dated_offer(
                employers[i % 4],
                day,
                ended=f"2025-{month + 1:02d}-{1 + rng.randrange(27):02d}" if fill else "",
                status="filled" if fill else "",
                appellation_code=TRADES[i % 4],
                commune_code=COMMUNES[i % len(COMMUNES)],
            )
        )
    for i, item in enumerate(offers):
        month = item.published_at.month
        stages = [(), ("interview",), ("interview", "hired"), ("refused",)][i % 4]
        for k in range(3):
            application(
                item,
                sent=f"2025-{month:02d}-{10 + k:02d}",
                stages=stages if k == 0 else (),
                commune=COMMUNES[(i + k) % len(COMMUNES)] if k < 2 else "75056",
                qpv=(i + k) % 3 == 0,
                at=f"2025-{month:02d}-{20 + k:02d}",
            )
    hours = []
    people = [resident() for _ in range(6)]
    run = Run.objects.create(
        status=Run.Status.DONE,
        finished_at=timezone.now(),
        figures={
            "offers": 48, "exposure_gini": 0.42, "exposure_gini_per_position": 0.38,
            "never_shown": 0.25, "max_exposure": 6,
            "qpv": {"residents": 2, "mean_best_score": 61.5, "share_good_match": 0.5},
            "others": {"residents": 4, "mean_best_score": 66.0, "share_good_match": 0.75},
        },
    )  # fmt: skip
    core = list(
        OccupationSkill.objects.filter(occupation_id="N1101", core=True).values_list(
            "skill_id", flat=True
        )[:6]
    )
    for i, person in enumerate(people):
        for item in offers[i : i + 3]:
            Match.objects.create(
                run=run, profile=person, offer=item, score=55, components=[0.5] * 6,
                required=5, missing=core[i % 3 : i % 3 + 3], missing_core=2, for_resident=True,
            )  # fmt: skip
    training = Training.objects.create(
        title="CACES R489", provider="Organisme test", commune_id="94054", duration_hours=70,
        funding=Training.Funding.FRANCE_TRAVAIL,
    )  # fmt: skip
    training.skills.set(core[:3])
    hired = ("accepted", "sent", "interview", "hired")
    kinds = [personas.mission, personas.plie]
    for i, item in enumerate(offers[:24]):
        made = referral(
            item, kinds[i % 2], made=f"2025-{item.published_at.month:02d}-15",
            stages=[hired, ("accepted", "sent"), ()][i % 3], qpv=i % 4 == 0,
        )  # fmt: skip
        if i % 3 == 0:
            hours.append(made)
    for k, (name, target) in enumerate([("Ligne 15 Sud, lot 3", 1200), ("Gare d'Orly", 600)]):
        operation = ClauseOperation.objects.create(
            name=name, contracting_authority="Société des grands projets", hours_target=target,
            starts_on=datetime.date(2024, 6, 1), ends_on=datetime.date(2026, 12, 31),
        )  # fmt: skip
        operation.offers.set(offers[k::2])
        for made in hours[k::2]:
            ClauseHours.objects.create(operation=operation, referral=made, hours=70 + 10 * k)


def test_staff_open_every_observatory_page_with_filters(desktop, personas):
    _market(personas)
    log_in(desktop, "sam@territoire.test")
    desktop.goto("/mon-espace/")
    desktop.get_by_role("heading", name="Espace de l'équipe du territoire").wait_for()
    assert_accessible(desktop)
    screenshot(desktop, "observatory-home")
    desktop.get_by_role("main").get_by_role("link", name="Offres d'emploi").first.click()
    desktop.get_by_label("Du mois").fill("2025-01")
    desktop.get_by_label("Au mois (inclus)").fill("2025-12")
    desktop.get_by_role("button", name="Filtrer").click()
    desktop.get_by_role("status").get_by_text("de janvier 2025 à décembre 2025").wait_for()
    for slug, page in PAGES.items():
        commune = {"delais": "&commune=94054", "embauches": "&commune=94081"}.get(slug, "")
        desktop.goto(f"/espace-equipe/observatoire/{slug}/?debut=2025-01&fin=2025-12{commune}")
        desktop.get_by_role("heading", name=page.title, level=1).wait_for()
        charts = desktop.locator("svg.chart")
        assert charts.count() >= 1, slug
        for i in range(charts.count()):
            chart = charts.nth(i)
            assert chart.get_attribute("role") == "img"
            assert chart.locator("title").first.text_content().strip(), slug
            assert chart.locator("desc").first.text_content().strip(), slug
            assert chart.bounding_box()["height"] > 40, slug
        assert_accessible(desktop)
        screenshot(desktop, f"observatory-{slug}")
    # With a commune, the map keeps the others blank; the table behind a chart opens, and its
    # CSV link is there.
    desktop.goto("/espace-equipe/observatoire/offres/?debut=2025-01&fin=2025-12&commune=94054")
    desktop.get_by_role("status").get_by_text("de janvier 2025 à décembre 2025, Orly").wait_for()
    desktop.get_by_text("Voir le tableau : offres par mois").click()
    desktop.get_by_role("cell", name="janvier 2025").wait_for()
    assert desktop.get_by_role("link", name="Télécharger ce tableau (CSV)").count() == 4
    screenshot(desktop, "observatory-offres-orly")


def test_the_public_figures_page_in_a_phone(phone, personas):
    _market(personas)
    phone.goto("/")
    phone.get_by_role("link", name="L'emploi du territoire en chiffres").click()
    phone.get_by_role("heading", name="L'emploi du territoire en chiffres").wait_for()
    assert phone.locator("svg.chart").count() >= 2
    assert phone.get_by_text("moins de 10").count() >= 1
    assert_accessible(phone)
    screenshot(phone, "observatory-public-phone")
