from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.core.locking import version_field
from kring.core.phone import validate_phone


class LegalForm(models.TextChoices):
    ASSOCIATION = "vereniging", _("vereniging")
    FOUNDATION = "stichting", _("stichting")
    COOPERATIVE = "cooperatie", _("coöperatie")
    INFORMAL = "informeel", _("informele groep")


class Kind(models.TextChoices):
    COMMUNITY_CENTRE = "wijkcentrum", _("wijkcentrum")
    VILLAGE_HALL = "dorpshuis", _("dorpshuis")
    RESIDENTS_COMPANY = "bewonersbedrijf", _("bewonersbedrijf")
    COOPERATIVE = "cooperatie", _("coöperatie")
    COLLECTIVE = "bewonerscollectief", _("bewonerscollectief")


class Province(models.TextChoices):
    GRONINGEN = "groningen", "Groningen"
    FRYSLAN = "fryslan", "Fryslân"
    DRENTHE = "drenthe", "Drenthe"
    OVERIJSSEL = "overijssel", "Overijssel"
    FLEVOLAND = "flevoland", "Flevoland"
    GELDERLAND = "gelderland", "Gelderland"
    UTRECHT = "utrecht", "Utrecht"
    NOORD_HOLLAND = "noord-holland", "Noord-Holland"
    ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"
    ZEELAND = "zeeland", "Zeeland"
    NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
    LIMBURG = "limburg", "Limburg"


class PublicContact(models.Model):
    """Contact details on a collective's public profile (and its draft, kring.public), each
    shown only when filled in there. The e-mail address receives the profile's contact form and
    is shown only with ``public_email_shown``."""

    public_email = models.EmailField(_("e-mailadres voor bezoekers"), blank=True)
    public_email_shown = models.BooleanField(_("e-mailadres tonen op het profiel"), default=False)
    public_contact_form = models.BooleanField(_("contactformulier op het profiel"), default=True)
    public_website = models.URLField(_("website (openbaar)"), blank=True)
    public_phone = models.CharField(
        _("telefoon (openbaar)"), max_length=30, blank=True, validators=[validate_phone]
    )
    public_address = models.CharField(_("bezoekadres (openbaar)"), max_length=200, blank=True)

    class Meta:
        abstract = True


class Collective(PublicContact, models.Model):
    """A resident collective. Everything residents tell it belongs to it and to no one else."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in de link"), max_length=80, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    legal_form = models.CharField(_("rechtsvorm"), max_length=20, choices=LegalForm.choices)
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="collectives",
    )
    working_area = models.ManyToManyField(
        "geo.Neighbourhood",
        verbose_name=_("werkgebied (buurten)"),
        related_name="collectives",
        blank=True,
    )
    description = models.TextField(_("beschrijving"), blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    # Public profile for the network's member directory: shown only when published.
    public_place = models.CharField(_("plaats (openbaar)"), max_length=100, blank=True)
    public_teaser = models.CharField(
        _("korte tekst voor de ledenlijst"), max_length=200, blank=True
    )
    public_description = models.TextField(_("openbare beschrijving"), blank=True)
    public_themes = models.CharField(_("thema's (met komma's)"), max_length=300, blank=True)
    public_province = models.CharField(
        _("provincie (openbaar)"), max_length=20, choices=Province.choices, blank=True
    )
    # Re-encoded on upload (kring.core.images), so no hidden content or metadata is served.
    public_logo = models.ImageField(_("logo (openbaar)"), upload_to="logos/", blank=True)
    is_public = models.BooleanField(_("profiel openbaar in de ledenlijst"), default=False)
    public_updated_at = models.DateTimeField(
        _("openbaar profiel bijgewerkt op"), null=True, blank=True
    )
    # What residents write themselves (asks, gifts they offer) waits for a buurtmaker by
    # default; a collective can let it go live at once.
    residents_post_directly = models.BooleanField(
        _("wat bewoners zelf schrijven, staat meteen open"),
        default=False,
        help_text=_(
            "Uit: een buurtmaker kijkt een vraag of gave van een bewoner eerst na. "
            "Aan: de vraag of gave staat meteen open."
        ),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    version = version_field()

    class Meta:
        verbose_name = _("collectief")
        verbose_name_plural = _("collectieven")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communities:overview", args=[self.slug])


class Role(models.TextChoices):
    # Ordered from most to least rights; see ROLE_RANK.
    ADMIN = "beheerder", _("beheerder")
    BUILDER = "buurtmaker", _("buurtmaker")
    MEMBER = "lid", _("lid")


ROLE_RANK = {Role.ADMIN: 3, Role.BUILDER: 2, Role.MEMBER: 1}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    collective = models.ForeignKey(
        Collective,
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("lid sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "collective"], name="one_membership_per_user")
        ]

    def __str__(self):
        return f"{self.user} — {self.collective} ({self.get_role_display()})"

    def has_role(self, role: str) -> bool:
        """At least this role: a beheerder can do all a buurtmaker can."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    @property
    def is_builder(self) -> bool:
        return self.has_role(Role.BUILDER)

    @property
    def is_admin(self) -> bool:
        return self.has_role(Role.ADMIN)


class Invitation(models.Model):
    """An e-mailed link that makes someone a member with a role. Only a hash of the token is
    kept, so a copy of the database cannot be used to accept invitations."""

    collective = models.ForeignKey(
        Collective,
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    # When a known resident is invited, accepting links their log-in to their resident record.
    resident = models.ForeignKey(
        "people.Resident",
        verbose_name=_("bewoner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.collective}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
