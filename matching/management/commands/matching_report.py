"""``manage.py matching_report``: crowding and fairness figures of the current run."""

from django.core.management.base import BaseCommand

from matching.models import Run
from matching.report import format_figures, format_rerank, rerank_figures, run_figures


class Command(BaseCommand):
    help = "Affiche l'exposition des offres et l'équité (QPV / autres) du dernier calcul."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rerank", action="store_true", help="montrer l'effet du re-classement"
        )

    def handle(self, *args, rerank=False, **options):
        run = Run.current()
        if run is None:
            self.stdout.write("Aucun calcul terminé : lancez manage.py rematch.")
            return
        self.stdout.write(f"Calcul {run.pk} du {run.finished_at:%d/%m/%Y %H:%M}")
        for line in format_figures(run.figures or run_figures(run)):
            self.stdout.write(line)
        if rerank:
            for line in format_rerank(rerank_figures()):
                self.stdout.write(line)
