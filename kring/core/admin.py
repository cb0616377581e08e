from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User

admin.site.site_header = _("Kring: beheer van de installatie")
admin.site.site_title = "Kring"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "municipality", "is_network_editor", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_network_editor", "is_active", "municipality"]
    search_fields = ["email", "name"]
    autocomplete_fields = ["municipality"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        (_("Rollen"), {"fields": ["municipality", "is_network_editor"]}),
        (
            _("Rechten"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Datums"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})
    ]
