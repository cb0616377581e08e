"""Indicative social value: shown count × proxy × (1 − deadweight) × attribution, traced to
its source; no amount from a hidden count or a proxy without a source."""

import datetime
from decimal import Decimal

import pytest

from kring.impact.aggregates import municipality_figures
from kring.impact.indicators import all_indicators
from kring.impact.models import ShareGroup, SharingChoice, SocialValueProxy
from kring.impact.socialvalue import euro, social_values, summary, total

from .. import factories


@pytest.fixture
def activities(collective, neighbourhood, official):
    SharingChoice.objects.create(
        collective=collective,
        municipality=collective.municipality,
        groups=[ShareGroup.ACTIVITIES],
    )
    initiative = factories.InitiativeFactory(collective=collective, neighbourhood=neighbourhood)
    for day in range(1, 25):
        factories.ActivityFactory(
            collective=collective,
            initiative=initiative,
            date=datetime.date(2025, 3, day),
            hours_given=Decimal("4"),
        )
    return municipality_figures(user=official, year=2025)


@pytest.mark.django_db
def test_at_least_five_outcomes_each_with_its_source():
    rows = list(SocialValueProxy.objects.all())
    sourced = [p for p in rows if p.source_title and p.source_url]
    assert len(sourced) >= 5
    for p in sourced:
        assert p.publisher and p.year and p.table_or_page and p.unit and p.counted_as
        assert p.source_url.startswith("https://")
    valued = [p for p in rows if p.value is not None]
    assert len(valued) >= 5
    assert {"hours", "care_hours", "energy_activities", "co2_energy", "repairs"} <= {
        p.outcome for p in valued
    }
    for p in valued:
        low, central, high = p.values
        assert low <= central <= high and p.source_title
    hours = SocialValueProxy.objects.get(outcome="hours")
    assert hours.value == Decimal("14.06") and hours.year == 2025
    assert hours.source_url.startswith("https://svb.nl/") and "auteursrecht" in hours.licence_note
    assert (hours.low, hours.high) == (Decimal("14.06"), Decimal("20.00"))
    care = SocialValueProxy.objects.get(outcome="care_hours")
    assert (care.low, care.value, care.high) == (
        Decimal("9.30"),
        Decimal("13.10"),
        Decimal("26.20"),
    )
    repairs = SocialValueProxy.objects.get(outcome="repairs")
    assert (repairs.low, repairs.value, repairs.high) == (
        Decimal("0.10"),
        Decimal("0.10"),
        Decimal("0.50"),
    )
    assert repairs.source_url.startswith("https://www.repaircafe.org/")
    assert "TNO" in repairs.publisher and "wlo2015.nl" in repairs.range_note
    assert repairs.label_en and repairs.range_note_en and repairs.indicator_key == "repairs"
    # Without a per-person amount in its source, an outcome ships empty, never guessed.
    alone = SocialValueProxy.objects.get(outcome="first_connections")
    assert alone.value is None and "geen bedrag" in alone.range_note
    every = " ".join(f"{p.source_title} {p.publisher} {p.range_note}" for p in rows)
    assert "Social Value Bank" not in every and "HACT" not in every
    indicators = {i.key for i in all_indicators()}
    assert {p.indicator_key for p in rows} <= indicators
    assert {p.deduct for p in rows if p.deduct} <= indicators


@pytest.mark.django_db
def test_value_is_the_shown_count_times_the_proxy_with_its_factors(activities):
    hours = activities.get("hours")
    assert hours.shown and hours.value == 95  # 96 hours, rounded to 5
    proxy = SocialValueProxy.objects.get(outcome="hours")
    proxy.deadweight, proxy.attribution = Decimal("0.2"), Decimal("0.5")
    proxy.save()
    rows = {v.proxy.outcome: v for v in social_values(activities)}
    expected = (Decimal(95) * Decimal("14.06") * Decimal("0.8") * Decimal("0.5")).quantize(1)
    assert rows["hours"].euros == expected
    assert dict(rows["hours"].steps)["aantal"] == "95"
    assert rows["connections"].euros is None and rows["connections"].reason == "geen_bron"
    assert total(list(rows.values())) == expected


@pytest.mark.django_db
def test_no_euro_for_a_hidden_count(collective, neighbourhood, official):
    SharingChoice.objects.create(
        collective=collective, municipality=collective.municipality, groups=["activiteiten"]
    )
    initiative = factories.InitiativeFactory(collective=collective, neighbourhood=neighbourhood)
    factories.ActivityFactory(
        collective=collective,
        initiative=initiative,
        date=datetime.date(2025, 3, 3),
        hours_given=Decimal("6"),
    )
    figures = municipality_figures(user=official, year=2025)
    rows = {v.proxy.outcome: v for v in social_values(figures)}
    assert rows["hours"].euros is None and rows["hours"].reason == "verborgen"
    assert rows["hours"].count_display == "<10"


