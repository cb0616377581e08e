"""Only the installation-wide list of opgaven is in the admin; initiatives and connections are a
collective's own data and are not browsed by installation admins."""

from django.contrib import admin

from .models import PublicTask


@admin.register(PublicTask)
class PublicTaskAdmin(admin.ModelAdmin):
    list_display = ["name", "description", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
