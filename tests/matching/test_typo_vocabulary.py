"""The typo vocabulary in the database (``TypoWord``): triggers on the search documents keep
each collective's words and their numbers of documents in step with every way of writing the
documents, a full rebuild makes it again, and a search corrects exactly as it did when it
counted the documents' words columns itself."""

from collections import Counter

import pytest
from django.db import connection, transaction

from kring.assets.models import Asset, Availability, Category, GiftKind
from kring.assets.services import create_asset, update_asset
from kring.matching import services, typos
from kring.matching.models import SearchDocument, TypoWord
from kring.people.models import ConsentPurpose
from tests import factories

pytestmark = pytest.mark.django_db

TEXTS = [
    "Fietsen repareren",
    "Brood bakken voor de buren",
    "Gitaarles voor beginners",
    "Schilderen van kozijnen en deuren",
    "Fietsen opknappen en verkopen",
    "Computerhulp voor ouderen",
]


def gift(collective, title, access=None):
    person = factories.ResidentFactory(collective=collective)
    factories.ConsentFactory(resident=person, purpose=ConsentPurpose.MATCHING)
    asset = Asset(
        category=Category.GIFT,
        resident=person,
        gift_kind=GiftKind.HANDS,
        title=title,
        availability=Availability.NOW,
        collective=collective,
    )
    if access is not None:
        return create_asset(access=access, asset=asset)
    asset.save()
    services.index_assets(asset_ids=[asset.pk])
    return asset


def kept(collective) -> dict[str, int]:
    """The vocabulary table's words of ``collective``."""
    return dict(
        TypoWord.objects.filter(collective_id=collective.pk).values_list("word", "documents")
    )


def counted(collective) -> dict[str, int]:
    """What the documents' words columns say: each word with its number of documents."""
    words = Counter()
    for column in SearchDocument.objects.filter(collective=collective).values_list(
        "words", flat=True
    ):
        words.update(set(column.split()))
    return dict(words)


def test_writing_documents_keeps_the_vocabulary(builder, collective):
    bikes = gift(collective, TEXTS[0], builder)
    bread = gift(collective, TEXTS[1], builder)
    gift(collective, TEXTS[4], builder)
    assert kept(collective) == counted(collective)
    assert kept(collective)["=fietsen"] == 2
    assert kept(collective)["=repareren"] == 1

    bikes.title = "Gitaarles geven"  # the asset's service writes its document again
    update_asset(access=builder, asset=bikes)
    assert kept(collective) == counted(collective)
    assert "=repareren" not in kept(collective)
    assert kept(collective)["=fietsen"] == 1 and kept(collective)["=gitaarles"] == 1

    bread.delete()  # the document goes with its asset (a cascade, no service)
    assert kept(collective) == counted(collective)
    assert "=brood" not in kept(collective)

    # A plain UPDATE of the column, as raw SQL or a migration would write it.
    SearchDocument.objects.filter(asset_id=bikes.pk).update(words="fiets =fietsen =zadel")
    assert kept(collective) == counted(collective)
    assert kept(collective)["=zadel"] == 1 and "=gitaarles" not in kept(collective)

    Asset.objects.filter(collective=collective).delete()
    assert kept(collective) == {} == counted(collective)


def test_each_collective_keeps_its_own_words(builder, collective, other_collective):
    mine = gift(collective, TEXTS[0], builder)
    gift(other_collective, TEXTS[0])
    gift(other_collective, TEXTS[3])
    assert kept(collective) == counted(collective)
    assert kept(other_collective) == counted(other_collective)
    assert kept(other_collective)["=fietsen"] == 1 and "=kozijnen" not in kept(collective)

    mine.delete()
    assert kept(collective) == {}
    assert kept(other_collective)["=fietsen"] == 1
    assert kept(other_collective) == counted(other_collective)


def test_a_bulk_write_of_many_documents_counts_each_once(collective, other_collective):
    assets = []
    for n in range(30):
        for place in (collective, other_collective):
            asset = Asset(
                category=Category.GIFT,
                gift_kind=GiftKind.HANDS,
                title=TEXTS[n % len(TEXTS)],
                availability=Availability.NOW,
                collective=place,
                resident=factories.ResidentFactory(collective=place),
            )
            asset.save()
            assets.append(asset)
    # One statement writes many documents (PostgreSQL's COPY; SQLite's many-row INSERT).
    services.index_assets(asset_ids=[a.pk for a in assets])
    assert kept(collective) == counted(collective)
    assert kept(collective)["=fietsen"] == 10
    # Written again: the old documents are deleted in one statement first.
    services.index_assets(asset_ids=[a.pk for a in assets])
    assert kept(collective) == counted(collective)
    assert kept(other_collective) == counted(other_collective)


