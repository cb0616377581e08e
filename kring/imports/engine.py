"""The import engine: stream the file, validate in chunks, write in batches, all or nothing.

One pass over the file inside one transaction. Valid rows are written chunk by chunk (bulk
inserts, history rows, tags, search index); at the first wrong row writing stops, validation
goes on to the end so every error is listed, and the transaction is rolled back: nothing is
stored. The web import (small files at once, big ones in the background task) and the benchmark
use this same code."""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.assets import counts
from kring.assets.models import Asset, Category, Tag
from kring.communities.selectors import neighbourhoods_of
from kring.core import audit
from kring.core.bulk import Inserter
from kring.core.choices import Source
from kring.geo.models import Neighbourhood
from kring.geo.selectors import neighbourhood_for_point
from kring.impact import changes as figures
from kring.maps.cells import CATEGORIES as MAPPED_CATEGORIES
from kring.maps.cells import add_assets
from kring.maps.selectors import fingerprint_key
from kring.matching.services import FIELDS as INDEXED_FIELDS
from kring.matching.services import bulk_indexing, bulk_pays, index_new_assets
from kring.people.models import Consent, Resident

from . import reading
from .models import ImportJob, ImportKind
from .records import NewResident, Record, RowError
from .validation import RowValidator

CHUNK = 5000
# The asset columns the search index reads, in its order, without the id (not known yet).
DOCUMENT_FIELDS = INDEXED_FIELDS[1:]
# What a gift row brings of its own (the rest is the same for every gift of an import).
GIFT_COLUMNS = (*DOCUMENT_FIELDS, "gift_kind")
MAX_ERRORS = 200


@dataclass
class Outcome:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    preview: list[Record] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add_errors(self, errors: list[RowError]) -> None:
        self.error_count += len(errors)
        room = MAX_ERRORS - len(self.errors)
        if room > 0:
            self.errors.extend(errors[:room])


class _Refused(Exception):
    pass


def validator_for(job: ImportJob) -> RowValidator:
    return RowValidator(
        collective=job.collective, kind=job.kind, mapping=job.mapping, header=job.header
    )


def check(job: ImportJob, binary, *, limit: int | None = None, preview: int = 20) -> Outcome:
    """Validate without storing: the first ``limit`` rows (all when None), keeping the first
    ``preview`` rows as they would be stored."""
    info = reading.FileInfo(job.file_format, job.encoding, job.delimiter, job.header)
    validator = validator_for(job)
    outcome = Outcome()
    iterator = reading.rows(binary, info)
    try:
        for row, cells in iterator:
            record, errors = validator.clean(row, cells)
            outcome.rows += 1
            outcome.add_errors(errors)
            if len(outcome.preview) < preview:
                outcome.preview.append(record or _failed(row, errors))
            if limit is not None and outcome.rows >= limit:
                break
    finally:
        iterator.close()
    return outcome


def _failed(row: int, errors: list[RowError]) -> Record:
    record = Record(row=row)
    record.values = {"__errors__": errors}
    return record


def run(
    job: ImportJob,
    binary,
    *,
    user,
    progress: Callable[[int], None] | None = None,
    index: bool = True,
) -> Outcome:
    """Import every row of the file, or nothing. ``progress(rows_done)`` is called after every
    chunk."""
    info = reading.FileInfo(job.file_format, job.encoding, job.delimiter, job.header)
    validator = validator_for(job)
    writer = Writer(job=job, user=user, index=index, homes=getattr(validator, "home", None))
    outcome = Outcome()
    try:
        # A large import sets the full-text index aside and makes it again once at the end,
        # inside the same transaction: a refused or failed import rolls that back too.
        with (
            _page_cache(job.row_count),
            transaction.atomic(),
            bulk_indexing(index and bulk_pays(job.row_count)),
        ):
            chunk: list[Record] = []
            for row, cells in reading.rows(binary, info):
                record, errors = validator.clean(row, cells)
                outcome.rows += 1
                if errors:
                    outcome.add_errors(errors)
                    chunk = []
                elif outcome.ok:
                    chunk.append(record)
                if len(chunk) >= CHUNK:
                    writer.write(chunk)
                    chunk = []
                if progress and outcome.rows % CHUNK == 0:
                    progress(outcome.rows)
            if not outcome.ok:
                raise _Refused
            if outcome.rows == 0:
                outcome.add_errors(
                    [RowError(2, "", str(_("Er staan geen rijen onder de kolomnamen.")))]
                )
                raise _Refused
            writer.write(chunk)
            writer.finish(outcome.rows)
            outcome.counts = writer.counts
    except _Refused:
        outcome.counts = {}
    return outcome


