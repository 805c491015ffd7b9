from django.apps import AppConfig


class ClausesConfig(AppConfig):
    name = "clauses"
    verbose_name = "Clauses d'insertion"

    def ready(self):
        from clauses import receivers  # noqa: F401
        from vitrine import slots

        slots.register("advisor_resident", "clauses/_resident_slot.html")
