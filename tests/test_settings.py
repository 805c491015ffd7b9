"""Settings are driven by the environment, with safe production defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from vitrine.env import email_settings, env_bool

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k8J2-vT9q_Lr4xWz0pYc7NhB3mFs6uDg1eKa5oXiQwZyRtUvPjHnMbVcE2",
    "ALLOWED_HOSTS": "emplois.example.fr",
    "DATABASE_URL": "postgres://vitrine@db.example.fr:5432/vitrine",
    "REDIS_URL": "redis://cache.example.fr:6379/0",
}


# What the test run sets for itself, and a real deployment would not have.
TEST_ONLY = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_fails_with_a_clear_message():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY n'est pas défini" in result.stderr


def test_production_without_database_url_refuses_to_start_an_embedded_server():
    env = {k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DATABASE_URL n'est pas défini" in result.stderr


def test_check_deploy_is_clean_in_production():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_interface_is_french_in_paris_time():
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.USE_I18N is True
    assert settings.TIME_ZONE == "Europe/Paris"


def test_celery_is_configured_for_reliable_delivery():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_BROKER_URL.startswith("redis://")


def test_no_sqlite_anywhere():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "smtp://user%40x.fr:s3cret@smtp.example.fr:2525?tls=1",
            {
                "EMAIL_HOST": "smtp.example.fr",
                "EMAIL_PORT": 2525,
                "EMAIL_HOST_USER": "user@x.fr",
                "EMAIL_HOST_PASSWORD": "s3cret",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        (
            "smtps://smtp.example.fr",
            {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False},
        ),
    ],
)
def test_email_url(url, expected):
    result = email_settings({"EMAIL_URL": url} if url else {})
    assert expected.items() <= result.items()


def test_email_host_variables():
    result = email_settings(
        {"EMAIL_HOST": "mail.example.fr", "EMAIL_PORT": "25", "EMAIL_USE_TLS": "0"}
    )
    assert result["EMAIL_HOST"] == "mail.example.fr"
    assert result["EMAIL_PORT"] == 25
    assert result["EMAIL_USE_TLS"] is False


def test_bad_values_are_explained():
    with pytest.raises(ImproperlyConfigured, match="schéma 'ftp' inconnu"):
        email_settings({"EMAIL_URL": "ftp://x"})
    with pytest.raises(ImproperlyConfigured, match="valeur attendue 1 ou 0"):
        env_bool("DEBUG", False, {"DEBUG": "peut-être"})
