"""The apps' import graph stays as docs/architecture.md draws it (counted by tests/import_graph.py,
`make import-graph`): no cycle and no two apps importing each other, the core importing no
domain app, and no function-local import of a Kring module outside the places Django needs
one, each with a comment that says why."""

import pytest
from django.conf import settings

from tests import import_graph


@pytest.fixture(scope="module")
def figures():
    return import_graph.measure()


def test_every_app_is_counted(figures):
    installed = {a.split(".")[1] for a in settings.INSTALLED_APPS if a.startswith("kring.")}
    assert set(figures.apps) == installed
    assert {"core", "geo", "communities", "demo"} <= set(figures.apps)


def test_no_cycle_and_no_two_apps_importing_each_other(figures):
    assert figures.cycles == [], f"apps import each other: {figures.cycles}"
    assert figures.two_way == [], f"apps importing each other: {figures.two_way}"


def test_the_core_imports_no_domain_app(figures):
    assert figures.edges["core"] == set()
    assert figures.edges["geo"] <= {"core"}


def test_function_local_imports_only_where_django_needs_them_and_each_says_why(figures):
    # Models are loaded only when AppConfig.ready runs, and a migration imports today's code
    # only when its step runs: there a comment says what the import waits for. Anywhere else a
    # Kring module is imported at the top of the module; the rare exception (a package that
    # Django imports before the models exist, a heavy library the web processes never need)
    # carries a "# why:" comment.
    unexplained = import_graph.unexplained(figures.local_imports)
    assert not unexplained


def test_an_unexplained_local_import_is_found(tmp_path, monkeypatch):
    package = tmp_path / "kring"
    (package / "things").mkdir(parents=True)
    (package / "things" / "apps.py").write_text(
        "class Config:\n"
        "    def ready(self):\n"
        "        # Reads models: imported once they are loaded.\n"
        "        from . import services\n"
        "\n"
        "        from . import signals  # noqa: F401\n"
        "\n"
        "\n"
        "class Other:\n"
        "    def ready(self):\n"
        "        from . import receivers  # noqa: F401\n"
    )
    (package / "things" / "services.py").write_text(
        "def enqueue():\n"
        "    from .tasks import work\n"
        "\n"
        "\n"
        "def heavy():\n"
        "    # why: a heavy library, needed only in the worker.\n"
        "    from .analysis import run\n"
    )
    monkeypatch.setattr(import_graph, "ROOT", package)
    found = {(item.path, item.line): item for item in import_graph.function_local_imports()}
    services, signals = found[("kring/things/apps.py", 4)], found[("kring/things/apps.py", 6)]
    assert services.function == signals.function == "ready"
    # One comment explains the block of imports below it; a "noqa" alone explains nothing.
    assert services.comment == signals.comment == "Reads models: imported once they are loaded."
    assert found[("kring/things/apps.py", 11)].comment == ""
    assert found[("kring/things/services.py", 2)].comment == ""
    assert found[("kring/things/services.py", 7)].comment.startswith("why:")
    assert import_graph.unexplained(found.values()) == [
        "kring/things/apps.py:11 . (ready)",
        "kring/things/services.py:2 .tasks (enqueue)",
    ]


def test_strongly_connected_components_are_found():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_graph.strongly_connected(edges) == [["a", "b", "c"]]
    assert import_graph.strongly_connected({"a": {"b"}, "b": set()}) == []
