"""The year in a few plain Dutch sentences, for page 1 of the council report. Built only from
the figures a gemeente may see: a small number is "minder dan 10", a number hidden to protect
another is not named at all (the sentence is said without it)."""

from collections.abc import Callable
from functools import partial

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import suppression
from .aggregates import Figures, threshold


def say(figure) -> str | None:
    """A shown figure as its number, a small one as "minder dan 10", a hidden one as None."""
    if figure.status == suppression.SHOWN:
        # "6.440" in Dutch, "6,440" in English: a sentence reads numbers as words do.
        return number_format(figure.value, force_grouping=True)
    if figure.status == suppression.SMALL:
        return _("minder dan %(n)s") % {"n": threshold()}
    return None


def sentences(figures: Figures) -> list[str]:
    """What happened, in order: who took part, the ties made, the hours given. The social value
    has its own sentence (``socialvalue.Summary.headline``)."""
    name, year = figures.municipality.name, figures.year
    collectives = len(figures.collectives)
    if not collectives:
        return [
            _(
                "In %(year)s deelde nog geen collectief zijn cijfers met %(name)s. Collectieven "
                "kiezen dat zelf."
            )
            % {"year": year, "name": name}
        ]
    told = partial(_told, figures, {g for c in figures.collectives for g in c["groups"]})
    return [_taking_part(told, name, year, collectives), *_ties(told), *_help_given(told)]


def _told(figures: Figures, shared: set[str], key: str) -> str | None:
    """The figure in words; None when no collective shares its group, or nothing happened."""
    indicator = figures.indicator(key)
    figure = figures.get(key)
    if indicator is None or indicator.group not in shared:
        return None
    if figure.status == suppression.SHOWN and not figure.value:
        return None
    return say(figure)


def _taking_part(told: Callable, name: str, year: int, collectives: int) -> str:
    """The opening sentence, always said: how many new residents took part, without the number
    when it may not be shown."""
    residents = told("residents")
    if residents is not None:
        return ngettext(
            "In %(year)s deden in %(name)s %(n)s nieuwe bewoners mee bij het collectief "
            "dat zijn cijfers deelt.",
            "In %(year)s deden in %(name)s %(n)s nieuwe bewoners mee bij de %(c)s "
            "collectieven die hun cijfers delen.",
            collectives,
        ) % {"year": year, "name": name, "n": residents, "c": collectives}
    return ngettext(
        "In %(year)s deden in %(name)s bewoners mee bij het collectief dat zijn cijfers deelt.",
        "In %(year)s deden in %(name)s bewoners mee bij de %(c)s collectieven die hun "
        "cijfers delen.",
        collectives,
    ) % {"year": year, "name": name, "c": collectives}


def _ties(told: Callable) -> list[str]:
    """The new connections and, when it may be said, how many were someone's first."""
    connections = told("connections")
    first = told("first_connections")
    if connections is not None and first is not None:
        return [
            _(
                "Zij legden %(n)s nieuwe verbindingen. Voor %(f)s bewoners was het de eerste: "
                "zij staan er niet meer alleen voor."
            )
            % {"n": connections, "f": first}
        ]
    if connections is not None:
        return [_("Zij legden %(n)s nieuwe verbindingen.") % {"n": connections}]
    return []


def _help_given(told: Callable) -> list[str]:
    """The hours of help (with the activities when shown), the part of them that was care,
    and the activities for saving energy."""
    out = []
    hours = told("hours")
    activities = told("activities")
    if hours is not None and activities is not None:
        out.append(
            _("Bij %(a)s activiteiten gaven bewoners samen %(h)s uur vrijwillige hulp.")
            % {"a": activities, "h": hours}
        )
    elif hours is not None:
        out.append(_("Bewoners gaven samen %(h)s uur vrijwillige hulp.") % {"h": hours})
    care = told("care_hours")
    energy = told("energy_activities")
    if care is not None and hours is not None:
        out.append(_("Daarvan waren %(h)s uur zorg en steun voor elkaar.") % {"h": care})
    if energy is not None:
        out.append(
            _(
                "Voor energie besparen waren er %(n)s activiteiten, zoals bezoeken van een "
                "energiecoach."
            )
            % {"n": energy}
        )
    return out
