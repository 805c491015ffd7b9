"""The advisors floor listens to the residents floor: what structures wrote about a resident
goes with their account, and is part of what the resident may download about themselves."""

from django.dispatch import receiver

from advisors.models import Note
from residents.privacy import who
from residents.signals import personal_data_requested, resident_erasing


@receiver(resident_erasing)
def on_resident_erasing(sender, user, profile=None, **kwargs):
    """Inside the erasure's transaction: the structures' notes about the person are deleted
    (the profile's deletion would cascade to them, but a note is never kept for statistics,
    so this does not depend on it). Errors are not caught: they roll the erasure back."""
    if profile is not None:
        Note.objects.filter(profile=profile).delete()


@receiver(personal_data_requested)
def on_personal_data_requested(sender, user, profile=None, **kwargs):
    """The notes of follow-up written about the resident, by every structure.

    Notes are not shown to the resident in the pages (they are the advisors' working notes),
    but they are personal data about them: the right of access (GDPR, article 15) covers them,
    as the CNIL says of the comments a professional writes in a person's file. So the export
    holds them, with the structure, the date and the author as a role (never another person's
    name or address); the advisors are told so where they write a note."""
    if profile is None:
        return {}
    notes = (
        Note.objects.filter(profile=profile)
        .select_related("structure", "author")
        .order_by("created_at", "pk")
    )
    return {
        "notes_de_suivi_des_conseillers": [
            {
                "structure": note.structure.name,
                "ecrite_le": note.created_at,
                "ecrite_par": who(note.author, user),
                "note": note.text,
            }
            for note in notes
        ]
    }
