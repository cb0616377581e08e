"""One collective's year with Kring, as a list of dated events: residents coming in through gift
conversations, assets mapped, initiatives started with needs under the three questions, helpers
found through "Wie kan helpen?" and connected, activities booked and attended, pledges made,
neighbours helping each other, the network computed now and then, and figures shared with the
gemeente. Every event calls the project's own services as the buurtmaker who did it; the builder
runs all events of all collectives in order of time, with the demo's clock on that moment."""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from shapely import Point
from shapely.geometry import shape

from kring.assets.models import Asset, Category
from kring.assets.services import GiftInput, create_asset, record_gift_conversation
from kring.communities.access import CollectiveAccess
from kring.impact.models import ShareGroup
from kring.impact.services import set_sharing
from kring.initiatives.models import (
    Activity,
    ActivitySeries,
    Connection,
    ConnectionKind,
    Initiative,
    NeedStatus,
    Pledge,
    PublicTask,
    Repeat,
    Status,
)
from kring.initiatives.selectors import helpers_for_need
from kring.initiatives.services import (
    DoubleBooking,
    SeriesDoubleBooking,
    add_pledge,
    connect_for_need,
    create_initiative,
    record_attendance,
    record_connection,
    save_activity,
    save_series,
    set_need_status,
    update_initiative,
)
from kring.maps.services import MAX_PORTRAIT_STORIES, choose_portrait_stories
from kring.network.services import start_analysis
from kring.people.services import create_resident, set_consents

from . import year
from .residents import PlannedResident, plan_residents

DAYS_PER_MONTH = 30.44
# Above the meeting-tie limit of attendance, everyone who came is someone of the whole buurt.
REGULARS_FACTOR = 1.5


@dataclass(order=True)
class Event:
    at: datetime.datetime
    seq: int
    run: Callable[[], None] = field(compare=False)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


def month_day(first_day: datetime.date, months: float, days: int = 0) -> datetime.date:
    return first_day + datetime.timedelta(days=int(months * DAYS_PER_MONTH) + days)


