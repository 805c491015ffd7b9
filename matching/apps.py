from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Correspondances"

    def ready(self):
        from matching import receivers  # noqa: F401
        from vitrine import slots

        slots.register("employer_offer", "matching/_offer_candidates.html")
