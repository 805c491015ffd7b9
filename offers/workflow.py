"""The life cycle of an offer, declared as data: draft → published → filled | closed | expired.

Each transition names the states it may start from; anything else is refused. Staff can take a
published offer back to draft with a reason ("unpublish"); an expired or closed offer can be
published again once its employer confirms it is still open.
"""

from dataclasses import dataclass

from offers.models import Status


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    label: str
    done: str = ""  # what the person reads once it is done
    staff_only: bool = False
    needs_reason: bool = False
    # Cannot be undone and tells the applicants: the page asks to confirm first.
    needs_confirm: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "publish",
            frozenset({Status.DRAFT, Status.CLOSED, Status.EXPIRED}),
            Status.PUBLISHED,
            "Publier",
            "L'offre est publiée.",
        ),
        Transition(
            "fill",
            frozenset({Status.PUBLISHED}),
            Status.FILLED,
            "Marquer comme pourvue",
            "L'offre est pourvue ; les personnes qui attendaient une réponse sont prévenues.",
            needs_confirm=True,
        ),
        Transition(
            "close",
            frozenset({Status.DRAFT, Status.PUBLISHED}),
            Status.CLOSED,
            "Fermer",
            "L'offre est fermée ; vous pourrez la publier de nouveau.",
        ),
        Transition("expire", frozenset({Status.PUBLISHED}), Status.EXPIRED, "Expirer"),
        Transition(
            "unpublish",
            frozenset({Status.PUBLISHED}),
            Status.DRAFT,
            "Dépublier",
            "L'offre est dépubliée.",
            staff_only=True,
            needs_reason=True,
        ),
    ]
}


class TransitionError(Exception):
    """A transition that the offer's current state does not allow."""


def available(status: str, *, staff: bool = False) -> list[Transition]:
    """Transitions a person may apply from ``status`` (employers never see staff ones)."""
    return [
        t
        for t in TRANSITIONS.values()
        if status in t.sources and (staff or not t.staff_only) and t.name != "expire"
    ]


def check(status: str, name: str) -> Transition:
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionError(f"Action inconnue : {name}.")
    if status not in transition.sources:
        state = Status(status).label.lower()
        raise TransitionError(f"Impossible de « {transition.label.lower()} » une offre {state}.")
    return transition
