"""A member sees a gift only while its resident allows members to see them: the consent check
reads each resident's own consent (kring.assets.selectors.visible_assets_of)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kring.assets.selectors import category_counts_now, visible_assets
from kring.people.models import ConsentPurpose
from tests import factories

pytestmark = pytest.mark.django_db


def test_members_see_the_gifts_of_residents_who_allow_it(
    collective, neighbourhood, mia, alice, access_for
):
    other = factories.CollectiveFactory(slug="elders")

    def gift(title, *consents, where=collective):
        resident = factories.ResidentFactory(collective=where, neighbourhood=neighbourhood)
        for purpose, withdrawn in consents:
            factories.ConsentFactory(
                resident=resident,
                purpose=purpose,
                withdrawn_at=timezone.now() if withdrawn else None,
            )
        return factories.GiftFactory(
            collective=where, resident=resident, title=title, visibility="leden"
        )

    gift("allows", (ConsentPurpose.MEMBERS, False))
    gift("allows twice over", (ConsentPurpose.MEMBERS, False), (ConsentPurpose.INVENTORY, False))
    gift("withdrew", (ConsentPurpose.MEMBERS, True))
    gift(
        "withdrew, then gave again", (ConsentPurpose.MEMBERS, True), (ConsentPurpose.MEMBERS, False)
    )
    gift("another purpose", (ConsentPurpose.INVENTORY, False))
    gift("no consent")
    gift("elsewhere", (ConsentPurpose.MEMBERS, False), where=other)
    factories.AssetFactory(collective=collective, title="a place", visibility="leden")
    factories.AssetFactory(collective=collective, title="builders only", visibility="buurtmakers")

    member = access_for(mia, collective)
    with CaptureQueriesContext(connection) as queries:
        seen = sorted(visible_assets(member).values_list("title", flat=True))
    assert seen == ["a place", "allows", "allows twice over", "withdrew, then gave again"]
    # Each resident's consent is looked up on its own: consents are not joined to residents
    # (PostgreSQL read every consent of the country for such a join).
    assert "JOIN" not in queries[0]["sql"]
    counts = {c["category"]: c["count"] for c in category_counts_now(member)}
    assert counts["gift"] == 3
    builder = access_for(alice, collective)
    assert visible_assets(builder).count() == 8
