"""What each event of the demo's year does, through the project's own services and as the
buurtmaker (or beheerder) who did it: a resident comes in, an asset is mapped, an initiative
starts and changes, a helper is found, an activity is booked and attended, a pledge is made,
neighbours help each other, the network is computed."""

import datetime
from decimal import Decimal

from django.utils import timezone
from shapely import Point

from kring.assets.models import Asset, Category
from kring.assets.services import GiftInput, create_asset, record_gift_conversation
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

from ..residents import PlannedResident
from .moments import time_of

# Above the meeting-tie limit of attendance, everyone who came is someone of the whole buurt.
REGULARS_FACTOR = 1.5


class Acts:
    """The acts the planned events run; ``CollectiveYear`` holds the state they
    share."""

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
        start, end = time_of(series["time"][0]), time_of(series["time"][1])
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
        start, end = time_of(series["time"][0]), time_of(series["time"][1])
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
        start, end = time_of(series["time"][0]), time_of(series["time"][1])
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
