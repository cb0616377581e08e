"""A check constraint that Django's model validation checks in Python instead of asking the
database: Django's ``CheckConstraint.validate`` builds and runs a query (``SELECT 1 WHERE
…``, inside a transaction in a savepoint of its own) for every constraint on every
``full_clean()``, and a new asset is validated twice (by its form and by its service): ten of
a new asset's 27 statements and their building (docs/performance.md, Load).

``CheckConstraint`` here is Django's, with ``validate`` answering in Python when the condition
is made only of plain comparisons of the model's own fields with values (``exact``,
``isnull``, ``lt``, ``lte``, ``gt``, ``gte``, ``in``, joined by AND, OR and NOT), with SQL's
meaning: a comparison with NULL is unknown, and a constraint whose condition is unknown holds
(as in the database and in Django's check). Any other condition goes to Django's query as
before. The database keeps enforcing the constraint itself; migrations see Django's class."""

import operator

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import Q

_COMPARE = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}


class _AskTheDatabase(Exception):
    """The condition has a part this module does not evaluate."""


class _Excluded(Exception):
    """The condition names a field left out of the validation."""


def _field_value(model, instance, name: str, exclude):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        raise _AskTheDatabase from None
    if not field.concrete or field.many_to_many or getattr(field, "generated", False):
        raise _AskTheDatabase
    if exclude and name in exclude:
        raise _Excluded
    value = getattr(instance, field.attname)
    if hasattr(value, "resolve_expression"):
        raise _AskTheDatabase
    return field, value


def _comparison(model, instance, lookup: str, wanted, exclude):
    """True, False or None (unknown, as SQL's NULL)."""
    name, _, kind = lookup.partition("__")
    kind = kind or "exact"
    if hasattr(wanted, "resolve_expression") or "__" in kind:
        raise _AskTheDatabase
    field, value = _field_value(model, instance, name, exclude)
    if kind == "isnull":
        return (value is None) is bool(wanted)
    if kind == "exact" and wanted is None:
        return value is None  # Django turns "= None" into IS NULL
    if kind == "in":
        wanted = [field.get_prep_value(item) for item in wanted]
        if value is None:
            return None
        value = field.get_prep_value(value)
        if value in wanted:
            return True
        return None if None in wanted else False
    compare = _COMPARE.get(kind)
    if compare is None:
        raise _AskTheDatabase
    if value is None:
        return None
    try:
        return compare(field.get_prep_value(value), field.get_prep_value(wanted))
    except (TypeError, ValueError, ValidationError):
        raise _AskTheDatabase from None


def _evaluate(condition: Q, model, instance, exclude):
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(_evaluate(child, model, instance, exclude))
        elif isinstance(child, tuple) and len(child) == 2:
            results.append(_comparison(model, instance, *child, exclude))
        else:
            raise _AskTheDatabase  # an expression
    if condition.connector == Q.AND:
        result = False if False in results else (None if None in results else True)
    elif condition.connector == Q.OR:
        result = True if True in results else (None if None in results else False)
    else:
        raise _AskTheDatabase
    if condition.negated and result is not None:
        result = not result
    return result


def holds(condition: Q, model, instance, exclude=None) -> bool | None:
    """Whether ``condition`` holds for ``instance`` as the database would judge it (True, or
    None when unknown, both pass); None too when a field it names is excluded. Raises
    ``LookupError`` for a condition this module does not evaluate."""
    try:
        return _evaluate(condition, model, instance, exclude)
    except _Excluded:
        return None
    except _AskTheDatabase:
        raise LookupError(f"not evaluated in Python: {condition!r}") from None


class CheckConstraint(models.CheckConstraint):
    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            result = holds(Q(self.condition), model, instance, exclude)
        except LookupError:
            return super().validate(model, instance, exclude=exclude, using=using)
        if result is False:
            raise ValidationError(
                self.get_violation_error_message(), code=self.violation_error_code
            )

    def deconstruct(self):
        # Django's own constraint in migrations: checking in Python changes nothing there.
        _path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs
