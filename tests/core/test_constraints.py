"""Check constraints validated in Python (kring.core.constraints) judge every value as
Django's query to the database does, with SQL's NULL; what they cannot judge goes to it."""

import itertools
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext

from kring.assets.models import Asset
from kring.core.constraints import CheckConstraint, holds


def _database_says(constraint, instance, exclude) -> bool:
    try:
        models.CheckConstraint.validate(constraint, Asset, instance, exclude=exclude)
    except ValidationError:
        return False
    return True


def _ours(constraint, instance, exclude) -> bool:
    try:
        constraint.validate(Asset, instance, exclude=exclude)
    except ValidationError:
        return False
    return True


@pytest.mark.django_db
def test_the_assets_constraints_judge_as_the_database(collective):
    constraints = [c for c in Asset._meta.constraints if isinstance(c, CheckConstraint)]
    assert len(constraints) == 3
    values = {
        "category": ["gift", "association", "place"],
        "resident_id": [None, 1],
        "gift_kind": ["", "hoofd"],
        "visibility": ["openbaar", "leden"],
        "latitude": [None, -90.0, 52.1, 90.5, -91],
        "longitude": [None, 180.0, 4.3, -180.2],
    }
    excludes = [None, {"resident"}, {"latitude"}, {"category", "visibility"}]
    combinations = list(itertools.product(*values.values()))
    random.Random(3).shuffle(combinations)
    judged = 0
    for combination in combinations[:150]:
        instance = Asset(
            collective=collective, title="x", **dict(zip(values, combination, strict=True))
        )
        for constraint, exclude in itertools.product(constraints, excludes):
            assert _ours(constraint, instance, exclude) is _database_says(
                constraint, instance, exclude
            ), (constraint.name, combination, exclude)
            judged += 1
    assert judged == 150 * 3 * 4


@pytest.mark.django_db
def test_no_query_for_the_assets_constraints_and_the_database_for_others(
    collective, django_assert_num_queries
):
    gift = Asset(collective=collective, title="x", category="gift", visibility="openbaar")
    with django_assert_num_queries(0), pytest.raises(ValidationError) as refused:
        gift.validate_constraints()
    assert refused.value.messages
    # What Python does not judge here (an expression, a field of another model, a lookup
    # such as icontains) is asked of the database, as Django does.
    for condition in (Q(latitude__lte=F("longitude")), Q(title__icontains="x")):
        constraint = CheckConstraint(condition=condition, name="other")
        with pytest.raises(LookupError):
            holds(Q(constraint.condition), Asset, gift)
        with CaptureQueriesContext(connection) as asked:
            constraint.validate(Asset, gift)
        assert len(asked) >= 1


def test_sql_null_is_unknown_and_unknown_passes():
    asset = Asset(category="place", latitude=None, longitude=None)
    assert holds(Q(latitude__gte=-90), Asset, asset) is None
    assert holds(~Q(latitude__gte=-90), Asset, asset) is None
    assert holds(Q(latitude__gte=-90) | Q(category="place"), Asset, asset) is True
    assert holds(Q(latitude__gte=-90) & Q(category="gift"), Asset, asset) is False
    assert holds(Q(category__in=["gift", "story"]), Asset, asset) is False
    assert holds(Q(latitude=None), Asset, asset) is True
    assert holds(Q(resident__isnull=True), Asset, asset) is True
    assert holds(Q(latitude__gte=-90), Asset, asset, exclude={"latitude"}) is None


def test_migrations_see_djangos_constraint():
    constraint = CheckConstraint(condition=Q(latitude__gte=-90), name="n")
    path, _args, kwargs = constraint.deconstruct()
    assert path == "django.db.models.CheckConstraint"
    assert kwargs["name"] == "n"
    assert connection.vendor in ("sqlite", "postgresql")
