"""Which indicators there are: what each counts, its label, its share group, its unit and the
indicator whose hiding it follows; one more per large task (opgave)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kring.assets.models import Category
from kring.initiatives.models import PublicTask, Question, Status

from ..models import ShareGroup


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    group: str
    unit: str = "aantal"
    # The hours follow the activities: a month with few activities hides its hours too.
    follows: str = ""
    help: str = ""


def _static_indicators() -> list[Indicator]:
    return [
        *_people_indicators(),
        *_initiative_indicators(),
        *_activity_indicators(),
        *_asset_indicators(),
    ]


def _people_indicators() -> list[Indicator]:
    """Residents who took part, what they offer and pledge, and the ties made between them."""
    p, c = ShareGroup.PARTICIPATION, ShareGroup.CONNECTIONS
    return [
        Indicator("residents", _("Nieuwe bewoners betrokken"), p, help=_("ingevoerd in de maand")),
        Indicator("gifts", _("Gaven in kaart gebracht"), p, help=_("nieuwe gaven van bewoners")),
        Indicator(
            "gifts_used",
            _("Gaven ingezet"),
            c,
            help=_("verbindingen gemaakt voor een behoefte van een initiatief"),
        ),
        Indicator("pledges", _("Toezeggingen"), p, help=_("uren, spullen of geld beloofd")),
        Indicator(
            "connections",
            _("Nieuwe verbindingen"),
            c,
            help=_(
                "uit het logboek: twee die voor het eerst verbonden werden (elkaar weer zien "
                "telt niet opnieuw)"
            ),
        ),
        Indicator(
            "connections_worked",
            _("Verbindingen die tot iets leidden"),
            c,
            help=_(
                "nagevraagd enkele dagen na de verbinding: de bewoner of de buurtmaker zei ‘ja’; "
                "geteld in de maand van de verbinding, naast alle verbindingen uit het logboek"
            ),
        ),
        Indicator(
            "bridging",
            _("Overbruggende verbindingen"),
            c,
            help=_(
                "verbindingen tussen twee groepen in het netwerk, volgens de laatste "
                "netwerkberekening van het collectief"
            ),
        ),
        Indicator(
            "reach",
            _("Verbindingen tussen buurten"),
            c,
            help=_("nieuwe verbindingen tussen bewoners uit verschillende buurten"),
        ),
        Indicator(
            "first_connections",
            _("Bewoners met hun eerste verbinding"),
            c,
            help=_(
                "bewoners die in deze maand voor het eerst met iemand verbonden werden: "
                "zij staan er niet meer alleen voor"
            ),
        ),
    ]


def _initiative_indicators() -> list[Indicator]:
    """New initiatives by status and their needs by question: one indicator per value."""
    i = ShareGroup.INITIATIVES
    rows = [
        Indicator(f"initiatives_{s.value}", _("Nieuwe initiatieven: %(s)s") % {"s": s.label}, i)
        for s in Status
    ]
    rows += [
        Indicator(f"needs_{q.value}", _("Behoeften: %(q)s") % {"q": q.label}, i) for q in Question
    ]
    return rows


def _activity_indicators() -> list[Indicator]:
    """What activities gave: their number, hours of help, care, energy and repairs."""
    a = ShareGroup.ACTIVITIES
    return [
        Indicator("activities", _("Activiteiten"), a),
        Indicator("hours", _("Uren vrijwillige hulp"), a, unit="uren", follows="activities"),
        Indicator(
            "care_activities",
            _("Activiteiten voor zorg en welzijn"),
            a,
            help=_("activiteiten van initiatieven voor de opgave zorg en welzijn"),
        ),
        Indicator(
            "care_hours",
            _("Uren zorg en steun door bewoners"),
            a,
            unit="uren",
            follows="care_activities",
            help=_("uren hulp bij activiteiten voor de opgave zorg en welzijn"),
        ),
        Indicator(
            "energy_activities",
            _("Activiteiten voor energie besparen"),
            a,
            help=_(
                "activiteiten van initiatieven voor de opgave energietransitie, zoals een "
                "bezoek van een energiecoach"
            ),
        ),
        Indicator(
            "repairs",
            _("Spullen gerepareerd"),
            a,
            follows="activities",
            help=_(
                "bij een Repair Café of klusochtend: wat weer werkt, zoals de buurtmaker het "
                "bij de aanwezigheid invulde"
            ),
        ),
    ]


def _asset_indicators() -> list[Indicator]:
    """New assets (krachten) per category; gifts are counted with the residents instead."""
    b = ShareGroup.ASSETS
    return [
        Indicator(f"assets_{cat.value}", _("Nieuwe krachten: %(c)s") % {"c": cat.label}, b)
        for cat in Category
        if cat != Category.GIFT
    ]


def all_indicators() -> list[Indicator]:
    """The static list plus one indicator per large task (opgave)."""
    rows = _static_indicators()
    rows += [
        Indicator(
            f"task_{t.pk}",
            _("Initiatieven voor opgave: %(t)s") % {"t": t.localized.name},
            "initiatieven",
        )
        for t in PublicTask.objects.order_by("position", "name")
    ]
    return rows
