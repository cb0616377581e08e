"""Notices of new asks: preparing one day's notices (which subscribed residents does each new
ask fit, with the matching engine's reason).

Two scales: one collective with 2,000 residents (3 gifts each) and 200 new asks, and the whole
country, 1,000 collectives with one day's asks each. Kring's preparation
(``kring.notices.services.prepare_notices``) asks the engine once per new ask and reads a
collective's subscribers once; the baseline, measured in the same run, is what a developer
would write first: for every subscribed resident, ask the engine (``kring.matching.explain``,
its front door for one resident's gifts) about every new ask of their collective. The baseline
is timed on a sample of subscribers and scaled to all of them (it grows with subscribers ×
asks); the two must agree on who is told (checked on the sample).
Run: python -m bench --size full notices
"""

import random
import time

from django.db import connection
from django.utils import timezone

from bench import relevance
from bench.registry import benchmark

SIZES = {
    # (collectives, residents each, gifts each, asks each), baseline sample of subscribers
    "small": {"collective": (1, 120, 3, 12), "country": (3, 30, 3, 3), "sample": 12},
    "full": {"collective": (1, 2000, 3, 200), "country": (1000, 100, 3, 5), "sample": 60},
}
SUBSCRIBED = 0.6  # share of residents who chose notices (all of them with an address)


