"""Editors delete news items, publications and meetings after a confirmation page that says
what goes; files go with them, registrations too, and the deletion is logged."""

import pytest
from django.core.files.storage import default_storage
from django.test import TestCase
from django.urls import reverse

from kring.privacy.models import AuditEntry
from kring.public.models import Article, Meeting, Publication, Registration
from tests import factories


@pytest.mark.django_db
def test_delete_a_publication_with_its_file(client, editor):
    publication = factories.PublicationFactory(title="Verkenning om te wissen")
    article = factories.ArticleFactory()
    article.publications.add(publication)
    name = publication.file.name
    assert default_storage.exists(name)
    client.force_login(editor)
    url = reverse("editorial:publication_delete", args=[publication.pk])
    page = client.get(url).content.decode()
    assert "Verkenning om te wissen" in page and "PDF-bestand wordt verwijderd" in page
    assert "1 bericht verwijst naar deze publicatie" in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not Publication.objects.exists()
    assert not default_storage.exists(name)
    assert Article.objects.filter(pk=article.pk).exists()  # the article stays
    assert client.get(reverse("public:publication", args=[publication.slug])).status_code == 404
    assert AuditEntry.objects.filter(action="delete", summary="publication verwijderd").exists()


@pytest.mark.django_db
def test_delete_a_meeting_takes_its_registrations(client, editor):
    meeting = factories.MeetingFactory()
    factories.RegistrationFactory(meeting=meeting, email="deelnemer@example.nl")
    client.force_login(editor)
    url = reverse("editorial:meeting_delete", args=[meeting.pk])
    assert "Ook 1 aanmelding wordt verwijderd" in client.get(url).content.decode()
    client.post(url)
    assert not Meeting.objects.exists() and not Registration.objects.exists()
    entry = AuditEntry.objects.get(action="delete")
    assert entry.summary == "meeting verwijderd met 1 aanmeldingen"
    assert "deelnemer" not in entry.summary


@pytest.mark.django_db
def test_delete_an_article(client, editor):
    article = factories.ArticleFactory(title="Weg ermee")
    client.force_login(editor)
    edit_page = client.get(reverse("editorial:article_edit", args=[article.pk])).content.decode()
    url = reverse("editorial:article_delete", args=[article.pk])
    assert url in edit_page
    assert client.post(url).status_code == 302
    assert not Article.objects.exists()
    assert client.get(reverse("public:article", args=[article.slug])).status_code == 404


@pytest.mark.django_db
def test_only_editors_delete(client, alice):
    publication = factories.PublicationFactory()
    client.force_login(alice)
    url = reverse("editorial:publication_delete", args=[publication.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert Publication.objects.exists()


@pytest.mark.django_db
def test_delete_of_something_missing_is_404(client, editor):
    client.force_login(editor)
    assert client.post(reverse("editorial:meeting_delete", args=[999999])).status_code == 404
