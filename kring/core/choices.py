from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who inside (or outside) the collective may see a record, from narrow to wide."""

    BUILDERS = "buurtmakers", _("alleen buurtmakers")
    MEMBERS = "leden", _("leden van het collectief")
    PUBLIC = "openbaar", _("iedereen (openbaar)")


class Source(models.TextChoices):
    """Where a record came from, so anyone can trace it back."""

    CONVERSATION = "gesprek", _("gaven-gesprek")
    PAPER = "papier", _("papieren formulier")
    MANUAL = "handmatig", _("ingevoerd door een buurtmaker")
    RESIDENT = "bewoner", _("door de bewoner zelf")
    IMPORT = "import", _("geïmporteerd")
