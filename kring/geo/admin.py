import uuid
from datetime import timedelta

from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import RegionImportConfirmForm, RegionImportForm
from .models import District, Municipality, Neighbourhood
from .services import import_regions

# Uploads wait here between the check (dry run) and the import; removed afterwards.
UPLOAD_DIR = "cbs-imports"
_SALT = "kring.geo.admin.import"
# A checked upload may be imported for one hour.
_MAX_AGE = 3600


class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "year", "is_sample"]
    search_fields = ["code", "name"]
    list_filter = ["year", "is_sample"]
    exclude = ["boundary"]


def _remove_stale_uploads() -> None:
    """Checked uploads nobody confirmed within the hour are removed."""
    try:
        names = default_storage.listdir(UPLOAD_DIR)[1]
    except FileNotFoundError:
        return
    limit = timezone.now() - timedelta(seconds=_MAX_AGE)
    for name in names:
        path = f"{UPLOAD_DIR}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)


@admin.register(Municipality)
class MunicipalityAdmin(RegionAdmin):
    change_list_template = "admin/geo/municipality/change_list.html"

    def get_urls(self):
        return [
            path(
                "import-cbs/",
                self.admin_site.admin_view(self.import_view),
                name="geo_municipality_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload → check (nothing stored, every error in Dutch) → import, all or nothing."""
        if not request.user.is_superuser:
            raise PermissionDenied
        _remove_stale_uploads()
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        if request.method == "POST" and "token" in request.POST:
            return self._confirm(request, context)
        form = RegionImportForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
        if request.method != "POST" or not form.is_valid():
            context.update(form=form, title=_("Importeer CBS-bestand"))
            return TemplateResponse(
                request,
                "admin/geo/municipality/import_cbs.html",
                context,
                status=400 if request.method == "POST" else 200,
            )
        upload = form.cleaned_data["file"]
        year, sample = form.cleaned_data["year"], form.cleaned_data["sample"]
        result = import_regions(features=upload, year=year, sample=sample, dry_run=True)
        context.update(form=form, result=result, title=_("Controle van het CBS-bestand"))
        if not result.ok:
            return TemplateResponse(
                request, "admin/geo/municipality/import_cbs.html", context, status=400
            )
        upload.seek(0)
        name = default_storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}.geojson", upload)
        token = signing.dumps({"name": name, "year": year, "sample": sample}, salt=_SALT)
        context["confirm"] = RegionImportConfirmForm(initial={"token": token})
        return TemplateResponse(request, "admin/geo/municipality/import_cbs.html", context)

    def _confirm(self, request, context):
        form = RegionImportConfirmForm(request.POST)
        try:
            if not form.is_valid():
                raise signing.BadSignature
            job = signing.loads(form.cleaned_data["token"], salt=_SALT, max_age=_MAX_AGE)
            name = job["name"]
            if not name.startswith(f"{UPLOAD_DIR}/") or not default_storage.exists(name):
                raise signing.BadSignature
        except (signing.BadSignature, KeyError, TypeError):
            context.update(
                form=RegionImportForm(),
                title=_("Importeer CBS-bestand"),
                expired=True,
            )
            return TemplateResponse(
                request, "admin/geo/municipality/import_cbs.html", context, status=400
            )
        try:
            with default_storage.open(name, "rb") as source:
                result = import_regions(
                    features=source, year=job["year"], sample=job["sample"], dry_run=False
                )
        finally:
            default_storage.delete(name)
        if not result.ok:
            context.update(form=RegionImportForm(), result=result, title=_("Importeer CBS-bestand"))
            return TemplateResponse(
                request, "admin/geo/municipality/import_cbs.html", context, status=400
            )
        messages.success(
            request,
            _(
                "De gebieden zijn opgeslagen: %(m)d gemeenten, %(d)d wijken en %(n)d buurten "
                "(nieuw of bijgewerkt)."
            )
            % {
                "m": result.municipalities.created + result.municipalities.updated,
                "d": result.districts.created + result.districts.updated,
                "n": result.neighbourhoods.created + result.neighbourhoods.updated,
            },
        )
        return redirect(reverse("admin:geo_municipality_changelist"))


@admin.register(District)
class DistrictAdmin(RegionAdmin):
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(RegionAdmin):
    list_select_related = ["district"]
    autocomplete_fields = ["district"]
