"""The self-scan "handelingsperspectieven": themes and statements (edited in Django's admin),
scan rounds per gemeente, and each municipality user's answers in a round."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.core.languages import EnglishText
from kring.core.locking import version_field

LOWEST, HIGHEST = 1, 5


class Theme(EnglishText, models.Model):
    key = models.SlugField(_("korte naam"), max_length=40, unique=True)
    title = models.CharField(_("titel"), max_length=120)
    intro = models.TextField(_("uitleg"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    suggestion_low = models.TextField(
        _("tips bij een lage score"), help_text=_("Gemiddeld lager dan 2,5.")
    )
    suggestion_middle = models.TextField(
        _("tips bij een middelste score"), help_text=_("Gemiddeld van 2,5 tot 3,5.")
    )
    suggestion_high = models.TextField(
        _("tips bij een hoge score"), help_text=_("Gemiddeld 3,5 of hoger.")
    )
    title_en = models.CharField(_("titel in het Engels"), max_length=120, blank=True)
    intro_en = models.TextField(_("uitleg in het Engels"), blank=True)
    suggestion_low_en = models.TextField(_("tips bij een lage score, in het Engels"), blank=True)
    suggestion_middle_en = models.TextField(
        _("tips bij een middelste score, in het Engels"), blank=True
    )
    suggestion_high_en = models.TextField(_("tips bij een hoge score, in het Engels"), blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("thema van de zelfscan")
        verbose_name_plural = _("thema's van de zelfscan")

    def __str__(self):
        return self.localized.title


class Statement(EnglishText, models.Model):
    theme = models.ForeignKey(
        Theme, verbose_name=_("thema"), on_delete=models.CASCADE, related_name="statements"
    )
    text = models.CharField(_("stelling"), max_length=300)
    text_en = models.CharField(_("stelling in het Engels"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_reversed = models.BooleanField(
        _("omgekeerd tellen"),
        default=False,
        help_text=_(
            "Aanzetten als 'klopt helemaal' bij deze stelling slecht is voor het thema. "
            "Dan telt 5 als 1 en 1 als 5."
        ),
    )

    class Meta:
        ordering = ["theme__position", "position", "pk"]
        verbose_name = _("stelling")
        verbose_name_plural = _("stellingen")

    def __str__(self):
        return self.localized.text

    def score(self, value: int) -> int:
        """The answer as it counts for the theme: higher is always better."""
        return LOWEST + HIGHEST - value if self.is_reversed else value


class ScanRound(models.Model):
    """One moment at which the staff of a gemeente fill in the scan. Rounds follow each other,
    so the results show the change over time; a gemeente has at most one open round."""

    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="scan_rounds",
    )
    name = models.CharField(_("naam van de ronde"), max_length=100)
    started_on = models.DateField(_("begonnen op"))
    closed_on = models.DateField(_("gesloten op"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("begonnen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("ronde van de zelfscan")
        verbose_name_plural = _("rondes van de zelfscan")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"],
                condition=models.Q(closed_on__isnull=True),
                name="selfscan_one_open_round",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("started_on")),
                name="selfscan_closed_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.started_on:%d-%m-%Y})"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class Response(models.Model):
    """One staff member's answers in one round: a draft until they hand it in."""

    round = models.ForeignKey(
        ScanRound, verbose_name=_("ronde"), on_delete=models.CASCADE, related_name="responses"
    )
    # Kept when the log-in goes: the answers still count for the gemeente.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevuld door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="scan_responses",
    )
    updated_at = models.DateTimeField(_("laatst bewaard"), auto_now=True)
    submitted_at = models.DateTimeField(_("ingeleverd op"), null=True, blank=True)
    version = version_field()

    class Meta:
        verbose_name = _("ingevulde zelfscan")
        verbose_name_plural = _("ingevulde zelfscans")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "respondent"], name="selfscan_one_response_per_person"
            )
        ]

    def __str__(self):
        return f"{self.round} · {self.respondent_id}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response,
        verbose_name=_("ingevulde zelfscan"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    statement = models.ForeignKey(
        Statement, verbose_name=_("stelling"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.PositiveSmallIntegerField(
        _("antwoord"), validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]
    )

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "statement"], name="selfscan_one_answer_per_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=LOWEST, value__lte=HIGHEST),
                name="selfscan_answer_in_scale",
            ),
        ]

    def __str__(self):
        return f"{self.statement_id}: {self.value}"
