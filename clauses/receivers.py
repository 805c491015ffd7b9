"""The clauses floor listens to the residents floor: the eligible publics an advisor recorded
about a resident go with their account, and are part of what the resident may download."""

from django.dispatch import receiver

from clauses.models import Eligibility
from residents.privacy import who
from residents.signals import personal_data_requested, resident_erasing


@receiver(resident_erasing)
def on_resident_erasing(sender, user, profile=None, **kwargs):
    """Inside the erasure's transaction: the eligibility records (RSA, RQTH, long-term
    unemployment…, sensitive data about the person) are deleted; the hours worked on clause
    offers stay, attached to the anonymised hire. Errors roll the erasure back."""
    if profile is not None:
        Eligibility.objects.filter(profile=profile).delete()


@receiver(personal_data_requested)
def on_personal_data_requested(sender, user, profile=None, **kwargs):
    """The publics eligible to insertion clauses recorded about the resident, by whom (a role
    and a structure) and when."""
    if profile is None:
        return {}
    rows = (
        Eligibility.objects.filter(profile=profile)
        .select_related("structure", "recorded_by")
        .order_by("public")
    )
    return {
        "eligibilite_aux_clauses_d_insertion": [
            {
                "public": row.get_public_display(),
                "structure": row.structure.name,
                "enregistree_le": row.recorded_at,
                "enregistree_par": who(row.recorded_by, user),
            }
            for row in rows
        ]
    }
