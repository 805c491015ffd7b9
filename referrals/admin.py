"""Referrals and delegations in Django's admin: read only. A referral moves only through its
state machine (``referrals.services.referral_transition``), which checks who may do what, logs
the step and tells the people concerned; the admin must not add, edit or delete referrals nor
their log. A delegation is granted and revoked by the structure's advisors, in their space.

Staff see states and dates, not the free text written about the person: the advisor's message
and the reasons written on the steps stay with the structure, the resident and the employer.
"""

from django.contrib import admin

from accounts.admin import ReadOnlyAdmin
from referrals.models import Delegation, Referral, ReferralTransition


class TransitionInline(ReadOnlyAdmin, admin.TabularInline):
    model = ReferralTransition
    extra = 0
    fields = ["name", "from_status", "to_status", "by", "at"]
    readonly_fields = fields


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["pk", "structure", "offer", "status", "created_at", "sent_at"]
    list_filter = ["status", "structure"]
    list_select_related = ["structure", "offer"]
    fields = [
        "structure", "advisor", "resident", "offer", "status", "refusal_reason", "hired_start",
        "delegated", "resident_commune", "resident_in_qpv", "created_at", "updated_at",
        "answered_at", "sent_at",
    ]  # fmt: skip
    readonly_fields = fields
    inlines = [TransitionInline]
    actions = None


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """A delegation is the resident's consent, ticked and revoked by an advisor of the structure
    in their space: staff may look, not grant or revoke it here."""

    list_display = ["profile", "structure", "granted_at", "revoked_at"]
    list_select_related = ["profile__user", "structure"]
    fields = ["structure", "profile", "granted_by", "granted_at", "revoked_by", "revoked_at"]
    readonly_fields = fields
