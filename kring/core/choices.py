from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


class ChoiceLabels:
    """For models whose ``get_FOO_display`` is shown in lists: Django builds a dictionary of
    every choice on each call, translating each label to hash it (a list of 30 gifts made ~90
    such calls). This keeps the dictionary of lazy labels per field and translates only the
    label shown, in the language of the request."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            labels = field.__dict__.get("_kring_choice_labels")
            if labels is None:
                labels = field._kring_choice_labels = dict(field.flatchoices)
            label = labels.get(value, value)
        except TypeError:  # unhashable choices or value (a JSON field's list): Django's way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


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
