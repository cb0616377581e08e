"""The engine: what an import stores, and that a single wrong row stores nothing."""

import pytest
from django.utils import timezone

from kring.assets.models import Asset, Category, Tag
from kring.imports import engine, services
from kring.imports.models import ImportJob, ImportStatus
from kring.matching.models import SearchDocument
from kring.people.models import Consent, Resident
from kring.privacy.models import AuditEntry

from .. import factories
from .conftest import GIFT_HEADER, csv_bytes, upload

pytestmark = pytest.mark.django_db


def run(job, user):
    with job.file.open("rb") as binary:
        return engine.run(job, binary, user=user)


def test_gifts_of_known_and_new_residents_are_stored_with_tags_index_and_audit(
    builder_access, bob, known_resident, neighbourhood
):
    header = [
        *GIFT_HEADER,
        "Toestemming voor",
        "Toestemming gegeven op",
        "Toestemming gegeven hoe",
        "Buurt bewoner",
    ]
    content = csv_bytes(
        [
            header,
            [
                "",
                "FATIMA@example.nl",
                "handen",
                "fietsen repareren",
                "fietsen, techniek",
                "",
                "",
                "",
                "",
            ],
            [
                "Jan de Vries",
                "jan@example.nl",
                "Hoofd",
                "spreekt Tigrinya",
                "",
                "inventaris, leden",
                "2-11-2026",
                "papier",
                "BU05990101",
            ],
            [
                "Jan de Vries",
                "jan@example.nl",
                "hart",
                "ouderen bezoeken",
                "Fietsen",
                "",
                "",
                "",
                "",
            ],
        ]
    )
    job = upload(builder_access, "gaven", content)
    outcome = run(job, bob)
    assert outcome.ok, [str(e) for e in outcome.errors]
    assert outcome.counts == {"residents": 1, "consents": 2, "assets": 3}
    jan = Resident.objects.get(email="jan@example.nl")
    assert jan.source == "import" and jan.neighbourhood == neighbourhood
    consent = Consent.objects.get(resident=jan, purpose="inventaris")
    assert consent.method == "papier" and consent.given_at.date().isoformat() == "2026-11-02"
    gifts = Asset.objects.filter(category=Category.GIFT).order_by("pk")
    assert [g.resident for g in gifts] == [known_resident, jan, jan]
    assert [g.gift_kind for g in gifts] == ["handen", "hoofd", "hart"]
    # Visibility as in the gaven-gesprek: members only with the resident's consent for it.
    assert [g.visibility for g in gifts] == ["buurtmakers", "leden", "leden"]
    assert gifts[1].neighbourhood == neighbourhood
    assert set(Tag.objects.values_list("name", flat=True)) == {"fietsen", "techniek"}
    assert list(gifts[2].tags.values_list("name", flat=True)) == ["fietsen"]
    assert SearchDocument.objects.filter(asset__in=gifts).count() == 3
    assert all(g.history.count() == 1 for g in gifts)
    entry = AuditEntry.objects.filter(
        target_type="imports.importjob", summary__startswith="import gaven"
    ).get()
    assert "3 assets" in entry.summary and "Jan" not in entry.summary
    # Each resident's inzage shows what the import did about them.
    about_jan = set(AuditEntry.objects.filter(subject_id=jan.pk).values_list("summary", flat=True))
    assert {
        "resident created by import",
        "consent recorded by import",
        "gifts added by import",
    } <= about_jan
    about_fatima = AuditEntry.objects.filter(
        subject_id=known_resident.pk, summary="gifts added by import"
    )
    assert about_fatima.count() == 1
    from kring.privacy.audit import verify_chain

    assert verify_chain() == []


def test_one_wrong_row_among_ten_thousand_stores_nothing(builder_access, bob, known_resident):
    rows = [GIFT_HEADER]
    rows += [["", "fatima@example.nl", "handen", f"klus {i}", "klussen"] for i in range(1, 10_000)]
    rows[9_998][2] = "voeten"  # row 9,999 of the file
    job = upload(builder_access, "gaven", csv_bytes(rows))
    before = (Asset.objects.count(), Tag.objects.count(), SearchDocument.objects.count())
    outcome = run(job, bob)
    assert not outcome.ok and outcome.error_count == 1
    assert str(outcome.errors[0]).startswith("Rij 9999, kolom ‘Hoofd, handen of hart’: ‘voeten’")
    assert (Asset.objects.count(), Tag.objects.count(), SearchDocument.objects.count()) == before
    assert not Asset.history.exists()


