"""A member collective's public profile as a draft an editor checks before it is published."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kring.communities.models import Province, PublicContact
from kring.core.locking import version_field

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
