from django.contrib import admin

from .models import District, Municipality, Neighbourhood


class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "year", "is_sample"]
    search_fields = ["code", "name"]
    list_filter = ["year", "is_sample"]
    exclude = ["boundary"]


@admin.register(Municipality)
class MunicipalityAdmin(RegionAdmin):
    pass


@admin.register(District)
class DistrictAdmin(RegionAdmin):
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(RegionAdmin):
    list_select_related = ["district"]
    autocomplete_fields = ["district"]
