import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "KRING_DEBUG": "false",
    "KRING_SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789abcdef",
    "KRING_ALLOWED_HOSTS": "kring.example.org",
    # Addresses mail reaches: the demo's stand-ins at localhost are refused (core/checks.py).
    "KRING_DEFAULT_FROM_EMAIL": "Kring <kring@lsabewoners.nl>",
    "KRING_NETWORK_EMAIL": "nieuwsbrief@lsabewoners.nl",
    "KRING_ACCESSIBILITY_EMAIL": "toegankelijkheid@lsabewoners.nl",
}


def manage(*args, env=None):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("KRING_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_sender_at_localhost():
    env = {**PRODUCTION, "KRING_DEFAULT_FROM_EMAIL": "Kring <kring@localhost>"}
    env.pop("KRING_NETWORK_EMAIL")  # the default, nieuwsbrief@localhost
    result = manage("check", "--deploy", env=env)
    assert result.returncode != 0
    assert "kring.E001" in result.stderr and "kring.E003" in result.stderr
    assert "kring.E004" not in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env={"KRING_DEBUG": "false"})
    assert result.returncode != 0
    assert "KRING_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("name,value", [("KRING_DEBUG", "misschien"), ("KRING_EMAIL_PORT", "vijf")])
def test_bad_settings_values_are_named(name, value):
    result = manage("check", env={name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_collectstatic_works_with_production_settings(tmp_path):
    """Hashed, compressed static files: every file a stylesheet or script refers to must exist."""
    result = manage(
        "collectstatic",
        "--no-input",
        env={**PRODUCTION, "KRING_STATIC_ROOT": str(tmp_path / "static")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
