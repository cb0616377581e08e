"""Erasure asks every app for its part (kring.core.erasure): every model that points at a
resident must be named by a registered part, so a new app with personal data cannot be left
out of the erasure."""

from django.apps import apps

from kring.core import erasure
from kring.people.models import Resident


def models_pointing_at_residents() -> set[str]:
    """The rule: a model holds personal data about a resident when it is the resident's record
    or has a foreign key, one-to-one or many-to-many field to it (through tables included)."""
    found = {Resident._meta.label_lower}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is Resident:
                found.add(model._meta.label_lower)
    return found


def test_every_model_with_personal_data_has_an_erasure_part():
    missing = models_pointing_at_residents() - erasure.covered_models()
    assert not missing, f"no erasure part answers for {sorted(missing)}"


def test_the_rule_finds_the_models_of_higher_apps():
    found = models_pointing_at_residents()
    # Two apps that are not kring.privacy's own: a part forgotten there would show.
    assert {"initiatives.pledge", "assets.asset_tellers", "people.consent"} <= found


def test_a_part_that_is_unregistered_is_missed(settings):
    part = next(p for p in erasure.parts() if p.name == "initiatives-participation")
    erasure.unregister(part.name)
    try:
        assert "initiatives.pledge" in models_pointing_at_residents() - erasure.covered_models()
    finally:
        erasure.register(part.name, part.run, models=part.models, position=part.position)
