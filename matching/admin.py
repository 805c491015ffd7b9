"""Staff tools: the training catalogue (create, edit, deactivate) and the runs, read-only."""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html_join

from matching.models import Run, Training
from matching.report import format_figures
from matching.training import DEMO_LABEL, catalogue_changed


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "provider",
        "commune",
        "duration_hours",
        "level_reached",
        "funding",
        "active",
        "demo",
    ]
    list_filter = ["active", "synthetic", "funding", "level_reached"]
    search_fields = ["title", "provider", "description"]
    autocomplete_fields = ["commune", "skills"]
    list_select_related = ["commune"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="origine")
    def demo(self, training):
        return DEMO_LABEL if training.synthetic else "Réelle"

    # Residents' cached trainings are recomputed after any change of the catalogue.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        catalogue_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        catalogue_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        catalogue_changed()


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    """Runs are written by the matcher only: staff read them here or at /espace-equipe/calculs/."""

    list_display = [
        "pk",
        "status",
        "started_at",
        "finished_at",
        "progress_percent",
        "residents",
        "offers",
        "valid_pairs",
        "rows",
        "seconds",
    ]
    list_filter = ["status"]
    readonly_fields = [
        "status",
        "started_at",
        "finished_at",
        "started_by",
        "progress_percent",
        "chunks_total",
        "chunks_done",
        "residents",
        "offers",
        "candidate_pairs",
        "valid_pairs",
        "rows",
        "seconds",
        "figures_text",
        "error",
    ]
    exclude = ["figures"]

    @admin.display(description="avancement")
    def progress_percent(self, run):
        return f"{100 if run.status == Run.Status.DONE else run.progress} %"

    @admin.display(description="chiffres d'équité et de concentration")
    def figures_text(self, run):
        return format_html_join("", "<p>{}</p>", ((line,) for line in format_figures(run.figures)))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
