"""The short steps of a resident's profile, in the order they are proposed."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    label: str  # on the home page's buttons
    optional: bool = False


STEPS = [
    Step("commune", "Où habitez-vous ?", "Ma commune"),
    Step("quartier", "Votre quartier", "Mon quartier", optional=True),
    Step("diplome", "Votre diplôme", "Mon diplôme"),
    Step("metiers", "Les métiers que vous cherchez", "Mes métiers"),
    Step("competences", "Ce que vous savez faire", "Mes compétences"),
    Step("permis", "Permis et langues", "Mes permis et langues", optional=True),
    Step("preferences", "Le travail que vous voulez", "Mes souhaits"),
    Step("mon-cv", "Votre CV", "Mon CV", optional=True),
]
BY_SLUG = {step.slug: step for step in STEPS}
SLUGS = [step.slug for step in STEPS]

# Which step a profile field belongs to: saving the field marks its step as done.
FIELD_STEPS = {
    "commune": "commune",
    "level": "diplome",
    "sought": "metiers",
    "past": "metiers",
    "skills": "competences",
    "permits": "permis",
    "languages": "permis",
    "max_commute": "preferences",
    "contracts": "preferences",
    "hours": "preferences",
    "available_from": "preferences",
}


def next_slug(slug: str) -> str | None:
    """The step after ``slug``; None after the last one."""
    index = SLUGS.index(slug) + 1
    return SLUGS[index] if index < len(SLUGS) else None


def previous_slug(slug: str) -> str | None:
    index = SLUGS.index(slug)
    return SLUGS[index - 1] if index > 0 else None