# SQLite keeps 2 MB of pages in memory by default. A large import adds to about twenty indexes
# (assets, their history, tag links, search documents) in an order of its own (by resident, by
# buurt), so with that little room pages go to the write-ahead log and are read back over and
# over; for the import's length the connection may keep up to this many KiB.
PAGE_CACHE_KIB = 64 * 1024
PAGE_CACHE_FROM_ROWS = 20_000


@contextmanager
def _page_cache(rows: int):
    if connection.vendor != "sqlite" or rows < PAGE_CACHE_FROM_ROWS:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        # Negative: KiB; positive: pages (the default page is 4 KiB).
        if (-before if before < 0 else before * 4) >= PAGE_CACHE_KIB:
            before = None
        else:
            cursor.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        if before is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(before)}")


class Writer:
    """Writes validated records of one kind in bulk, keeping history, tags, the search index
    and the audit log in step."""

    def __init__(
        self,
        *,
        job: ImportJob,
        user,
        index: bool = True,
        homes: dict[int, int | None] | None = None,
    ):
        self.job = job
        self.collective = job.collective
        self.user = user
        self.index = index
        self.tags: dict[str, int] = {}
        self.counts = {"residents": 0, "consents": 0, "assets": 0}
        # Resident number -> buurt, as the validator read them at the start of this import.
        self.homes = homes
        self._points = None
        self._inserters = None
        self._history_sql = None
        self._history_params = None
        # Residents this import is about, for one audit entry each at the end (inzage).
        self.created: set[int] = set()
        self.consented: set[int] = set()
        self.gifted: set[int] = set()

    def write(self, records: list[Record]) -> None:
        if not records:
            return
        if self.job.kind == ImportKind.RESIDENTS:
            self._residents(records)
        elif self.job.kind == ImportKind.GIFTS:
            self._gifts(records)
        else:
            self._assets(records)

    # --- people ---------------------------------------------------------------------------

    def _new_residents(self, people: list[NewResident]) -> None:
        rows = [
            Resident(
                collective=self.collective,
                name=p.name,
                email=p.email,
                phone=p.phone,
                address=p.address,
                neighbourhood_id=p.neighbourhood_id,
                languages=p.languages,
                source=Source.IMPORT,
                created_by=self.user,
            )
            for p in people
        ]
        Resident.objects.bulk_create(rows, batch_size=500)
        for person, row in zip(people, rows, strict=True):
            person.pk = row.pk
            self.created.add(row.pk)
        self.counts["residents"] += len(rows)

    def _consents(self, records: list[Record]) -> None:
        consents = []
        for r in records:
            if r.consent is None:
                continue
            resident_id = r.resident if isinstance(r.resident, int) else r.resident.pk
            self.consented.add(resident_id)
            for purpose in sorted(r.consent.purposes):
                consents.append(
                    Consent(
                        resident_id=resident_id,
                        purpose=purpose,
                        given_at=r.consent.given_at,
                        method=r.consent.method,
                        recorded_by=self.user,
                    )
                )
        Consent.objects.bulk_create(consents, batch_size=1000)
        self.counts["consents"] += len(consents)

    def _residents(self, records: list[Record]) -> None:
        people = [NewResident(row=r.row, **r.values) for r in records]
        self._new_residents(people)
        for record, person in zip(records, people, strict=True):
            record.resident = person
        self._consents(records)

    # --- assets ---------------------------------------------------------------------------

    def _gifts(self, records: list[Record]) -> None:
        new: dict[int, NewResident] = {}
        for r in records:
            if isinstance(r.resident, NewResident) and r.resident.pk is None:
                new.setdefault(id(r.resident), r.resident)
        if new:
            self._new_residents(list(new.values()))
        self._consents(records)
        homes = self._homes(records)
        self._asset_inserter()
        collective_id, category = self.collective.pk, Category.GIFT
        rows = []
        gifted = set()
        for r in records:
            resident_id = r.resident if isinstance(r.resident, int) else r.resident.pk
            gifted.add(resident_id)
            v = r.values
            rows.append(
                (
                    collective_id,
                    category,
                    v["title"],
                    v["description"],
                    resident_id,
                    homes.get(resident_id),
                    v["availability"],
                    v["visibility"],
                    v["gift_kind"],
                )
            )
        self.gifted |= gifted
        self._save_assets(rows, records, GIFT_COLUMNS)

    def _homes(self, records: list[Record]) -> dict[int, int | None]:
        # A gift lies in its resident's buurt, as in the gaven-gesprek.
        homes = {}
        for r in records:
            if isinstance(r.resident, NewResident):
                homes[r.resident.pk] = r.resident.neighbourhood_id
        known = {r.resident for r in records if isinstance(r.resident, int)}
        if self.homes is not None and known <= self.homes.keys():
            homes.update((pk, self.homes[pk]) for pk in known)
        elif known:
            homes.update(
                Resident.objects.filter(pk__in=known).values_list("pk", "neighbourhood_id")
            )
        return homes

    def _assets(self, records: list[Record]) -> None:
        assets = self._asset_inserter()
        rows = []
        for r in records:
            values = dict(r.values)
            if values["latitude"] is not None and not values["neighbourhood_id"]:
                values["neighbourhood_id"] = self._buurt_of_point(
                    values["latitude"], values["longitude"]
                )
            rows.append(assets.row(**values))
        self._save_assets(rows, records, tuple(assets.columns))

    def _asset_inserter(self) -> Inserter:
        if self._inserters is None:
            template = Asset(
                collective=self.collective,
                source=Source.IMPORT,
                created_by=self.user,
                updated_by=self.user,
            )
            history = Asset.history.model
            history_template = history(
                history_date=timezone.now(), history_type="+", history_user=self.user
            )
            self._inserters = (Inserter(Asset, template), Inserter(history, history_template))
        return self._inserters[0]

    def _buurt_of_point(self, latitude: float, longitude: float) -> int | None:

        if self._points is None:
            ids = list(neighbourhoods_of(self.collective).values_list("pk", flat=True))
            self._points = list(Neighbourhood.objects.filter(pk__in=ids))
        found = neighbourhood_for_point(latitude, longitude, candidates=self._points)
        return found.pk if found else None

    def _save_assets(
        self, rows: list[tuple], records: list[Record], columns: tuple[str, ...]
    ) -> None:
        """Assets (rows of these columns; the others are the template's), their first history
        rows ("+", by the importing user, as a form's save would make them), tags and search
        documents."""
        assets = self._inserters[0]
        ids = assets.insert(rows, returning=True, columns=columns)
        self._history(ids)
        names = [r.tags for r in records]
        self._tag(ids, names)
        if self.index:
            # New assets: indexed from the values at hand, no reading back.
            pick = itemgetter(*(columns.index(name) for name in DOCUMENT_FIELDS))
            documents = [(asset_id, *pick(row)) for asset_id, row in zip(ids, rows, strict=True)]
            index_new_assets(documents, dict(zip(ids, names, strict=True)))
        # The map's cluster cells (gifts are never on the map: no query for them).
        category = columns.index("category")
        mapped = [i for i, row in zip(ids, rows, strict=True) if row[category] in MAPPED_CATEGORIES]
        if mapped:
            add_assets(asset_ids=mapped)
        self.counts["assets"] += len(ids)

    def _history(self, ids: list[int]) -> None:
        """The first history row of each new asset, copied by the database from the rows just
        stored (one statement per chunk instead of a second million values sent from Python):
        the asset's columns the history shares, and the history's own from its template ("+",
        the importing user, the import's moment)."""
        if not ids:
            return
        history = self._inserters[1]
        if self._history_sql is None:
            quote = connection.ops.quote_name
            shared = {f.attname: f.column for f in Asset._meta.concrete_fields}
            select, params = [], []
            for f, value in zip(history.fields, history.defaults, strict=True):
                if f.attname in shared:
                    select.append(quote(shared[f.attname]))
                else:
                    select.append("%s")
                    params.append(value)
            self._history_sql = (
                f"INSERT INTO {history.table} ({history.column_sql}) "
                f"SELECT {', '.join(select)} FROM {quote(Asset._meta.db_table)} "
            )
            self._history_params = params
        if connection.vendor == "postgresql":
            # Other transactions may hand out keys between ours: name them.
            where, keys = "WHERE id = ANY(%s)", [ids]
        else:
            # SQLite has one writer, this transaction: its keys of one chunk are consecutive
            # (checked below).
            where, keys = "WHERE id BETWEEN %s AND %s", [ids[0], ids[-1]]
        with connection.cursor() as cursor:
            cursor.execute(self._history_sql + where, [*self._history_params, *keys])
            if cursor.rowcount != len(ids):
                raise RuntimeError(f"history rows for {cursor.rowcount} of {len(ids)} new assets")

    def _tag(self, ids: list[int], names: list[list[str]]) -> None:
        wanted = {n for group in names for n in group if n not in self.tags}
        if wanted:
            Tag.objects.bulk_create(
                [Tag(collective=self.collective, name=n) for n in wanted], ignore_conflicts=True
            )
            self.tags.update(
                Tag.objects.filter(collective=self.collective, name__in=wanted).values_list(
                    "name", "pk"
                )
            )
        links = [
            [asset_id, self.tags[name]]
            for asset_id, group in zip(ids, names, strict=True)
            for name in group
        ]
        Inserter(Asset.tags.through).insert(links)

    def finish(self, rows: int) -> None:
        """One audit entry for the whole import (numbers only, never names), and one per
        resident the import created, recorded consent for or added gifts to, so each
        resident's inzage shows it (written in bulk, in the same hash chain)."""
        from django.core.cache import cache

        audit.record(
            actor=self.user,
            collective=self.collective,
            action=audit.Action.CREATE,
            target=self.job,
            summary=(
                f"import {self.job.kind}: {rows} rows, {self.counts['residents']} residents, "
                f"{self.counts['consents']} consents, {self.counts['assets']} assets"
            ),
        )
        for action, subjects, summary in (
            (audit.Action.CREATE, self.created, "resident created by import"),
            (audit.Action.CONSENT, self.consented, "consent recorded by import"),
            (audit.Action.CREATE, self.gifted, "gifts added by import"),
        ):
            if subjects:
                audit.record_many(
                    actor=self.user,
                    collective=self.collective,
                    action=action,
                    target=self.job,
                    subjects=subjects,
                    summary=summary,
                )
        cache.delete(fingerprint_key(self.collective.pk))
        # The overview's cached counts per category are out of date now, and so are the kept
        # municipality figures; bulk inserts send no signals, so both are told here (the
        # latter also has the worker prepare them again for the gemeenten shared with).
        counts.forget(self.collective)
        figures.forget(self.collective.pk)
