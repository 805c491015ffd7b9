from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Candidatures"

    def ready(self):
        from applications import receivers  # noqa: F401
