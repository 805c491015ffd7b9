from django.contrib import admin

from advisors.models import AccountInvitation, Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["pk", "structure", "profile", "author", "created_at"]
    raw_id_fields = ["structure", "profile", "author"]


@admin.register(AccountInvitation)
class AccountInvitationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "structure", "invited_by", "created_at", "sent_at"]
    raw_id_fields = ["recipient", "structure", "invited_by"]
    readonly_fields = ["key", "created_at", "queued_at", "sent_at", "attempts", "last_error"]
