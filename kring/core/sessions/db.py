from django.contrib.sessions.backends import db

from . import read_session


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        return read_session(self)
