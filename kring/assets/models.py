"""The six kinds of assets of ABCD in one table, so that overviews, search and the map read one
place. Fields that belong to one category are empty for the others; forms show only the fields of
the category (see CATEGORY_FIELDS in forms.py) and the database enforces the rules that matter."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kring.core.choices import ChoiceLabels, Source, Visibility
from kring.core.constraints import CheckConstraint
from kring.core.locking import version_field


class Category(models.TextChoices):
    GIFT = "gift", _("Gaven van bewoners")
    ASSOCIATION = "association", _("Verenigingen en groepen")
    INSTITUTION = "institution", _("Instellingen")
    PLACE = "place", _("Fysieke plekken")
    ECONOMY = "economy", _("Economie en uitwisseling")
    STORY = "story", _("Cultuur en verhalen")


# Categories that have a place of their own. Gifts belong to a resident (never on a map, only
# counted per buurt) and stories have no coordinates.
MAPPED = [Category.ASSOCIATION, Category.INSTITUTION, Category.PLACE, Category.ECONOMY]

# One-line explanations, shown beside each category so a newcomer knows what belongs there.
CATEGORY_HELP = {
    Category.GIFT: _("Wat bewoners weten, kunnen en belangrijk vinden: hoofd, handen en hart."),
    Category.ASSOCIATION: _("Groepen van bewoners, officieel of niet, zonder betaling."),
    Category.INSTITUTION: _("Betaalde organisaties met een taak, zoals een school of bibliotheek."),
    Category.PLACE: _("Gebouwen, ruimtes, grond en natuur."),
    Category.ECONOMY: _("Winkels, markten, ruilen en geld dat in de buurt rondgaat."),
    Category.STORY: _("Geschiedenis, tradities en verhalen van de buurt."),
}


# How to name one new thing of a category, on buttons and page titles.
CATEGORY_ADD = {
    Category.GIFT: _("Nieuwe gave"),
    Category.ASSOCIATION: _("Nieuwe vereniging of groep"),
    Category.INSTITUTION: _("Nieuwe instelling"),
    Category.PLACE: _("Nieuwe plek"),
    Category.ECONOMY: _("Nieuwe winkel, markt of ruilplek"),
    Category.STORY: _("Nieuw verhaal"),
}


class GiftKind(models.TextChoices):
    HEAD = "hoofd", _("Hoofd: wat iemand weet")
    HANDS = "handen", _("Handen: wat iemand kan")
    HEART = "hart", _("Hart: wat iemand belangrijk vindt")


class Availability(models.TextChoices):
    NOW = "nu", _("kan nu meedoen")
    SOMETIMES = "soms", _("af en toe")
    ON_REQUEST = "vragen", _("vraag het eerst")
    NOT_NOW = "niet_nu", _("nu even niet")


class InstitutionType(models.TextChoices):
    SCHOOL = "school", _("school of kinderopvang")
    LIBRARY = "bibliotheek", _("bibliotheek")
    HOUSING = "woningcorporatie", _("woningcorporatie")
    WELFARE = "welzijn", _("welzijnsorganisatie")
    HEALTH = "zorg", _("zorg en gezondheid")
    MUNICIPALITY = "gemeente", _("gemeente")
    FAITH = "geloof", _("kerk, moskee of andere geloofsgemeenschap")
    POLICE = "veiligheid", _("politie en veiligheid")
    OTHER = "anders", _("anders")


class Tag(models.Model):
    """A word a collective uses to group assets; tags are per collective, like everything else."""

    collective = models.ForeignKey(
        "communities.Collective", on_delete=models.CASCADE, related_name="tags"
    )
    name = models.CharField(_("naam"), max_length=50)

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["collective", "name"], name="unique_tag_per_collective")
        ]

    def __str__(self):
        return self.name


class Asset(ChoiceLabels, models.Model):
    # No index of its own: the composite indexes below all start with the collective.
    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="assets",
        db_index=False,
    )
    category = models.CharField(_("soort"), max_length=20, choices=Category.choices)
    title = models.CharField(_("naam of korte omschrijving"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    neighbourhood = models.ForeignKey(
        "geo.Neighbourhood",
        verbose_name=_("buurt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    visibility = models.CharField(
        _("wie mag dit zien"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    source = models.CharField(
        _("herkomst"), max_length=20, choices=Source.choices, default=Source.MANUAL
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("labels"), blank=True, related_name="assets")

    # Gifts: whose gift it is, head/hands/heart, and when the resident can help.
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gifts",
    )
    gift_kind = models.CharField(
        _("hoofd, handen of hart"), max_length=10, choices=GiftKind.choices, blank=True
    )
    availability = models.CharField(
        _("beschikbaar"), max_length=10, choices=Availability.choices, blank=True
    )
    # Institutions.
    institution_type = models.CharField(
        _("soort instelling"), max_length=20, choices=InstitutionType.choices, blank=True
    )
    # Groups, institutions, places and economy: how to reach them and where they are.
    contact = models.CharField(_("contact (naam, telefoon of e-mail)"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    latitude = models.FloatField(
        _("breedtegraad"),
        null=True,
        blank=True,
        help_text=_(
            "Niet verplicht. Druk in een kaart-app lang op de plek om de getallen te zien, "
            "bijvoorbeeld 52.0907."
        ),
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("lengtegraad"),
        null=True,
        blank=True,
        help_text=_("Bijvoorbeeld 5.1214."),
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    # Places.
    opening_hours = models.CharField(_("openingstijden"), max_length=300, blank=True)
    accessibility = models.CharField(
        _("toegankelijkheid"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: rolstoeltoegankelijk, invalidentoilet, ringleiding"),
    )
    # Stories: whose story it is. Empty for a story of the neighbourhood itself; named tellers
    # must each have an active "verhalen" consent before the story leaves the collective
    # (kring.assets.selectors.told_with_consent). Same collective only: set by
    # services.set_tellers, which checks it.
    tellers = models.ManyToManyField(
        "people.Resident",
        verbose_name=_("verteld door"),
        blank=True,
        related_name="told_stories",
    )
    image = models.ImageField(_("afbeelding"), upload_to="stories/%Y/%m/", blank=True)
    image_description = models.CharField(
        _("beschrijving van de afbeelding"),
        max_length=300,
        blank=True,
        help_text=_("Voor wie de afbeelding niet kan zien."),
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
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # Optimistic locking: an edit based on an older version is refused, not silently lost.
    version = version_field()

    # The history is read by asset (id), by resident (inzage, erasure), by collective (export)
    # and by date; nothing looks it up by author or buurt, so those columns carry no index
    # (each one cost every write, a large import most of all).
    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        no_db_index=["created_by", "updated_by", "neighbourhood"],
    )

    class Meta:
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["collective", "category", "-created_at"]),
            models.Index(fields=["collective", "neighbourhood"]),
            # The newest of all kinds, on the overview.
            models.Index(
                fields=["collective", "-created_at", "-id"], name="asset_collective_newest"
            ),
        ]
        constraints = [
            CheckConstraint(
                condition=(Q(category="gift") & Q(resident__isnull=False) & ~Q(gift_kind=""))
                | (~Q(category="gift") & Q(resident__isnull=True) & Q(gift_kind="")),
                name="gift_has_resident_and_kind",
            ),
            # A gift is personal: it is never public on its own.
            CheckConstraint(
                condition=~Q(category="gift") | ~Q(visibility="openbaar"),
                name="gift_never_public",
            ),
            CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="coordinates_both_and_in_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assets:detail", args=[self.collective.slug, self.pk])


class CategoryCount(models.Model):
    """The overview's counts per category of one collective, as buurtmakers or as members see
    them: counting a large collective's assets with the members' consent rules on every visit
    costs tens of milliseconds. Services that change assets or consents forget the rows
    (kring.assets.counts.forget); a row older than MAX_AGE is counted again in any case."""

    collective = models.ForeignKey(
        "communities.Collective", on_delete=models.CASCADE, related_name="+"
    )
    audience = models.CharField(max_length=12)
    counts = models.JSONField(default=dict)
    counted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collective", "audience"], name="category_count_once")
        ]

    def __str__(self):
        return f"{self.collective_id}/{self.audience}"
