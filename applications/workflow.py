"""The life cycle of an application, declared as data.

    sent → seen (the employer opens it) → interview → hired | refused (with a reason)
    sent | seen | interview → withdrawn (by the resident)
    sent | seen → closed (by the system, after 60 days without an answer)

Each transition names the states it may start from and who may apply it; anything else is
refused with a French message. There is no "accept from any state": hiring needs an interview.
"""

from dataclasses import dataclass
from enum import StrEnum

from applications.models import RefusalReason, Status


class Actor(StrEnum):
    EMPLOYER = "employer"  # a member of the offer's employer
    RESIDENT = "resident"  # the resident who applied
    SYSTEM = "system"  # a scheduled task


ONLY = {
    Actor.EMPLOYER: "Seul l'employeur de l'offre peut",
    Actor.RESIDENT: "Seule la personne qui a postulé peut",
    Actor.SYSTEM: "Seule la plateforme peut",
}

# "cette candidature est …"
STATE_WORDS = {
    Status.SENT: "envoyée et pas encore vue",
    Status.SEEN: "vue mais sans entretien",
    Status.INTERVIEW: "au stade de l'entretien",
    Status.HIRED: "déjà acceptée (embauche)",
    Status.REFUSED: "refusée",
    Status.WITHDRAWN: "retirée",
    Status.CLOSED: "close",
}


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    actor: Actor
    label: str
    # What the person who applied it reads once it is done ("{offer}": the offer's title), see
    # ``done_message``. Empty when nobody reads it: the platform's moves, and "see", which
    # opening the application applies without a word (the inbox's bulk moves say ``BULK_DONE``).
    done: str = ""
    needs_reason: bool = False  # a RefusalReason
    needs_start: bool = False  # the hiring date
    answers: bool = False  # counts as the employer's answer (stops the 60-day clock)


OPEN = frozenset({Status.SENT, Status.SEEN, Status.INTERVIEW})

TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "see",
            frozenset({Status.SENT}),
            Status.SEEN,
            Actor.EMPLOYER,
            "Marquer comme vue",
        ),
        Transition(
            "interview",
            frozenset({Status.SENT, Status.SEEN}),
            Status.INTERVIEW,
            Actor.EMPLOYER,
            "Proposer un entretien",
            done="Entretien proposé : la personne le voit dans ses candidatures. "
            "Contactez-la pour fixer le rendez-vous.",
            answers=True,
        ),
        Transition(
            "hire",
            frozenset({Status.INTERVIEW}),
            Status.HIRED,
            Actor.EMPLOYER,
            "Embaucher",
            done="La candidature est retenue : embauche enregistrée.",
            needs_start=True,
            answers=True,
        ),
        Transition(
            "refuse",
            OPEN,
            Status.REFUSED,
            Actor.EMPLOYER,
            "Refuser",
            done="Candidature refusée : la personne verra la raison choisie.",
            needs_reason=True,
            answers=True,
        ),
        Transition(
            "withdraw",
            OPEN,
            Status.WITHDRAWN,
            Actor.RESIDENT,
            "Retirer ma candidature",
            done="Votre candidature « {offer} » est retirée.",
        ),
        Transition(
            "close",
            frozenset({Status.SENT, Status.SEEN}),
            Status.CLOSED,
            Actor.SYSTEM,
            "Clore sans réponse",
        ),
    ]
}

# What each state means for the resident, in plain words ("Mes candidatures").
MEANINGS = {
    Status.SENT: "Votre candidature est envoyée. L'employeur ne l'a pas encore ouverte.",
    Status.SEEN: "L'employeur a vu votre candidature. Il doit encore vous répondre.",
    Status.INTERVIEW: "L'employeur veut vous rencontrer : il va vous contacter pour un entretien.",
    Status.HIRED: "Vous êtes embauché·e. Félicitations !",
    Status.REFUSED: "L'employeur n'a pas retenu votre candidature.",
    Status.WITHDRAWN: "Vous avez retiré cette candidature.",
    Status.CLOSED: "L'employeur n'a pas répondu en 60 jours : la candidature est close.",
}

