"""``manage.py rematch``: a full matching run, here or by the Celery workers."""

import sys
import time

from django.core.management.base import BaseCommand

from matching import runs
from matching.report import format_figures


class Command(BaseCommand):
    help = "Recalcule toutes les correspondances habitants × offres."

    def add_arguments(self, parser):
        parser.add_argument(
            "--celery", action="store_true", help="confier le calcul aux workers Celery"
        )

    def handle(self, *args, celery=False, **options):
        if celery:
            from matching.tasks import rematch

            run_id = rematch.delay().get(timeout=60)
            self.stdout.write(f"Calcul {run_id} confié aux workers (suivi : page des calculs).")
            return
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            width = 30
            filled = width * done // max(total, 1)
            bar = "█" * filled + "·" * (width - filled)
            sys.stdout.write(f"\r[{bar}] {done}/{total} paquets")
            sys.stdout.flush()

        run = runs.run_full(progress=progress)
        self.stdout.write("")
        self.stdout.write(
            f"Calcul {run.pk} terminé en {time.monotonic() - started:.1f} s : "
            f"{run.residents} habitants, {run.offers} offres, {run.rows} correspondances."
        )
        for line in format_figures(run.figures):
            self.stdout.write(line)
