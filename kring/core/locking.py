"""Optimistic locking for records two people may edit at once (residents, assets).

The edit form carries the version it was loaded with; the service locks the row, compares and
raises EditConflict when someone else saved in between. The view then shows the form again with
the other person's values beside what this person typed, and the newer version in the form, so
saving once more is a conscious choice."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    def __init__(self, current: models.Model):
        super().__init__(f"{current._meta.label} {current.pk} changed meanwhile")
        self.current = current


def check_version(instance: models.Model, expected: int | None) -> None:
    """Call inside the saving transaction. Locks the row; raises EditConflict when it changed
    since ``expected`` was read; otherwise moves ``instance`` to the next version."""
    current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    if expected is not None and current.version != expected:
        raise EditConflict(current)
    instance.version = current.version + 1


CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit ook aangepast, terwijl u bezig was. Uw tekst staat nog in het "
    "formulier. Kijk hieronder wat er nu is opgeslagen. Neem over wat u wilt houden en klik "
    "dan opnieuw op Opslaan."
)


class VersionedFormMixin:
    """Adds the hidden version field to a model form."""

    def add_version_field(self):
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, min_value=1, initial=self.instance.version
        )

    def show_conflict(self, current: models.Model) -> list[dict]:
        """Turn the form into a conflict answer; returns the fields whose saved value differs
        from what this person typed, with both values, for the page to show."""
        self.add_error(None, CONFLICT_MESSAGE)
        data = self.data.copy()
        data["version"] = current.version
        self.data = data
        rows = []
        for name, field in self.fields.items():
            if name == "version" or not hasattr(current, name):
                continue
            model_field = current._meta.get_field(name)
            if model_field.many_to_many:
                continue
            saved = getattr(current, name)
            typed = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
            if typed == saved or (typed in (None, "") and saved in (None, "")):
                continue
            display = getattr(current, f"get_{name}_display", None)
            rows.append({"label": field.label, "saved": display() if display else saved})
        return rows