def test_residents_with_consent(builder_access, bob, neighbourhood):
    content = csv_bytes(
        [
            [
                "Name",
                "Email",
                "Phone",
                "Neighbourhood",
                "Consent purposes",
                "Consent date",
                "Consent method",
            ],
            [
                "Ayşe Yılmaz",
                "ayse@example.nl",
                "+31 6 11111111",
                "gaffelstraat",
                "inventaris;verbinden",
                "2026-10-01",
                "mondeling",
            ],
            ["Piet", "", "", "", "", "", ""],
        ]
    )
    job = upload(builder_access, "bewoners", content)
    assert job.mapping == {
        "name": 0,
        "email": 1,
        "phone": 2,
        "neighbourhood": 3,
        "consent_purposes": 4,
        "consent_date": 5,
        "consent_method": 6,
    }
    outcome = run(job, bob)
    assert outcome.ok, [str(e) for e in outcome.errors]
    ayse = Resident.objects.get(name="Ayşe Yılmaz")
    assert ayse.neighbourhood == neighbourhood
    assert ayse.active_purposes() == {"inventaris", "verbinden"}
    assert not Resident.objects.get(name="Piet").consents.exists()


def test_small_import_through_the_service_removes_the_file(builder_access, known_resident):
    job = upload(
        builder_access,
        "gaven",
        csv_bytes([GIFT_HEADER, ["", "fatima@example.nl", "hart", "koken", ""]]),
    )
    services.set_mapping(access=builder_access, job=job, mapping=job.mapping)
    services.start_import(access=builder_access, job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.created_counts["assets"] == 1
    assert not job.file
    assert ImportJob.objects.count() == 1


def test_assets_from_xlsx_with_buurt_by_code_or_from_the_point(
    builder_access, bob, neighbourhood, settings
):
    from .conftest import xlsx_bytes

    neighbourhood.boundary = {
        "type": "Polygon",
        "coordinates": [[[4.0, 51.0], [5.0, 51.0], [5.0, 52.0], [4.0, 52.0], [4.0, 51.0]]],
    }
    neighbourhood.save()
    content = xlsx_bytes(
        [
            [
                "Soort",
                "Naam",
                "Breedtegraad",
                "Lengtegraad",
                "Buurt",
                "Soort instelling",
                "Toelichting",
            ],
            ["plek", "Buurthuis", 51.5, 4.5, None, None, None],
            [None, None, None, None, None, None, None],
            ["instelling", "Bibliotheek", None, None, "BU05990101", "bibliotheek", None],
            ["verhaal", "Het oude fort", None, None, None, None, "Er was eens…"],
        ]
    )
    job = upload(builder_access, "bronnen", content, name="bronnen.xlsx")
    outcome = run(job, bob)
    assert outcome.ok, [str(e) for e in outcome.errors]
    place, library, story = Asset.objects.order_by("pk")
    assert place.neighbourhood == neighbourhood and place.latitude == 51.5
    assert library.neighbourhood == neighbourhood and library.institution_type == "bibliotheek"
    assert story.category == "story" and story.latitude is None
    for asset in (place, library, story):
        asset.full_clean()
    # The map's cluster cells count the imported place (the only one with a point).
    from kring.maps.models import ClusterCell

    cell = ClusterCell.objects.get(collective=place.collective, zoom=0)
    assert (cell.n, cell.sum_id, cell.category) == (1, place.pk, "place")


def test_a_gift_file_cannot_reach_another_collective(builder_access, bob, other_collective):
    from .. import factories

    stranger = factories.ResidentFactory(collective=other_collective, email="ver@example.nl")
    factories.ConsentFactory(resident=stranger)
    job = upload(
        builder_access,
        "gaven",
        csv_bytes([GIFT_HEADER, ["", "ver@example.nl", "hart", "koken", ""]]),
    )
    outcome = run(job, bob)
    assert not outcome.ok
    assert not Asset.objects.exists() and stranger.gifts.count() == 0


def _full_text_finds(word_key: str, collective_id: int) -> set[int]:
    """Asset numbers the database's own full-text index finds for one analysed key."""
    from django.db import connection

    from kring.matching.engine import prefix

    token = prefix(collective_id) + word_key
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT asset_id FROM matching_searchdocument WHERE to_tsvector('simple', keys) "
                "@@ to_tsquery('simple', %s)",
                [token],
            )
        else:
            cursor.execute(
                "SELECT rowid FROM matching_fts WHERE matching_fts MATCH %s", [f'"{token}"']
            )
        return {row[0] for row in cursor.fetchall()}


def _full_text_index_in_place() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'matching_doc_keys_gin'"
            )
            return cursor.fetchone()[0] == 1
        cursor.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' "
            "AND name IN ('matching_fts_insert', 'matching_fts_delete')"
        )
        return cursor.fetchone()[0] == 2


def _documents(assets):
    rows = SearchDocument.objects.filter(asset__in=assets).order_by("asset_id")
    return [
        (
            d.asset_id,
            d.category,
            d.resident_id,
            d.neighbourhood_id,
            d.district_id,
            d.length,
            sorted(d.keys.split()),
            d.visibility,
            d.availability,
        )
        for d in rows
    ]


