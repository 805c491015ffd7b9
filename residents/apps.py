from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "residents"
    verbose_name = "Habitants en recherche d'emploi"

    def ready(self):
        from residents import receivers  # noqa: F401
