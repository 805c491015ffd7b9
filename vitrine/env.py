"""Reading settings from environment variables, with clear errors for bad values."""

import os
from collections.abc import Mapping
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on", "oui"}
FALSE = {"0", "false", "no", "off", "non", ""}


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    value = (environ if environ is not None else os.environ).get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE:
        return True
    if value.strip().lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} : valeur attendue 1 ou 0.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} : un nombre entier est attendu.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def email_settings(environ: Mapping[str, str]) -> dict:
    """Django e-mail settings from ``EMAIL_URL`` or from the ``EMAIL_*`` variables.

    ``EMAIL_URL`` schemes: ``console://`` (default), ``smtp://`` (STARTTLS with ``?tls=1``),
    ``smtps://`` (implicit TLS), ``locmem://``. Without ``EMAIL_URL``, ``EMAIL_HOST`` selects SMTP
    with ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``, ``EMAIL_USE_TLS``.
    """
    url = environ.get("EMAIL_URL", "")
    if not url and environ.get("EMAIL_HOST"):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": environ["EMAIL_HOST"],
            "EMAIL_PORT": int(environ.get("EMAIL_PORT", "587")),
            "EMAIL_HOST_USER": environ.get("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": environ.get("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", True, environ),
            "EMAIL_TIMEOUT": 10,
        }
    parts = urlsplit(url or "console://")
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(
            f"EMAIL_URL : schéma {parts.scheme!r} inconnu (console, locmem, smtp ou smtps)."
        )
    settings = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme.startswith("smtp"):
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        settings.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtps" else 587),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=parts.scheme == "smtp" and query.get("tls", "1") in {"1", "true"},
            EMAIL_TIMEOUT=10,
        )
    return settings