# The same, for the employer reading the application (inbox).
EMPLOYER_MEANINGS = {
    Status.SENT: "Nouvelle candidature, pas encore ouverte.",
    Status.SEEN: "Proposez un entretien, embauchez ou refusez : la personne est prévenue "
    "par e-mail.",
    Status.INTERVIEW: "Vous avez proposé un entretien. Embauchez ou refusez ensuite : la personne "
    "est prévenue par e-mail.",
    Status.HIRED: "Vous avez embauché cette personne.",
    Status.REFUSED: "Vous avez refusé cette candidature.",
    Status.WITHDRAWN: "La personne a retiré sa candidature.",
    Status.CLOSED: "Sans réponse en 60 jours, la candidature est close.",
}

# The moves an employer can make on several applications at once from the inbox.
BULK = ["see", "interview", "refuse"]

# What the employer reads once a move is applied to several applications from the inbox, for
# one and for several: like ``done``, a sentence about what happened.
BULK_DONE = {
    "see": ("{count} candidature marquée comme vue.", "{count} candidatures marquées comme vues."),
    "interview": (
        "Entretien proposé pour {count} candidature : la personne le voit dans ses candidatures. "
        "Contactez-la pour fixer le rendez-vous.",
        "Entretien proposé pour {count} candidatures : les personnes le voient dans leurs "
        "candidatures. Contactez-les pour fixer les rendez-vous.",
    ),
    "refuse": (
        "{count} candidature refusée : la personne verra la raison choisie.",
        "{count} candidatures refusées : les personnes verront la raison choisie.",
    ),
}

# « Autre raison » tells the person nothing: the message does not promise her a reason.
REFUSED_WITHOUT_REASON = (
    "Candidature refusée : la personne est prévenue, sans raison précise (« Autre raison »). "
    "Écrivez-lui si vous voulez lui expliquer votre choix."
)
BULK_REFUSED_WITHOUT_REASON = (
    "{count} candidature refusée : la personne est prévenue, sans raison précise "
    "(« Autre raison »). Écrivez-lui si vous voulez lui expliquer votre choix.",
    "{count} candidatures refusées : les personnes sont prévenues, sans raison précise "
    "(« Autre raison »). Écrivez-leur si vous voulez leur expliquer votre choix.",
)


def done_message(name: str, *, reason: str = "", count: int | None = None, offer: str = "") -> str:
    """What the person who applied ``name`` (with ``reason``) reads once it is done: to one
    application (``count`` None, its ``done``, with the title ``offer``) or, for the employer,
    to ``count`` of them at once (``BULK_DONE``)."""
    without_reason = name == "refuse" and reason == RefusalReason.OTHER
    if count is None:
        if without_reason:
            return REFUSED_WITHOUT_REASON
        return TRANSITIONS[name].done.format(offer=offer)
    one, several = BULK_REFUSED_WITHOUT_REASON if without_reason else BULK_DONE[name]
    return (one if count == 1 else several).format(count=count)


class TransitionError(Exception):
    """A transition that the application's state, or the person asking, does not allow."""


def check(status: str, name: str, actor: Actor) -> Transition:
    """The transition ``name`` if ``actor`` may apply it from ``status``; else TransitionError."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionError(f"Action inconnue : « {name} ».")
    if transition.actor != actor:
        raise TransitionError(f"{ONLY[transition.actor]} « {transition.label.lower()} ».")
    if status not in transition.sources:
        message = (
            f"« {transition.label} » n'est pas possible : "
            f"cette candidature est {STATE_WORDS[status]}."
        )
        if name == "hire" and status in OPEN:
            message += " Proposez d'abord un entretien."
        raise TransitionError(message)
    return transition


def available(status: str, actor: Actor) -> list[Transition]:
    """Transitions ``actor`` may apply from ``status``, in the order of the table."""
    return [t for t in TRANSITIONS.values() if t.actor == actor and status in t.sources]
