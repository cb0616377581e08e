"""Themes and statements are edited in Django's admin by the installation's staff and by
network editors who have an admin log-in. Answers are not shown here: they belong to the
gemeente."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Statement, Theme


class EditorPermissions:
    """Staff with the model permission, or a network editor with an admin log-in."""

    def _editor(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and user.is_network_editor

    def has_module_permission(self, request):
        return self._editor(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._editor(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._editor(request) or super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._editor(request) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editor(request) or super().has_delete_permission(request, obj)


class StatementInline(EditorPermissions, admin.TabularInline):
    model = Statement
    extra = 1
    fields = ["position", "text", "text_en", "is_reversed"]


@admin.register(Theme)
class ThemeAdmin(EditorPermissions, admin.ModelAdmin):
    list_display = ["title", "key", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"key": ["title"]}
    inlines = [StatementInline]
    fieldsets = [
        (None, {"fields": ["title", "key", "position", "intro"]}),
        (_("Tips"), {"fields": ["suggestion_low", "suggestion_middle", "suggestion_high"]}),
        (
            _("In het Engels"),
            {
                "description": _(
                    "Leeg laten: wie Kring in het Engels gebruikt, ziet het Nederlands."
                ),
                "fields": [
                    "title_en",
                    "intro_en",
                    "suggestion_low_en",
                    "suggestion_middle_en",
                    "suggestion_high_en",
                ],
            },
        ),
    ]
