"""Settings and HTTP security: secrets from the environment, secure headers, CSRF, upload limits."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse


def run_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "core.settings", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_refuses_to_start_without_a_secret_key_when_not_debugging():
    result = run_settings({})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_starts_with_a_secret_key_or_in_debug():
    assert run_settings({"SECRET_KEY": "x" * 50}).returncode == 0
    assert run_settings({"DEBUG": "1"}).returncode == 0


def test_production_settings_are_secure():
    assert not settings.DEBUG
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SECURE_HSTS_SECONDS >= 31536000
    import core.settings as configured  # the module itself: tests swap in a faster hasher

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get("/", secure=True)
    csp = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    )
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in response["Strict-Transport-Security"]


def test_forms_need_a_csrf_token(world):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        reverse("accounts:sign_in"), {"username": "buyer@example.org", "password": "x"}
    )
    assert response.status_code == 403


def test_oversized_request_bodies_are_refused(client, world):
    huge = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(reverse("accounts:sign_in"), {"username": huge, "password": "x"})
    assert response.status_code == 400
    assert "problem with the request" in response.content.decode()


def test_a_view_without_a_rule_is_refused(rf, db):
    from django.core.exceptions import ImproperlyConfigured

    from core.permissions import PermissionRuleMiddleware

    def unguarded(request):
        raise AssertionError("must not run")

    request = rf.get("/")
    request.resolver_match = None
    with pytest.raises(ImproperlyConfigured, match="no permission rule"):
        PermissionRuleMiddleware(lambda r: None).process_view(request, unguarded, (), {})


@pytest.mark.django_db
def test_server_error_page_is_styled_and_safe(client, settings):
    from core.views import server_error

    response = server_error(None)
    html = response.content.decode()
    assert response.status_code == 500 and "Sorry, there is a problem with the service" in html
