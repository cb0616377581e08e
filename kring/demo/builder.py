"""Builds the demo: the made-up gemeente Kringstad and three collectives as they look after about
fifteen months of real use, with a log-in for every role.

The year is lived, not poured in: every resident, gift conversation, asset, initiative, need,
connection, activity, attendance, pledge, network analysis and sharing choice is made by the
project's own services, as the buurtmaker who did it, on the day it happened (the demo's clock,
``clock.py``), in order of time. So the audit log, the search index, the map cells, the counts,
the assets' history and the municipality figures are exactly what real use leaves behind.

Running it again first removes what an earlier run made, found by the demo collectives' slugs
(only in the sample gemeente) and the demo log-ins' e-mail addresses, so nothing else is
touched. Random choices come from fixed seeds: every run makes the same year.
"""

import datetime
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import kring.geo
from kring.assets.models import Asset
from kring.communities.models import Collective, Membership
from kring.core.models import User
from kring.geo.models import Municipality, Neighbourhood
from kring.geo.services import import_regions
from kring.impact import prepared
from kring.impact.forms import year_choices
from kring.impact.models import ImpactReport
from kring.impact.services import start_report
from kring.public.demo import load_public_demo
from kring.selfscan.demo import load_selfscan_demo

from . import data, year
from .clock import demo_clock
from .lived import CollectiveYear, Event
from .summary import Summary, summarise

SAMPLE_REGIONS = Path(kring.geo.__file__).resolve().parent / "data" / "sample-kringstad.geojson"
SAMPLE_YEAR = 2025
MUNICIPALITY_CODE = "GM9999"
PASSWORD = data.PASSWORD
DEMO_SLUGS = [spec["slug"] for spec in data.COLLECTIVES]
DEMO_EMAILS = [email for _role, _slug, email, _name in data.LOGINS]
# The full demo, and a small one for the tests (fewer residents, the same year).
SIZES = {"full": 1.0, "small": 0.3}
# Background work (network analyses, the report) runs at once while the demo is built, so
# the demo is complete when the command ends, with or without a worker.
IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}

ROLE_LABELS = {
    "beheerder": gettext_lazy("beheerder"),
    "buurtmaker": gettext_lazy("buurtmaker"),
    "lid": gettext_lazy("lid"),
    "gemeente": gettext_lazy("medewerker van de gemeente"),
    "redacteur": gettext_lazy("redacteur van het netwerk"),
    "installatie": gettext_lazy("beheerder van de installatie (/admin/)"),
}


class DemoError(Exception):
    pass


@dataclass
class Login:
    role: str
    collective: str
    email: str
    password: str


@dataclass
class DemoResult:
    collectives: list[dict] = field(default_factory=list)
    logins: list[Login] = field(default_factory=list)
    summary: Summary | None = None
    seconds: float = 0.0


def load_demo(*, size: str = "full") -> DemoResult:
    """Remove the previous demo and live its year again, in one transaction."""
    started = time.perf_counter()
    faker_class = _faker_class()
    result = DemoResult()
    today = timezone.localdate()
    first_day = today - datetime.timedelta(days=round(year.MONTHS * 30.44))
    with override_settings(TASKS=IMMEDIATE_TASKS), transaction.atomic():
        remove_demo()
        regions = import_regions(features=SAMPLE_REGIONS, year=SAMPLE_YEAR, sample=True)
        if not regions.ok:
            raise DemoError("\n".join(regions.errors))
        municipality = Municipality.objects.get(code=MUNICIPALITY_CODE)
        users = _create_users(municipality)
        years = []
        for spec in data.COLLECTIVES:
            collective, memberships = _create_collective(spec, municipality, users)
            start = first_day + datetime.timedelta(
                days=round(year.START_MONTH[spec["slug"]] * 30.44)
            )
            years.append(
                CollectiveYear(
                    spec,
                    collective=collective,
                    memberships=memberships,
                    municipality=municipality,
                    faker_class=faker_class,
                    first_day=start,
                    today=today,
                    scale=SIZES[size],
                )
            )
        _live(years)
        # What a gemeente asks first is ready: this year's and last year's figures.
        for figures_year in year_choices()[:2]:
            prepared.prepare(municipality=municipality, year=figures_year)
        start_report(user=users["gemeente", None], year=today.year)
        # The network's public site: news, a publication, academy meetings and plaatjes.
        load_public_demo()
        # The gemeente's self-scan: two rounds, so the change over time shows.
        load_selfscan_demo(municipality=municipality, user=users["gemeente", None])
        result.summary = summarise([y.collective for y in years])
    names = {spec["slug"]: spec["name"] for spec in data.COLLECTIVES}
    result.logins = [
        Login(str(ROLE_LABELS[role]), names.get(slug, "—"), email, PASSWORD)
        for role, slug, email, _name in data.LOGINS
    ]
    result.seconds = time.perf_counter() - started
    return result


