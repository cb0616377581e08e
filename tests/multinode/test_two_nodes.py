"""Kring on more than one machine: Redis as the shared cache, two gunicorn app nodes behind
HAProxy, and two background workers, all against the test PostgreSQL.

A change made through node A must show at once through node B, although node B has just cached
its answers: nothing may wait for a cache entry of one node to expire. Two workers must run each
task once, and a task of a worker that died must be run again by the other."""

import signal
import sys

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from kring.communities.models import Role
from kring.impact.models import ShareGroup, SharingChoice
from kring.people.models import ConsentPurpose
from tests import factories

from . import cluster

pytestmark = [pytest.mark.multinode, pytest.mark.django_db(transaction=True)]

PASSWORD = factories.PASSWORD
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[5.10, 52.08], [5.12, 52.08], [5.12, 52.09], [5.10, 52.09], [5.10, 52.08]]],
}


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("several app nodes share one database server: this runs on PostgreSQL")
    missing = cluster.needed_programs()
    assert not missing, f"install {', '.join(missing)} (make test does so with apt-get)"


@pytest.fixture
def world(postgres_only, settings):
    # The nodes check passwords with the installation's hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    municipality = factories.MunicipalityFactory(code="GM9994", name="Tweestad")
    district = factories.DistrictFactory(municipality=municipality, code="WK999401")
    buurt = factories.NeighbourhoodFactory(
        district=district, code="BU99940101", name="Molenbuurt", boundary=SQUARE
    )
    collective = factories.CollectiveFactory(
        name="Buurthuis De Molen", slug="molen", municipality=municipality
    )
    collective.working_area.add(buurt)
    SharingChoice.objects.create(
        collective=collective, municipality=municipality, groups=list(ShareGroup.values)
    )
    people = {
        "admin": ("beheerder@example.org", Role.ADMIN),
        "member": ("lid@example.org", Role.MEMBER),
    }
    for email, role in people.values():
        user = factories.UserFactory(email=email)
        factories.MembershipFactory(user=user, collective=collective, role=role)
    factories.UserFactory(email="ambtenaar@example.org", municipality=municipality)
    fixer = factories.ResidentFactory(
        collective=collective, name="Karim Fixer", neighbourhood=buurt
    )
    for purpose in (ConsentPurpose.INVENTORY, ConsentPurpose.MEMBERS):
        factories.ConsentFactory(resident=fixer, purpose=purpose)
    factories.GiftFactory(
        collective=collective, resident=fixer, title="Fietsen repareren", neighbourhood=buurt
    )
    for i in range(3):
        factories.AssetFactory(
            collective=collective,
            title=f"Bankje {i}",
            latitude=52.085,
            longitude=5.101 + i / 1000,
            neighbourhood=buurt,
        )
    return {"collective": collective, "fixer": fixer, "municipality": municipality}


@pytest.fixture
def installation(world, tmp_path):
    """Redis, node A, node B and the proxy; yields their addresses and the processes."""
    processes = cluster.Processes(tmp_path)
    ports = {name: cluster.free_port() for name in ("redis", "a", "b", "proxy")}
    try:
        cluster.start_redis(processes, ports["redis"])
        env = cluster.node_env(
            cluster.database_url(connection.settings_dict),
            f"redis://127.0.0.1:{ports['redis']}/1",
        )
        for name in ("a", "b"):
            cluster.start_node(processes, f"node-{name}", ports[name], env)
        cluster.start_proxy(processes, ports["proxy"], {"a": ports["a"], "b": ports["b"]})
        urls = {name: f"http://127.0.0.1:{ports[name]}" for name in ("a", "b", "proxy")}
        for name, url in urls.items():
            cluster.wait_until(
                lambda url=url: cluster.requests.get(url + "/healthz", timeout=5).ok,
                f"{name} answering /healthz",
                processes,
                timeout=60,
            )
        yield {"urls": urls, "processes": processes, "env": env, "folder": tmp_path}
    finally:
        processes.stop_all()


def _mapped(session, base, slug) -> int:
    answer = session.get(
        f"{base}/c/{slug}/map/clusters.json", params={"zoom": 19}, timeout=30
    ).json()
    return len(answer["points"]) + sum(c["count"] for c in answer.get("clusters", []))


