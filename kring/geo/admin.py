from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kring.core.forms import MAX_INTEGER_KEY

from . import uploads
from .forms import RegionImportForm
from .models import District, Municipality, Neighbourhood, RegionImport


class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "year", "is_sample"]
    search_fields = ["code", "name"]
    list_filter = ["year", "is_sample"]
    exclude = ["boundary"]


@admin.register(Municipality)
class MunicipalityAdmin(RegionAdmin):
    change_list_template = "admin/geo/municipality/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import-cbs/", view(self.import_view), name="geo_municipality_import"),
            path(
                "import-cbs/<int:pk>/",
                view(self.import_job_view),
                name="geo_municipality_import_job",
            ),
            path(
                "import-cbs/<int:pk>/store/",
                view(require_POST(self.import_store_view)),
                name="geo_municipality_import_store",
            ),
            *super().get_urls(),
        ]

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def import_view(self, request):
        """Upload; the worker checks it (nothing stored, every error in Dutch) and, when the
        superuser confirms, stores it: all or nothing."""
        if not request.user.is_superuser:
            raise PermissionDenied
        form = RegionImportForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
        if request.method == "POST" and form.is_valid():
            job = uploads.start_check(
                user=request.user,
                uploaded=form.cleaned_data["file"],
                year=form.cleaned_data["year"],
                sample=form.cleaned_data["sample"],
            )
            return redirect(reverse("admin:geo_municipality_import_job", args=[job.pk]))
        context = self._context(request, form=form, title=_("Importeer CBS-bestand"))
        return TemplateResponse(
            request,
            "admin/geo/municipality/import_cbs.html",
            context,
            status=400 if request.method == "POST" else 200,
        )

    def _job(self, request, pk: int) -> RegionImport:
        if not request.user.is_superuser:
            raise PermissionDenied
        if pk > MAX_INTEGER_KEY:
            raise Http404
        return get_object_or_404(RegionImport, pk=pk)

    def import_job_view(self, request, pk: int, *, expired: bool = False):
        """The progress of the check or the store, then its outcome."""
        job = uploads.progress_of(self._job(request, pk))
        if job.is_running:
            title = (
                _("Het CBS-bestand wordt gecontroleerd")
                if job.dry_run
                else _("De gebieden worden opgeslagen")
            )
        elif job.stored:
            title = _("De gebieden zijn opgeslagen")
        else:
            title = _("Controle van het CBS-bestand")
        context = self._context(request, job=job, title=title, expired=expired)
        return TemplateResponse(
            request,
            "admin/geo/municipality/import_cbs_job.html",
            context,
            status=400 if expired else 200,
        )

    def import_store_view(self, request, pk: int):
        job = self._job(request, pk)
        if not uploads.start_store(user=request.user, job=job):
            return self.import_job_view(request, pk, expired=True)
        return redirect(reverse("admin:geo_municipality_import_job", args=[job.pk]))


@admin.register(District)
class DistrictAdmin(RegionAdmin):
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(RegionAdmin):
    list_select_related = ["district"]
    autocomplete_fields = ["district"]