class CollectiveYear:
    """Plans the events of one collective; ``events()`` hands them to the builder."""

    def __init__(
        self,
        spec: dict,
        *,
        collective,
        memberships,
        municipality,
        faker_class,
        first_day: datetime.date,
        today: datetime.date,
        scale: float,
    ):
        self.spec = spec
        self.collective = collective
        self.municipality = municipality
        self.rng = random.Random(spec["seed"])
        self.fake = faker_class("nl_NL")
        self.fake.seed_instance(spec["seed"])
        self.first_day = first_day
        self.today = today
        self.scale = scale
        self.access = {
            m.user.pk: CollectiveAccess(user=m.user, collective=collective, membership=m)
            for m in memberships
            if m.role in ("beheerder", "buurtmaker")
        }
        self.builders = [m.user for m in memberships if m.role in ("beheerder", "buurtmaker")]
        self.admin = next(self.access[m.user.pk] for m in memberships if m.role == "beheerder")
        self.buurten = list(collective.working_area.order_by("code"))
        self.by_code = {b.code: b for b in self.buurten}
        self.shapes = {b.code: shape(b.boundary) for b in self.buurten}
        linked = next((m.user for m in memberships if m.role == "lid"), None)
        self.people: list[PlannedResident] = plan_residents(
            spec,
            count=max(12, round(spec["residents"] * scale)),
            collective=collective,
            buurten=self.buurten,
            builders=self.builders,
            rng=self.rng,
            fake=self.fake,
            first_day=first_day,
            today=today,
            linked_user=linked,
        )
        self.assets: dict[str, Asset] = {}
        self.tasks = {t.name: t for t in PublicTask.objects.all()}
        self._events: list[tuple[datetime.datetime, Callable[[], None]]] = []

    # Planning ------------------------------------------------------------------------------

    def events(self) -> list[tuple[datetime.datetime, Callable[[], None]]]:
        self._plan_residents()
        self._plan_assets()
        self._plan_sharing()
        self._plan_portrait()
        for number, item in enumerate(year.INITIATIVES[self.spec["slug"]]):
            self._plan_initiative(number, item)
        self._plan_neighbour_help()
        self._plan_network()
        return self._events

    def _on(self, moment: datetime.datetime, action: Callable[[], None]) -> None:
        self._events.append((moment, action))

    def _builder(self) -> CollectiveAccess:
        return self.access[self.rng.choice(self.builders).pk]

    def _known_on(self, day: datetime.date, *, purpose: str | None = None):
        """Residents already in Kring on ``day`` (optionally with a consent)."""
        return [
            p for p in self.people if p.day < day and (purpose is None or purpose in p.purposes)
        ]

    def _plan_residents(self) -> None:
        for person in self.people:
            moment = at(person.day, self.rng.randint(9, 20), self.rng.randint(0, 59))
            self._on(moment, lambda p=person: self._come_in(p))
            if "fotos" in person.purposes and self.rng.random() < 0.08:
                later = person.day + datetime.timedelta(days=self.rng.randint(20, 120))
                if later < self.today:
                    self._on(at(later, 11), lambda p=person: self._withdraw_photos(p))

    def _plan_assets(self) -> None:
        """The collective maps what the neighbourhood has in its first weeks; stories, which
        need their tellers, come in once people know the collective."""
        items = [*self.spec["assets"], {**year.LOCAL_FUND, "buurt": self.buurten[0].code}]
        for item in items:
            if item["category"] == Category.STORY:
                day = month_day(self.first_day, 5, self.rng.randint(0, 60))
            else:
                day = self.first_day + datetime.timedelta(days=self.rng.randint(1, 24))
            self._on(at(day, self.rng.randint(9, 17)), lambda i=item, d=day: self._map(i, d))

    def _plan_portrait(self) -> None:
        """Once its stories are in, the collective chooses the ones for its wijkportret."""
        day = month_day(self.first_day, 8)
        self._on(at(day, 10), self._choose_stories)

    def _plan_sharing(self) -> None:
        day = self.first_day + datetime.timedelta(days=40)
        self._on(at(day, 20), self._share)

    def _plan_initiative(self, number: int, item: dict) -> None:
        rng = self.rng
        start = month_day(self.first_day, item["start"], 26 + rng.randint(0, 5))
        if start >= self.today:
            start = self.today - datetime.timedelta(days=7)
        end = month_day(self.first_day, item["end"], 20) if item.get("end") else None
        if end is not None and end >= self.today:
            end = self.today - datetime.timedelta(days=2)
        last = end or self.today
        plan = {"item": item, "start": start, "end": end, "initiative": None, "needs": {}}
        self._on(at(start, 19, number), lambda: self._start(plan))
        if item["status"] != Status.IDEA:
            self._on(
                at(start + datetime.timedelta(days=10), 9),
                lambda: self._status(plan, Status.RUNNING),
            )
        if end is not None:
            self._on(at(end, 21), lambda: self._status(plan, item["status"]))

        for index, (_question, text, outcome) in enumerate(item["needs"]):
            if outcome == NeedStatus.OPEN:
                continue
            found = start + datetime.timedelta(days=rng.randint(4, 35))
            if found >= last:
                found = start + datetime.timedelta(days=1)
            self._on(at(found, 14, index), lambda t=text: self._find_helper(plan, t))
            if outcome == NeedStatus.MET:
                met = found + datetime.timedelta(days=rng.randint(10, 50))
                if met < self.today:
                    self._on(at(met, 15, index), lambda t=text: self._fulfil(plan, t))

        for series in item["activities"]:
            self._plan_series(plan, series, start, end)
        for pledge in item["pledges"]:
            self._plan_pledges(plan, pledge, start, last)

    def _plan_series(self, plan, series, start, end) -> None:
        days = list(self._occurrences(series, start, end))
        # The same people come back: each resident's liking for this series is fixed, and the
        # regulars are those who like it most among the residents Kring knows by then.
        liking = random.Random(f"{self.rng.random()}")
        order = {id(p): liking.random() for p in self.people}
        future = 0
        for day in days:
            if day >= self.today:
                # Running initiatives have their next meetings in the agenda already: a weekly
                # or monthly one as a repeating series on the public agenda, others one by one.
                if plan["item"]["status"] != Status.RUNNING or future >= 3:
                    continue
                booked = self.today - datetime.timedelta(days=self.rng.randint(1, 6))
                if series["every"] in ("week", "month"):
                    future = 3
                    self._on(at(booked, 10), lambda d=day: self._book_series(plan, series, d))
                    continue
                future += 1
                self._on(at(booked, 10), lambda d=day: self._book(plan, series, d, attend=False))
                continue
            booked = max(start + datetime.timedelta(days=1), day - datetime.timedelta(days=10))
            holder: dict = {}
            self._on(at(booked, 10), lambda d=day, h=holder: self._book(plan, series, d, holder=h))
            finish = _clock(series["time"][1])
            moment = at(day, min(finish[0] + 1, 23), finish[1])
            self._on(
                moment,
                lambda d=day, h=holder: self._attend(plan, series, d, h, order),
            )

    def _occurrences(self, series, start, end):
        first = start + datetime.timedelta(days=7)
        last = end or (self.today + datetime.timedelta(days=45))
        weekday = series["weekday"]
        if series["every"] == "week":
            # The small demo (tests) meets every fourth week: the same year, less work.
            step = datetime.timedelta(days=7 if self.scale >= 1 else 28)
            day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7)
            while day <= last:
                yield day
                day += step
        elif series["every"] == "month":
            month = datetime.date(first.year, first.month, 1)
            while month <= last:
                day = _nth_weekday(month, weekday, series["nth"])
                if first <= day <= last:
                    yield day
                month = _next_month(month)
        else:
            for months in series["months"]:
                day = month_day(self.first_day, months, 10)
                day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
                if first <= day <= last:
                    yield day

    def _plan_pledges(self, plan, pledge, start, last) -> None:
        giver, kind, amount, detail = pledge
        span = max(1, (last - start).days)
        if giver == "bewoners":
            count = max(1, round(detail * min(1.0, self.scale * 2)))
            for _n in range(count):
                day = start + datetime.timedelta(days=self.rng.randint(1, span))
                value = _amount(self.rng, kind, amount)
                self._on(
                    at(day, 20), lambda d=day, v=value: self._pledge(plan, None, kind, v, "", d)
                )
        else:
            day = start + datetime.timedelta(days=self.rng.randint(1, min(span, 60)))
            value = Decimal(amount) if amount is not None else None
            who = None if giver == "bewoner" else giver
            self._on(at(day, 16), lambda: self._pledge(plan, who, kind, value, detail, day))

    def _plan_neighbour_help(self) -> None:
        """Buurtmakers note help between neighbours and introduce residents to groups: ties
        that do not come from any initiative, many across buurten."""
        span = (self.today - self.first_day).days
        for _n in range(round(len(self.people) * 0.45)):
            day = self.first_day + datetime.timedelta(days=self.rng.randint(30, span - 1))
            note = self.rng.choice(year.NEIGHBOUR_HELP)
            self._on(at(day, 18), lambda d=day, n=note: self._neighbours(d, n))
        for _n in range(round(len(self.people) * 0.15)):
            day = self.first_day + datetime.timedelta(days=self.rng.randint(40, span - 1))
            self._on(at(day, 12), lambda d=day: self._introduce_to_group(d))

    def _plan_network(self) -> None:
        """The buurtmakers compute their network now and then; the last one compares with six
        months ago, so the page shows who is still alone and how that changed."""
        half_year = self.today - datetime.timedelta(days=182)
        for as_of, compare in (
            (month_day(self.first_day, 6), None),
            (half_year, month_day(self.first_day, 3)),
            (self.today, half_year),
        ):
            self._on(at(as_of, 7), lambda a=as_of, c=compare: self._analyse(a, c))

    # Running -------------------------------------------------------------------------------

    def _come_in(self, person: PlannedResident) -> None:
        access = self.access[person.builder.pk]
        if "inventaris" in person.purposes:
            record_gift_conversation(
                access=access,
                resident=person.resident,
                gifts=[GiftInput(kind=kind, title=title) for kind, title in person.gifts],
                availability=person.availability,
                purposes=set(person.purposes),
                consent_method=person.consent_method,
                held_on=person.day,
                method=person.conversation_method,
            )
            return
        create_resident(access=access, resident=person.resident)
        if person.purposes:
            set_consents(
                access=access,
                resident=person.resident,
                purposes=set(person.purposes),
                method=person.consent_method,
            )

    def _withdraw_photos(self, person: PlannedResident) -> None:
        person.purposes = [p for p in person.purposes if p != "fotos"]
        set_consents(
            access=self._builder(),
            resident=person.resident,
            purposes=set(person.purposes),
            method=person.consent_method,
        )

    def _map(self, item: dict, day: datetime.date) -> None:
        fields = {k: v for k, v in item.items() if k not in ("buurt", "tags", "tellers")}
        code = item["buurt"]
        if item.get("address"):
            # A pin somewhere inside the asset's own buurt, so the map and the buurt agree.
            fields["latitude"], fields["longitude"] = _point_in(self.shapes[code], self.rng)
        asset = Asset(neighbourhood=self.by_code[code], source="handmatig", **fields)
        tellers = []
        for allowed in item.get("tellers", ()):
            pool = [
                p.resident
                for p in self._known_on(day)
                if ("verhalen" in p.purposes) == allowed
                and p.purposes
                and p.resident not in tellers
            ]
            if pool:
                tellers.append(self.rng.choice(pool))
        self.assets[asset.title] = create_asset(
            access=self._builder(), asset=asset, tags=item.get("tags", []), tellers=tellers
        )

    def _choose_stories(self) -> None:
        stories = [a for a in self.assets.values() if a.category == Category.STORY]
        # Stories that residents told first: the page then says whose consent one waits for.
        stories.sort(key=lambda a: not a.tellers.exists())
        choose_portrait_stories(
            access=self._builder(), asset_ids=[a.pk for a in stories[:MAX_PORTRAIT_STORIES]]
        )

    def _share(self) -> None:
        set_sharing(
            access=self.admin, municipality=self.municipality, groups=list(ShareGroup.values)
        )

    def _start(self, plan) -> None:
        item, rng, day = plan["item"], self.rng, plan["start"]
        known = self._known_on(day, purpose="inventaris")
        initiators = rng.sample(known, min(len(known), rng.randint(1, 3)))
        others = [p for p in known if p not in initiators]
        participants = rng.sample(others, min(len(others), rng.randint(1, 5)))
        needs: dict[str, list[str]] = {}
        for question, text, _outcome in item["needs"]:
            needs.setdefault(question, []).append(text)
        initiative = Initiative(
            title=item["title"],
            description=item["description"],
            # Where it happens: its own buurt, else the buurt of the first place or group it uses.
            neighbourhood=self.by_code[item["buurt"]]
            if item["buurt"]
            else self.assets[item["assets"][0]].neighbourhood,
            status=Status.IDEA,
            start_date=day if item["status"] != Status.IDEA else None,
            goal_hours=item.get("goal_hours"),
            goal_money=item.get("goal_money"),
        )
        plan["initiative"] = create_initiative(
            access=self._builder(),
            initiative=initiative,
            initiators=[p.resident for p in initiators],
            participants=[p.resident for p in participants],
            assets=[self.assets[title] for title in item["assets"]],
            tasks=[self.tasks[name] for name in item["tasks"]],
            needs=needs,
        )
        plan["needs"] = {n.text: n for n in plan["initiative"].needs.all()}

    def _status(self, plan, status: str) -> None:
        initiative = plan["initiative"]
        initiative.status = status
        if status in (Status.DONE, Status.STOPPED):
            initiative.end_date = timezone.localdate()
        update_initiative(
            access=self._builder(),
            initiative=initiative,
            initiators=list(initiative.initiators.all()),
            participants=list(initiative.participants.all()),
            assets=list(initiative.assets.all()),
            tasks=list(initiative.tasks.all()),
        )

    def _find_helper(self, plan, text: str) -> None:
        """ "Wie kan helpen?" as a buurtmaker uses it: the first suggestion not yet asked (for
        a need an institution must meet, the list itself puts institutions and groups first)."""
        need = plan["needs"][text]
        access = self._builder()
        helpers = [h for h in helpers_for_need(access, need) if not h.connected]
        if not helpers:
            return  # the need stays open, as it would
        helper = helpers[0]
        connect_for_need(
            access=access, need=need, asset=helper.asset, reason="; ".join(helper.reasons[:2])
        )

    def _fulfil(self, plan, text: str) -> None:
        need = plan["needs"][text]
        need.refresh_from_db(fields=["status"])
        if need.status == NeedStatus.FOUND:
            set_need_status(access=self._builder(), need=need, status=NeedStatus.MET)

    def _book(self, plan, series, day, *, holder=None, attend=True) -> None:
        place = self.assets[series["place"]]
        start, end = _clock(series["time"][0]), _clock(series["time"][1])
        activity = Activity(
            initiative=plan["initiative"],
            title=series["title"],
            date=day,
            start_time=datetime.time(*start),
            end_time=datetime.time(*end),
            place=place,
        )
        try:
            save_activity(access=self._builder(), activity=activity)
        except DoubleBooking:
            return  # the place was taken: this meeting does not happen
        if holder is not None:
            holder["activity"] = activity

    def _book_series(self, plan, series, first: datetime.date) -> None:
        """The coming meetings as one repeating series, put on the public agenda. A date on
        which the place is taken is skipped, as a buurtmaker would after the form names it."""
        start, end = _clock(series["time"][0]), _clock(series["time"][1])
        monthly = series["every"] == "month"
        skipped: list[datetime.date] = []
        for _attempt in range(3):
            rule = ActivitySeries(
                initiative=plan["initiative"],
                title=series["title"],
                repeat=Repeat.MONTHLY if monthly else Repeat.WEEKLY,
                starts_on=first,
                count=6 if monthly else 8,
                start_time=datetime.time(*start),
                end_time=datetime.time(*end),
                place=self.assets[series["place"]],
                public=True,
            )
            try:
                save_series(access=self._builder(), series=rule, skipped=skipped)
                return
            except SeriesDoubleBooking as refused:
                skipped += [day for day, _other in refused.clashes]

    def _attend(self, plan, series, day, holder, order) -> None:
        activity = holder.get("activity")
        if activity is None:
            return
        rng = self.rng
        known = self._known_on(day)
        low, high = series["attendees"]
        if high > 30:
            # A feast or an open day: people from everywhere, too many to all meet each other.
            count = rng.randint(low, high)
        else:
            count = max(2, round(rng.randint(low, high) * min(1.0, self.scale * 1.5)))
        regulars = sorted(known, key=lambda p: order[id(p)])[: round(count * REGULARS_FACTOR)]
        chosen = rng.sample(regulars, min(count, len(regulars)))
        if len(known) > len(chosen) and rng.random() < 0.35:
            newcomer = rng.choice([p for p in known if p not in chosen])
            chosen.append(newcomer)
        start, end = _clock(series["time"][0]), _clock(series["time"][1])
        duration = Decimal((end[0] * 60 + end[1]) - (start[0] * 60 + start[1])) / 60
        record_attendance(
            access=self._builder(),
            activity=activity,
            attendees=[p.resident for p in chosen],
            hours_given=(duration * series["volunteers"]).quantize(Decimal("0.5")),
            items_repaired=_repaired(day) if series.get("repairs") else 0,
        )

    def _pledge(self, plan, giver_title, kind, amount, detail, day) -> None:
        initiative = plan["initiative"]
        pledge = Pledge(initiative=initiative, kind=kind, amount=amount, pledged_on=day)
        if giver_title:
            pledge.giver = self.assets[giver_title]
        else:
            people = [p.resident for p in self._known_on(day)]
            participants = set(initiative.participants.values_list("pk", flat=True))
            close = [r for r in people if r.pk in participants]
            pool = close if close and self.rng.random() < 0.6 else people
            pledge.resident = self.rng.choice(pool)
        pledge.description = detail or _pledge_note(kind, self.rng)
        add_pledge(access=self._builder(), pledge=pledge)

    def _neighbours(self, day, note) -> None:
        known = self._known_on(day)
        if len(known) < 2:
            return
        helper = self.rng.choice(known)
        same = [
            p
            for p in known
            if p is not helper and p.resident.neighbourhood_id == helper.resident.neighbourhood_id
        ]
        others = [p for p in known if p is not helper]
        helped = self.rng.choice(same if same and self.rng.random() < 0.65 else others)
        record_connection(
            access=self._builder(),
            connection=Connection(
                resident=helper.resident,
                other_resident=helped.resident,
                kind=ConnectionKind.NEIGHBOUR_HELP,
                happened_on=day,
                note=note,
            ),
        )

    def _introduce_to_group(self, day) -> None:
        known = self._known_on(day, purpose="verbinden")
        groups = [a for a in self.assets.values() if a.category == Category.ASSOCIATION]
        if not known or not groups:
            return
        group = self.rng.choice(groups)
        record_connection(
            access=self._builder(),
            connection=Connection(
                resident=self.rng.choice(known).resident,
                asset=group,
                kind=ConnectionKind.INTRODUCED,
                happened_on=day,
                note="kennismaking met de groep",
            ),
        )

    def _analyse(self, as_of, compare_from) -> None:
        start_analysis(access=self._builder(), as_of=as_of, compare_from=compare_from)