def _care_world(collective, neighbourhood, *, care_days: int, care_hours: str = "2"):
    """24 activities of 4 hours in March (shown), and ``care_days`` activities for the task
    "zorg en welzijn" in April."""
    from kring.initiatives.models import PublicTask

    SharingChoice.objects.create(
        collective=collective, municipality=collective.municipality, groups=["activiteiten"]
    )
    plain = factories.InitiativeFactory(collective=collective, neighbourhood=neighbourhood)
    for day in range(1, 25):
        factories.ActivityFactory(
            collective=collective,
            initiative=plain,
            date=datetime.date(2025, 3, day),
            hours_given=Decimal("4"),
        )
    care = factories.InitiativeFactory(collective=collective, neighbourhood=neighbourhood)
    care.tasks.add(PublicTask.objects.get_or_create(name="zorg en welzijn")[0])
    for day in range(1, care_days + 1):
        factories.ActivityFactory(
            collective=collective,
            initiative=care,
            date=datetime.date(2025, 4, day),
            hours_given=Decimal(care_hours),
        )


@pytest.mark.django_db
def test_the_range_is_low_central_and_high_of_the_shown_counts(collective, neighbourhood, official):
    _care_world(collective, neighbourhood, care_days=20, care_hours="3")
    figures = municipality_figures(user=official, year=2025)
    assert figures.get("hours").value == 155  # 96 + 60, rounded to 5
    assert figures.get("care_hours").value == 60
    assert figures.get("care_activities").value == 20
    rows = {v.proxy.outcome: v for v in social_values(figures)}
    # Hours of care are valued as care and taken off the volunteer hours: none counts twice.
    assert rows["hours"].count == 95 and rows["hours"].deducted == 60
    assert (rows["hours"].low, rows["hours"].euros, rows["hours"].high) == (
        (Decimal(95) * Decimal("14.06")).quantize(1),
        (Decimal(95) * Decimal("14.06")).quantize(1),
        Decimal(95 * 20),
    )
    assert (rows["care_hours"].low, rows["care_hours"].high) == (
        (Decimal(60) * Decimal("9.30")).quantize(1),
        (Decimal(60) * Decimal("26.20")).quantize(1),
    )
    result = summary(list(rows.values()))
    assert result.low == rows["hours"].low + rows["care_hours"].low
    assert result.high == rows["hours"].high + rows["care_hours"].high
    assert result.low <= result.central < result.high
    assert result.hidden == []
    assert euro(result.low) in result.headline and euro(result.high) in result.headline


@pytest.mark.django_db
def test_a_hidden_count_is_named_not_counted_as_zero_and_reveals_nothing(
    collective, neighbourhood, official
):
    def outcome(care_days):
        from django.core.cache import cache

        cache.clear()
        figures = municipality_figures(user=official, year=2025)
        rows = social_values(figures)
        return figures, rows, summary(rows)

    _care_world(collective, neighbourhood, care_days=3)
    figures, rows, result = outcome(3)
    assert not figures.get("care_hours").shown and not figures.get("care_activities").shown
    care = next(v for v in rows if v.proxy.outcome == "care_hours")
    assert care.euros is None and care.reason == "verborgen"
    assert care in result.hidden
    assert "zonder 1 uitkomst" in result.headline and str(care.proxy.label) in result.headline
    # The volunteer hours keep their own shown count: the hidden part is not taken off.
    hours = next(v for v in rows if v.proxy.outcome == "hours")
    assert hours.deducted is None and hours.count == figures.get("hours").value
    # One more hidden care activity changes no euro and no word.
    from kring.initiatives.models import Activity

    extra = Activity.objects.filter(initiative__tasks__name__icontains="zorg").first()
    extra.pk = None
    extra.date = datetime.date(2025, 4, 20)
    extra.hours_given = Decimal("0")
    extra.save()
    figures2, _rows2, result2 = outcome(4)
    assert figures2.get("hours").value == figures.get("hours").value
    assert (result2.low, result2.central, result2.high) == (result.low, result.central, result.high)
    assert result2.headline == result.headline
    assert not figures2.get("care_activities").shown
    # Every euro is a shown count times an amount: nothing else goes in.
    for v in result2.counted:
        shown = figures2.get(v.proxy.indicator_key)
        assert shown.shown and v.count == shown.value
        assert v.euros == (Decimal(v.count) * v.proxy.value).quantize(1)


