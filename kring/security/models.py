"""Recovery codes for the second log-in step. The TOTP apps on phones are django-otp's
TOTPDevice; the codes for when the phone is lost are our own device, because django-otp's
static tokens are stored as plain text and these must be stored hashed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

_HASH_SALT = "kring.security.recovery-code"


def normalise_code(code: str) -> str:
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def hash_code(code: str) -> str:
    # The codes carry 60 random bits: a keyed hash is enough; a slow hash would only slow log-in.
    return salted_hmac(_HASH_SALT, normalise_code(code), algorithm="sha256").hexdigest()


class RecoveryCodeDevice(ThrottlingMixin, Device):
    """Ten one-time codes on paper, for when the phone is lost."""

    class Meta(Device.Meta):
        verbose_name = _("herstelcodes")
        verbose_name_plural = _("herstelcodes")

    def get_throttle_factor(self):
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    def verify_token(self, token):
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        digest = hash_code(token)
        for code in self.codes.filter(used_at__isnull=True):
            if constant_time_compare(code.code_hash, digest):
                code.used_at = timezone.now()
                code.save(update_fields=["used_at"])
                self.throttle_reset()
                return True
        self.throttle_increment()
        return False


class RecoveryCode(models.Model):
    device = models.ForeignKey(
        RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes", verbose_name=_("set")
    )
    code_hash = models.CharField(_("vingerafdruk van de code"), max_length=64)
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("herstelcode")
        verbose_name_plural = _("herstelcodes")

    def __str__(self):
        return f"{self.device_id}: {'gebruikt' if self.used_at else 'ongebruikt'}"
