"""Settings for the test suite: Kring's own settings with debug on, as `make demo` has them
(the demo keys, static files from the apps), whatever the shell that runs the tests says.
Tests of production settings start `manage.py` with their own environment."""

import os

os.environ["KRING_DEBUG"] = "true"

from kring.settings import *  # noqa: F403
