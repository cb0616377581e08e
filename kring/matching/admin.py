from django.contrib import admin

from kring.core.locking import VersionedAdminMixin

from .models import SynonymGroup


@admin.register(SynonymGroup)
class SynonymGroupAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["terms", "updated_at"]
    search_fields = ["terms"]
