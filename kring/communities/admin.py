from django.contrib import admin

from kring.core.locking import VersionedAdminMixin

from .models import Collective, Invitation, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Collective)
class CollectiveAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "legal_form", "municipality", "is_public"]
    list_filter = ["kind", "legal_form", "is_public"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality", "working_area"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "collective",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "created_at", "accepted_at"]
