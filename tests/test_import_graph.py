"""The apps' import graph stays as docs/architecture.md draws it (counted by tests/import_graph.py,
`make import-graph`): no cycle and no two apps importing each other, the core importing no
domain app, and no function-local import of another app outside the places
Django needs one."""

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


def test_function_local_imports_of_other_apps_only_where_django_needs_them(figures):
    # Models are loaded only when AppConfig.ready runs, and migrations read historical
    # models; anywhere else an import of another app goes at the top of the module.
    misplaced = []
    for item in figures.local_imports:
        own_app = item.path.split("/")[1]
        target = item.target
        if (
            target.startswith(".")
            or target == f"kring.{own_app}"
            or target.startswith(f"kring.{own_app}.")
        ):
            continue
        if item.path.endswith("/apps.py") or "/migrations/" in item.path:
            continue
        misplaced.append(f"{item.path}:{item.line} {target}")
    assert not misplaced


def test_strongly_connected_components_are_found():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_graph.strongly_connected(edges) == [["a", "b", "c"]]
    assert import_graph.strongly_connected({"a": {"b"}, "b": set()}) == []
