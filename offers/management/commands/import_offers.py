"""``manage.py import_offers FILE``: import offers from a CSV file or a France Travail JSON file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organisation
from offers import imports


class Command(BaseCommand):
    help = (
        "Importe des offres depuis un fichier CSV ou un export JSON France Travail (Offres "
        "d'emploi v2). Réimporter le même fichier met les offres à jour sans les dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="chemin du fichier CSV ou JSON")
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=["csv", "json"],
            help="format du fichier (deviné sinon)",
        )
        parser.add_argument(
            "--employer",
            type=int,
            metavar="ID",
            help="identifiant de l'employeur de toutes les offres (sinon le SIRET de chaque offre)",
        )
        parser.add_argument("--publish", action="store_true", help="publier les offres importées")
        parser.add_argument(
            "--dry-run", action="store_true", help="vérifier le fichier sans rien enregistrer"
        )

    def handle(self, *args, file, fmt=None, employer=None, publish=False, dry_run=False, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Impossible de lire {path} : {error.strerror}.") from error
        organisation = None
        if employer is not None:
            organisation = Organisation.objects.filter(
                pk=employer, kind=Organisation.Kind.EMPLOYER
            ).first()
            if organisation is None:
                raise CommandError(f"Aucun employeur n'a l'identifiant {employer}.")
        try:
            report = imports.import_file(
                data,
                name=path.name,
                fmt=fmt,
                employer=organisation,
                publish=publish,
                dry_run=dry_run,
            )
        except imports.ImportFileError as error:
            raise CommandError(str(error)) from error
        self._print(path, report)

    def _print(self, path: Path, report: imports.Report) -> None:
        kind = "CSV" if report.format == "csv" else "JSON France Travail"
        where = "ligne" if report.format == "csv" else "offre n°"
        self.stdout.write(f"Import de {path.name} ({kind}) :")
        for note in report.notes:
            self.stdout.write(f"  Attention : {note}")
        self.stdout.write(
            f"  {report.created} offre(s) créée(s), {report.updated} mise(s) à jour, "
            f"{report.unchanged} inchangée(s), {report.refused} refusée(s)."
        )
        if report.errors:
            self.stdout.write("Refusées (rien n'est enregistré pour elles) :")
            for problem in report.errors:
                column = f", {problem.field}" if problem.field else ""
                self.stdout.write(f"  {where} {problem.row}{column} : {problem.message}")
        if report.warnings:
            self.stdout.write("Avertissements :")
            for problem in report.warnings:
                column = f", {problem.field}" if problem.field else ""
                self.stdout.write(f"  {where} {problem.row}{column} : {problem.message}")
        if report.dry_run:
            self.stdout.write("Vérification seulement : rien n'a été enregistré.")
