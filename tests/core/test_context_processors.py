"""The context processor every page runs (kring.core.context_processors.kring) keeps the
collective's overview address per slug, script prefix and URLconf: each of them changes it."""

import sys
from types import ModuleType, SimpleNamespace

import pytest
from django.test import RequestFactory
from django.urls import get_script_prefix, include, path, reverse, set_script_prefix

from kring.core.context_processors import kring

pytestmark = pytest.mark.django_db


def page(collective, path):
    request = RequestFactory().get(path)
    request.access = SimpleNamespace(collective=collective)
    return kring(request)


def test_the_overview_address_follows_slug_and_script_prefix(collective, other_collective):
    first = page(collective, f"/c/{collective.slug}/")
    assert first["overview_url"] == reverse("communities:overview", args=[collective.slug])
    assert first["menu_current"] == {"overview"}
    other = page(other_collective, f"/c/{other_collective.slug}/residents/")
    assert other["overview_url"] == reverse("communities:overview", args=[other_collective.slug])
    assert other["menu_current"] == {"residents"}
    before = get_script_prefix()
    set_script_prefix("/kring/")
    try:
        behind = page(collective, f"/c/{collective.slug}/")
        assert behind["overview_url"] == f"/kring/c/{collective.slug}/"
    finally:
        set_script_prefix(before)
    assert page(collective, f"/c/{collective.slug}/")["overview_url"] == first["overview_url"]


def test_the_overview_address_follows_the_urlconf(collective, settings):
    page(collective, "/")  # kept under the project's URLconf
    module = ModuleType("kring_test_urlconf")
    module.urlpatterns = [path("elders/", include("kring.urls"))]
    sys.modules[module.__name__] = module
    try:
        settings.ROOT_URLCONF = module.__name__
        assert page(collective, "/")["overview_url"] == f"/elders/c/{collective.slug}/"
    finally:
        del sys.modules[module.__name__]
