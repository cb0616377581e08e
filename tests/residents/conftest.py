import re

import pytest
from django.core import mail

from tests import factories


def link_in(message) -> str:
    """The log-in link in a mail, as a path on this site."""
    found = re.search(r"https?://[^/\s]+(/mijn/inloggen/[^\s]+/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


@pytest.fixture
def fatima(collective, neighbourhood):
    """A resident with an e-mail address and consent to be kept, and one gift."""
    resident = factories.ResidentFactory(
        collective=collective,
        name="Fatima Yilmaz",
        email="fatima@example.nl",
        neighbourhood=neighbourhood,
    )
    factories.ConsentFactory(resident=resident, purpose="inventaris")
    factories.ConsentFactory(resident=resident, purpose="verbinden")
    factories.GiftFactory(
        collective=collective, resident=resident, title="Fietsen repareren", availability="nu"
    )
    return resident


@pytest.fixture
def logged_in(client):
    """Log in through the door, as a resident would: ask a link, open it."""

    def enter(email: str):
        mail.outbox.clear()
        client.post("/mijn/inloggen/", {"email": email})
        assert len(mail.outbox) == 1
        response = client.post(link_in(mail.outbox[0]))
        assert response.status_code == 302
        return response

    return enter
