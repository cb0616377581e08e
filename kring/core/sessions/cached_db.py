from django.contrib.sessions.backends import cached_db

from . import read_session


class SessionStore(cached_db.SessionStore):
    def _get_session_from_db(self):
        return read_session(self)
