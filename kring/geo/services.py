"""Import of gemeenten, wijken and buurten from a CBS "wijk- en buurtkaart" export in GeoJSON.

The import is all-or-nothing: every feature is checked first and every problem is reported in
plain Dutch with the feature's number, so a user can fix the file in one go. Only a file without
errors is written, in one transaction with bulk operations (the whole country is about 18,000
regions).
"""

import os
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from kring.core.bulk import update_rows

from .cbs import BUURT, GEMEENTE, WIJK, Errors, Progress, load, no_progress, parent_code, parse
from .models import District, Municipality, Neighbourhood
from .shapes import prepare_geometries


@dataclass
class LevelCounts:
    created: int = 0
    updated: int = 0


@dataclass
class ImportResult:
    municipalities: LevelCounts = field(default_factory=LevelCounts)
    districts: LevelCounts = field(default_factory=LevelCounts)
    neighbourhoods: LevelCounts = field(default_factory=LevelCounts)
    errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def stored(self) -> bool:
        return self.ok and not self.dry_run


def import_regions(
    *,
    features: dict | str | os.PathLike,
    year: int,
    sample: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check a CBS GeoJSON export and, if it has no errors, store its regions.

    ``features`` is parsed GeoJSON, a path, or an open (binary or text) file. Regions with a code
    that already exists are updated, so importing the same file twice changes nothing.
    ``progress(share)`` is called now and then with the share done (0.0 to 1.0).
    """
    progress = progress or no_progress
    result = ImportResult(dry_run=dry_run)
    errors = Errors()
    if not 1980 <= year <= 2100:
        errors.add(None, _("Het jaar %(year)s is geen geldig jaartal.") % {"year": year})

    data = load(features, errors)
    # Reading the JSON, the features, the geometries and writing take roughly these shares.
    progress(0.15)
    regions = parse(data, errors, progress) if data is not None else None
    if regions is not None and not errors:
        prepare_geometries(regions, errors, progress)

    result.errors = list(errors)
    if errors or regions is None:
        return result

    if dry_run:
        # The same counting as the real write, without touching the tables.
        for model, level, counts_attr in _LEVELS:
            existing = set(model.objects.values_list("code", flat=True))
            counts = getattr(result, counts_attr)
            counts.updated = sum(1 for code in regions[level] if code in existing)
            counts.created = len(regions[level]) - counts.updated
        return result

    _write(regions, year=year, sample=sample, result=result, progress=progress)
    return result


# --- Reading -------------------------------------------------------------------------------


_LEVELS = (
    (Municipality, GEMEENTE, "municipalities"),
    (District, WIJK, "districts"),
    (Neighbourhood, BUURT, "neighbourhoods"),
)
_PARENT_FIELD = {GEMEENTE: None, WIJK: ("municipality_id", GEMEENTE), BUURT: ("district_id", WIJK)}


def _write(
    regions, *, year: int, sample: bool, result: ImportResult, progress: Progress = no_progress
) -> None:
    ids: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        for done, (model, level, counts_attr) in enumerate(_LEVELS):
            progress(0.8 + 0.2 * done / len(_LEVELS))
            parent = _PARENT_FIELD[level]
            existing = dict(model.objects.values_list("code", "id"))
            new, changed = [], {}
            for region in regions[level].values():
                values = {"name": region.name, "year": year, "is_sample": sample}
                if region.feature is not None:
                    values.update(
                        boundary=region.boundary,
                        latitude=region.latitude,
                        longitude=region.longitude,
                    )
                if parent:
                    parent_attr, parent_level = parent
                    values[parent_attr] = ids[parent_level][parent_code(region.code, parent_level)]
                pk = existing.get(region.code)
                if pk is None:
                    new.append(model(code=region.code, **values))
                else:
                    # Regions only mentioned by their children keep their boundary (and their
                    # name if the file has none), so they are updated with fewer fields.
                    if region.feature is None and region.name == region.code:
                        del values["name"]
                    changed.setdefault(tuple(values), []).append(model(pk=pk, **values))
            model.objects.bulk_create(new, batch_size=500)
            for fields, objs in changed.items():
                update_rows(model, fields, objs)
            counts = getattr(result, counts_attr)
            counts.created = len(new)
            counts.updated = sum(len(objs) for objs in changed.values())
            ids[level] = dict(model.objects.values_list("code", "id"))
