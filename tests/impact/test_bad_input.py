"""Hostile input to the municipality's forms (the project-wide walk logs in as alice, who has
no gemeente): the period filter, targets and the report form."""

import pytest
from django.urls import reverse

from ..test_bad_input import forms_on, send_hostile_input
from .world import make_world


@pytest.mark.django_db
def test_municipality_forms_survive_hostile_input(client, official, municipality):
    make_world(municipality)
    client.force_login(official)
    page = reverse("impact:dashboard")
    response = client.get(page)
    assert response.status_code == 200
    forms = forms_on(response.content.decode())
    actions = set()
    for form in forms:
        url = form["action"] or page
        actions.add(url)
        send_hostile_input(client, official, {**form, "url": url, "page": page})
    assert {reverse("impact:target"), reverse("impact:report_start")} <= actions
