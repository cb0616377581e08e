"""Erasure leaves no trace: a resident's name, e-mail, phone and free text are put in every
table they can reach through Kring's own flows, the resident is erased, and then every table of
the database is read raw (introspection, on SQLite and PostgreSQL) without finding them."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kring.communities.access import collective_access
from kring.initiatives import services as initiative_services
from kring.initiatives.models import Connection, Initiative, Pledge
from kring.people.models import Conversation, Resident
from kring.privacy import audit

NAME = "Quirina Zonnebloemveld"
EMAIL = "quirina.zonnebloemveld@voorbeeld.nl"
PHONE = "06-55443322"
# What must not be found anywhere afterwards (case-insensitive; the phone also without dash).
TRACES = ["quirina", "zonnebloemveld", "55443322", "reuzentoma", "distelpad", "zadenbieb"]


def all_table_text() -> dict[str, str]:
    """Every table of the database, read raw, as one lower-case text per table."""
    dump = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            cells = []
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, (bytes, memoryview)):
                        value = bytes(value).decode("utf-8", errors="replace")
                    cells.append(str(value))
            dump[table] = "\n".join(cells).lower()
    return dump


def traces_in(dump: dict[str, str]) -> dict[str, list[str]]:
    found = {}
    for table, text in dump.items():
        hits = [t for t in TRACES if t in text]
        if hits:
            found[table] = hits
    return found


@pytest.fixture
def quirina(client, collective, alice, bob, neighbourhood, django_capture_on_commit_callbacks):
    """Quirina goes through everything Kring does with a resident."""
    slug = collective.slug
    client.force_login(bob)
    response = client.post(
        reverse("assets:conversation", args=[slug]),
        {
            "name": NAME,
            "phone": PHONE,
            "email": EMAIL,
            "address": "Distelpad 9",
            "neighbourhood": neighbourhood.pk,
            "languages": "Papiaments",
            "held_on": timezone.localdate().isoformat(),
            "method": "persoonlijk",
            "availability": "nu",
            "purposes": ["inventaris", "leden", "verbinden"],
            "consent_method": "digitaal",
            "handen_1": "kweekt reuzentomaten op het Distelpad",
            "hart_1": "wil een zadenbieb beginnen",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    resident = Resident.objects.get(name=NAME)
    gift = resident.gifts.get(gift_kind="handen")
    # The gift is edited (history), viewed, and its resident viewed.
    response = client.post(
        reverse("assets:edit", args=[slug, gift.pk]),
        {
            "resident": resident.pk,
            "gift_kind": "handen",
            "title": gift.title,
            "description": "Quirina deelt zaden uit haar tuin aan het Distelpad",
            "availability": "soms",
            "visibility": "leden",
            "source": "gesprek",
            "tags": "reuzentomaten, moestuin",
            "version": gift.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.get(reverse("people:detail", args=[slug, resident.pk]))
    # Her story, with her as its only teller, edited once (history).
    response = client.post(
        reverse("assets:create", args=[slug, "story"]),
        {
            "title": "Zo begon de zadenbieb",
            "description": "Quirina vertelt hoe het Distelpad groen werd",
            "tellers_search": NAME,
            "visibility": "leden",
            "source": "handmatig",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    story = resident.told_stories.get()
    response = client.post(
        reverse("assets:edit", args=[slug, story.pk]),
        {
            "title": "Zo begon de zadenbieb van Quirina",
            "description": story.description,
            "tellers": [resident.pk],
            "visibility": "leden",
            "source": "handmatig",
            "version": story.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # Consent changed once (withdrawal kept as history).
    client.post(
        reverse("people:consent", args=[slug, resident.pk]),
        {"purposes": ["inventaris", "leden"], "method": "papier"},
    )
    # An initiative she started, a connection with a note, a pledge with a description.
    access = collective_access(bob, slug)
    initiative = initiative_services.create_initiative(
        access=access,
        initiative=Initiative(title="Buurtmoestuin", status="idee"),
        initiators=[resident],
    )
    other = Resident.objects.create(collective=collective, name="Buurman Karel")
    initiative_services.record_connection(
        access=access,
        connection=Connection(
            resident=resident,
            other_resident=other,
            kind="voorgesteld",
            happened_on=timezone.localdate(),
            note="Quirina Zonnebloemveld leert Karel reuzentomaten kweken",
            initiative=initiative,
        ),
    )
    initiative_services.add_pledge(
        access=access,
        pledge=Pledge(
            initiative=initiative,
            resident=resident,
            kind="uren",
            amount=4,
            description="Quirina geeft zaden uit de zadenbieb",
        ),
    )
    # She gets her own log-in and looks at and corrects her data herself.
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:invite", args=[slug, resident.pk]))
    token = re.search(r"/invitation/([^/\s]+)/", mail.outbox[-1].body).group(1)
    client.logout()
    response = client.post(
        reverse("communities:accept", args=[token]),
        {
            "name": NAME,
            "password": "zonnebloem-tomaat-42",
            "password_again": "zonnebloem-tomaat-42",
        },
    )
    assert response.status_code == 302
    client.get(reverse("privacy:my_data"))
    client.get(reverse("privacy:my_json"))
    response = client.post(
        reverse("privacy:my_edit"),
        {
            "name": NAME,
            "phone": PHONE,
            "email": EMAIL,
            "address": "Distelpad 11",
            "version": Resident.objects.get(pk=resident.pk).version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Resident.objects.get(pk=resident.pk)


@pytest.mark.django_db
def test_after_erasure_no_table_holds_a_trace_and_counts_still_add_up(
    client, collective, bob, quirina
):
    before = traces_in(all_table_text())
    # The flows above really reached these tables (otherwise the test proves nothing).
    assert {
        "people_resident",
        "core_user",
        "communities_invitation",
        "assets_asset",
        "assets_historicalasset",
        "assets_tag",
        "initiatives_connection",
        "initiatives_pledge",
    } <= set(before)
    conversations = Conversation.objects.filter(collective=collective).count()
    connections = Connection.objects.filter(collective=collective).count()

    client.force_login(bob)
    response = client.post(
        reverse("privacy:resident_erase", args=[collective.slug, quirina.pk]), {"confirm": "on"}
    )
    assert response.status_code == 302

    assert traces_in(all_table_text()) == {}
    shell = Resident.objects.get(pk=quirina.pk)
    assert shell.erased_at and str(shell) == "een oud-bewoner"
    # Counts keep adding up: the conversation and the connection are still there, anonymous.
    assert Conversation.objects.filter(collective=collective).count() == conversations
    assert Connection.objects.filter(collective=collective).count() == connections
    assert Pledge.objects.filter(resident=shell).count() == 1
    # She no longer shows anywhere, and the log still verifies.
    assert quirina.pk not in client.get(reverse("people:list", args=[collective.slug])).context[
        "page"
    ].paginator.object_list.values_list("pk", flat=True)
    assert audit.verify_chain() == []


@pytest.mark.django_db
def test_a_resident_can_erase_themselves_and_is_logged_out(client, collective, quirina):
    client.force_login(quirina.user)
    response = client.post(reverse("privacy:my_erase"), {})
    assert response.status_code == 400  # the confirmation is needed
    response = client.post(reverse("privacy:my_erase"), {"confirm": "on"})
    assert response.status_code == 200 and "gewist" in response.content.decode()
    assert Resident.objects.get(pk=quirina.pk).erased_at
    assert client.get(reverse("privacy:my_data")).status_code == 302  # to the log-in page
