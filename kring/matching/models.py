"""The search index and the synonym list.

``SearchDocument`` holds one row per asset with its analysed keys, kept in step by the asset
services; the database's own full-text index (FTS5 on SQLite, a GIN index on PostgreSQL, made in
migration 0002) sits on top of it. Each key is stored with the collective in front of it
(``c12xfiet``), so the full-text index itself is split by collective: a search never even reads
another collective's entries."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.core.locking import version_field


class SynonymGroup(models.Model):
    """Words that mean the same for matching, for the whole installation (edited in the admin)."""

    terms = models.TextField(
        _("woorden"),
        help_text=_(
            "Woorden of korte zinnen die hetzelfde betekenen, met komma's ertussen. "
            "Bijvoorbeeld: fiets, rijwiel, tweewieler"
        ),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    version = version_field()

    class Meta:
        verbose_name = _("groep synoniemen")
        verbose_name_plural = _("synoniemen")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]


class SearchDocument(models.Model):
    # No foreign key constraints in the database (Django still deletes a document with its
    # asset or collective): a full rebuild on PostgreSQL writes a new table and swaps it in,
    # and dropping a table whose foreign keys point at the assets would lock the assets table
    # for everyone, while adding them would hold up every write of an asset. The index is made
    # from the assets and a search reads its results again from them, so a stray row never
    # shows; a full rebuild removes it.
    asset = models.OneToOneField(
        "assets.Asset",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        db_constraint=False,
    )
    # Indexed by matching_doc_stats (collective, length), of which a plain index on the
    # collective would be a copy.
    collective = models.ForeignKey(
        "communities.Collective",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    category = models.CharField(max_length=20)
    # For the consent check at search time: a gift's resident. A plain number: the row goes
    # with its asset, and a foreign key would make deleting a resident scan this table.
    resident_id = models.IntegerField(null=True)
    # Copied from the asset (or its resident) so that ranking needs no join.
    neighbourhood_id = models.IntegerField(null=True)
    district_id = models.IntegerField(null=True)
    availability = models.CharField(max_length=10, blank=True)
    visibility = models.CharField(max_length=20)
    keys = models.TextField()
    length = models.PositiveIntegerField()
    # For typos (typos.document_words): each key once, then the words of the title and
    # description as written ("=repareren": a typo that changes the stem is compared with
    # them). Kept here, beside the keys, so that a collective's vocabulary is one count over
    # this column (reading every key and the assets' texts for it was most of a search with a
    # typo), and so that it goes with the asset like the keys do. A default in the database
    # too: nodes still on the previous release write documents without it during a rollout.
    words = models.TextField(default="", db_default="", blank=True)

    class Meta:
        indexes = [models.Index(fields=["collective", "length"], name="matching_doc_stats")]

    def __str__(self):
        return f"search document of asset {self.asset_id}"


class TypoWord(models.Model):
    """One word of a collective's typo vocabulary (``typos``): a key or, behind
    ``typos.WRITTEN``, a word as written, with how many of the collective's search documents
    have it in their words column. Kept by database triggers on the search documents (every
    way of writing them counts, imports and cascades included) and made again by a full
    rebuild of the index, so a search reads a collective's few hundred words instead of
    counting its documents' words columns. No foreign key, as for the documents."""

    collective_id = models.BigIntegerField()
    word = models.TextField()
    documents = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collective_id", "word"], name="matching_typo_word")
        ]

    def __str__(self):
        return f"{self.collective_id} {self.word}: {self.documents}"
