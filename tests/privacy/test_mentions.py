"""Erasure with care: before erasing, the buurtmaker sees every free text of the collective
that names the resident, edits it or says why it stays; the receipt says what happened."""

import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from kring.assets.models import Asset
from kring.initiatives.models import Connection, Initiative, Pledge
from kring.privacy.mentions import NameMatcher, find_mentions, name_variants
from kring.privacy.models import ErasureReceipt
from kring.privacy.selectors import erasure_mentions
from kring.privacy.services import erase_resident
from kring.privacy.text_places import EXCLUDED, PLACES, free_text_fields, uncovered
from tests import factories

# -- the registry ---------------------------------------------------------------------------


def test_every_free_text_field_is_scanned_or_excluded_with_a_reason():
    assert uncovered() == [], (
        "Add these fields to kring/privacy/text_places.py: PLACES (scanned before an erasure) "
        "or EXCLUDED (with the reason)"
    )


def test_the_registry_names_real_models_and_fields():
    for place in PLACES:
        model = place.model_class()
        assert set(place.fields) <= set(free_text_fields(model)), place.model
        reverse(place.url, args=["x"] if place.url_arg is None else ["x", 1])
    for label, reason in EXCLUDED.items():
        assert apps.get_model(label) and str(reason), label
    assert not {p.model for p in PLACES} & set(EXCLUDED)


def test_a_new_model_with_free_text_is_not_covered(monkeypatch):
    """The coverage check itself can fail: take a scanned model out and it is reported."""
    import kring.privacy.text_places as text_places

    monkeypatch.setattr(
        text_places, "PLACES", tuple(p for p in PLACES if p.model != "initiatives.Pledge")
    )
    assert text_places.uncovered() == ["initiatives.Pledge.description"]


# -- matching a name ------------------------------------------------------------------------


def test_name_variants_cover_full_first_and_last_name():
    assert name_variants("Noor van der Berg") == [
        "noor van der berg",
        "van der berg",
        "berg",
        "noor",
    ]
    assert name_variants("Zoë  Ouédraogo") == ["zoe ouedraogo", "ouedraogo", "zoe"]
    assert name_variants("X") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Noor van der Berg kookt mee", ["Noor van der Berg"]),
        ("NOOR VAN DER BERG kookt mee", ["NOOR VAN DER BERG"]),
        ("Met mevrouw Van der Berg", ["Van der Berg"]),
        ("Vraag het aan noor.", ["noor"]),
        ("Zoë en de Bergen", []),  # another name; "Berg" is not in "Bergen"
        ("Wandelen in het Noorderpark", []),  # "Noor" inside another word
        ("Bergweg 12", []),
        ("noor@example.nl helpt", ["noor"]),
        ("Noor\nvan der  Berg", ["Noor\nvan der  Berg"]),
    ],
)
def test_whole_words_case_and_spacing_do_not_matter(text, found):
    matcher = NameMatcher("Noor van der Berg")
    assert [text[a:b] for a, b in matcher.spans(text)] == found


def test_accents_are_folded_both_ways():
    assert NameMatcher("Zoë Ouédraogo").spans("Zoe helpt") == [(0, 3)]
    assert NameMatcher("Zoe Ouedraogo").spans("Bel Zoë of OUÉDRAOGO") == [(4, 7), (11, 20)]
    assert NameMatcher("Zoë Ouédraogo").mask("Zoë en Ouédraogo") == "… en …"
    # Accents written as a separate combining character still count, and stay in the span.
    assert NameMatcher("Zoë Ouédraogo").spans("Zoe\u0308 helpt") == [(0, 4)]
    assert NameMatcher("Zoë").spans("Zoeken naar Zoëlla") == []


# -- finding mentions in a collective -------------------------------------------------------


@pytest.fixture
def noor(collective):
    return factories.ResidentFactory(collective=collective, name="Noor Vermeulen")


