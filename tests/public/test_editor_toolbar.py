"""The rich-text toolbar gets its names from the page, in the page's language: the style
picker is named (axe: aria-command-name) and never says Quill's English "Normal"."""

import html
import json
import re

import pytest
from django.urls import reverse

from tests import factories


def _labels(body: str) -> dict:
    found = re.search(r'data-toolbar-labels="([^"]+)"', body)
    assert found, "no toolbar names on the page"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.django_db
def test_toolbar_names_follow_the_language(client):
    editor = factories.UserFactory(email="redactie@example.org", is_network_editor=True)
    client.force_login(editor)
    url = reverse("editorial:article_new")
    labels = _labels(client.get(url).content.decode())
    assert labels["header"] == "Soort tekst" and labels["header-normal"] == "Gewone tekst"
    assert labels["bold"] == "Vet" and labels["tooltip-visit"] == "Link openen:"
    client.post(reverse("set_language"), {"language": "en", "next": url})
    labels = _labels(client.get(url).content.decode())
    assert labels["header"] == "Text style" and labels["header-normal"] == "Normal text"
