from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    name = "observatory"
    verbose_name = "Observatoire"

    def ready(self):
        from observatory import receivers  # noqa: F401