def test_a_large_import_indexes_in_bulk_as_the_one_by_one_path_would(
    builder_access, bob, known_resident, monkeypatch
):
    """Above the threshold the full-text index is set aside and made again at the end; the
    documents are what ``index_assets`` makes, and the full-text index finds old and new."""
    from kring.matching import services as matching
    from kring.matching.analysis import key

    older = factories.AssetFactory(
        collective=builder_access.collective, category=Category.ASSOCIATION, title="Fietsclub"
    )
    matching.index_assets(asset_ids=[older.pk])
    monkeypatch.setattr(matching, "BULK_MIN", 1)
    monkeypatch.setattr(engine, "PAGE_CACHE_FROM_ROWS", 1)
    rows = [GIFT_HEADER]
    rows += [
        ["", "fatima@example.nl", "handen", f"fietsen repareren {i}", "techniek"] for i in range(30)
    ]
    job = upload(builder_access, "gaven", csv_bytes(rows))
    outcome = run(job, bob)
    assert outcome.ok and outcome.counts["assets"] == 30
    assert _full_text_index_in_place()
    gifts = list(Asset.objects.filter(category=Category.GIFT))
    made = _documents(gifts)
    assert len(made) == 30 and made[0][2] == known_resident.pk
    matching.index_assets(asset_ids=[g.pk for g in gifts])
    assert _documents(gifts) == made
    collective_id = builder_access.collective.pk
    assert _full_text_finds(key("repareren"), collective_id) == {g.pk for g in gifts}
    assert _full_text_finds(key("techniek"), collective_id) == {g.pk for g in gifts}
    assert _full_text_finds(key("fietsclub"), collective_id) == {older.pk}


def test_a_large_import_on_postgresql_keeps_the_search_index_for_everyone(
    builder_access, bob, known_resident, monkeypatch
):
    """Dropping the GIN index inside the import's transaction would take the strongest lock on
    the search documents, so every collective's searches would wait for the whole import."""
    from django.db import connection

    from kring.matching import services as matching

    if connection.vendor != "postgresql":
        pytest.skip("SQLite sets FTS5's triggers aside; its readers see the last commit")
    seen = []
    index_new_assets = engine.index_new_assets

    def index_and_look(*args, **kwargs):
        written = index_new_assets(*args, **kwargs)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() "
                "AND relation = 'matching_searchdocument'::regclass"
            )
            seen.append(({mode for (mode,) in cursor.fetchall()}, _full_text_index_in_place()))
        return written

    monkeypatch.setattr(matching, "BULK_MIN", 1)
    monkeypatch.setattr(engine, "index_new_assets", index_and_look)
    rows = [GIFT_HEADER]
    rows += [["", "fatima@example.nl", "handen", f"breien {i}", ""] for i in range(30)]
    outcome = run(upload(builder_access, "gaven", csv_bytes(rows)), bob)
    assert outcome.ok and seen
    for modes, gin_in_place in seen:
        assert gin_in_place and "AccessExclusiveLock" not in modes


def test_a_refused_large_import_leaves_the_index_as_it_was(
    builder_access, bob, known_resident, monkeypatch
):
    from django.db import connection

    from kring.matching import services as matching
    from kring.matching.analysis import key

    older = factories.AssetFactory(
        collective=builder_access.collective, category=Category.ASSOCIATION, title="Fietsclub"
    )
    matching.index_assets(asset_ids=[older.pk])
    monkeypatch.setattr(matching, "BULK_MIN", 1)
    monkeypatch.setattr(engine, "PAGE_CACHE_FROM_ROWS", 1)
    rows = [GIFT_HEADER]
    rows += [["", "fatima@example.nl", "handen", f"klus {i}", "klussen"] for i in range(20)]
    rows[-1][2] = "voeten"
    job = upload(builder_access, "gaven", csv_bytes(rows))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            cache_before = cursor.fetchone()[0]
    outcome = run(job, bob)
    assert not outcome.ok and outcome.error_count == 1
    assert not Asset.objects.filter(category=Category.GIFT).exists()
    assert _full_text_index_in_place()
    assert _full_text_finds(key("fietsclub"), builder_access.collective.pk) == {older.pk}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone()[0] == cache_before


def test_an_import_forgets_the_overviews_counts(builder_access, bob, known_resident):
    from kring.assets.models import CategoryCount

    CategoryCount.objects.create(
        collective=builder_access.collective,
        audience="buurtmakers",
        counts={"gift": 0},
        counted_at=timezone.now(),
    )
    job = upload(
        builder_access,
        "gaven",
        csv_bytes([GIFT_HEADER, ["", "fatima@example.nl", "hart", "koken", ""]]),
    )
    assert run(job, bob).ok
    assert not CategoryCount.objects.filter(collective=builder_access.collective).exists()
