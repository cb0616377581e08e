"""The connections log: every tie the collective helped make, in one table."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .activities import Activity
from .initiatives import Initiative, Need


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
