from django.contrib import admin

from clauses.models import ClauseHours, ClauseOperation, Eligibility


@admin.register(ClauseOperation)
class ClauseOperationAdmin(admin.ModelAdmin):
    list_display = ["name", "contracting_authority", "facilitator", "hours_target", "ends_on"]
    raw_id_fields = ["facilitator", "offers"]
    list_filter = ["synthetic"]


@admin.register(ClauseHours)
class ClauseHoursAdmin(admin.ModelAdmin):
    list_display = ["operation", "referral", "application", "hours", "recorded_at"]
    raw_id_fields = ["operation", "referral", "application", "recorded_by"]


@admin.register(Eligibility)
class EligibilityAdmin(admin.ModelAdmin):
    list_display = ["profile", "public", "structure", "recorded_at"]
    raw_id_fields = ["profile", "structure", "recorded_by"]
