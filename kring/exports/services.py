"""Every export that holds personal data writes the audit log here; the open-data choice."""

from django.db import transaction
from django.utils.translation import gettext as _

from kring.communities.access import CollectiveAccess
from kring.core import audit

from . import opendata, selectors, tables
from .models import OpenData


def _log(access: CollectiveAccess, summary: str, residents) -> None:
    """One entry about the export, and one per resident in it, so each resident's inzage
    shows that their data left Kring in a list."""
    audit.record(
        access=access,
        action=audit.Action.EXPORT,
        target=access.collective,
        summary=summary,
    )
    audit.record_many(
        access=access,
        action=audit.Action.EXPORT,
        target=access.collective,
        subjects=residents,
        summary=summary,
    )


def export_assets(*, access: CollectiveAccess, fmt: str) -> bytes:
    assets = list(selectors.asset_rows(access))
    gifts = sum(1 for a in assets if a.resident_id)
    named = {a.resident_id for a in assets if a.resident_id}
    named |= {r.pk for a in assets for r in getattr(a, "teller_list", ())}
    if named:
        _log(
            access,
            f"bronnenlijst {fmt}: {len(assets)} bronnen, waarvan {gifts} gaven",
            named,
        )
    headers, rows = tables.asset_table(assets)
    if fmt == "xlsx":
        return tables.to_xlsx(headers, rows, title=_("Krachten"))
    return tables.to_csv(headers, rows)


def export_residents(*, access: CollectiveAccess, fmt: str) -> bytes:
    residents = list(selectors.resident_rows(access))
    _log(access, f"bewonerslijst {fmt}: {len(residents)} bewoners", residents)
    headers, rows = tables.resident_table(residents)
    if fmt == "xlsx":
        return tables.to_xlsx(headers, rows, title=_("Bewoners"))
    return tables.to_csv(headers, rows)


def public_geojson(*, collective) -> dict:
    return opendata.geojson(collective, selectors.public_assets(collective))


def public_hsds(*, collective) -> dict:
    assets = selectors.public_assets(collective).filter(category__in=selectors.HSDS_CATEGORIES)
    return opendata.hsds(collective, assets)


@transaction.atomic
def set_open_data(*, access: CollectiveAccess, publish: bool) -> OpenData:
    if not access.is_admin:
        raise PermissionError("only a collective's admin chooses open data")
    choice, _created = OpenData.objects.update_or_create(
        collective=access.collective, defaults={"publish": publish}
    )
    return choice
