from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = "Offres d'emploi"

    def ready(self):
        from offers import receivers  # noqa: F401
