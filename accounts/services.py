"""Writes on accounts and organisations."""

from django.db import transaction

from accounts.models import Membership, Organisation, User


def resident_signup(*, first_name: str, last_name: str, email: str, password: str) -> User:
    """Create the account of a resident looking for a job."""
    return User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        role=User.Role.RESIDENT,
    )


@transaction.atomic
def employer_signup(
    *, first_name: str, last_name: str, email: str, password: str, organisation: Organisation
) -> User:
    """Create an employer's account and its organisation, of which it becomes the admin."""
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        role=User.Role.EMPLOYER,
    )
    organisation.kind = Organisation.Kind.EMPLOYER
    organisation.contact_email = organisation.contact_email or email
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user
