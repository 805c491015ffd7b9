"""``manage.py load_referentiel``: load the reference data shipped in ``referentiel/data``."""

import time

from django.core.management.base import BaseCommand

from referentiel.loader import SOURCES, load_all
from referentiel.models import (
    Appellation,
    Commune,
    Mobility,
    Naf,
    Occupation,
    OccupationSkill,
    Qpv,
    QualificationLevel,
    Skill,
)


class Command(BaseCommand):
    help = "Charge les données de référence (ROME, communes, QPV, NAF, niveaux). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="recharger même sans changement")
        parser.add_argument(
            "--only", nargs="+", choices=[s.name for s in SOURCES], help="ces jeux seulement"
        )

    def handle(self, *args, force=False, only=None, **options):
        started = time.monotonic()
        for report in load_all(force=force, only=set(only or [])):
            state = "chargé" if report.changed else "inchangé"
            self.stdout.write(f"{report.name:<20} {report.rows:>7} lignes  {state}")
        counts = {
            "communes": Commune.objects.count(),
            "communes du territoire": Commune.objects.filter(in_territory=True).count(),
            "QPV": Qpv.objects.count(),
            "fiches ROME": Occupation.objects.count(),
            "appellations": Appellation.objects.count(),
            "compétences et savoirs": Skill.objects.count(),
            "liens fiche-compétence": OccupationSkill.objects.count(),
            "mobilités": Mobility.objects.count(),
            "codes NAF": Naf.objects.count(),
            "niveaux": QualificationLevel.objects.count(),
        }
        self.stdout.write(", ".join(f"{n} {label}" for label, n in counts.items()))
        self.stdout.write(f"Terminé en {time.monotonic() - started:.1f} s")
