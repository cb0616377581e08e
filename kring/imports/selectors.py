"""Reads of imports, always within the collective of who asks."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from kring.communities.access import CollectiveAccess

from .models import ImportJob


def recent_imports(access: CollectiveAccess, limit: int = 10) -> QuerySet[ImportJob]:
    return (
        ImportJob.objects.filter(collective=access.collective)
        .select_related("created_by")
        .defer("header", "errors", "mapping")[:limit]
    )


def import_job(access: CollectiveAccess, pk: int) -> ImportJob:
    """404 for an import of another collective, as if it did not exist."""
    return get_object_or_404(
        ImportJob.objects.select_related("collective"), pk=pk, collective=access.collective
    )
