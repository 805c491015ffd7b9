"""Login, logout, rate limit and password reset."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PASSWORD
from tests.helpers import text


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_login_and_logout(client, personas):
    response = client.post(
        reverse("accounts:login"),
        {"username": "ALICE@example.test", "password": PASSWORD},
        follow=True,
    )
    assert "Bonjour Alice" in text(response)
    response = client.post(reverse("accounts:logout"), follow=True)
    assert "Se connecter" in text(response)
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_logging_out_says_so_and_a_typed_address_offers_the_button(client, personas):
    client.force_login(personas.alice)
    page = text(client.get(reverse("accounts:logout")))
    assert "Votre session est ouverte avec l'adresse alice@example.test" in page
    assert "_auth_user_id" in client.session  # a GET never logs out
    response = client.post(reverse("accounts:logout"), follow=True)
    assert "Déconnexion faite. À bientôt sur la Vitrine !" in text(response)
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_explained(client, personas):
    response = client.post(
        reverse("accounts:login"), {"username": "alice@example.test", "password": "pas-le-bon"}
    )
    assert "Adresse e-mail ou mot de passe incorrect" in text(response)


def test_too_many_failures_block_further_attempts_even_with_the_right_password(client, personas):
    for _ in range(5):
        client.post(
            reverse("accounts:login"), {"username": "alice@example.test", "password": "non"}
        )
    response = client.post(
        reverse("accounts:login"), {"username": "alice@example.test", "password": PASSWORD}
    )
    assert "Trop de tentatives de connexion" in text(response)
    assert "_auth_user_id" not in client.session
    # Another person is not blocked by Alice's failures.
    response = client.post(
        reverse("accounts:login"), {"username": "bob@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_password_reset_by_email(client, personas):
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.test"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.test"]
    assert "nouveau mot de passe" in message.subject
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "nouveau-secret-2026", "new_password2": "nouveau-secret-2026"},
        follow=True,
    )
    assert "Mot de passe changé" in text(response)
    personas.alice.refresh_from_db()
    assert personas.alice.check_password("nouveau-secret-2026")


def fail(client, email, times):
    for _ in range(times):
        client.post(reverse("accounts:login"), {"username": email, "password": "non"})


def test_a_new_password_lifts_the_block_the_login_page_points_to(client, personas):
    fail(client, "alice@example.test", 5)
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.test"})
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[-1].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = {"new_password1": "nouveau-secret-2026", "new_password2": "nouveau-secret-2026"}
    client.post(form_url, new)
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice@example.test", "password": "nouveau-secret-2026"},
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_a_successful_login_forgets_earlier_failures(client, personas):
    fail(client, "alice@example.test", 4)
    client.post(reverse("accounts:login"), {"username": "alice@example.test", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    fail(client, "alice@example.test", 4)  # 8 in all, but only 4 since she logged in
    response = client.post(
        reverse("accounts:login"), {"username": "alice@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_password_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "personne@example.test"}, follow=True
    )
    assert "Si un compte existe avec cette adresse" in text(response)
    assert mail.outbox == []


def test_the_admin_login_page_has_the_same_limit(client, personas):
    for _ in range(5):
        client.post("/admin/login/", {"username": "sam@territoire.test", "password": "non"})
    response = client.post(
        "/admin/login/", {"username": "sam@territoire.test", "password": PASSWORD}
    )
    assert "Trop de tentatives de connexion" in text(response)
    assert "_auth_user_id" not in client.session


def test_a_resident_who_tries_the_admin_login_page_can_still_log_in(client, personas):
    """The admin's login page refuses a resident even with their right password; that is no
    failed attempt, and their account is not locked on the site."""
    for _ in range(6):
        response = client.post(
            "/admin/login/", {"username": "alice@example.test", "password": PASSWORD}
        )
        assert response.status_code == 200 and "_auth_user_id" not in client.session
        assert "Trop de tentatives de connexion" not in text(response)
    response = client.post(
        "/comptes/connexion/", {"username": "alice@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.alice.pk)


def test_behind_the_proxy_the_limit_counts_the_address_the_proxy_saw(client, personas, settings):
    settings.BEHIND_PROXY = True
    for attempt in range(50):  # ten times an e-mail's allowance: the address is then blocked
        client.post(
            reverse("accounts:login"),
            {"username": f"inconnu{attempt}@example.test", "password": "non"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, 203.0.113.9",  # the first hop is forged
        )
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice@example.test", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.9",
    )
    assert "Trop de tentatives de connexion" in text(response)
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice@example.test", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )
    assert response.status_code == 302, "another client of the same proxy is not blocked"


def test_login_still_works_when_the_cache_is_down(client, personas, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    response = client.post(
        reverse("accounts:login"), {"username": "alice@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302
