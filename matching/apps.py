from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Correspondances"

    def ready(self):
        from matching import receivers  # noqa: F401
