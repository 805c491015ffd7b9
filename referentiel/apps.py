from django.apps import AppConfig


class ReferentielConfig(AppConfig):
    name = "referentiel"
    verbose_name = "Données de référence"
