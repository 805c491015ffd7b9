"""Builders for the advisors, referrals and clauses tests: residents followed by a structure,
referrals at a given state."""

from referrals import services as referral_services
from residents.models import Consent
from tests.factories import resident

ORLY_QPV = "QN09428M"  # "Quartier Est", Orly (real QPV 2024 data)
ORLY_QPV_NAME = "Quartier Est"


def follow(profile, structure, by=None):
    """The resident agreed to be followed by ``structure``."""
    Consent.objects.create(
        profile=profile, kind=Consent.Kind.FOLLOWUP, structure=structure, given_by=by
    )
    return profile


def followed(structure, **fields):
    """A new resident (see ``tests.factories.resident``) followed by ``structure``."""
    return follow(resident(**fields), structure)


def propose(advisor, structure, profile, offer, message="Ce poste est fait pour vous."):
    return referral_services.referral_propose(
        structure=structure, by=advisor, profile=profile, offer=offer, message=message
    )


def sent(advisor, structure, profile, offer):
    """A referral the resident accepted: it is with the employer."""
    referral = propose(advisor, structure, profile, offer)
    return referral_services.referral_accept(referral=referral, by=profile.user)


def plain(response) -> str:
    """The page's text without its tags, spaces collapsed: what a reader sees in a line."""
    import html
    import re

    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())
