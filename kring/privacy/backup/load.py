"""Loading a backup's rows: raw, in batches per model, with the rows behind natural keys looked
up once each; foreign keys checked at the end and the tables' counters moved past the restored
keys."""

import json
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection

from .common import BackupError


class _Deserializer(PythonDeserializer):
    """Django's deserialiser, with the rows behind natural keys (users, by their e-mail) looked
    up once each: from the archive's own rows as they pass by, else from the database. Django's
    own asks the database again for every row that refers to a user."""

    def __init__(self, objects, **options):
        super().__init__(objects, **options)
        self.natural: dict[tuple, object] = {}

    def remember(self, instance) -> None:
        if hasattr(instance, "natural_key"):
            self.natural[(type(instance), tuple(instance.natural_key()))] = instance.pk

    def _natural_pk(self, model, value):
        key = (model, tuple(value))
        if key not in self.natural:
            self.natural[key] = (
                model._default_manager.db_manager(self.using).get_by_natural_key(*value).pk
            )
        return self.natural[key]

    def _handle_fk_field_node(self, field, field_value):
        model = field.remote_field.model
        if (
            isinstance(field_value, list)
            and hasattr(model._default_manager, "get_by_natural_key")
            and field.remote_field.field_name == model._meta.pk.name
        ):
            return model._meta.pk.to_python(self._natural_pk(model, field_value))
        return super()._handle_fk_field_node(field, field_value)

    def _handle_m2m_field_node(self, field, field_value):
        model = field.remote_field.model
        if hasattr(model._default_manager, "get_by_natural_key") and all(
            isinstance(value, list) for value in field_value
        ):
            return [self._natural_pk(model, value) for value in field_value]
        return super()._handle_m2m_field_node(field, field_value)


def _insert(model, instances: list, m2m: list) -> None:
    """The rows as they were saved: raw, so no save signals fire and no field fills itself in
    (``auto_now``), in batches the database takes in one statement."""
    if instances:
        fields = model._meta.local_concrete_fields
        size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, instances)))
        for start in range(0, len(instances), size):
            model._base_manager._insert(
                instances[start : start + size], fields=fields, raw=True, using=DEFAULT_DB_ALIAS
            )
    by_through: dict = {}
    for instance, m2m_data in m2m:
        for name, values in m2m_data.items():
            remote = model._meta.get_field(name).remote_field
            through = remote.through
            source = remote.field.m2m_field_name()
            target = remote.field.m2m_reverse_field_name()
            by_through.setdefault(through, []).extend(
                through(**{f"{source}_id": instance.pk, f"{target}_id": value}) for value in values
            )
    for through, rows in by_through.items():
        fields = [f for f in through._meta.local_concrete_fields if not f.primary_key]
        size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, rows)))
        for start in range(0, len(rows), size):
            through._base_manager._insert(
                rows[start : start + size], fields=fields, raw=True, using=DEFAULT_DB_ALIAS
            )


# Rows per INSERT statement (fewer where the database takes fewer values in one statement).
BATCH = 1000


def load_rows(data: Path) -> None:
    """Every row of data.json into the database in batches, model by model, as the backup wrote
    them (dependency order); foreign keys are checked once at the end, in this transaction (on
    both databases they are deferred to the commit, which a dry run never reaches), and the
    tables' counters continue after the highest restored key."""
    try:
        with data.open(encoding="utf-8") as stream:
            objects = json.load(stream)
    except ValueError as error:
        raise BackupError(f"De gegevens in de backup zijn beschadigd: {error}") from error
    # Read from the end, so each row's parsed form is let go of once it is loaded.
    objects.reverse()

    def rows():
        while objects:
            yield objects.pop()

    deserializer = _Deserializer(rows(), using=DEFAULT_DB_ALIAS)
    loaded: set = set()
    model, batch, m2m = None, [], []
    try:
        for item in deserializer:
            instance = item.object
            if type(instance) is not model or len(batch) >= BATCH:
                if model is not None:
                    _insert(model, batch, m2m)
                model, batch, m2m = type(instance), [], []
                loaded.add(model)
            deserializer.remember(instance)
            batch.append(instance)
            if item.m2m_data:
                m2m.append((instance, item.m2m_data))
        if model is not None:
            _insert(model, batch, m2m)
        with_through = loaded | {
            f.remote_field.through
            for m in loaded
            for f in m._meta.local_many_to_many
            if f.remote_field.through._meta.auto_created
        }
        connection.check_constraints(table_names=[m._meta.db_table for m in with_through])
    except (DeserializationError, ObjectDoesNotExist) as error:
        raise BackupError(f"De gegevens in de backup zijn beschadigd: {error}") from error
    except IntegrityError as error:
        raise BackupError(
            f"De gegevens in de backup passen niet bij elkaar; er is niets teruggezet: {error}"
        ) from error
    statements = connection.ops.sequence_reset_sql(no_style(), list(with_through))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
