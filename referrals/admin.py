from django.contrib import admin

from referrals.models import Delegation, Referral, ReferralTransition


class TransitionInline(admin.TabularInline):
    model = ReferralTransition
    extra = 0
    can_delete = False
    readonly_fields = ["name", "from_status", "to_status", "by", "at", "reason"]


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["pk", "structure", "offer", "status", "created_at", "sent_at"]
    list_filter = ["status", "structure"]
    raw_id_fields = ["resident", "advisor", "offer", "structure", "resident_commune"]
    readonly_fields = ["created_at", "updated_at", "sent_at", "answered_at"]
    inlines = [TransitionInline]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["profile", "structure", "granted_at", "revoked_at"]
    raw_id_fields = ["profile", "structure", "granted_by", "revoked_by"]
