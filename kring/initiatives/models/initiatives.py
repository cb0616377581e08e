"""Initiatives, the large tasks (opgaven) they serve, and their needs under the three questions."""

from decimal import Decimal

from django.conf import settings
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