def _live(years: list[CollectiveYear]) -> None:
    """Every event of every collective, in order of time, each on its own moment. Nothing is
    dated later than now."""
    latest = timezone.now() - datetime.timedelta(minutes=5)
    planned = [(moment, action) for y in years for moment, action in y.events()]
    events = sorted(
        Event(min(moment, latest), seq, action) for seq, (moment, action) in enumerate(planned)
    )
    with demo_clock() as clock:
        for event in events:
            clock.set(event.at)
            event.run()


def _create_collective(spec, municipality, users):
    collective = Collective.objects.create(
        municipality=municipality,
        **{
            key: spec[key]
            for key in (
                "slug",
                "name",
                "kind",
                "legal_form",
                "description",
                "contact_name",
                "contact_email",
                "contact_phone",
                "address",
                "website",
                "public_place",
                "public_teaser",
                "public_description",
                "public_themes",
            )
        },
        is_public=True,
        # The public profile shows the collective's own contact details and takes messages.
        public_email=spec["contact_email"],
        public_website=spec["website"],
        public_phone=spec["contact_phone"],
        public_address=spec["address"],
    )
    collective.working_area.set(Neighbourhood.objects.filter(district__code=spec["district"]))
    memberships = Membership.objects.bulk_create(
        Membership(user=user, collective=collective, role=role)
        for (role, slug), user in users.items()
        if slug == spec["slug"]
    )
    return collective, memberships


def remove_demo() -> None:
    """Delete what an earlier run made; never anything else."""
    clash = (
        Collective.objects.filter(slug__in=DEMO_SLUGS)
        .exclude(municipality__code=MUNICIPALITY_CODE, municipality__is_sample=True)
        .first()
    )
    if clash is not None:
        raise DemoError(
            _(
                "Er bestaat al een collectief met de korte naam %(slug)s dat niet bij de demo "
                "hoort. De demo laat het staan en stopt."
            )
            % {"slug": clash.slug}
        )
    demo = Collective.objects.filter(slug__in=DEMO_SLUGS)
    ids = list(demo.values_list("pk", flat=True))
    if ids:
        demo.delete()
        # Deleting wrote a "deleted" history row per asset; the demo's history goes entirely.
        Asset.history.model.objects.filter(collective_id__in=ids).delete()
    User.objects.filter(email__in=DEMO_EMAILS).delete()
    # The council reports of the sample gemeente, with their files.
    reports = ImpactReport.objects.filter(
        municipality__code=MUNICIPALITY_CODE, municipality__is_sample=True
    )
    for report in reports:
        for file in (report.pdf, report.xlsx, report.csv):
            if file:
                file.delete(save=False)
    reports.delete()


def _faker_class():
    try:
        from faker import Faker
    except ImportError:  # Faker is a development package: say how to get it.
        raise DemoError(
            _(
                "Voor de demo is het pakket Faker nodig. Installeer de pakketten voor "
                "ontwikkelaars (make install-dev) en probeer het opnieuw."
            )
        ) from None
    return Faker


def _create_users(municipality) -> dict[tuple[str, str | None], User]:
    # Hashing once: the password is the same for every demo log-in, and hashing costs time.
    password = make_password(PASSWORD)
    users = {}
    for role, slug, email, name in data.LOGINS:
        users[role, slug] = User(
            email=email.lower(),
            name=name,
            password=password,
            municipality=municipality if role == "gemeente" else None,
            is_network_editor=role == "redacteur",
            is_staff=role == "installatie",
            is_superuser=role == "installatie",
        )
    User.objects.bulk_create(users.values())
    return users
