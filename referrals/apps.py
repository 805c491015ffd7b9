from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Orientations"

    def ready(self):
        from referrals import receivers  # noqa: F401
        from vitrine import slots

        slots.register("employer_inbox", "referrals/_inbox_slot.html")
