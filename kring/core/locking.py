"""Optimistic locking for every record people edit through a form or the API.

Each such model has a ``version`` field (``version_field()``). The edit form carries the version
it was loaded with (``VersionedFormMixin``); the service locks the row inside its transaction and
calls ``check_version``, which raises EditConflict when someone else saved in between. The view
runs the save through ``save_or_conflict``: on a conflict the form is shown again with what this
person typed, the other person's values beside it, and the newer version in the form, so saving
once more is a conscious choice. The API turns the same EditConflict into 409, and a stale
``If-Match`` into 412 (kring.api)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


def version_field() -> models.PositiveIntegerField:
    """The ``version`` field of an editable model: 1 when created, one up with every save
    through a service."""
    return models.PositiveIntegerField(_("versie"), default=1)


class EditConflict(Exception):
    def __init__(self, current: models.Model):
        super().__init__(f"{current._meta.label} {current.pk} changed meanwhile")
        self.current = current


def check_version(instance: models.Model, expected: int | None) -> None:
    """Call inside the saving transaction. Locks the row; raises EditConflict when it changed
    since ``expected`` was read; otherwise moves ``instance`` to the next version. A record
    not saved yet has nothing to compare with."""
    if instance.pk is None or instance._state.adding:
        return
    current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    if expected is not None and current.version != expected:
        raise EditConflict(current)
    instance.version = current.version + 1


def bump_version(instance: models.Model) -> None:
    """For a change that is not an edit of what someone typed (a status button, a send): the
    record still moves to a new version, so an edit form loaded before it is refused."""
    check_version(instance, None)


CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit ook aangepast, terwijl u bezig was. Uw tekst staat nog in het "
    "formulier. Kijk hieronder wat er nu is opgeslagen. Neem over wat u wilt houden en klik "
    "dan opnieuw op Opslaan."
)


def _display(current: models.Model, name: str, value):
    display = getattr(current, f"get_{name}_display", None)
    if display is not None:
        return display()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return value


class VersionedFormMixin:
    """Adds the hidden version field to a form that edits an existing record: a model form
    (its instance's version) or a plain form given ``version=``."""

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if version is not None:
            self.add_version_field(version)
        elif instance is not None and instance.pk is not None:
            self.add_version_field()

    def add_version_field(self, version: int | None = None):
        # 0: the record this form would change did not exist yet when the form was shown.
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=0,
            initial=self.instance.version if version is None else version,
        )

    @property
    def expected_version(self) -> int | None:
        """The version this form was loaded with (None for a form that creates a record)."""
        return self.cleaned_data.get("version") if "version" in self.fields else None

    def conflict_rows(self, current: models.Model) -> list[dict]:
        """The fields whose saved value differs from what this person typed, with the saved
        value, for the page to show. Forms whose fields are not the model's override this."""
        rows = []
        for name, field in self.fields.items():
            if name == "version" or not hasattr(current, name):
                continue
            try:
                model_field = current._meta.get_field(name)
            except Exception:  # a property or method, not a field
                continue
            typed = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
            if model_field.many_to_many:
                saved = getattr(current, name).all()
                if getattr(field, "queryset", None) is not None:
                    # Only what this person may see and choose: no names they may not see.
                    saved = saved.filter(pk__in=field.queryset.values("pk"))
                saved = set(saved)
                if typed is not None and set(typed) == saved:
                    continue
                shown = ", ".join(sorted(str(obj) for obj in saved))
                rows.append({"label": field.label, "saved": shown})
                continue
            saved = getattr(current, name)
            if typed == saved or (typed in (None, "") and saved in (None, "")):
                continue
            if isinstance(model_field, models.FileField):
                saved = saved.name if saved else ""
            rows.append({"label": field.label, "saved": _display(current, name, saved)})
        return rows

    def show_conflict(self, current: models.Model) -> list[dict]:
        """Turn the form into a conflict answer (the message, the newer version in the form,
        everything typed kept); returns the rows of ``conflict_rows``."""
        self.add_error(None, CONFLICT_MESSAGE)
        data = self.data.copy()
        data[self.add_prefix("version")] = current.version
        self.data = data
        return self.conflict_rows(current)


def save_or_conflict(form: VersionedFormMixin, save: Callable[[], Any]) -> tuple[Any, dict | None]:
    """Run ``save()`` (which calls a service that checks the version). Returns what it returned
    and no conflict; or, when someone else saved in between, None and the conflict for the page
    (``core/_edit_conflict.html``): the rows that differ and who saved last."""
    try:
        return save(), None
    except EditConflict as error:
        return None, {
            "rows": form.show_conflict(error.current),
            "by": getattr(error.current, "updated_by", None),
        }


class _VersionedAdminForm(VersionedFormMixin):
    """The admin's change form with the version check: the admin view saves inside one
    transaction, so the row is locked here and stays locked until the save."""

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk is None or self.errors:
            return
        try:
            check_version(self.instance, self.cleaned_data.get("version"))
        except EditConflict as error:
            rows = self.show_conflict(error.current)
            for row in rows:
                self.add_error(None, f"{row['label']}: {row['saved'] or '—'}")


class VersionedAdminMixin:
    """For a ModelAdmin whose records people change: a stale save is refused (as in the app)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form
        return type(f"Versioned{form.__name__}", (_VersionedAdminForm, form), {})

    def get_exclude(self, request, obj=None):
        # The version travels as a hidden field of its own, never as a number to type.
        return [*(super().get_exclude(request, obj) or []), "version"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        (name, options), *rest = fieldsets
        fields = [f for f in options.get("fields", ()) if f != "version"]
        return [(name, {**options, "fields": [*fields, "version"]}), *rest]
