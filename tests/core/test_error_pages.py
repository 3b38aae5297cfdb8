"""Error pages in the demo: `make demo` runs with DEBUG on and DEBUG_ERROR_PAGES=0, and a
newcomer sees the service's own "Page not found" and "problem with the service" pages, never
Django's technical page with every URL pattern (core/error_pages.py). Developers keep the
technical pages by default."""

import re

import pytest
from django.conf import settings as project
from django.test import Client

pytestmark = pytest.mark.django_db

TECHNICAL = "DEBUG = True"  # Django's technical pages say "because you have DEBUG = True"


def demo_environment() -> dict[str, str]:
    """The environment the Makefile's demo target runs the web server in."""
    makefile = (project.BASE_DIR / "Makefile").read_text()
    line = re.search(r"^DEMO_ENV :?= (.*)$", makefile, re.MULTILINE)
    assert line, "the Makefile names the demo's environment in DEMO_ENV"
    assert "$(DEMO_ENV) $(BIN)/anchorhub runserver" in makefile
    return dict(item.split("=", 1) for item in line.group(1).split())


@pytest.fixture
def demo_settings(settings, monkeypatch):
    """The settings as core/settings.py reads them from the demo's environment."""
    from core.settings import env_bool

    for name, value in demo_environment().items():
        if name.startswith("DEBUG"):
            monkeypatch.setenv(name, value)
    settings.DEBUG = env_bool("DEBUG")
    settings.DEBUG_ERROR_PAGES = env_bool("DEBUG_ERROR_PAGES", True)
    return settings


def test_the_demo_runs_in_debug_with_the_service_s_error_pages(demo_settings):
    assert demo_settings.DEBUG and not demo_settings.DEBUG_ERROR_PAGES


@pytest.mark.parametrize("address", ["/no-such-page/", "/organisations/no-such-anchor/"])
def test_a_page_not_found_in_the_demo_is_the_service_s_404(client, demo_settings, address):
    """Both an address no URL pattern matches and a view's own Http404."""
    response = client.get(address)
    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "base.html"]
    text = response.content.decode()
    assert "Page not found" in text and "Browse the network directory" in text
    assert TECHNICAL not in text and "Traceback" not in text


def test_an_address_missing_its_slash_is_still_redirected(client, demo_settings):
    response = client.get("/organisations")
    assert (response.status_code, response["Location"]) == (301, "/organisations/")


def test_a_fault_in_the_demo_is_the_service_s_500(demo_settings, caplog):
    demo_settings.ROOT_URLCONF = "tests.core.error_page_urls"
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Sorry, there is a problem with the service" in text
    assert "a fault in the code" not in text and "Traceback" not in text
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert logged and logged[-1].exc_info[1].args == ("a fault in the code",)  # for the console


@pytest.mark.parametrize("address", ["/no-such-page/", "/organisations/no-such-anchor/"])
def test_developers_keep_django_s_technical_pages_by_default(client, settings, address):
    settings.DEBUG = True
    assert settings.DEBUG_ERROR_PAGES
    response = client.get(address)
    assert response.status_code == 404 and TECHNICAL in response.content.decode()


def test_without_debug_the_setting_changes_nothing(client, settings):
    settings.DEBUG, settings.DEBUG_ERROR_PAGES = False, True
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()
