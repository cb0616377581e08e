"""Residents' initiatives, their needs under the three questions, activities in places, pledges,
and the connections log: every tie the collective helped make, in one table."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kring.core.languages import EnglishText
from kring.core.locking import version_field


class PublicTask(EnglishText, models.Model):
    """A large task (opgave) such as care or the energy transition. One list per installation,
    so figures per task can be added up over collectives later."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.CharField(_("toelichting"), max_length=300, blank=True)
    name_en = models.CharField(_("naam in het Engels"), max_length=100, blank=True)
    description_en = models.CharField(_("toelichting in het Engels"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")
        ordering = ["position", "name"]

    def __str__(self):
        return self.localized.name


class Status(models.TextChoices):
    IDEA = "idee", _("idee")
    RUNNING = "loopt", _("loopt")
    DONE = "afgerond", _("afgerond")
    STOPPED = "gestopt", _("gestopt")


class Initiative(models.Model):
    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="initiatives",
    )
    title = models.CharField(_("naam van het initiatief"), max_length=200)
    description = models.TextField(_("wat is het plan?"), blank=True)
    neighbourhood = models.ForeignKey(
        "geo.Neighbourhood",
        verbose_name=_("buurt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("hoe staat het ervoor?"), max_length=10, choices=Status.choices)
    start_date = models.DateField(_("begint op"), null=True, blank=True)
    end_date = models.DateField(_("eindigt op"), null=True, blank=True)
    initiators = models.ManyToManyField(
        "people.Resident",
        verbose_name=_("bedenkers"),
        blank=True,
        related_name="initiatives_started",
    )
    participants = models.ManyToManyField(
        "people.Resident",
        verbose_name=_("doen mee"),
        blank=True,
        related_name="initiatives_joined",
    )
    assets = models.ManyToManyField(
        "assets.Asset",
        verbose_name=_("gebruikt deze bronnen"),
        blank=True,
        related_name="initiatives",
    )
    tasks = models.ManyToManyField(
        PublicTask, verbose_name=_("opgaven"), blank=True, related_name="initiatives"
    )
    goal_hours = models.DecimalField(
        _("doel: uren hulp"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    goal_money = models.DecimalField(
        _("doel: bedrag in euro"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1"))],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    version = version_field()

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["collective", "status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="initiative_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.collective.slug, self.pk])


class Question(models.TextChoices):
    """Cormac Russell's three questions, in their order."""

    SELF = "zelf", _("Wat doen bewoners zelf?")
    WITH_HELP = "met_hulp", _("Wat lukt met wat hulp?")
    INSTITUTION = "instelling", _("Wat moet een instelling doen?")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("open")
    FOUND = "gevonden", _("gevonden")
    MET = "vervuld", _("vervuld")


class Need(models.Model):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="needs"
    )
    text = models.CharField(_("wat is er nodig?"), max_length=300)
    question = models.CharField(_("welke vraag"), max_length=12, choices=Question.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)
    version = version_field()

    class Meta:
        verbose_name = _("behoefte")
        verbose_name_plural = _("behoeften")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text


class Repeat(models.TextChoices):
    """How often a series of activities comes back."""

    WEEKLY = "week", _("elke week")
    FORTNIGHTLY = "twee_weken", _("om de week")
    MONTHLY = "maand", _("elke maand op dezelfde weekdag")


class ActivitySeries(models.Model):
    """A repeating activity: the rule (weekly, every other week, or monthly on the n-th weekday,
    ending on a date or after a number of times) from which ``services.save_series`` makes one
    concrete ``Activity`` per date. Attendance, hours and bookings stay per occurrence; dates
    skipped are ``SkippedDate`` rows, an occurrence changed on its own is marked ``moved``."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="activity_series",
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiatief"),
        on_delete=models.CASCADE,
        related_name="activity_series",
    )
    title = models.CharField(_("wat gebeurt er?"), max_length=200)
    repeat = models.CharField(_("hoe vaak?"), max_length=10, choices=Repeat.choices)
    starts_on = models.DateField(_("eerste keer"))
    # For a monthly series: which weekday of the month (1-4, or -1 for the last one).
    nth = models.SmallIntegerField(_("de hoeveelste weekdag van de maand"), null=True, blank=True)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("aantal keer"), null=True, blank=True)
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    place = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("plek"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="activity_series",
        limit_choices_to={"category": "place"},
    )
    public = models.BooleanField(_("op de openbare agenda"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)
    version = version_field()

    class Meta:
        verbose_name = _("reeks activiteiten")
        verbose_name_plural = _("reeksen activiteiten")
        ordering = ["starts_on", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="series_ends_after_start"
            ),
            models.CheckConstraint(
                condition=(Q(ends_on__isnull=False) & Q(count__isnull=True))
                | (Q(ends_on__isnull=True) & Q(count__isnull=False)),
                name="series_ends_by_date_or_count",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:series", args=[self.collective.slug, self.pk])


class SkippedDate(models.Model):
    """A date of a series that does not go ahead ("deze keer niet")."""

    series = models.ForeignKey(
        ActivitySeries,
        verbose_name=_("reeks"),
        on_delete=models.CASCADE,
        related_name="skipped_dates",
    )
    date = models.DateField(_("datum"))

    class Meta:
        verbose_name = _("overgeslagen datum")
        verbose_name_plural = _("overgeslagen datums")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["series", "date"], name="one_skip_per_series_date")
        ]

    def __str__(self):
        return f"{self.series} ({self.date:%d-%m-%Y})"


class Activity(models.Model):
    """One meeting of an initiative. A place is booked for [start, end) of one day, so an activity
    ending at 12:00 and one starting at 12:00 do not overlap."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiatief"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    title = models.CharField(_("wat gebeurt er?"), max_length=200)
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    # RESTRICT: a place with bookings is not deleted on its own, but a whole collective (its
    # places and activities together) can be.
    place = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("plek"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="activities",
        limit_choices_to={"category": "place"},
    )
    attendees = models.ManyToManyField(
        "people.Resident", verbose_name=_("wie kwamen"), blank=True, related_name="activities"
    )
    public = models.BooleanField(_("op de openbare agenda"), default=False)
    # One occurrence of a series: the date the rule gave it (its identity, also in the .ics UID)
    # and whether it was changed on its own, so that changing the series leaves it alone.
    series = models.ForeignKey(
        ActivitySeries,
        verbose_name=_("reeks"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occurrences",
    )
    series_date = models.DateField(_("datum in de reeks"), null=True, blank=True)
    moved = models.BooleanField(_("apart aangepast"), default=False)
    hours_given = models.DecimalField(
        _("uren vrijwillige hulp"),
        max_digits=8,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    # At a repair café or a fix-it morning: the things that work again (a failed try does not
    # count). Social value counts the CO2 of new things not bought (kring.impact).
    items_repaired = models.PositiveIntegerField(_("spullen gerepareerd"), default=0)
    attendance_recorded_at = models.DateTimeField(_("aanwezigheid vastgelegd op"), null=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)
    version = version_field()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["date", "start_time", "id"]
        indexes = [
            models.Index(fields=["collective", "date"]),
            models.Index(fields=["place", "date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "series_date"],
                condition=Q(series__isnull=False),
                name="one_activity_per_series_date",
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="activity_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(hours_given__gte=0), name="activity_hours_positive"),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d-%m-%Y} {self.start_time:%H:%M})"

    def get_absolute_url(self):
        return reverse("initiatives:activity", args=[self.collective.slug, self.pk])


class PledgeKind(models.TextChoices):
    HOURS = "uren", _("uren hulp")
    MATERIAL = "materiaal", _("spullen of materiaal")
    MONEY = "geld", _("geld")


class GiverKind(models.TextChoices):
    """Who made a pledge: a resident, or an organisation of the collective by its category."""

    RESIDENT = "bewoner", _("bewoner")
    GROUP = "groep", _("groep")
    INSTITUTION = "instelling", _("instelling")
    BUSINESS = "bedrijf", _("bedrijf")


# The asset categories that can pledge, and the kind of giver each one is.
GIVER_KINDS = {
    "association": GiverKind.GROUP,
    "institution": GiverKind.INSTITUTION,
    "economy": GiverKind.BUSINESS,
}
GIVER_CATEGORIES = list(GIVER_KINDS)


class Pledge(models.Model):
    """A promise to an initiative: hours, things or money (like residents who each buy a share
    of their community centre). It comes from exactly one giver: a resident, or an organisation
    of the same collective (a group, an institution or a local business: an asset)."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="pledges"
    )
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pledges",
    )
    # RESTRICT, not CASCADE: deleting an organisation must not silently take the money it
    # promised out of an initiative's progress. Unlike PROTECT, it still lets a whole collective
    # be deleted (the pledge goes with its initiative in the same delete).
    giver = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("organisatie"),
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="pledges",
        limit_choices_to={"category__in": GIVER_CATEGORIES},
    )
    kind = models.CharField(_("wat wordt er beloofd?"), max_length=10, choices=PledgeKind.choices)
    amount = models.DecimalField(
        _("hoeveel"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Uren of euro's. Bij spullen mag dit leeg blijven."),
    )
    description = models.CharField(_("toelichting"), max_length=200, blank=True)
    pledged_on = models.DateField(_("beloofd op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")
        ordering = ["-pledged_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="materiaal") | Q(amount__isnull=False),
                name="pledge_hours_and_money_have_amount",
            ),
            models.CheckConstraint(
                condition=~Q(kind="materiaal") | ~Q(description=""),
                name="pledge_material_is_described",
            ),
            models.CheckConstraint(
                condition=(Q(resident__isnull=False) & Q(giver__isnull=True))
                | (Q(resident__isnull=True) & Q(giver__isnull=False)),
                name="pledge_has_one_giver",
            ),
        ]

    def __str__(self):
        return f"{self.party}: {self.get_kind_display()}"

    def clean(self):
        super().clean()
        if self.resident_id and self.giver_id:
            raise ValidationError(
                {"giver": _("Kies een bewoner of een organisatie, niet allebei.")}
            )
        if not self.resident_id and not self.giver_id:
            raise ValidationError(
                {"resident": _("Kies wie het belooft: een bewoner of een organisatie.")}
            )

    @property
    def party(self):
        """The resident or the organisation (asset) that made the pledge."""
        return self.resident if self.resident_id else self.giver

    @property
    def giver_kind(self) -> GiverKind | None:
        if self.resident_id:
            return GiverKind.RESIDENT
        if self.giver_id:
            return GIVER_KINDS.get(self.giver.category)
        return None


class Outcome(models.TextChoices):
    """The answer to "Heeft dit contact tot iets geleid?", some days after a connection."""

    YES = "ja", _("ja")
    NO = "nee", _("nee")
    ONGOING = "loopt", _("loopt nog")


class ConnectionKind(models.TextChoices):
    INTRODUCED = "voorgesteld", _("voorgesteld aan elkaar")
    MET = "ontmoet", _("ontmoet bij een activiteit")
    JOINED = "meegedaan", _("doet mee met een initiatief")
    NEIGHBOUR_HELP = "burenhulp", _("burenhulp")


class Connection(models.Model):
    """One tie between two parties, the edge list of the collective's network.

    Side A is ``resident``, or, when that is empty, the ``initiative`` (the group behind it).
    Side B is exactly one of ``other_resident`` or ``asset`` (an association, institution, place
    or other asset that is not a gift: a gift's party is its resident). ``initiative``, ``need``
    and ``activity`` also say in what context the tie was made."""

    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="connections",
    )
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="connections_made",
    )
    other_resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("met bewoner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="connections_received",
    )
    asset = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("met groep, instelling of plek"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="connections",
    )
    kind = models.CharField(_("hoe"), max_length=12, choices=ConnectionKind.choices)
    happened_on = models.DateField(_("wanneer"))
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiatief"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="connections",
    )
    need = models.ForeignKey(
        Need,
        verbose_name=_("behoefte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="connections",
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activiteit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="connections",
    )
    note = models.CharField(_("notitie"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    # "Heeft dit contact tot iets geleid?": asked some days later (kring.notices), answered by
    # the resident or noted by a buurtmaker; counted as "connections that worked".
    outcome = models.CharField(
        _("heeft het tot iets geleid?"), max_length=6, choices=Outcome.choices, blank=True
    )
    outcome_note = models.CharField(_("toelichting bij het resultaat"), max_length=300, blank=True)
    outcome_at = models.DateTimeField(_("resultaat vastgelegd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verbinding")
        verbose_name_plural = _("verbindingen")
        ordering = ["-happened_on", "-recorded_at", "-id"]
        indexes = [
            models.Index(fields=["collective", "-happened_on"]),
            models.Index(fields=["collective", "kind"]),
            # The log's own order, so a page of 50 is read from the index without sorting.
            models.Index(
                fields=["collective", "-happened_on", "-recorded_at", "-id"],
                name="connection_log_order",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(resident__isnull=False) | Q(initiative__isnull=False),
                name="connection_has_side_a",
            ),
            models.CheckConstraint(
                condition=(Q(other_resident__isnull=False) & Q(asset__isnull=True))
                | (Q(other_resident__isnull=True) & Q(asset__isnull=False)),
                name="connection_has_one_side_b",
            ),
            models.CheckConstraint(
                condition=Q(resident__isnull=True)
                | Q(other_resident__isnull=True)
                | ~Q(resident=F("other_resident")),
                name="connection_not_with_self",
            ),
            # Recording the attendance of one activity twice makes no double ties.
            models.UniqueConstraint(
                fields=["activity", "resident", "other_resident"],
                condition=Q(activity__isnull=False, other_resident__isnull=False),
                name="one_meeting_tie_per_activity",
            ),
            models.UniqueConstraint(
                fields=["activity", "resident", "asset"],
                condition=Q(activity__isnull=False, asset__isnull=False),
                name="one_place_tie_per_activity",
            ),
        ]

    def __str__(self):
        return f"{self.side_a} — {self.side_b} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return reverse("initiatives:connection", args=[self.collective.slug, self.pk])

    @property
    def side_a(self):
        return self.resident if self.resident_id else self.initiative

    @property
    def side_b(self):
        return self.other_resident if self.other_resident_id else self.asset
