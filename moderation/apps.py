from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Modération"

    def ready(self):
        from vitrine import slots

        slots.register("offer_page", "moderation/_flag.html")