def _prepare_world(n_collectives, residents, gifts, asks, seed):
    from bench.matching import generate
    from kring.initiatives.models import Initiative, Need
    from kring.matching.services import rebuild_search_index
    from kring.notices.models import NoticePreference, Rhythm, Scope
    from kring.people.models import Resident

    rng = random.Random(seed)
    collectives = generate(n_collectives, residents, gifts, seed=seed)
    ids = [c.pk for c in collectives]
    Resident.objects.filter(collective_id__in=ids).update(email="bewoner@example.nl")
    now = timezone.now()
    rhythms = [Rhythm.IMMEDIATE, Rhythm.DAILY, Rhythm.WEEKLY]
    NoticePreference.objects.bulk_create(
        (
            NoticePreference(
                resident_id=pk,
                rhythm=rng.choice(rhythms),
                scope=Scope.AREA if rng.random() < 0.5 else Scope.BUURT,
                changed_by="buurtmaker",
                changed_at=now,
            )
            for pk in Resident.objects.filter(collective_id__in=ids).values_list("pk", flat=True)
            if rng.random() < SUBSCRIBED
        ),
        batch_size=5000,
    )
    rebuild_search_index()
    from kring.geo.models import Neighbourhood

    buurten = list(Neighbourhood.objects.filter(code__startswith="BU9996"))
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            collective=c, title=f"Plan {n}", status="loopt", neighbourhood=rng.choice(buurten)
        )
        for c in collectives
        for n in range(3)
    )
    by_collective = {}
    for initiative in initiatives:
        by_collective.setdefault(initiative.collective_id, []).append(initiative)
    texts = [n["text"] for n in relevance.load()["needs"]]
    needs = Need.objects.bulk_create(
        (
            Need(
                initiative=rng.choice(by_collective[c.pk]),
                text=rng.choice(texts),
                question="met_hulp",
            )
            for c in collectives
            for _ in range(asks)
        ),
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return collectives, [n.pk for n in needs]


def naive_fits(resident, needs, per_need_told: dict) -> list[tuple[int, int]]:
    """The first thing one would write: for this resident, ask the engine about each new ask of
    their collective with their own gifts; told when a gift fits and the ask is in their buurt
    (or they chose the whole area)."""
    from kring.matching import explain
    from kring.notices.models import Scope

    gifts = list(resident.gifts.select_related("resident"))
    told = []
    for need in needs:
        buurt = need.initiative.neighbourhood_id
        preference = resident.notice_preference
        if preference.scope == Scope.BUURT and resident.neighbourhood_id != buurt:
            continue
        if explain(text=need.text, assets=gifts, neighbourhood=buurt):
            told.append((resident.pk, need.pk))
    return told


def _measure(label, world_size, sample_size, seed, out, send=False) -> dict:
    from kring.initiatives.models import Need
    from kring.notices import services
    from kring.notices.models import NoticeItem, NoticePreference
    from kring.people.models import ConsentPurpose, Resident

    n_collectives, residents, gifts, asks = world_size
    started = time.perf_counter()
    collectives, need_ids = _prepare_world(n_collectives, residents, gifts, asks, seed)
    made = time.perf_counter() - started
    ids = [c.pk for c in collectives]
    subscribers = NoticePreference.objects.filter(resident__collective_id__in=ids).count()
    out.write(
        f"   {label}: {n_collectives:,} collectives × {residents:,} residents × {gifts} gifts, "
        f"{len(need_ids):,} new asks, {subscribers:,} subscribers (data made in {made:.0f} s)\n"
    )
    # Warm the engine's word lists and prepared queries, as a running worker has them.
    from kring.matching import search

    for collective in collectives[:1]:
        for depth in range(1, 201 if residents >= 1000 else 25):
            search(collective=collective, text="fiets repareren koken", limit=depth)
    started = time.perf_counter()
    found = services.prepare_notices(need_ids=need_ids)
    kring_s = time.perf_counter() - started
    stored = NoticeItem.objects.filter(need_id__in=need_ids).count()
    # The baseline on a sample of subscribers (with consent, as Kring's own filter has it).
    rng = random.Random(seed + 1)
    eligible = list(
        Resident.objects.filter(collective_id__in=ids, notice_preference__isnull=False)
        .with_consent(ConsentPurpose.MATCHING)
        .values_list("pk", flat=True)
    )
    sample = rng.sample(eligible, min(sample_size, len(eligible)))
    needs = list(Need.objects.filter(pk__in=need_ids).select_related("initiative"))
    by_collective = {}
    for need in needs:
        by_collective.setdefault(need.initiative.collective_id, []).append(need)
    started = time.perf_counter()
    naive_told = set()
    for resident in Resident.objects.filter(pk__in=sample).select_related("notice_preference"):
        naive_told.update(naive_fits(resident, by_collective.get(resident.collective_id, []), {}))
    naive_sample_s = time.perf_counter() - started
    naive_s = naive_sample_s / max(len(sample), 1) * len(eligible)
    kring_told = set(
        NoticeItem.objects.filter(resident_id__in=sample, need_id__in=need_ids).values_list(
            "resident_id", "need_id"
        )
    )
    agree = len(kring_told & naive_told)
    out.write(
        f"   {label}: Kring prepares {found:,} notices ({stored:,} stored) in {kring_s:.2f} s "
        f"({kring_s / max(len(need_ids), 1) * 1000:.1f} ms per ask)\n"
        f"   {label}: baseline (engine per resident): {naive_sample_s:.2f} s for {len(sample)} "
        f"of {len(eligible):,} subscribers → {naive_s:.1f} s for all (scaled); "
        f"ratio {naive_s / kring_s:.1f}×\n"
        f"   {label}: on the sample, Kring tells {len(kring_told)} and the baseline "
        f"{len(naive_told)} (resident, ask) pairs; {agree} in both (Kring stops at "
        f"KRING_NOTICES_PER_NEED best-fitting neighbours per ask; the baseline tells everyone "
        f"with any fitting gift)\n"
    )
    figures = {
        "kring_s": kring_s,
        "naive_s": naive_s,
        "ratio": naive_s / kring_s,
        "found": found,
        "asks": len(need_ids),
        "kring_pairs": len(kring_told),
        "naive_pairs": len(naive_told),
        "agree": agree,
    }
    if send:
        figures.update(_send(out))
    # The next scale makes its own gemeente and collectives.
    from kring.communities.models import Collective
    from kring.geo.models import Municipality
    from kring.notices.models import NoticeDelivery, NoticeItem

    # The notices first: deleting the collective would otherwise empty their gift and delivery
    # links in one update naming every row, more than SQLite takes at this size.
    NoticeItem.objects.filter(resident__collective_id__in=ids).delete()
    NoticeDelivery.objects.filter(resident__collective_id__in=ids).delete()
    for pk in ids:  # one at a time: the country's thousand at once name too many rows
        Collective.objects.filter(pk=pk).delete()
    Municipality.objects.filter(code="GM9996").delete()
    return figures


def _send(out) -> dict:
    """Sending what is due now (the "meteen" mails): claim, render, hand to the mail backend
    (kept in memory here), mark as sent."""
    from django.conf import settings
    from django.core import mail
    from django.urls import reverse

    from kring.notices import services
    from kring.notices.models import NoticeDelivery

    reverse("home")  # the URL patterns are read once per process: not part of the figure
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    try:
        started = time.perf_counter()
        sent = services.send_due()
        send_s = time.perf_counter() - started
    finally:
        settings.EMAIL_BACKEND = backend
    out.write(
        f"   collective: sending what is due now: {sent} "
        f"({NoticeDelivery.objects.count()} delivery rows, {len(mail.outbox)} mails) "
        f"in {send_s:.2f} s\n"
    )
    return {"send_s": send_s, "mails": len(mail.outbox)}


@benchmark("notices")
def run(*, size: str, out) -> dict:
    relevance.starter_synonyms()
    config = SIZES[size]
    return {
        "collective": _measure(
            "collective", config["collective"], config["sample"], 11, out, send=True
        ),
        "country": _measure("country", config["country"], config["sample"], 23, out),
    }
