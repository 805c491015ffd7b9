"""The life cycle of a referral, declared as data.

    proposed → accepted (by the resident) → sent (at once, by the platform) → interview → hired
    proposed → declined (by the resident)
    proposed → sent (by the advisor, when the resident delegated it to the structure)
    sent | interview → refused (by the employer, with a reason)
    proposed | accepted | sent | interview → cancelled (by the advisor, or the platform when
    the offer closes)

Each transition names the states it may start from and who may apply it; anything else is
refused with a French message. Hiring needs an interview, as for applications.
"""

from dataclasses import dataclass
from enum import StrEnum

from applications.models import RefusalReason
from referrals.models import OPEN, Status


class Actor(StrEnum):
    ADVISOR = "advisor"  # a member of the referral's structure
    RESIDENT = "resident"  # the resident referred
    EMPLOYER = "employer"  # a member of the offer's employer
    SYSTEM = "system"  # the platform itself


ONLY = {
    Actor.ADVISOR: "Seule la structure qui a fait l'orientation peut",
    Actor.RESIDENT: "Seule la personne orientée peut",
    Actor.EMPLOYER: "Seul l'employeur de l'offre peut",
    Actor.SYSTEM: "Seule la plateforme peut",
}

# "cette orientation est …"
STATE_WORDS = {
    Status.PROPOSED: "proposée et attend la réponse de la personne",
    Status.ACCEPTED: "acceptée par la personne",
    Status.DECLINED: "déclinée par la personne",
    Status.SENT: "envoyée à l'employeur, sans entretien encore",
    Status.INTERVIEW: "au stade de l'entretien",
    Status.HIRED: "terminée par une embauche",
    Status.REFUSED: "refusée par l'employeur",
    Status.CANCELLED: "annulée",
}


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    actors: frozenset[Actor]
    label: str
    # What the person who applied it reads once it is done ("{employer}": the employer's name),
    # see ``done_message``. Empty for "send_direct": the advisor's pages say how many profiles
    # went straight to the employer.
    done: str = ""
    needs_reason: bool = False  # a RefusalReason
    needs_start: bool = False  # the hiring date
    needs_delegation: bool = False  # the resident delegated it to the structure


def _t(name, sources, target, actors, label, **flags) -> Transition:
    return Transition(name, frozenset(sources), target, frozenset(actors), label, **flags)


TRANSITIONS = {
    t.name: t
    for t in [
        _t(
            "accept",
            {Status.PROPOSED},
            Status.ACCEPTED,
            {Actor.RESIDENT},
            "Accepter",
            done="Vous avez accepté : votre profil est envoyé à {employer}.",
        ),
        _t(
            "decline",
            {Status.PROPOSED},
            Status.DECLINED,
            {Actor.RESIDENT},
            "Refuser",
            done="Vous avez dit non à cette proposition : votre conseiller est prévenu.",
        ),
        _t(
            "send",
            {Status.ACCEPTED},
            Status.SENT,
            {Actor.ADVISOR, Actor.SYSTEM},
            "Envoyer à l'employeur",
            done="L'orientation est envoyée : l'employeur est prévenu par e-mail.",
        ),
        _t(
            "send_direct",
            {Status.PROPOSED},
            Status.SENT,
            {Actor.ADVISOR},
            "Envoyer directement à l'employeur",
            needs_delegation=True,
        ),
        _t(
            "interview",
            {Status.SENT},
            Status.INTERVIEW,
            {Actor.EMPLOYER},
            "Proposer un entretien",
            done="Entretien proposé : la structure qui accompagne la personne est prévenue. "
            "Contactez la personne pour fixer le rendez-vous.",
        ),
        _t(
            "hire",
            {Status.INTERVIEW},
            Status.HIRED,
            {Actor.EMPLOYER},
            "Embaucher",
            done="La personne orientée est retenue : embauche enregistrée.",
            needs_start=True,
        ),
        _t(
            "refuse",
            {Status.SENT, Status.INTERVIEW},
            Status.REFUSED,
            {Actor.EMPLOYER},
            "Refuser",
            done="Orientation refusée : la structure et la personne verront la raison choisie.",
            needs_reason=True,
        ),
        _t(
            "cancel",
            OPEN,
            Status.CANCELLED,
            {Actor.ADVISOR, Actor.SYSTEM},
            "Annuler",
            done="L'orientation est annulée. Si l'employeur l'avait reçue, il est prévenu, "
            "sans le motif.",
        ),
    ]
}

# What each state means for the resident, in plain words ("Propositions de mon conseiller").
MEANINGS = {
    Status.PROPOSED: "Votre conseiller vous propose cette offre. Dites-lui si elle vous intéresse.",
    Status.ACCEPTED: "Vous avez accepté : votre profil part chez l'employeur.",
    Status.DECLINED: "Vous avez dit non à cette proposition.",
    Status.SENT: "Votre profil est chez l'employeur. Il doit encore répondre.",
    Status.INTERVIEW: "L'employeur veut vous rencontrer : il va vous contacter pour un entretien.",
    Status.HIRED: "Vous êtes embauché·e. Félicitations !",
    Status.REFUSED: "L'employeur n'a pas retenu votre profil pour ce poste.",
    Status.CANCELLED: "Cette proposition est annulée.",
}

# The moves an employer can make from the referral's page.
EMPLOYER_MOVES = ("interview", "hire", "refuse")


# « Autre raison » tells the structure and the person nothing: the message does not promise them
# a reason.
REFUSED_WITHOUT_REASON = (
    "Orientation refusée : la structure et la personne sont prévenues, sans raison précise "
    "(« Autre raison »). Écrivez-leur si vous voulez leur expliquer votre choix."
)


def done_message(name: str, *, reason: str = "", employer: str = "") -> str:
    """What the person who applied ``name`` (with ``reason``) reads once it is done: its
    ``done``, with the name ``employer``."""
    if name == "refuse" and reason == RefusalReason.OTHER:
        return REFUSED_WITHOUT_REASON
    return TRANSITIONS[name].done.format(employer=employer)


class TransitionError(Exception):
    """A transition that the referral's state, or the person asking, does not allow."""


def check(status: str, name: str, actor: Actor) -> Transition:
    """The transition ``name`` if ``actor`` may apply it from ``status``; else TransitionError."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionError(f"Action inconnue : « {name} ».")
    if actor not in transition.actors:
        first = sorted(transition.actors)[0]
        raise TransitionError(f"{ONLY[first]} « {transition.label.lower()} ».")
    if status not in transition.sources:
        message = (
            f"« {transition.label} » n'est pas possible : "
            f"cette orientation est {STATE_WORDS[status]}."
        )
        if name == "hire" and status == Status.SENT:
            message += " Proposez d'abord un entretien."
        raise TransitionError(message)
    return transition


def available(status: str, actor: Actor) -> list[Transition]:
    """Transitions ``actor`` may apply from ``status``, in the order of the table."""
    return [t for t in TRANSITIONS.values() if actor in t.actors and status in t.sources]
