"""Activities in places, repeating activities (a series with its skipped dates)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kring.core.locking import version_field

from .initiatives import Initiative


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
