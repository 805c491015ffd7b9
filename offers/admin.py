from django.contrib import admin

from offers.models import Offer, OfferTransition


class TransitionInline(admin.TabularInline):
    model = OfferTransition
    extra = 0
    readonly_fields = ["name", "from_status", "to_status", "by", "at", "reason"]
    can_delete = False


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "employer", "commune", "contract", "status", "published_at"]
    list_filter = ["status", "contract", "insertion_clause", "source"]
    search_fields = ["title", "employer__name"]
    raw_id_fields = ["employer", "appellation", "occupation", "commune"]
    readonly_fields = ["status", "published_at", "ended_at", "source", "source_id"]
    inlines = [TransitionInline]
