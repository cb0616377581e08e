from django.contrib import admin

from .models import ImpactReport, SharingLog, SocialValueProxy, Target


@admin.register(SocialValueProxy)
class SocialValueProxyAdmin(admin.ModelAdmin):
    list_display = ["label", "outcome", "value", "unit", "year", "deadweight", "attribution"]
    ordering = ["position", "outcome"]


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


admin.site.register(Target)
admin.site.register(ImpactReport)
