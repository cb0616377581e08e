from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.core.bulkmail import ClaimedDelivery


class Rhythm(models.TextChoices):
    IMMEDIATE = "direct", _("meteen, bij elke nieuwe vraag")
    DAILY = "dagelijks", _("hooguit één keer per dag")
    WEEKLY = "wekelijks", _("hooguit één keer per week")
    OFF = "uit", _("geen berichten")


class Scope(models.TextChoices):
    BUURT = "buurt", _("alleen vragen in mijn buurt")
    AREA = "gebied", _("vragen in het hele werkgebied van het collectief")


class ChangedBy(models.TextChoices):
    RESIDENT = "bewoner", _("door de bewoner zelf, via de link in een bericht")
    BUILDER = "buurtmaker", _("door een buurtmaker, met instemming van de bewoner")


class NoticePreference(models.Model):
    """Whether and how often a resident wants to hear about new asks that fit their gifts.
    Mails go out only while the resident also consents to "verbinden" (checked at send time)."""

    resident = models.OneToOneField(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        related_name="notice_preference",
    )
    rhythm = models.CharField(
        _("hoe vaak"), max_length=10, choices=Rhythm.choices, default=Rhythm.OFF
    )
    scope = models.CharField(_("welke vragen"), max_length=10, choices=Scope.choices)
    changed_by = models.CharField(_("gekozen"), max_length=10, choices=ChangedBy.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("gekozen op"))

    class Meta:
        verbose_name = _("keuze voor berichten")
        verbose_name_plural = _("keuzes voor berichten")

    def __str__(self):
        return f"{self.resident_id}: {self.rhythm}"


class NoticeDelivery(ClaimedDelivery):
    """One mail to one resident in one period of their rhythm: the day, the ISO week, or (for
    "meteen") the first ask in it. The row is claimed before the mail is sent, so a second
    worker or a run after a crash never sends the same period twice. It keeps no content.

    The status list is the one of every mail to many (``kring.core.bulkmail.DeliveryStatus``).
    A notice row never waits: it is made already claimed (the insert is the claim, under the
    one-per-period constraint), so ``claimed_at`` is always set. A failed mail leaves no row:
    the period is freed and the next run tries again."""

    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        related_name="notice_deliveries",
    )
    rhythm = models.CharField(_("hoe vaak"), max_length=10, choices=Rhythm.choices)
    period = models.CharField(_("periode"), max_length=24, editable=False)
    asks = models.PositiveSmallIntegerField(_("aantal vragen"), default=0)
    claimed_at = models.DateTimeField(_("begonnen op"))

    class Meta(ClaimedDelivery.Meta):
        verbose_name = _("verstuurd bericht")
        verbose_name_plural = _("verstuurde berichten")
        ordering = ["-claimed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "period"], name="one_notice_per_resident_period"
            )
        ]

    def __str__(self):
        return f"{self.resident_id} {self.period} {self.status}"


class NoticeItem(models.Model):
    """A new ask that fits one resident's gift, with the matching engine's reason; waiting for
    the resident's next mail (``delivery`` empty) or told in one. One per resident and ask.
    The ask is a need of an initiative (``need``) or a neighbour's standalone burenhulp ask
    (``ask``): always exactly one of the two."""

    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        related_name="notice_items",
    )
    need = models.ForeignKey(
        "initiatives.Need",
        verbose_name=_("vraag"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    ask = models.ForeignKey(
        "residents.Ask",
        verbose_name=_("hulpvraag van een buur"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    asset = models.ForeignKey(
        "assets.Asset",
        verbose_name=_("gave"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("waarom het past"), max_length=300, blank=True, editable=False)
    found_at = models.DateTimeField(_("gevonden op"))
    delivery = models.ForeignKey(
        NoticeDelivery,
        verbose_name=_("bericht"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )

    class Meta:
        verbose_name = _("passende vraag")
        verbose_name_plural = _("passende vragen")
        ordering = ["found_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["resident", "need"], name="one_notice_item_per_need"),
            models.UniqueConstraint(fields=["resident", "ask"], name="one_notice_item_per_ask"),
            models.CheckConstraint(
                condition=models.Q(need__isnull=False, ask__isnull=True)
                | models.Q(need__isnull=True, ask__isnull=False),
                name="notice_item_need_or_ask",
            ),
        ]
        indexes = [models.Index(fields=["resident", "delivery"])]

    def __str__(self):
        return f"{self.resident_id} {self.need_id or f'ask {self.ask_id}'}"


class NoticeSettings(models.Model):
    """A collective's choices for notices: after how many days a connection is followed up."""

    collective = models.OneToOneField(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="notice_settings",
    )
    followup_days = models.PositiveSmallIntegerField(
        _("na hoeveel dagen vragen we of een contact iets opleverde?"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )

    class Meta:
        verbose_name = _("instelling voor berichten")
        verbose_name_plural = _("instellingen voor berichten")

    def __str__(self):
        return f"{self.collective_id}: {self.followup_days}"


class FollowUpChannel(models.TextChoices):
    MAIL = "mail", _("per e-mail aan de bewoner")
    BUILDER = "buurtmaker", _("op de takenlijst van de buurtmaker")


class FollowUp(models.Model):
    """ "Heeft dit contact tot iets geleid?" asked once per connection: by mail to the resident
    when they have an address and consent, else on the buurtmakers' to-do list. The answer
    itself is kept on the connection."""

    connection = models.OneToOneField(
        "initiatives.Connection",
        verbose_name=_("verbinding"),
        on_delete=models.CASCADE,
        related_name="followup",
    )
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("gevraagd aan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followups",
    )
    channel = models.CharField(_("hoe gevraagd"), max_length=10, choices=FollowUpChannel.choices)
    asked_at = models.DateTimeField(_("gevraagd op"))
    sent_at = models.DateTimeField(_("mail verstuurd op"), null=True, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vraag of een contact iets opleverde")
        verbose_name_plural = _("vragen of een contact iets opleverde")
        ordering = ["asked_at", "id"]

    def __str__(self):
        return f"{self.connection_id} {self.channel}"
