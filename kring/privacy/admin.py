from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Readable, never editable: the log is only written by kring.privacy.audit."""

    list_display = ["at", "actor", "collective", "action", "target_type", "target_id", "summary"]
    list_filter = ["action", "target_type"]
    list_select_related = ["actor", "collective"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
