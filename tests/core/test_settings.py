import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "KRING_DEBUG": "false",
    "KRING_SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789abcdef",
    "KRING_AUDIT_KEY": "a-separate-audit-key-kept-as-long-as-the-log-0123456789abcdef",
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
        # Kring's own settings, not the test suite's (which switch debug on).
        if not k.startswith("KRING_")
        and k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE")
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


def test_debug_is_off_unless_switched_on():
    """Nothing set at all: production, which wants its own keys instead of the demo's."""
    result = manage("check")
    assert result.returncode != 0
    assert "KRING_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_an_audit_key():
    result = manage("check", env={**PRODUCTION, "KRING_AUDIT_KEY": ""})
    assert result.returncode != 0
    assert "KRING_AUDIT_KEY must be set" in result.stderr


@pytest.mark.parametrize("key", ["too-short", PRODUCTION["KRING_SECRET_KEY"]])
def test_production_refuses_a_weak_or_shared_audit_key(key):
    result = manage("check", env={**PRODUCTION, "KRING_AUDIT_KEY": key})
    assert result.returncode != 0
    assert "differ from KRING_SECRET_KEY" in result.stderr


def test_the_test_suite_runs_with_debug_settings(settings):
    """tests/settings.py switches debug on whatever the shell says (the demo keys, static
    files from the apps)."""
    assert settings.WHITENOISE_USE_FINDERS is True
    assert settings.KRING_AUDIT_KEY and settings.KRING_AUDIT_KEY != settings.SECRET_KEY


@pytest.mark.parametrize("name,value", [("KRING_DEBUG", "misschien"), ("KRING_EMAIL_PORT", "vijf")])
def test_bad_settings_values_are_named(name, value):
    result = manage("check", env={"KRING_DEBUG": "true", name: value})
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


def test_a_database_other_than_sqlite_or_postgresql_is_refused():
    wrong = manage(
        "check", env={"KRING_DEBUG": "true", "KRING_DATABASE_URL": "mysql://kring@127.0.0.1/kring"}
    )
    assert wrong.returncode != 0 and "KRING_DATABASE_URL must start with sqlite://" in wrong.stderr


def test_a_wrong_cache_address_is_refused_and_redis_is_taken_from_the_url():
    wrong = manage(
        "check", env={"KRING_DEBUG": "true", "KRING_CACHE_URL": "memcached://127.0.0.1:11211"}
    )
    assert wrong.returncode != 0 and "KRING_CACHE_URL" in wrong.stderr
    shown = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        env={"KRING_DEBUG": "true", "KRING_CACHE_URL": "redis://127.0.0.1:6399/1"},
    )
    assert shown.stdout.strip().splitlines()[-1] == "kring.core.cache.TolerantRedisCache"


def test_production_lets_the_proxy_ask_for_health_over_plain_http():
    shown = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECURE_REDIRECT_EXEMPT)",
        env=PRODUCTION,
    )
    assert shown.stdout.strip().splitlines()[-1] == "['^healthz$']"
