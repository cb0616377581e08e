"""Odd bytes in what a visitor sends (a NUL, a lone surrogate, bytes that are no UTF-8) get a
400 with a plain Dutch message, problem details under /api/, and nothing is stored. NUL in a
search made PostgreSQL fail with a 500."""

import json

import pytest
from django.urls import reverse

from kring.people.models import Resident

MESSAGE = "teken dat Kring niet kan lezen"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["q=a%00b", "q=%FF", "q=%ED%A0%80", "a%00=1"])
def test_odd_bytes_in_a_search_get_a_plain_dutch_400(client, bob, collective, query):
    client.force_login(bob)
    url = reverse("people:list", args=[collective.slug])
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    # The same search without the odd bytes works.
    assert client.get(f"{url}?q=ab").status_code == 200


@pytest.mark.django_db
def test_odd_bytes_on_a_public_page_without_log_in(client):
    response = client.get(reverse("public:news") + "?thema=%00")
    assert response.status_code == 400 and MESSAGE in response.content.decode()


@pytest.mark.django_db
def test_a_form_with_a_nul_stores_nothing_and_says_why(client, bob, collective):
    client.force_login(bob)
    before = Resident.objects.count()
    response = client.post(
        reverse("people:create", args=[collective.slug]), {"name": "Anna\x00 de Vries"}
    )
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    assert Resident.objects.count() == before


@pytest.mark.django_db
def test_the_api_answers_odd_bytes_with_problem_details(client, bob, collective, access_for):
    from kring.api import services

    _token, secret = services.create_token(
        access=access_for(bob, collective), name="t", scope="schrijven", days=1
    )
    headers = {"Authorization": f"Bearer {secret}"}
    for url in ("/api/assets?q=a%00b", "/api/residents?q=%00", "/api/directory?q=%00"):
        response = client.get(url, headers=headers)
        assert response.status_code == 400, url
        assert response["Content-Type"].startswith("application/problem+json"), url
        assert MESSAGE in response.json()["detail"]
    body = json.dumps({"name": "Anna\u0000"})
    response = client.post("/api/residents", body, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.django_db
def test_a_server_error_under_the_api_is_problem_details_too(client, monkeypatch):
    from kring.api.routes import directory

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(directory, "filtered_members", broken)
    client.raise_request_exception = False
    response = client.get("/api/directory")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 500
