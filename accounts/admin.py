from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils import timezone

from accounts import services
from accounts.forms import AdminLoginForm
from accounts.models import Mail, Membership, Organisation, User

# Django's admin has its own login page: it gets the same rate limit as the site's.
admin.site.login_form = AdminLoginForm


class ReadOnlyAdmin:
    """Mixed into a ``ModelAdmin`` or an inline: staff may look, never add, change or delete
    (nor delete in bulk: Django drops the actions the user may not run). For the rows that only
    the application's services write, or that staff have no business editing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "role"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "first_name", "last_name", "role", "password1", "password2"],
            },
        ),
    ]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "employer_kind",
        "structure_kind",
        "commune",
        "validated_at",
        "suspended_at",
    ]
    list_filter = ["kind", "employer_kind", "structure_kind", "ess", "charter_signed"]
    search_fields = ["name", "siret"]
    raw_id_fields = ["naf"]
    autocomplete_fields = ["commune"]
    filter_horizontal = ["communes_served"]
    inlines = [MembershipInline]
    actions = ["suspend", "reinstate", "validate"]

    @admin.action(description="Suspendre les organisations choisies (leurs offres disparaissent)")
    def suspend(self, request, queryset):
        for organisation in queryset:
            services.organisation_suspend(organisation=organisation, suspended=True)
        self.message_user(request, f"{queryset.count()} organisation(s) suspendue(s).")

    @admin.action(description="Lever la suspension")
    def reinstate(self, request, queryset):
        for organisation in queryset:
            services.organisation_suspend(organisation=organisation, suspended=False)
        self.message_user(request, f"{queryset.count()} organisation(s) réactivée(s).")

    @admin.action(description="Valider les structures choisies")
    def validate(self, request, queryset):
        count = queryset.filter(kind=Organisation.Kind.STRUCTURE, validated_at__isnull=True).update(
            validated_at=timezone.now()
        )
        self.message_user(request, f"{count} structure(s) validée(s).")


@admin.register(Mail)
class MailAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The outbox, to see what was sent and what failed; the e-mails are never edited here. The
    body is not shown: it may hold an invitation link, whose token opens an account."""

    list_display = ["subject", "email", "created_at", "sent_at", "attempts", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "subject"]
    date_hierarchy = "created_at"
    fields = [
        "key", "email", "subject", "created_at", "queued_at", "sent_at", "attempts", "last_error",
    ]  # fmt: skip
    readonly_fields = fields
