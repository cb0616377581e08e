"""Reads made leaner for the CPU per request keep their answers: the buurt filter's options,
a collective's buurten with and without a chosen working area, and translated choice labels."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kring.assets.forms import AssetFilterForm
from kring.communities.access import CollectiveAccess
from kring.communities.models import Membership
from kring.communities.selectors import neighbourhoods_of
from kring.core.choices import Visibility

from .. import factories


@pytest.mark.django_db
def test_buurten_of_a_collective_are_its_working_area_or_else_its_gemeente(
    collective, neighbourhood
):
    other = factories.NeighbourhoodFactory(
        district=neighbourhood.district, code="BU05990102", name="Aardappelmarkt"
    )
    assert list(neighbourhoods_of(collective)) == [neighbourhood]
    collective.working_area.clear()
    assert list(neighbourhoods_of(collective)) == [other, neighbourhood]  # by name
    elsewhere = factories.CollectiveFactory(slug="elders")
    assert list(neighbourhoods_of(elsewhere)) == []


@pytest.mark.django_db
def test_the_buurt_filter_reads_its_options_in_one_query(alice, collective, neighbourhood):
    access = CollectiveAccess(
        user=alice, collective=collective, membership=Membership.objects.get(user=alice)
    )
    form = AssetFilterForm(None, access=access, category="gift")
    with CaptureQueriesContext(connection) as queries:
        html = str(form["neighbourhood"])
    assert len(queries) == 1
    assert f'<option value="{neighbourhood.pk}">Gaffelstraat</option>' in html
    assert "Alle buurten" in html
    # Choosing a buurt still checks it against the collective's own.
    chosen = AssetFilterForm({"neighbourhood": neighbourhood.pk}, access=access, category="gift")
    assert chosen.is_valid() and chosen.cleaned_data["neighbourhood"] == neighbourhood
    stranger = factories.NeighbourhoodFactory(
        district=factories.DistrictFactory(code="WK999901"), code="BU99990101"
    )
    refused = AssetFilterForm({"neighbourhood": stranger.pk}, access=access, category="gift")
    assert not refused.is_valid()


@pytest.mark.django_db
def test_choice_labels_follow_the_language_of_the_request(collective):
    asset = factories.AssetFactory(collective=collective, visibility=Visibility.MEMBERS)
    with translation.override("nl"):
        assert asset.get_visibility_display() == "leden van het collectief"
    with translation.override("en"):
        assert asset.get_visibility_display() != "leden van het collectief"
    asset.visibility = "onbekend"  # a value that is no choice shows as it is
    assert asset.get_visibility_display() == "onbekend"
