"""Reasons in plain French for stored matches: same trade or a close one, skills held, minutes,
levels, preferences, for the resident and for the employer."""

import datetime

import pytest

from matching import runs
from matching.engine import weights as W
from matching.explain import employer_reasons, explain, facts_of, proximity_level, score_label
from matching.models import Match
from offers.models import Offer
from referentiel.models import OccupationSkill
from residents.models import Profile
from tests.factories import offer, resident

CARISTE, PREPARATEUR = "11679", "17993"


def cariste_core() -> list[str]:
    return list(
        OccupationSkill.objects.filter(occupation_id="N1101", core=True)
        .order_by("skill_id")
        .values_list("skill_id", flat=True)
    )


def stored(match_fields=None, *, offer_fields=None, profile_fields=None) -> Match:
    """An unsaved match with its offer and profile, as a page loads them."""
    fields = {"score": 70.0, "components": [1, 1, 1, 1, 1, 0], "required": 6, "minutes": None}
    fields.update(match_fields or {})
    values = {"contract": "CDI", "hours_per_week": 35, "level_id": None, "start_date": None}
    values.update(offer_fields or {})
    return Match(
        offer=Offer(**values), profile=Profile(**(profile_fields or {})), missing=[], **fields
    )


@pytest.mark.parametrize("level", [W.SAME_FICHE, W.SAME_PARENT, W.MOBILITY, W.SAME_DOMAIN])
def test_the_proximity_level_is_read_back_from_the_stored_fit(level):
    assert proximity_level(round(W.PROXIMITY_FIT[level] - 0.00003, 4)) == level


def test_same_trade_and_a_close_trade_are_said_so(personas):
    offer(personas.acme, title="Cariste Orly")
    same = resident(sought=(CARISTE,))
    close = resident(sought=(PREPARATEUR,), skills=cariste_core())
    run = runs.run_full()
    matches = Match.objects.filter(run=run, for_resident=True).select_related("offer", "profile")
    said = {item.match.profile_id: item.reasons for item in explain(matches)}
    assert said[same.pk][0] == "Même métier que celui que vous cherchez"
    assert said[close.pk][0] == "Métier proche de celui que vous cherchez"


def test_skills_held_out_of_those_required_and_the_gap_core_first(personas):
    offer(personas.acme, title="Cariste Orly")
    core = cariste_core()
    learner = resident(skills=core[2:])
    run = runs.run_full()
    match = Match.objects.select_related("offer", "profile").get(run=run, profile=learner)
    item = explain([match])[0]
    assert f"Vous avez {len(core) - 2} compétences sur {len(core)} demandées" in item.reasons
    assert {skill.code for skill in item.missing} == set(core[:2])
    assert all(skill.core for skill in item.missing)
    assert item.missing[0].label and item.missing[0].label != item.missing[0].code


def test_minutes_are_rounded_to_five():
    match = stored({"minutes": 23})
    assert "Environ 25 min de trajet" in explain([match])[0].reasons
    assert "25 min de trajet" in employer_reasons(facts_of(match))


def test_levels_are_named_only_when_the_offer_asks_for_one():
    asks = stored(offer_fields={"level_id": 4}, profile_fields={"level": 3})
    assert "Niveau demandé : Bac, le vôtre : CAP/BEP" in explain([asks])[0].reasons
    none = stored(offer_fields={"level_id": None}, profile_fields={"level": 3})
    assert not any(reason.startswith("Niveau") for reason in explain([none])[0].reasons)


def test_preferences_and_a_late_availability_are_said():
    start = datetime.date(2030, 3, 4)
    match = stored(
        offer_fields={"contract": "CDI", "hours_per_week": 20, "start_date": start},
        profile_fields={
            "contracts": ["CDD"],
            "hours": "full",
            "available_from": start + datetime.timedelta(weeks=3),
        },
    )
    reasons = explain([match])[0].reasons
    assert "Type de contrat différent de celui que vous souhaitez" in reasons
    assert "Temps de travail différent de celui que vous souhaitez" in reasons
    assert "Vous êtes disponible 3 semaines après le début du poste" in reasons


def test_employer_wording_and_a_trade_done_before(personas):
    offer(personas.acme, title="Cariste Orly")
    someone = resident()
    someone.past.set([CARISTE])
    run = runs.run_full()
    match = (
        Match.objects.select_related("offer", "profile")
        .prefetch_related("profile__past")
        .get(run=run, profile=someone)
    )
    reasons = explain([match], for_employer=True)[0].reasons
    core = len(cariste_core())
    assert reasons[:3] == [
        "A exercé ce métier",
        "Cherche ce métier",
        f"{core} compétences sur {core}",
    ]
    assert any(reason.endswith("min de trajet") for reason in reasons)
    assert not any("Vous" in reason for reason in reasons)


def test_the_score_in_words():
    assert [score_label(s) for s in (92, 70, 45)] == ["Très proche", "Proche", "Possible"]
