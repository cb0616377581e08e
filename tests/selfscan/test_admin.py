"""Network editors with an admin log-in keep the themes and statements in Django's admin."""

import pytest
from django.urls import reverse

from kring.selfscan.models import Statement, Theme

from .. import factories
from .conftest import ensure_starter_themes


@pytest.mark.django_db
def test_network_editor_edits_a_statement_in_the_admin(client):
    ensure_starter_themes()
    editor = factories.UserFactory(is_staff=True, is_network_editor=True)
    client.force_login(editor)
    theme = Theme.objects.get(key="vertrouwen")
    url = reverse("admin:selfscan_theme_change", args=[theme.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Bewoners hoeven bij ons niet eerst te bewijzen" in page.content.decode()
    assert client.get(reverse("admin:selfscan_theme_changelist")).status_code == 200


@pytest.mark.django_db
def test_staff_without_permission_and_editors_without_admin_log_in_are_refused(client):
    ensure_starter_themes()
    for user in (
        factories.UserFactory(is_staff=True),
        factories.UserFactory(is_staff=False, is_network_editor=True),
    ):
        client.force_login(user)
        response = client.get(reverse("admin:selfscan_theme_changelist"))
        assert response.status_code in (302, 403)
    assert Statement.objects.count() >= 24
