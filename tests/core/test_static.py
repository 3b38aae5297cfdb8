"""Static assets as production serves them: collectstatic's hashed, compressed files via WhiteNoise."""

import re

import pytest
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def served(client, url) -> bool:
    response = client.get(url)
    response.close()  # WhiteNoise streams the file; close it
    return response.status_code == 200


@pytest.mark.django_db
def test_pages_link_hashed_assets_that_are_served(production_static):
    client = Client()  # a new client loads the middleware with these settings
    html = client.get("/").content.decode()
    stylesheet = re.search(r'href="(/static/anchorhub/anchorhub\.[0-9a-f]{12}\.css)"', html).group(
        1
    )
    response = client.get(stylesheet)
    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"]  # hashed names are cached forever
    css = b"".join(response.streaming_content).decode()
    response.close()
    # The GOV.UK Frontend images referenced by the stylesheet resolve to hashed files too.
    urls = set(re.findall(r"url\([\"']?(/static/[^)\"']+)", css))
    assert any(re.search(r"\.[0-9a-f]{12}\.svg$", url) for url in urls), urls
    for url in urls:
        assert served(client, url), url
    script = re.search(r'src="(/static/anchorhub/init\.[0-9a-f]{12}\.mjs)"', html).group(1)
    assert served(client, script)
    # The module imports GOV.UK Frontend by a relative path that exists in STATIC_ROOT.
    assert (production_static / "govuk" / "govuk-frontend.min.js").exists()
