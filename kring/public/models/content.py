"""What editors publish: themes, articles, publications (PDF), conversation pictures and the
pictures in rich texts."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
