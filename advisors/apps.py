from django.apps import AppConfig


class AdvisorsConfig(AppConfig):
    name = "advisors"
    verbose_name = "Espace conseiller"

    def ready(self):
        from advisors import receivers  # noqa: F401
