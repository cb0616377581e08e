from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kring.core.locking import VersionedAdminMixin

from .models import ImpactReport, SharingLog, SocialValueProxy, Target


@admin.register(SocialValueProxy)
class SocialValueProxyAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    """Amounts and sources, edited by installation admins. Every save is kept with who and
    when: the "Geschiedenis" button of each row shows the changes."""

    list_display = ["label", "outcome", "low", "value", "high", "unit", "publisher", "year"]
    ordering = ["position", "outcome"]
    history_list_display = ["low", "value", "high", "source_title", "year"]
    fieldsets = [
        (None, {"fields": ["label", "outcome", "unit", "counted_as", "deduct", "position"]}),
        (_("Bedrag per eenheid"), {"fields": ["low", "value", "high", "range_note"]}),
        (
            _("Bron"),
            {
                "fields": [
                    "source_title",
                    "publisher",
                    "year",
                    "table_or_page",
                    "source_url",
                    "licence_note",
                ]
            },
        ),
        (_("Correcties"), {"fields": ["deadweight", "attribution"]}),
        (
            _("In het Engels"),
            {
                "description": _(
                    "Leeg laten: wie Kring in het Engels gebruikt, ziet het Nederlands."
                ),
                "fields": [
                    "label_en",
                    "unit_en",
                    "counted_as_en",
                    "range_note_en",
                    "table_or_page_en",
                    "licence_note_en",
                ],
            },
        ),
    ]


@admin.register(SharingLog)
class SharingLogAdmin(admin.ModelAdmin):
    list_display = ["collective", "municipality", "groups", "changed_by", "changed_at"]
    list_filter = ["municipality"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Target)
class TargetAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["municipality", "indicator", "year", "value", "set_by"]


admin.site.register(ImpactReport)
