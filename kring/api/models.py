"""Personal API tokens. A token belongs to one person and one collective and never grants more
than that person's role there at the moment of the request. A municipality token belongs to a
municipality user and that gemeente instead (exactly one of the two, checked by the database),
is always read-only and reaches only the gemeente's aggregated figures. Only a hash of the secret is kept,
so a copy of the database cannot be used to call the API."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "lezen", _("alleen lezen")
    READ_WRITE = "schrijven", _("lezen en schrijven")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    collective = models.ForeignKey(
        "communities.Collective",
        verbose_name=_("collectief"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
        null=True,
        blank=True,
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
        null=True,
        blank=True,
    )
    name = models.CharField(_("naam"), max_length=100)
    scope = models.CharField(_("mag"), max_length=10, choices=Scope.choices, default=Scope.READ)
    # The first characters of the secret, so its owner can tell tokens apart; not enough to use.
    prefix = models.CharField(_("begint met"), max_length=12, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["collective", "user"])]
        constraints = [
            models.CheckConstraint(
                name="api_token_one_scope",
                condition=(
                    models.Q(collective__isnull=False, municipality__isnull=True)
                    | models.Q(collective__isnull=True, municipality__isnull=False, scope="lezen")
                ),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def may_write(self) -> bool:
        return self.scope == Scope.READ_WRITE