def test_a_change_through_node_a_shows_at_once_through_node_b(installation, world):
    a, b, proxy = (installation["urls"][n] for n in ("a", "b", "proxy"))
    slug = world["collective"].slug

    health = cluster.requests.get(proxy + "/healthz", timeout=5)
    assert health.json() == {"status": "ok", "database": "ok", "cache": "ok", "migrations": "ok"}

    # Logged in through the proxy; the session is the database's, so every node knows it.
    admin = cluster.log_in(proxy, "beheerder@example.org", PASSWORD)
    member = cluster.log_in(proxy, "lid@example.org", PASSWORD)
    official = cluster.log_in(proxy, "ambtenaar@example.org", PASSWORD)
    for _ in range(4):  # round robin: both nodes answer these
        assert admin.get(f"{proxy}/c/{slug}/", timeout=30).ok
    for node in ("node-a", "node-b"):
        assert f"/c/{slug}/" in installation["processes"].log(node), f"{node} got no request"

    # Node B answers first, so it has every answer cached.
    assert _mapped(admin, b, slug) == 3
    assert "Moestuin Molenhof" not in admin.get(f"{b}/c/{slug}/search/?q=moestuin").text
    assert "Fietsen repareren" in member.get(f"{b}/c/{slug}/assets/gift/").text
    dashboard = official.get(f"{b}/municipality/impact/", timeout=60).text
    assert "Buurthuis De Molen" in dashboard
    # Nothing made yet: the page says so at once, and a worker makes the figures.
    assert "De cijfers worden voorbereid" in dashboard
    figures_worker = _worker(installation, "worker-figures", "--batch")
    figures_worker.wait(120)
    assert figures_worker.returncode == 0, installation["processes"].logs()
    dashboard = official.get(f"{b}/municipality/impact/", timeout=60).text
    assert "Deze cijfers zijn van" in dashboard and "Buurthuis De Molen" in dashboard

    # 1. A new place, made through node A.
    made = cluster.submit(
        admin,
        a,
        f"/c/{slug}/assets/place/new/",
        {"title": "Moestuin Molenhof", "latitude": "52.086", "longitude": "5.105"},
    )
    assert made.ok and "Moestuin Molenhof" in made.text, made.text[:2000]
    assert _mapped(admin, b, slug) == 4
    assert "Moestuin Molenhof" in admin.get(f"{b}/c/{slug}/search/?q=moestuin").text

    # 2. The resident withdraws "members may see me" (recorded through node A).
    fixer = world["fixer"]
    withdrawn = cluster.submit(
        admin,
        a,
        f"/c/{slug}/residents/{fixer.pk}/consent/",
        {"purposes": [ConsentPurpose.INVENTORY.value]},
    )
    assert withdrawn.ok, withdrawn.text[:2000]
    assert "Fietsen repareren" not in member.get(f"{b}/c/{slug}/assets/gift/").text

    # 3. The collective stops sharing its figures with the gemeente (through node A).
    stopped = cluster.submit(admin, a, f"/c/{slug}/sharing/", {"groups": []})
    assert stopped.ok, stopped.text[:2000]
    dashboard = official.get(f"{b}/municipality/impact/", timeout=60).text
    assert "Buurthuis De Molen" not in dashboard
    assert "Deze cijfers zijn van" not in dashboard  # the kept figures counted it: gone

    # 4. Logging out through node A ends the session on node B too (sessions are read from
    # the shared cache).
    assert member.get(f"{b}/c/{slug}/", allow_redirects=False, timeout=30).status_code == 200
    logged_out = cluster.submit(member, a, f"/c/{slug}/", {}, action="/logout/")
    assert logged_out.ok
    gone = member.get(f"{b}/c/{slug}/", allow_redirects=False, timeout=30)
    assert gone.status_code == 302 and "/login/" in gone.headers["Location"]


def _worker(installation, name, *extra):
    env = dict(
        installation["env"],
        KRING_WORKER_HEARTBEAT_SECONDS="0.5",
        KRING_WORKER_DEAD_AFTER_SECONDS="3",
    )
    return installation["processes"].start(
        name,
        [
            sys.executable,
            "manage.py",
            "kring_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            *list(extra),
        ],
        env,
    )


def _marks(path):
    return path.read_text().split() if path.exists() else []


def test_two_workers_run_each_task_once_and_take_over_from_a_dead_one(installation, settings):
    from . import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    marks = installation["folder"] / "marks.txt"
    for i in range(24):
        tasks.leave_mark.enqueue(str(marks), f"task-{i}", 0.1)

    first = _worker(installation, "worker-1", "--batch")
    second = _worker(installation, "worker-2", "--batch")
    for process in (first, second):
        process.wait(120)
        assert process.returncode == 0, installation["processes"].logs()
    assert sorted(_marks(marks)) == sorted(f"task-{i}" for i in range(24))
    results = list(DBTaskResult.objects.all())
    assert all(r.status == "SUCCESSFUL" and len(r.worker_ids) == 1 for r in results)
    assert len({r.worker_ids[0] for r in results}) == 2, "one worker did all the work"

    # A worker dies (its machine is switched off) in the middle of a long task.
    slow = tasks.leave_mark.enqueue(str(marks), "slow", 8)
    dying = _worker(installation, "worker-3")
    cluster.wait_until(
        lambda: DBTaskResult.objects.get(pk=slow.id).status == "RUNNING",
        "the slow task starting",
        installation["processes"],
    )
    installation["processes"].stop(dying, signal.SIGKILL)
    rescuer = _worker(installation, "worker-4")
    cluster.wait_until(
        lambda: DBTaskResult.objects.get(pk=slow.id).status == "SUCCESSFUL",
        "the slow task finishing on the other worker",
        installation["processes"],
        timeout=60,
    )
    installation["processes"].stop(rescuer)
    result = DBTaskResult.objects.get(pk=slow.id)
    assert len(result.worker_ids) == 2 and result.worker_ids[0] != result.worker_ids[1]
    assert _marks(marks).count("slow") == 1
    assert "queued again" in installation["processes"].log("worker-4")
