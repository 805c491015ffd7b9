from django.contrib import admin

from accounts.admin import ReadOnlyAdmin
from advisors.models import AccountInvitation, Note


@admin.register(Note)
class NoteAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Advisors' notes about a resident stay with their structure: staff see that a note exists,
    who wrote it and when, never its text, and cannot write, change or delete one here."""

    list_display = ["pk", "structure", "profile", "author", "created_at"]
    list_select_related = ["structure", "profile__user", "author"]
    fields = ["structure", "profile", "author", "created_at"]
    readonly_fields = fields


@admin.register(AccountInvitation)
class AccountInvitationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "structure", "invited_by", "created_at", "sent_at"]
    raw_id_fields = ["recipient", "structure", "invited_by"]
    readonly_fields = ["key", "created_at", "queued_at", "sent_at", "attempts", "last_error"]
