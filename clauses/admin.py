from django.contrib import admin

from accounts.admin import ReadOnlyAdmin
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
class EligibilityAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Who belongs to an eligible public is recorded by the resident's advisors: staff may look,
    not edit it here."""

    list_display = ["profile", "public", "structure", "recorded_at"]
    list_select_related = ["profile__user", "structure"]
    fields = ["profile", "public", "structure", "recorded_by", "recorded_at"]
    readonly_fields = fields
