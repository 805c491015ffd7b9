"""Trainings: the demo catalogue, the trainings that unlock a resident's near-miss offers, and
the skills most often missing in the territory (GPEC)."""

import re

import pytest

from matching import runs
from matching.engine import near_miss
from matching.models import Training
from matching.training import seed_trainings, skills_missing, trainings_for
from matching.training_demo import CATALOGUE
from offers import services as offer_services
from referentiel.models import OccupationSkill
from tests.factories import offer, resident


def cariste_core() -> list[str]:
    return list(
        OccupationSkill.objects.filter(occupation_id="N1101", core=True)
        .order_by("skill_id")
        .values_list("skill_id", flat=True)
    )


def training(title, skills, commune="94054"):
    made = Training.objects.create(
        title=title,
        provider="Organisme test",
        commune_id=commune,
        duration_hours=70,
        funding=Training.Funding.FRANCE_TRAVAIL,
    )
    made.skills.set(skills)
    return made


def near_offer(employer, title, required, commune="94054"):
    """A cariste offer asking for a Bac+2 (level 5) and these required skills only."""
    made = offer(employer, title=title, commune_code=commune, level_id=5)
    return offer_services.offer_save(offer=made, by=None, required_skills=required)


@pytest.fixture
def learner(personas):
    """A resident 3 skills short of two offers, and 3 other skills short of a third one.

    No diploma against a Bac+2 and a CDD wanted against a CDI: with every skill these offers
    would be good matches (>= 60), without them they are not: near misses.
    """
    core = cariste_core()
    near_offer(personas.acme, "Cariste Orly", core[0:4])
    near_offer(personas.globex, "Cariste Rungis", core[0:4], commune="94065")
    near_offer(personas.acme, "Cariste Thiais", core[4:8], commune="94073")
    return resident(skills=[core[0], core[4]], level=0, contracts=["CDD"], max_commute=60)


def test_the_demo_catalogue_is_idempotent_and_labelled_synthetic(db):
    created = seed_trainings()
    assert 25 <= created == len(CATALOGUE) <= 40
    assert seed_trainings() == 0
    trainings = Training.objects.prefetch_related("skills")
    assert trainings.count() == created
    for item in trainings:
        assert item.synthetic and item.provider.endswith("(démo)")
        assert item.description.startswith("Données de démonstration")
        assert item.skills.exists(), item.title
        assert item.next_starts and item.commune.in_territory
    caces = Training.objects.get(title__startswith="CACES R489")
    taught = set(caces.skills.values_list("code", flat=True))
    assert taught <= set(
        OccupationSkill.objects.filter(occupation_id="N1101").values_list("skill_id", flat=True)
    )


def test_the_pairs_are_near_misses(learner):
    pairs = runs.resident_pairs(learner.pk)
    scored = pairs.rescored
    near = near_miss(
        scored.score, scored.components[:, 1], scored.gaps.counts(), pairs.skills_weight
    )
    assert len(pairs.offer_ids) == 3 and near.all()


def test_the_training_teaching_the_missing_skills_ranks_first_with_its_count(learner):
    core = cariste_core()
    both = training("Cariste : les gestes qui manquent", core[1:4])
    training("Cariste : stockage", core[5:8])
    training("Cariste : presque", core[1:3])  # one skill short: unlocks nothing
    training("Cariste : trop loin", core[1:4], commune="77186")  # beyond the commute limit
    choices = trainings_for(learner)
    assert [c.title for c in choices] == ["Cariste : les gestes qui manquent", "Cariste : stockage"]
    first = choices[0]
    assert first.pk == both.pk and first.unlocks == 2
    assert first.sentence.startswith("Cette formation débloque 2 offres à moins de ")
    assert len(first.closes) == 3
    assert choices[1].unlocks == 1
    assert choices[1].sentence.startswith("Cette formation débloque 1 offre à moins de ")


def test_the_result_is_cached_until_the_profile_or_the_catalogue_changes(learner):
    core = cariste_core()
    assert trainings_for(learner) == []
    training("Cariste : les gestes qui manquent", core[1:4])
    assert trainings_for(learner) == [], "cached for a few minutes"
    learner.save()  # a saved profile is recomputed
    assert [c.unlocks for c in trainings_for(learner)] == [2]


def test_gpec_lists_the_most_missing_skills_with_counts(learner, personas):
    core = cariste_core()
    resident(skills=[core[0], core[4]], level=0, contracts=["CDD"], max_commute=60)
    teaching = training("Cariste : les gestes qui manquent", core[1:4])
    run = runs.run_full()
    missing = skills_missing(run, limit=10)
    top = {item.code: item for item in missing[:3]}
    assert set(top) == set(core[1:4])
    for item in top.values():
        assert (item.pairs, item.residents, item.offers) == (4, 2, 2)
        assert item.core and item.label
        assert item.trainings == [teaching]
    assert {item.code for item in missing[3:6]} == set(core[5:8])
    assert all(item.pairs == 2 and item.trainings == [] for item in missing[3:6])
    assert skills_missing(None) == []


def test_staff_manage_the_catalogue_in_the_admin(db, login):
    from accounts.models import User
    from tests.factories import UserFactory

    seed_trainings()
    admin = login(UserFactory(role=User.Role.STAFF, is_staff=True, is_superuser=True))
    listing = admin.get("/admin/matching/training/?q=CACES")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "CACES R489" in page and "Données de démonstration" in page
    form = admin.get("/admin/matching/training/add/").content.decode()
    skills = re.search(r'<select[^>]*name="skills"[^>]*>', form).group(0)
    assert "admin-autocomplete" in skills, "skills are searched, not listed by the thousand"
