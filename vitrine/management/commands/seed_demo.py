"""Seed the synthetic demo territory: the four demo accounts, fictitious employers and offers.

Demo data is synthetic (see ``offers.demo``). Idempotent: the accounts are created when missing;
employers and offers only when no demo offer exists yet. ``--reset-offers`` (or ``--force``)
replaces the demo offers and the synthetic employers, e.g. with another size:

    manage.py seed_demo --employers 500 --offers 20000 --seed 1 --reset-offers

Synthetic residents (``residents.demo``) are made only when none exist yet;
``--reset-residents`` replaces them, e.g. ``--residents 60000 --reset-residents``.
"""

from django.core.management.base import BaseCommand, CommandError

from accounts.demo import seed_accounts
from applications.demo import demo_applications_delete, seed_applications
from clauses.demo import seed_advisory_demo
from matching.training import seed_trainings
from offers.demo import demo_seed
from offers.models import Status
from residents.demo import seed_residents


class Command(BaseCommand):
    help = (
        "Crée les données de démonstration (fictives) : comptes, employeurs et offres. "
        "Ne refait rien si des offres de démonstration existent, sauf avec --reset-offers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--employers", type=int, default=60, help="employeurs fictifs (60)")
        parser.add_argument("--offers", type=int, default=400, help="offres fictives (400)")
        parser.add_argument(
            "--seed", type=int, default=1, help="graine : mêmes données pour la même graine"
        )
        # --- Synthetic residents (issue 5): --residents, --reset-residents. ---
        parser.add_argument("--residents", type=int, default=1500, help="habitants fictifs (1500)")
        parser.add_argument(
            "--reset-residents",
            action="store_true",
            help="supprime les habitants fictifs existants, puis les recrée",
        )
        # --- End of the synthetic residents' options. ---
        parser.add_argument(
            "--reset-offers",
            "--force",
            action="store_true",
            dest="reset_offers",
            help="supprime les offres et employeurs fictifs existants, puis les recrée",
        )

    def handle(self, *args, **options):
        if options["employers"] < 0 or options["offers"] < 0:
            raise CommandError("--employers et --offers sont des nombres positifs.")
        if options["residents"] < 0:
            raise CommandError("--residents est un nombre positif.")
        users = seed_accounts()
        self.stdout.write(f"Comptes de démonstration : {len(users)}")
        report = demo_seed(
            employers=options["employers"],
            offers=options["offers"],
            seed=options["seed"],
            reset=options["reset_offers"],
            account=users["employer"],
        )
        # Trainings whatever happens to the offers below (seeding them again changes nothing).
        self.stdout.write(f"Formations de démonstration (fictives) créées : {seed_trainings()}")
        # --- Synthetic residents (issue 5, residents/demo.py) and their applications. ---
        if options["reset_residents"]:  # their applications first, or they would stay anonymous
            demo_applications_delete(users["resident"])
        residents = seed_residents(
            count=options["residents"],
            seed=options["seed"],
            reset=options["reset_residents"],
            account=users["resident"],
        )
        self.stdout.write(
            f"Habitants fictifs : {residents.residents}"
            + (
                " (déjà présents : --reset-residents pour les recréer)"
                if residents.skipped
                else f" créés en {residents.seconds:.1f} s, dont {residents.in_qpv} en QPV"
            )
        )
        applications = seed_applications(
            seed=options["seed"],
            residents=options["residents"],
            account=users["resident"],
            employer=users["employer"],
        )
        self.stdout.write(
            f"Candidatures fictives : {applications.applications}"
            + (" (déjà présentes)" if applications.skipped else "")
        )
        # --- End of the synthetic residents. ---
        # --- Advisory side (issue 7): structures, clause operation, follow-ups. Idempotent. ---
        advisory = seed_advisory_demo(users=users)
        self.stdout.write(
            f"Structures d'accompagnement (démo) : {advisory.structures}, opération sous clause "
            f"avec {advisory.attached} offres, personnes suivies : {advisory.followed}"
        )
        # --- End of the advisory side. ---
        if report.skipped:
            self.stdout.write(
                f"Offres de démonstration déjà présentes ({report.offers} offres, "
                f"{report.employers} employeurs fictifs) : rien à faire "
                "(--reset-offers pour les recréer)."
            )
            return
        statuses = ", ".join(
            f"{label.lower()} {report.statuses[value]}"
            for value, label in Status.choices
            if report.statuses.get(value)
        )
        self.stdout.write(
            f"Employeurs fictifs : {report.employers} ({report.employers_created} créés)\n"
            f"Offres fictives : {report.offers} ({statuses})\n"
            f"Compétences demandées : {report.skills}, transitions : {report.transitions}\n"
            f"Données de démonstration (fictives) créées en {report.seconds:.1f} s"
        )
