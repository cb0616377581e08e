"""What a collective shares with a gemeente (and the log of every choice), the gemeente's
targets, the social value proxies and the reports made for the council."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kring.core.jobs import BackgroundJob
from kring.core.languages import EnglishText
from kring.core.locking import version_field


class ShareGroup(models.TextChoices):
    """Which figures a collective shares; each indicator belongs to one group."""

    PARTICIPATION = "deelname", _("Deelname: bewoners, gaven en toezeggingen")
    CONNECTIONS = "verbindingen", _("Verbindingen: nieuwe en overbruggende verbindingen")
    INITIATIVES = "initiatieven", _("Initiatieven: per status, vraag en opgave")
    ACTIVITIES = "activiteiten", _("Activiteiten en uren vrijwillige hulp")
    ASSETS = "bronnen", _("Bronnen per soort")
    STORIES = "verhalen", _("Verhalen die wij kiezen (alleen met toestemming)")


class SharingChoice(models.Model):
    """One collective's current choice for one gemeente. No row, or no groups, means nothing
    is shared."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="sharing_choices",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="sharing_choices",
    )
    groups = models.JSONField(_("gedeelde cijfers"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gekozen door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("gekozen op"), auto_now=True)
    version = version_field()

    class Meta:
        verbose_name = _("keuze om te delen")
        verbose_name_plural = _("keuzes om te delen")
        constraints = [
            models.UniqueConstraint(
                fields=["collective", "municipality"], name="one_sharing_choice_per_gemeente"
            )
        ]

    def __str__(self):
        return f"{self.collective} → {self.municipality}"


class SharingLog(models.Model):
    """Every choice, kept: who chose what to share with which gemeente, and when."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="sharing_log",
    )
    municipality = models.ForeignKey(
        "geo.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="+"
    )
    groups = models.JSONField(_("gedeelde cijfers"), default=list, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gekozen door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("gekozen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gekozen delen")
        verbose_name_plural = _("logboek delen")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.collective} → {self.municipality} ({self.changed_at:%d-%m-%Y})"


class Target(models.Model):
    """A gemeente's target for one indicator over one year, for the whole gemeente."""

    municipality = models.ForeignKey(
        "geo.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.CharField(_("cijfer"), max_length=40)
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    value = models.PositiveIntegerField(
        _("doel"), validators=[MinValueValidator(1), MaxValueValidator(10_000_000)]
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gezet door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    set_at = models.DateTimeField(_("gezet op"), auto_now=True)
    version = version_field()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["year", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator", "year"], name="one_target_per_indicator"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


class SocialValueProxy(EnglishText, models.Model):
    """A money value for one counted outcome, with its source. Indicative: value in euros ×
    counted outcomes × (1 − deadweight) × attribution, for the low, central and high value
    (the central value is ``value``; low and high are empty when the source gives no range).
    Every change is kept with who and when (``history``)."""

    outcome = models.CharField(
        _("uitkomst (code)"),
        max_length=40,
        unique=True,
        help_text=_(
            "Een korte code voor deze uitkomst. Is het ook de code van een cijfer in Kring "
            "(zoals hours), dan telt dat cijfer, tenzij hieronder een ander cijfer staat."
        ),
    )
    indicator = models.CharField(
        _("cijfer in Kring"),
        max_length=40,
        blank=True,
        help_text=_(
            "De code van het cijfer dat de eenheden telt, als dat een ander is dan de code "
            "van de uitkomst. Twee uitkomsten kunnen zo hetzelfde cijfer gebruiken, elk met "
            "een eigen soort waarde (bijvoorbeeld de energierekening en CO2)."
        ),
    )
    label = models.CharField(_("omschrijving"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=60)
    counted_as = models.CharField(
        _("wat Kring telt"),
        max_length=300,
        blank=True,
        help_text=_("Welk cijfer in Kring de eenheid telt, in gewone woorden."),
    )
    deduct = models.CharField(
        _("min dit cijfer"),
        max_length=40,
        blank=True,
        help_text=_(
            "Code van een cijfer dat een deel van deze eenheden telt en zelf een bedrag heeft. "
            "Kring trekt het getoonde aantal daarvan af, zodat niets twee keer telt."
        ),
    )
    value = models.DecimalField(
        _("waarde in euro per eenheid (midden)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leeg: er is nog geen bron gevonden. Vul een bedrag met bron in."),
    )
    low = models.DecimalField(
        _("laagste waarde in euro"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leeg: de bron geeft geen bandbreedte; dan geldt de middenwaarde."),
    )
    high = models.DecimalField(
        _("hoogste waarde in euro"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leeg: de bron geeft geen bandbreedte; dan geldt de middenwaarde."),
    )
    source_title = models.CharField(_("titel van de bron"), max_length=300, blank=True)
    publisher = models.CharField(_("uitgever"), max_length=200, blank=True)
    table_or_page = models.CharField(_("tabel of pagina"), max_length=200, blank=True)
    source_url = models.URLField(_("link naar de bron"), max_length=400, blank=True)
    year = models.PositiveSmallIntegerField(_("jaar van het bedrag"), null=True, blank=True)
    range_note = models.TextField(
        _("toelichting op het bedrag"),
        blank=True,
        help_text=_("Hoe laag, midden en hoog uit de bron volgen, en wat de bron niet zegt."),
    )
    licence_note = models.CharField(_("licentie en gebruik"), max_length=300, blank=True)
    deadweight = models.DecimalField(
        _("deadweight (deel dat toch was gebeurd)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    attribution = models.DecimalField(
        _("attributie (deel dat aan het collectief toe te schrijven is)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    label_en = models.CharField(_("omschrijving in het Engels"), max_length=200, blank=True)
    unit_en = models.CharField(_("eenheid in het Engels"), max_length=60, blank=True)
    counted_as_en = models.CharField(_("wat Kring telt, in het Engels"), max_length=300, blank=True)
    table_or_page_en = models.CharField(
        _("tabel of pagina, in het Engels"), max_length=200, blank=True
    )
    range_note_en = models.TextField(_("toelichting op het bedrag, in het Engels"), blank=True)
    licence_note_en = models.CharField(
        _("licentie en gebruik, in het Engels"), max_length=300, blank=True
    )

    history = HistoricalRecords(verbose_name=_("wijziging van een maatschappelijke waarde"))
    version = version_field()

    class Meta:
        verbose_name = _("maatschappelijke waarde (proxy)")
        verbose_name_plural = _("maatschappelijke waarden (proxies)")
        ordering = ["position", "outcome"]

    def __str__(self):
        return self.localized.label

    def clean(self):
        from django.core.exceptions import ValidationError

        central = self.value
        if central is None and (self.low is not None or self.high is not None):
            raise ValidationError(
                {"value": _("Vul eerst de middenwaarde in; laag en hoog horen daarbij.")}
            )
        if central is not None and self.low is not None and self.low > central:
            raise ValidationError({"low": _("De laagste waarde mag niet boven het midden liggen.")})
        if central is not None and self.high is not None and self.high < central:
            raise ValidationError(
                {"high": _("De hoogste waarde mag niet onder het midden liggen.")}
            )
        if central is not None and not self.source_title:
            raise ValidationError(
                {"source_title": _("Een bedrag heeft een bron nodig. Vul de titel van de bron in.")}
            )

    @property
    def indicator_key(self) -> str:
        return self.indicator or self.outcome

    @property
    def values(self) -> tuple[Decimal, Decimal, Decimal] | None:
        """(low, central, high) in euros per unit; None without an amount."""
        if self.value is None:
            return None
        low = self.low if self.low is not None else self.value
        high = self.high if self.high is not None else self.value
        return low, self.value, high


class ImpactReport(BackgroundJob):
    """A report for the council: PDF, XLSX and CSV with the same figures, made in the
    background."""

    municipality = models.ForeignKey(
        "geo.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    step = models.CharField(_("stap"), max_length=100, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="impact/", blank=True)
    xlsx = models.FileField(_("Excel"), upload_to="impact/", blank=True)
    csv = models.FileField(_("CSV"), upload_to="impact/", blank=True)

    class Meta:
        verbose_name = _("rapport voor de raad")
        verbose_name_plural = _("rapporten voor de raad")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.municipality} {self.year}"


class FigureStore(models.Model):
    """Work kept between questions so that the municipality figures need not be made anew:
    a collective's raw monthly counts per buurt for one year (``kind`` "counts", keyed by a
    fingerprint of the collective's data, removed when its data changes) and the suppression
    pattern of one table (``kind`` "pattern", keyed by a hash of the table itself, so never
    stale). Only ``kring.impact.aggregates`` reads it; nothing here leaves Kring."""

    class Kind(models.TextChoices):
        COUNTS = "counts", _("tellingen")
        PATTERN = "pattern", _("onderdrukking")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("sleutel"), max_length=64, unique=True)
    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # Counts are kept per year: the dashboard asks for a year and the one before.
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    data = models.JSONField(_("gegevens"), default=list, blank=True)
    made_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("opgeslagen tussenstap")
        verbose_name_plural = _("opgeslagen tussenstappen")
        indexes = [
            models.Index(fields=["kind", "made_at"]),
            models.Index(fields=["collective", "year", "kind"]),
        ]

    def __str__(self):
        return f"{self.kind} {self.key[:12]}"


class PreparedFigures(models.Model):
    """The last finished municipality figures of one gemeente and year, made by the background
    worker, so the dashboard answers at once instead of counting while the gemeente waits.
    Only what may be shown is kept (suppressed and rounded figures, never raw counts).
    ``made_from`` is a digest of what they were made of (who shares what, the collectives'
    fingerprints, the wijken and buurten); when the data changed since, they are shown as
    older figures while new ones are made. ``shares`` names what they count: when a collective
    stops sharing a group they count, they are deleted and never shown again."""

    municipality = models.ForeignKey(
        "geo.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    made_from = models.CharField(_("gemaakt van"), max_length=64)
    # [[collective id, [groups]], ...]: what these figures count.
    shares = models.JSONField(_("gedeelde cijfers"), default=list, blank=True)
    data = models.JSONField(_("cijfers"), default=dict, blank=True)
    made_at = models.DateTimeField(_("gemaakt op"))

    class Meta:
        verbose_name = _("klaargezette cijfers")
        verbose_name_plural = _("klaargezette cijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="one_prepared_figures_per_year"
            )
        ]

    def __str__(self):
        return f"{self.municipality_id} {self.year}"
