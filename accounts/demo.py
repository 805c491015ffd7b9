"""Demo accounts (synthetic): one per role, password ``vitrine-demo``. Idempotent."""

from django.utils import timezone

from accounts.models import Membership, Organisation, User
from referentiel.models import Commune

PASSWORD = "vitrine-demo"  # noqa: S105  (demo seed only, printed by make run)


def _user(email: str, first_name: str, last_name: str, role: str, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=PASSWORD,
            first_name=first_name,
            last_name=last_name,
            role=role,
            **extra,
        )
    return user


def seed_accounts() -> dict[str, User]:
    """Create the four demo accounts of DESIGN §8 and their organisations."""
    users = {
        "resident": _user("resident@demo.test", "Samia", "Benali", User.Role.RESIDENT),
        "employer": _user("employer@demo.test", "Marc", "Lefèvre", User.Role.EMPLOYER),
        "advisor": _user("advisor@demo.test", "Nadia", "Moreau", User.Role.ADVISOR),
        "staff": _user(
            "staff@demo.test", "Paul", "Girard", User.Role.STAFF, is_staff=True, is_superuser=True
        ),
    }
    orly = Commune.objects.filter(code_insee="94054").first()
    employer, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.EMPLOYER,
        siret="73282932000074",
        defaults={
            "name": "Logistique du Val (démo)",
            "employer_kind": "company",
            "commune": orly,
            "size_band": "50-249",
            "contact_email": "employer@demo.test",
        },
    )
    structure, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.STRUCTURE,
        name="Mission locale Orly-Choisy (démo)",
        defaults={
            "structure_kind": "mission_locale",
            "commune": orly,
            "validated_at": timezone.now(),
            "contact_email": "advisor@demo.test",
        },
    )
    Membership.objects.get_or_create(
        user=users["employer"], organisation=employer, defaults={"role": Membership.Role.ADMIN}
    )
    Membership.objects.get_or_create(
        user=users["advisor"], organisation=structure, defaults={"role": Membership.Role.ADMIN}
    )
    return users