@pytest.fixture
def texts(collective, other_collective, noor, bob):
    karel = factories.ResidentFactory(collective=collective, name="Karel Appel")
    initiative = factories.InitiativeFactory(
        collective=collective,
        title="Moestuin aan de Lindelaan",
        description="Bedacht door Noor en Karel. Vermeulen heeft de sleutel.",
    )
    return {
        "initiative": initiative,
        "need": factories.NeedFactory(initiative=initiative, text="Iemand die noor helpt spitten"),
        "activity": factories.ActivityFactory(initiative=initiative, title="Zaaien met Noor"),
        "story": factories.StoryFactory(
            collective=collective,
            title="Het Noorderpark",  # no mention: Noor is part of another word
            description="Vroeger was hier een wei. Noor Vermeulen weet het nog.",
            tellers=[karel],
        ),
        "group": factories.AssetFactory(
            collective=collective, category="association", contact="Noor Vermeulen, 06-1234"
        ),
        "her_gift": factories.GiftFactory(
            collective=collective, resident=noor, description="Noor bakt brood"
        ),
        "karel_pledge": Pledge.objects.create(
            initiative=initiative,
            resident=karel,
            kind="uren",
            amount=2,
            description="samen met Noor",
            pledged_on=timezone.localdate(),
        ),
        "her_note": Connection.objects.create(
            collective=collective,
            resident=karel,
            other_resident=noor,
            kind="voorgesteld",
            happened_on=timezone.localdate(),
            note="Noor kent de buurt",
        ),
        "elsewhere": factories.InitiativeFactory(
            collective=other_collective, title="Noor Vermeulen in Elders"
        ),
    }


@pytest.mark.django_db
def test_mentions_are_found_in_every_kind_of_text_of_the_collective(collective, noor, texts):
    found = {
        (m.model_label, m.pk, m.field) for m in find_mentions(collective=collective, name=noor.name)
    }
    assert found == {
        ("initiatives.initiative", texts["initiative"].pk, "description"),
        ("initiatives.need", texts["need"].pk, "text"),
        ("initiatives.activity", texts["activity"].pk, "title"),
        ("assets.asset", texts["story"].pk, "description"),
        ("assets.asset", texts["group"].pk, "contact"),
        ("assets.asset", texts["her_gift"].pk, "description"),
        ("initiatives.pledge", texts["karel_pledge"].pk, "description"),
        ("initiatives.connection", texts["her_note"].pk, "note"),
    }


@pytest.mark.django_db
def test_another_collectives_texts_are_never_read(collective, other_collective, noor, texts):
    other = find_mentions(collective=other_collective, name=noor.name)
    assert [(m.model_label, m.pk) for m in other] == [
        ("initiatives.initiative", texts["elsewhere"].pk)
    ]
    assert ("initiatives.initiative", texts["elsewhere"].pk) not in {
        (m.model_label, m.pk) for m in find_mentions(collective=collective, name=noor.name)
    }


@pytest.mark.django_db
def test_a_mention_says_where_and_links_to_where_it_is_changed(collective, noor, texts):
    by_key = {m.key: m for m in find_mentions(collective=collective, name=noor.name)}
    initiative = by_key[f"initiatives.initiative:{texts['initiative'].pk}:description"]
    assert initiative.url == reverse(
        "initiatives:edit", args=[collective.slug, texts["initiative"].pk]
    )
    assert initiative.count == 2  # "Noor" and "Vermeulen"
    assert initiative.excerpt_match == "Noor"
    assert initiative.excerpt_before == "Bedacht door "
    assert initiative.title == "Moestuin aan de Lindelaan"
    need = by_key[f"initiatives.need:{texts['need'].pk}:text"]
    assert need.url == reverse("initiatives:detail", args=[collective.slug, texts["initiative"].pk])
    activity = by_key[f"initiatives.activity:{texts['activity'].pk}:title"]
    assert activity.title == "Zaaien met …"  # titles never repeat the name


@pytest.mark.django_db
def test_texts_the_erasure_takes_away_are_told_apart(noor, texts):
    found = erasure_mentions(noor)
    cleared = {(m.model_label, m.pk) for m in found.cleared}
    assert cleared == {
        ("assets.asset", texts["her_gift"].pk),
        ("initiatives.connection", texts["her_note"].pk),
    }
    assert ("initiatives.pledge", texts["karel_pledge"].pk) in {
        (m.model_label, m.pk) for m in found.to_review
    }


