"""The network's public site: news, publications, the Buurtmakers Academie and the newsletter.

Nothing here holds a resident's data. Member collectives appear only through the explicit
public-profile fields of ``Collective`` (and only when published)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.communities.models import Province, PublicContact
from kring.core.bulkmail import ClaimedDelivery, WrittenMail
from kring.core.languages import EnglishText
from kring.core.locking import version_field


class Theme(EnglishText, models.Model):
    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("korte naam in de link"), max_length=80, unique=True)
    name_en = models.CharField(_("naam in het Engels"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["name"]

    def __str__(self):
        return self.localized.name


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())


class Article(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam in de link"), max_length=120, unique=True)
    summary = models.CharField(
        _("samenvatting"),
        max_length=300,
        help_text=_("Eén of twee zinnen. Die staan in de lijst, de feed en bij het delen."),
    )
    # Sanitised with nh3 in the service before it is stored (kring.public.richtext).
    body = models.TextField(_("tekst"))
    image = models.ImageField(_("afbeelding"), upload_to="public/articles/", blank=True)
    image_alt = models.CharField(
        _("wat staat er op de afbeelding"),
        max_length=200,
        blank=True,
        help_text=_("Voor wie de afbeelding niet kan zien."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), related_name="articles", blank=True
    )
    collectives = models.ManyToManyField(
        "communities.Collective",
        verbose_name=_("leden in dit bericht"),
        related_name="articles",
        blank=True,
    )
    publications = models.ManyToManyField(
        "Publication",
        verbose_name=_("publicaties bij dit bericht"),
        related_name="articles",
        blank=True,
    )
    published_at = models.DateTimeField(
        _("gepubliceerd op"),
        null=True,
        blank=True,
        help_text=_("Leeg laten: het bericht blijft een concept."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("schrijver"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = PublishedQuerySet.as_manager()
    version = version_field()

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:article", kwargs={"article": self.slug})


class Publication(models.Model):
    title = models.CharField(_("titel"), max_length=250)
    slug = models.SlugField(_("korte naam in de link"), max_length=120, unique=True)
    summary = models.CharField(_("samenvatting"), max_length=300)
    body = models.TextField(_("toelichting"), blank=True)
    # Checked as a real PDF and for size in the form; served as an attachment only.
    file = models.FileField(_("bestand (PDF)"), upload_to="public/publications/")
    file_size = models.PositiveIntegerField(_("grootte in bytes"), default=0, editable=False)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), related_name="publications", blank=True
    )
    published_at = models.DateTimeField(
        _("gepubliceerd op"),
        null=True,
        blank=True,
        help_text=_("Leeg laten: de publicatie blijft een concept."),
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = PublishedQuerySet.as_manager()
    version = version_field()

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:publication", kwargs={"publication": self.slug})

    @property
    def download_name(self) -> str:
        return f"{self.slug}.pdf"


class MeetingKind(models.TextChoices):
    MEETING = "leerbijeenkomst", _("leerbijeenkomst")
    COURSE = "cursus", _("cursus")


class Meeting(models.Model):
    """A learning meeting or course of the Buurtmakers Academie."""

    kind = models.CharField(
        _("soort"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.MEETING
    )
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("korte naam in de link"), max_length=120, unique=True)
    summary = models.CharField(_("samenvatting"), max_length=300)
    body = models.TextField(_("beschrijving"), blank=True)
    starts_at = models.DateTimeField(_("begint op"))
    ends_at = models.DateTimeField(_("eindigt op"))
    location = models.CharField(_("plaats"), max_length=200)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), help_text=_("Wie zich daarna aanmeldt, komt op de wachtlijst.")
    )
    is_published = models.BooleanField(_("zichtbaar op de site"), default=False)
    reminder_days = models.PositiveSmallIntegerField(
        _("herinnering: hoeveel dagen van tevoren"),
        default=2,
        validators=[MaxValueValidator(30)],
        help_text=_(
            "Wie een plek heeft, krijgt zoveel dagen voor de bijeenkomst een e-mail als "
            "herinnering. Vul 0 in voor geen herinnering."
        ),
    )
    version = version_field()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:meeting", kwargs={"meeting": self.slug})


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "aangemeld", _("aangemeld")
    WAITING = "wachtlijst", _("op de wachtlijst")
    CANCELLED = "afgemeld", _("afgemeld")


class Registration(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation = models.CharField(_("organisatie of collectief"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    language = models.CharField(
        _("taal van de mails"), max_length=10, choices=settings.LANGUAGES, default="nl"
    )
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    # The reminder: claimed (with the start it was about) before the mail goes out, so a
    # second worker or a rerun sends nothing. A meeting moved to another start time after the
    # reminder gets one new reminder for the new time.
    reminder_for = models.DateTimeField(_("herinnering over de bijeenkomst van"), null=True)
    reminder_claimed_at = models.DateTimeField(_("herinnering opgepakt op"), null=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name} — {self.meeting}"


class MeetingMailStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    SENDING = "verzenden", _("wordt verstuurd")
    SENT = "verstuurd", _("verstuurd")


class MeetingMail(WrittenMail):
    """A mail from the editors to everyone registered for a meeting (with a place or on the
    waiting list). The list of recipients is fixed when sending is confirmed."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="mails"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingMailStatus.choices,
        default=MeetingMailStatus.DRAFT,
    )

    class Meta(WrittenMail.Meta):
        verbose_name = _("mail aan de aangemelden")
        verbose_name_plural = _("mails aan de aangemelden")