@pytest.mark.django_db(transaction=True)
def test_the_bulk_path_of_imports_counts_its_documents(collective):
    rows = []
    with transaction.atomic(), services.bulk_indexing():
        for title in TEXTS:
            asset = Asset(
                category=Category.GIFT,
                gift_kind=GiftKind.HANDS,
                title=title,
                availability=Availability.NOW,
                collective=collective,
                resident=factories.ResidentFactory(collective=collective),
            )
            asset.save()
            rows.append(
                tuple(Asset.objects.filter(pk=asset.pk).values_list(*services.FIELDS).get())
            )
        services.index_new_assets(rows, {})
    assert kept(collective) == counted(collective) != {}


def test_a_rebuild_makes_the_vocabulary_again(collective, other_collective):
    for title in TEXTS:
        gift(collective, title)
    gift(other_collective, TEXTS[2])
    expected = kept(collective), kept(other_collective)
    # A vocabulary gone wrong (rows lost, a count off) is made right by a rebuild.
    TypoWord.objects.filter(word="=fietsen").delete()
    TypoWord.objects.filter(word="=gitaarles").update(documents=7)
    TypoWord.objects.create(collective_id=collective.pk, word="=spook", documents=1)
    assert services.rebuild_search_index(collective=collective) == len(TEXTS)
    assert kept(collective) == expected[0] == counted(collective)
    assert kept(other_collective)["=gitaarles"] == 7  # another collective's stays as it was

    assert services.rebuild_search_index() == len(TEXTS) + 1
    assert (kept(collective), kept(other_collective)) == expected


def test_the_vocabulary_is_made_from_the_documents_there_are(collective):
    # What migration 0010 does for an index made before it.
    for title in TEXTS:
        gift(collective, title)
    expected = kept(collective)
    TypoWord.objects.all().delete()
    typos.remake(connection)
    assert kept(collective) == expected == counted(collective)


@pytest.mark.django_db(transaction=True)
def test_emptying_the_documents_empties_the_vocabulary(collective):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    gift(collective, TEXTS[0])
    assert kept(collective)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {SearchDocument._meta.db_table}")
    assert TypoWord.objects.count() == 0


def _from_columns(collective) -> typos.Vocabulary:
    """The vocabulary as searches counted it before it was kept: from the words columns."""
    keys, written = Counter(), Counter()
    for column in SearchDocument.objects.filter(collective=collective).values_list(
        "words", flat=True
    ):
        for word in column.split():
            if word.startswith(typos.WRITTEN):
                written[word[len(typos.WRITTEN) :]] += 1
            else:
                keys[word] += 1
    return typos.Vocabulary(dict(keys), dict(written))


def test_the_kept_vocabulary_corrects_as_the_counted_one(builder, collective):
    for title in TEXTS:
        gift(collective, title, builder)
    typos.forget()
    count = SearchDocument.objects.filter(collective=collective).count()
    read = typos.vocabulary(collective.pk, count)
    made = _from_columns(collective)
    assert read.counts == made.counts and read.surfaces == made.surfaces
    asked = ["schilderren", "reperaren", "fietsenn", "gittaarles", "computerhlp", "brod", "kozijn"]
    for word in asked:
        limit = typos.allowed(word)
        assert read.corrections(word, limit) == made.corrections(word, limit), word
        assert read.word_corrections(word, limit) == made.word_corrections(word, limit), word
    assert read.word_corrections("reperaren", 2) == ["repareren"]


def test_a_search_in_a_collective_not_seen_reads_the_kept_vocabulary(builder, collective):
    from kring.matching import search

    gift(collective, TEXTS[0], builder)
    gift(collective, TEXTS[1], builder)
    typos.forget()
    matches = search(collective=collective, text="wie kan mijn fiets reperaren")
    assert [m.asset.title for m in matches] == [TEXTS[0]]
    assert "bedoelde u ‘repareren’?" in matches[0].reasons
    # A new document changes the count: the next search reads the vocabulary again.
    gift(collective, "Kozijnen schilderen", builder)
    matches = search(collective=collective, text="kozijnnen")
    assert [m.asset.title for m in matches] == ["Kozijnen schilderen"]
