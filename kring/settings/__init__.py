"""Kring settings.

Everything that differs per installation comes from ``KRING_*`` environment variables, read
through the small typed helpers in ``env``. ``KRING_DEBUG`` is off unless switched on: `make
demo`, `make serve` and the tests switch it on, and with it the demo's keys and SQLite in
``var/``. Production (debug off) refuses to start without its own secret key and audit key.

``kring.settings`` stays the settings module; its parts hold one subject each: ``env``
(reading the environment, DEBUG), ``security``, ``project`` (apps, middleware, templates,
languages), ``database`` (with the cache and background work), ``files``, ``mail``,
``features`` (Kring's own KRING_* settings) and ``logs``.
"""

from .database import *  # noqa: F403
from .env import *  # noqa: F403
from .features import *  # noqa: F403
from .files import *  # noqa: F403
from .logs import *  # noqa: F403
from .mail import *  # noqa: F403
from .project import *  # noqa: F403
from .security import *  # noqa: F403
