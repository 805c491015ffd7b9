from django.contrib import admin

from referentiel import models


@admin.register(models.Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code_insee", "name", "departement_code", "population", "in_territory"]
    list_filter = ["in_territory", "departement_code"]
    search_fields = ["name", "code_insee"]


@admin.register(models.Qpv)
class QpvAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "multi_commune", "communes_confirmed"]
    search_fields = ["name", "code"]


@admin.register(models.Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "parent_code", "domain", "regulated"]
    search_fields = ["code", "title"]
    list_filter = ["domain__grand_domain"]


@admin.register(models.Appellation)
class AppellationAdmin(admin.ModelAdmin):
    list_display = ["code_ogr", "label", "occupation", "main", "rare"]
    search_fields = ["label", "code_ogr"]
    raw_id_fields = ["occupation"]


@admin.register(models.Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "kind", "category"]
    list_filter = ["kind"]
    search_fields = ["label", "code"]


@admin.register(models.Dataset)
class DatasetAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "rows", "loaded_at"]