@pytest.mark.django_db
def test_when_everything_is_hidden_it_says_so_instead_of_zero(collective, neighbourhood, official):
    SharingChoice.objects.create(
        collective=collective, municipality=collective.municipality, groups=["activiteiten"]
    )
    initiative = factories.InitiativeFactory(collective=collective, neighbourhood=neighbourhood)
    factories.ActivityFactory(
        collective=collective,
        initiative=initiative,
        date=datetime.date(2025, 3, 3),
        hours_given=Decimal("6"),
    )
    SocialValueProxy.objects.exclude(outcome="hours").update(value=None, low=None, high=None)
    result = summary(social_values(municipality_figures(user=official, year=2025)))
    assert not result.has_amount
    assert "niemand te herkennen" in result.headline and "€ 0" not in result.headline


@pytest.mark.django_db
def test_every_change_of_an_amount_is_kept_with_who_and_when(client, django_user_model):
    from django.urls import reverse

    admin = django_user_model.objects.create_superuser(
        email="beheer@example.org", password="een-lang-wachtwoord"
    )
    client.force_login(admin)
    proxy = SocialValueProxy.objects.get(outcome="energy_activities")
    url = reverse("admin:impact_socialvalueproxy_change", args=[proxy.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update({"high": "120.00", "_save": "1", "version": proxy.version})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    proxy.refresh_from_db()
    assert proxy.high == Decimal("120.00")
    last = proxy.history.first()
    assert last.history_user == admin and last.high == Decimal("120.00")
    assert last.history_date is not None
    history = client.get(reverse("admin:impact_socialvalueproxy_history", args=[proxy.pk]))
    assert history.status_code == 200 and "beheer@example.org" in history.content.decode()
    # An amount without a source is refused.
    data.update({"source_title": ""})
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "bron" in str(refused.context["adminform"].form.errors)


@pytest.mark.django_db
def test_figures_nobody_shares_are_not_counted_as_zero(collective, official):
    SharingChoice.objects.create(
        collective=collective, municipality=collective.municipality, groups=["deelname"]
    )
    rows = social_values(municipality_figures(user=official, year=2025))
    hours = next(v for v in rows if v.proxy.outcome == "hours")
    assert hours.euros is None and hours.reason == "niet_gedeeld"
    result = summary(rows)
    assert not result.has_amount and "geen collectief deelt" in result.headline
    assert "€ 0" not in result.headline


@pytest.mark.django_db
def test_things_repaired_are_counted_and_valued_like_the_other_outcomes(
    collective, neighbourhood, official
):
    SharingChoice.objects.create(
        collective=collective,
        municipality=collective.municipality,
        groups=[ShareGroup.ACTIVITIES],
    )
    initiative = factories.InitiativeFactory(collective=collective, neighbourhood=neighbourhood)
    for day in range(1, 13):
        factories.ActivityFactory(
            collective=collective,
            initiative=initiative,
            date=datetime.date(2025, 4, day),
            items_repaired=7,
        )
    figures = municipality_figures(user=official, year=2025)
    # Nothing repaired yet in 2025 elsewhere: zero adds nothing and is not pictured as € 0.
    assert figures.get("energy_activities").value == 0
    zero = {v.proxy.outcome for v in summary(social_values(figures)).counted}
    assert "energy_activities" not in zero and "repairs" in zero
    repaired = figures.get("repairs")
    assert repaired.shown and repaired.value == 85  # 84 things, rounded to 5
    assert figures.get("repairs", "G", 4).value == 85  # in April
    rows = {v.proxy.outcome: v for v in social_values(figures)}
    assert (rows["repairs"].low, rows["repairs"].euros, rows["repairs"].high) == (
        Decimal(9),  # 85 × € 0,10 = € 8,50, rounded to whole euros
        Decimal(9),
        Decimal(43),  # 85 × € 0,50 = € 42,50
    )


@pytest.mark.django_db
def test_things_repaired_hide_with_their_activities(collective, neighbourhood, official):
    SharingChoice.objects.create(
        collective=collective, municipality=collective.municipality, groups=["activiteiten"]
    )
    initiative = factories.InitiativeFactory(collective=collective, neighbourhood=neighbourhood)
    factories.ActivityFactory(
        collective=collective,
        initiative=initiative,
        date=datetime.date(2025, 3, 3),
        items_repaired=40,
    )
    figures = municipality_figures(user=official, year=2025)
    # One activity is too few to show, so its 40 repairs are hidden too, and have no euro.
    assert not figures.get("repairs").shown
    rows = {v.proxy.outcome: v for v in social_values(figures)}
    assert rows["repairs"].euros is None and rows["repairs"].reason == "verborgen"
