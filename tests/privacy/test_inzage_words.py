"""The inzage (everything kept about a resident) names every field in the reader's words: no
field of a record that reaches it lacks a Dutch name (which would show as "created at" in both
languages), and in English no label is left in Dutch."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise

from kring.communities.models import Invitation
from kring.initiatives.models import Connection, Pledge
from kring.people.models import Conversation, Resident
from kring.privacy.models import AuditCheckpoint
from kring.privacy.selectors import KNOWN_RELATIONS

from .. import factories

# Words that are the same in Dutch and English.
SAME_IN_BOTH = {"Status", "Website", "Labels"}


def _shown_fields(model):
    """The fields the inzage shows of a record (as kring.privacy.selectors._row does)."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in ("id", "collective") and not f.name.endswith("_hash")
    ]


def test_every_field_that_reaches_the_inzage_has_a_dutch_name():
    models = {Resident, Invitation}
    for relation in Resident._meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            models.add(relation.related_model)
    assert {"consents", "conversations"} <= KNOWN_RELATIONS
    assert Conversation in models
    nameless = [
        f"{model._meta.label}.{field.name}"
        for model in models
        for field in _shown_fields(model)
        if not isinstance(field.verbose_name, Promise)
    ]
    assert not nameless, nameless


def test_the_audit_checkpoint_has_dutch_field_names():
    nameless = [
        f.name
        for f in AuditCheckpoint._meta.concrete_fields
        if f.name != "id" and not isinstance(f.verbose_name, Promise)
    ]
    assert not nameless, nameless


def _labels(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", label).strip() for label in re.findall(r"<dt>(.*?)</dt>", html)]


@pytest.mark.django_db
def test_the_inzage_page_in_english_has_no_dutch_or_raw_labels(client, bob, collective):
    henk = factories.ResidentFactory(collective=collective, name="Henk de Vries")
    factories.ConsentFactory(resident=henk)
    factories.GiftFactory(collective=collective, resident=henk, title="Zingt in een koor")
    Conversation.objects.create(
        collective=collective, resident=henk, held_on=timezone.localdate(), method="telefoon"
    )
    karel = factories.ResidentFactory(collective=collective, name="Karel Appel")
    initiative = factories.InitiativeFactory(collective=collective, title="Buurtmoestuin")
    initiative.participants.add(henk)
    Pledge.objects.create(
        initiative=initiative,
        resident=henk,
        kind="uren",
        amount=Decimal("12"),
        pledged_on=timezone.localdate(),
    )
    Connection.objects.create(
        collective=collective,
        resident=henk,
        other_resident=karel,
        kind="ontmoet",
        happened_on=timezone.localdate(),
    )
    client.force_login(bob)
    url = reverse("privacy:resident", args=[collective.slug, henk.pk])
    dutch = _labels(client.get(url).content.decode())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    english = _labels(page)

    # (Each look at the page adds a line to the audit section, so the lists differ in length.)
    assert len(english) > 20
    assert "Ingevoerd op" in dutch and "Entered on" in english
    raw = [label for label in dutch + english if "_" in label or label.lower() == "created at"]
    assert not raw, raw
    untranslated = sorted(set(english) & set(dutch) - SAME_IN_BOTH)
    assert not untranslated, untranslated
