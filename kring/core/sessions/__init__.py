"""Django's session stores (database, and database behind the shared cache) with the session
read by a query compiled once per process (kring.core.compiled): every request of a logged-in
person reads its session, and building that query cost more than running it. The table, the
data and every other behaviour are Django's. SESSION_ENGINE names ``kring.core.sessions.db``
or ``kring.core.sessions.cached_db``."""

import logging
from datetime import datetime

from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from kring.core.compiled import CompiledQuery

_SESSION = CompiledQuery(
    lambda session_key, now: Session.objects.filter(session_key=session_key, expire_date__gt=now),
    session_key=str,
    now=datetime,
)


def read_session(store):
    # As django.contrib.sessions.backends.db.SessionStore._get_session_from_db.
    try:
        found = _SESSION.run(session_key=store.session_key, now=timezone.now())
        if found:
            return found[0]
    except SuspiciousOperation as error:
        logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
        logger.warning(str(error))
    store._session_key = None
    return None
