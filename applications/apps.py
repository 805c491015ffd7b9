from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Candidatures"

    def ready(self):
        from applications import receivers  # noqa: F401
        from vitrine import slots

        slots.register("offer_page", "applications/_offer_apply.html")