class MeetingMailSkipReason(models.TextChoices):
    CANCELLED = "afgemeld", _("afgemeld voor de bijeenkomst")
    NO_ADDRESS = "geen adres", _("geen e-mailadres (meer)")


class MeetingMailDelivery(ClaimedDelivery):
    """One mail to one registration, claimed before it goes out (kring.core.bulkmail), so a
    retried task or a second worker never sends it twice; the address is read from the
    registration at sending time and not kept here."""

    mail = models.ForeignKey(
        MeetingMail, verbose_name=_("mail"), on_delete=models.CASCADE, related_name="deliveries"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("aanmelding"),
        on_delete=models.CASCADE,
        related_name="mail_deliveries",
    )
    skip_reason = models.CharField(
        _("reden overgeslagen"), max_length=15, choices=MeetingMailSkipReason.choices, blank=True
    )

    class Meta(ClaimedDelivery.Meta):
        verbose_name = _("verzending van een mail aan de aangemelden")
        verbose_name_plural = _("verzendingen van mails aan de aangemelden")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mail", "registration"], name="one_meeting_mail_per_registration"
            )
        ]

    def __str__(self):
        return f"{self.mail_id}: {self.get_status_display()}"


class Picture(EnglishText, models.Model):
    """A conversation picture ('plaatje') to download and print."""

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(
        _("waar het gesprek over gaat"),
        help_text=_("Wat laat het plaatje zien, en welke vraag stelt u erbij?"),
    )
    image = models.ImageField(_("plaatje"), upload_to="public/pictures/")
    image_alt = models.CharField(_("wat staat er op het plaatje"), max_length=300)
    title_en = models.CharField(_("titel in het Engels"), max_length=200, blank=True)
    description_en = models.TextField(_("waar het gesprek over gaat, in het Engels"), blank=True)
    image_alt_en = models.CharField(
        _("wat staat er op het plaatje, in het Engels"), max_length=300, blank=True
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thema's"), related_name="pictures", blank=True
    )
    is_published = models.BooleanField(_("zichtbaar op de site"), default=False)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    version = version_field()

    class Meta:
        verbose_name = _("plaatje")
        verbose_name_plural = _("plaatjes")
        ordering = ["title"]

    def __str__(self):
        return self.localized.title


class SubscriberStatus(models.TextChoices):
    PENDING = "wacht", _("wacht op bevestiging")
    CONFIRMED = "bevestigd", _("bevestigd")
    UNSUBSCRIBED = "afgemeld", _("afgemeld")


