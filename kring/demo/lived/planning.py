"""Planning one collective's year: which event happens when (residents coming in, assets
mapped, sharing, the wijkportret, initiatives with their needs, activities and pledges,
neighbour help and network analyses). ``CollectiveYear`` is made of this and ``acts``."""

import datetime
import random
from collections.abc import Callable
from decimal import Decimal

from kring.assets.models import Category
from kring.initiatives.models import NeedStatus, Status

from .. import year
from .moments import at, month_day, time_of


class Planning:
    """The events of the collective's year, each with the act that runs it
    (``Acts``)."""

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
            finish = time_of(series["time"][1])
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