# -- erasing, and the receipt ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_receipt_says_what_was_edited_left_and_cleared(collective, bob, noor, texts):
    before = erasure_mentions(noor)
    shown = [m.key for m in before.to_review]
    # The buurtmaker edits the initiative and the group, and keeps the rest with a reason.
    initiative = texts["initiative"]
    Initiative.objects.filter(pk=initiative.pk).update(description="Bedacht door twee buren.")
    group = texts["group"]
    group.contact = "Het buurthuis, 06-1234"
    group.save()
    edited = {
        f"initiatives.initiative:{initiative.pk}:description",
        f"assets.asset:{group.pk}:contact",
    }
    left = {m.key: "other_person" for m in before.to_review if m.key not in edited}
    left[f"initiatives.pledge:{texts['karel_pledge'].pk}:description"] = "agreed"
    result = erase_resident(actor=bob, resident=noor, shown=shown, left=left)

    receipt = ErasureReceipt.objects.get()
    assert receipt == result.receipt and receipt.reason == "request" and receipt.actor == bob
    outcomes = {(e["model"], e["pk"], e["field"]): e for e in receipt.mentions}
    assert outcomes[("initiatives.initiative", initiative.pk, "description")]["outcome"] == "edited"
    assert outcomes[("assets.asset", group.pk, "contact")]["outcome"] == "edited"
    pledge = outcomes[("initiatives.pledge", texts["karel_pledge"].pk, "description")]
    assert (pledge["outcome"], pledge["why"]) == ("left", "agreed")
    story = outcomes[("assets.asset", texts["story"].pk, "description")]
    assert (story["outcome"], story["why"]) == ("left", "other_person")
    assert outcomes[("assets.asset", texts["her_gift"].pk, "description")]["outcome"] == "cleared"
    assert (
        outcomes[("initiatives.connection", texts["her_note"].pk, "note")]["outcome"] == "cleared"
    )
    # Texts left stay as they are; the receipt itself names no one.
    assert Pledge.objects.get(pk=texts["karel_pledge"].pk).description == "samen met Noor"
    assert not re.search(r"\b(noor|vermeulen)\b", str(receipt.mentions).lower())
    assert "texts naming them: 8 (2 cleared, 2 edited, 0 removed, 4 left)" in result.summary()


@pytest.mark.django_db
def test_an_asset_edited_before_erasure_loses_the_name_in_its_history(collective, bob, noor, texts):
    group = texts["group"]
    key = f"assets.asset:{group.pk}:contact"
    group.contact = "Het buurthuis"
    group.save()
    assert group.history.filter(contact__icontains="Noor").exists()
    erase_resident(actor=bob, resident=noor, shown=[key])
    contacts = list(group.history.values_list("contact", flat=True))
    assert "…, 06-1234" in contacts and not any("Noor" in c for c in contacts)


@pytest.mark.django_db
def test_retention_and_self_erasure_leave_texts_and_say_nobody_looked(collective, bob, noor, texts):
    erase_resident(actor=None, resident=noor, reason="retention")
    receipt = ErasureReceipt.objects.get()
    assert receipt.reason == "retention" and receipt.actor is None
    left = [e for e in receipt.mentions if e["outcome"] == "left"]
    assert left and {e["why"] for e in left} == {"retention"}


@pytest.mark.django_db
def test_a_forged_key_of_another_collective_is_not_reported(collective, bob, noor, texts):
    other = texts["elsewhere"]
    erase_resident(
        actor=bob,
        resident=noor,
        shown=[
            f"initiatives.initiative:{other.pk}:title",
            "nonsense",
            "initiatives.initiative:²:title",
            "initiatives.initiative:99999999999999999999999:title",
            "people.resident:1:name",
        ],
    )
    receipt = ErasureReceipt.objects.get()
    assert ("initiatives.initiative", other.pk) not in {
        (e["model"], e["pk"]) for e in receipt.mentions
    }
    assert Initiative.objects.get(pk=other.pk).title == "Noor Vermeulen in Elders"
    assert Asset.objects.filter(pk=texts["her_gift"].pk).count() == 0
