from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who logs in. Roles in a collective live on Membership; a municipality user is
    bound to one gemeente; network editors keep the network's public site."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=150)
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("gemeente (voor medewerkers van de gemeente)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    is_network_editor = models.BooleanField(_("redacteur van het netwerk"), default=False)
    is_staff = models.BooleanField(_("beheerder van de installatie"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def is_municipality_user(self) -> bool:
        return self.municipality_id is not None

    @cached_property
    def has_resident_records(self) -> bool:
        """Whether this log-in opens records of a resident (the footer's "Mijn Kring" link);
        a request's user has it read with the user (kring.security.signed_in)."""
        return self.resident_records.exists()


class WorkerHeartbeat(models.Model):
    """A background worker (``manage.py kring_worker``) says it is alive every few seconds.
    When one stops saying so (its machine or process died mid-task), another worker puts the
    task it was running back in the queue; see ``kring.core.workers``."""

    worker_id = models.CharField(_("werker"), max_length=64, unique=True)
    host = models.CharField(_("machine"), max_length=255)
    pid = models.PositiveIntegerField(_("proces"))
    started_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    seen_at = models.DateTimeField(_("laatst gezien"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("achtergrondwerker")
        verbose_name_plural = _("achtergrondwerkers")

    def __str__(self):
        return f"{self.worker_id} ({self.host}, {self.pid})"


class DataVersion(models.Model):
    """The version of one collective's data: a new value whenever a row the cached parts of its
    pages show is written, however it is written (``kring.core.pagecache``), whatever its kind
    (``KindVersion`` has one per kind). Every writer of a collective takes this row first. Database triggers
    set it (``kring.core.versioning``), so ``bulk_create``, ``QuerySet.update``, raw SQL, imports
    and restores change it too. A random 63-bit value rather than a count: a database restored
    from a backup never meets a cached part of a later state under the same version.
    No foreign key: the row outlives its collective, so a new collective that gets the same id
    (SQLite may hand out an id again) starts from a fresh value."""

    collective_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField()

    def __str__(self):
        return f"{self.collective_id}: {self.version}"


class KindVersion(models.Model):
    """The version of one kind of a collective's data (``kring.core.versioning.KINDS``: its
    people, its assets of one category, its connections, ...): a new random value whenever a
    row of that kind is written. A kept part of a page names the kinds it shows and is kept
    under their versions, so a write drops only the parts that can show it. Set by database
    triggers as ``DataVersion`` is; no foreign key, for the same reasons."""

    collective_id = models.BigIntegerField()
    kind = models.CharField(max_length=60)
    version = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collective_id", "kind"], name="kind_version_once")
        ]

    def __str__(self):
        return f"{self.collective_id} {self.kind}: {self.version}"
