from django.contrib import admin

from moderation.models import OfferFlag


@admin.register(OfferFlag)
class OfferFlagAdmin(admin.ModelAdmin):
    list_display = ["offer", "reason", "created_at", "outcome", "resolved_at"]
    list_filter = ["reason", "outcome"]
    raw_id_fields = ["offer", "by", "resolved_by"]
    readonly_fields = ["created_at"]
