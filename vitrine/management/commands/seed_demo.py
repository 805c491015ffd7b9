"""Seed the synthetic demo territory. Idempotent: existing demo data is left as it is."""

from django.core.management.base import BaseCommand

from accounts.demo import seed_accounts


class Command(BaseCommand):
    help = "Crée les données de démonstration (fictives) si elles n'existent pas encore."

    def handle(self, *args, **options):
        users = seed_accounts()
        self.stdout.write(f"Comptes de démonstration : {len(users)}")