def _repaired(day: datetime.date) -> int:
    """Things that work again after one repair café: 14 to 22, around the 18 of the 25 things
    that Repair Café International counts at an average meeting. Most visitors are not
    residents known to Kring, so this does not follow the attendance; taken from the date, not
    from the random stream, so the rest of the demo stays as it was."""
    return 14 + day.toordinal() % 9


def _clock(text: str) -> tuple[int, int]:
    hour, minute = text.split(":")
    return int(hour), int(minute)


def _nth_weekday(month: datetime.date, weekday: int, nth: int) -> datetime.date:
    if nth > 0:
        day = month + datetime.timedelta(days=(weekday - month.weekday()) % 7)
        return day + datetime.timedelta(weeks=nth - 1)
    last = _next_month(month) - datetime.timedelta(days=1)
    return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)


def _next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


def _amount(rng, kind, bounds) -> Decimal:
    low, high = bounds
    if kind == "geld":
        step = 50 if low >= 100 else 5
        return Decimal(rng.randint(low // step, high // step) * step)
    return Decimal(rng.randint(low, high))


PLEDGE_NOTES = {
    "uren": [
        "helpt elke week mee",
        "springt in als er iemand uitvalt",
        "doet de opbouw",
        "helpt met opruimen",
    ],
    "geld": ["eigen bijdrage", "een aandeel", "gift"],
    "materiaal": ["gereedschap om te lenen", "stoelen en tafels", "een koelkast"],
}


def _pledge_note(kind: str, rng) -> str:
    return rng.choice(PLEDGE_NOTES[kind])


def _point_in(polygon, rng) -> tuple[float, float]:
    minx, miny, maxx, maxy = polygon.bounds
    for _attempt in range(200):
        point = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if polygon.contains(point):
            return round(point.y, 6), round(point.x, 6)
    point = polygon.representative_point()
    return round(point.y, 6), round(point.x, 6)
