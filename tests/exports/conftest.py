import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from kring.assets.models import Tag
from kring.communities.access import collective_access
from kring.initiatives.models import ActivitySeries, Connection, Pledge, PublicTask
from kring.initiatives.services import save_series
from kring.maps.models import PortraitStory
from kring.people.models import Conversation

from .. import factories


def png_bytes(colour="green") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (6, 4), colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def rich(collective, alice, bob, mia, neighbourhood):
    """A collective with one of everything: residents with consents, conversations, gifts,
    public and private assets with tags and history, a story with a picture, initiatives with
    needs, activities, attendance, pledges, connections, a logo and a wijkportret story."""
    collective.public_logo.save("logo.png", ContentFile(png_bytes("blue")), save=False)
    collective.public_teaser, collective.public_province = "Samen aan de haven.", "zuid-holland"
    collective.save()
    ria = factories.ResidentFactory(
        collective=collective,
        name="Ria de Vries",
        email="ria@example.nl",
        address="Gaffelstraat 3, 3014 AB Rotterdam",
        neighbourhood=neighbourhood,
        languages="Nederlands, Turks",
        user=mia,
    )
    factories.ConsentFactory(resident=ria)
    factories.ConsentFactory(resident=ria, purpose="leden")
    withdrawn = factories.ConsentFactory(resident=ria, purpose="verbinden")
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    ahmed = factories.ResidentFactory(collective=collective, name='=HYPERLINK("x")')
    factories.ConsentFactory(resident=ahmed)
    nobody = factories.ResidentFactory(collective=collective, name="Zonder Toestemming")
    Conversation.objects.create(
        collective=collective, resident=ria, held_on="2026-10-01", held_by=bob, method="telefoon"
    )
    gift = factories.GiftFactory(
        collective=collective, resident=ria, title="Fietsen repareren", visibility="leden"
    )
    factories.GiftFactory(collective=collective, resident=nobody, title="Geheime gave")
    tag = Tag.objects.create(collective=collective, name="sport")
    place = factories.AssetFactory(
        collective=collective,
        category="place",
        title="Buurthuis De Gaffel",
        description="Ruimte voor iedereen",
        visibility="openbaar",
        address="Gaffelstraat 10, 3014 AB Rotterdam",
        latitude=51.918,
        longitude=4.466,
        neighbourhood=neighbourhood,
        opening_hours="ma-vr 9-17",
        accessibility="rolstoeltoegankelijk",
        contact="010-1234567",
        created_by=bob,
    )
    place.tags.add(tag)
    place.title = "Buurthuis De Gaffel (nieuw)"
    place.version = 2
    place.save()  # a second historical version
    school = factories.AssetFactory(
        collective=collective,
        category="institution",
        institution_type="school",
        title="Basisschool De Haven",
        description="School in de wijk",
        visibility="openbaar",
        contact="info@dehaven.example.nl, 010-7654321",
        website="https://dehaven.example.nl",
        address="Havenweg 1, 3011 AA Rotterdam",
    )
    choir = factories.AssetFactory(
        collective=collective,
        category="association",
        title="-Buurtkoor",
        visibility="openbaar",
    )
    factories.AssetFactory(collective=collective, category="economy", title="Ruilwinkel")
    factories.AssetFactory(
        collective=collective,
        category="institution",
        title="Alleen intern",
        visibility="buurtmakers",
    )
    story = factories.AssetFactory(
        collective=collective,
        category="story",
        title="Het havenfeest",
        visibility="openbaar",
        image_description="Mensen dansen",
    )
    story.image.save("feest.png", ContentFile(png_bytes("red")), save=True)
    PortraitStory.objects.create(collective=collective, asset=story)
    task, _ = PublicTask.objects.get_or_create(name="Zorg")
    initiative = factories.InitiativeFactory(
        collective=collective, title="Moestuin", goal_hours="40.5", neighbourhood=neighbourhood
    )
    initiative.initiators.add(ria)
    initiative.participants.add(ahmed)
    initiative.assets.add(place, choir)
    initiative.tasks.add(task)
    need = factories.NeedFactory(initiative=initiative, text="Schoppen")
    activity = factories.ActivityFactory(
        initiative=initiative, place=place, title="Zaaien", hours_given="3.5"
    )
    activity.attendees.add(ria, ahmed)
    # A repeating activity with a skipped date: the series, its occurrences and the skip move.
    first = timezone.localdate() + datetime.timedelta(days=3)
    save_series(
        access=collective_access(bob, collective.slug),
        series=ActivitySeries(
            initiative=initiative,
            title="Wieden",
            repeat="twee_weken",
            starts_on=first,
            count=3,
            start_time=datetime.time(9, 0),
            end_time=datetime.time(10, 0),
            public=True,
        ),
        skipped=[first + datetime.timedelta(weeks=2)],
    )
    Pledge.objects.create(
        initiative=initiative, resident=ria, kind="uren", amount="2.50", pledged_on="2026-11-01"
    )
    # An organisation's pledge: its giver is an asset, remapped like any other.
    Pledge.objects.create(
        initiative=initiative, giver=school, kind="geld", amount="250", pledged_on="2026-11-03"
    )
    Connection.objects.create(
        collective=collective,
        resident=ria,
        other_resident=ahmed,
        kind="voorgesteld",
        happened_on="2026-11-02",
        need=need,
        initiative=initiative,
        recorded_by=bob,
        note="Bij de moestuin",
    )
    Connection.objects.create(
        collective=collective,
        resident=ria,
        asset=school,
        kind="ontmoet",
        happened_on="2026-11-03",
        activity=activity,
    )
    return {
        "ria": ria,
        "ahmed": ahmed,
        "nobody": nobody,
        "gift": gift,
        "place": place,
        "school": school,
        "choir": choir,
        "story": story,
    }