class Subscriber(models.Model):
    """Someone on the newsletter list. The proof of consent is kept: the exact text agreed to,
    when, and a keyed hash of the IP address (not the address itself)."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    consent_text = models.TextField(_("tekst waarmee ingestemd is"))
    consent_at = models.DateTimeField(_("ingestemd op"))
    consent_ip_hash = models.CharField(_("versleuteld IP-adres"), max_length=64, blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        ordering = ["email"]

    def __str__(self):
        return self.email


class NewsletterStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    SCHEDULED = "gepland", _("ingepland")
    SENDING = "verzenden", _("wordt verstuurd")
    SENT = "verstuurd", _("verstuurd")


class Newsletter(models.Model):
    """An issue of the network's newsletter. Its status moves only forward through the
    services (concept → ingepland → wordt verstuurd → verstuurd; a schedule can go back to
    concept), each step one conditional update, so an issue is never sent twice. Sent issues
    are public in the archive."""

    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    status = models.CharField(
        _("status"), max_length=20, choices=NewsletterStatus.choices, default=NewsletterStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    scheduled_at = models.DateTimeField(_("versturen op"), null=True, blank=True)
    send_started_at = models.DateTimeField(_("versturen begonnen op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    version = version_field()

    class Meta:
        verbose_name = _("nieuwsbrief")
        verbose_name_plural = _("nieuwsbrieven")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="gepland") | models.Q(scheduled_at__isnull=False),
                name="newsletter_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["verzenden", "verstuurd"])
                | models.Q(send_started_at__isnull=False),
                name="newsletter_sending_has_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="verstuurd") | models.Q(sent_at__isnull=False),
                name="newsletter_sent_has_time",
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("public:newsletter_issue", kwargs={"pk": self.pk})


class SkipReason(models.TextChoices):
    UNSUBSCRIBED = "afgemeld", _("afgemeld voor de nieuwsbrief")


class Delivery(ClaimedDelivery):
    """One newsletter to one subscriber: the report of what was sent, and a guard against
    sending twice when a task is retried or a second worker runs (kring.core.bulkmail)."""

    newsletter = models.ForeignKey(
        Newsletter,
        verbose_name=_("nieuwsbrief"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("abonnee"), on_delete=models.CASCADE, related_name="deliveries"
    )
    skip_reason = models.CharField(
        _("reden overgeslagen"), max_length=15, choices=SkipReason.choices, blank=True
    )

    class Meta(ClaimedDelivery.Meta):
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"], name="one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["newsletter", "status"], name="public_delivery_status")]

    def __str__(self):
        return f"{self.newsletter} → {self.subscriber}"


PROFILE_FIELDS = [
    "public_place",
    "public_province",
    "public_teaser",
    "public_description",
    "public_themes",
    "public_logo",
    # kring.communities.models.PublicContact
    "public_email",
    "public_email_shown",
    "public_contact_form",
    "public_website",
    "public_phone",
    "public_address",
]


class ProfileDraft(PublicContact, models.Model):
    """Changes to a collective's public profile that are not public yet. The public site reads
    only the published fields on ``Collective``; publishing copies these over, discarding
    deletes them."""

    collective = models.OneToOneField(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="profile_draft",
    )
    public_place = models.CharField(_("plaats (openbaar)"), max_length=100, blank=True)
    public_province = models.CharField(
        _("provincie (openbaar)"), max_length=20, choices=Province.choices, blank=True
    )
    public_teaser = models.CharField(
        _("korte tekst voor de ledenlijst"), max_length=200, blank=True
    )
    public_description = models.TextField(_("openbare beschrijving"), blank=True)
    public_themes = models.CharField(_("thema's (met komma's)"), max_length=300, blank=True)
    # Re-encoded on upload (kring.core.images), like the published logo.
    public_logo = models.ImageField(_("logo (openbaar)"), upload_to="logos/", blank=True)
    updated_at = models.DateTimeField(_("laatst bewaard"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bewaard door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = version_field()

    class Meta:
        verbose_name = _("concept van een openbaar profiel")
        verbose_name_plural = _("concepten van openbare profielen")

    def __str__(self):
        return str(self.collective)

    @property
    def is_ready(self) -> bool:
        return bool(self.public_teaser and self.public_place)

    def as_member(self):
        """The collective as the public would see it with this draft published: an unsaved
        copy, so the preview renders through the public templates themselves."""
        from copy import copy

        member = copy(self.collective)
        for name in PROFILE_FIELDS:
            value = getattr(self, name)
            setattr(member, name, value.name if name == "public_logo" else value)
        return member


class EditorImage(models.Model):
    """A picture an editor put in a rich text. Checked and re-encoded on upload
    (kring.core.images); rich text may show pictures from this folder only."""

    image = models.ImageField(_("afbeelding"), upload_to="public/editor/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("afbeelding in een tekst")
        verbose_name_plural = _("afbeeldingen in teksten")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.image.name
