"""Apps are floors: a page of one app never loads the template tags or templates of an app built
on it. Higher apps add their part to lower pages through slots (``vitrine.slots``)."""

import re
from pathlib import Path

from vitrine import slots

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Lowest first (README, Architecture): each app may use the ones before it.
FLOORS = [
    "referentiel",
    "accounts",
    "offers",
    "residents",
    "applications",
    "referrals",
    "matching",
    "advisors",
    "clauses",
    "moderation",
    "observatory",
]
USES = re.compile(r"{%\s*(?:load\s+([\w ]+)|include\s+\"(\w+)/|extends\s+\"(\w+)/)")


def test_no_page_uses_a_higher_floor():
    problems = []
    for app in FLOORS:
        higher = set(FLOORS[FLOORS.index(app) + 1 :])
        for path in (TEMPLATES / app).rglob("*.html"):
            for loads, included, extended in USES.findall(path.read_text()):
                used = set(loads.split()) | {included, extended}
                if used & higher:
                    problems.append(f"{path.relative_to(TEMPLATES)} uses {sorted(used & higher)}")
    assert problems == []


def test_higher_floors_fill_the_slots_of_lower_pages():
    assert slots.templates("offer_page") == [
        "applications/_offer_apply.html",
        "moderation/_flag.html",
    ]
    assert slots.templates("employer_inbox") == ["referrals/_inbox_slot.html"]
    assert slots.templates("advisor_resident") == ["clauses/_resident_slot.html"]
    assert slots.templates("employer_offer") == ["matching/_offer_candidates.html"]
