"""The "official notice" links: only to the official notice services, by parsed host, never by text."""

import pytest
from django.urls import reverse

from opportunities.loading import Loader
from opportunities.models import Notice, Process
from opportunities.notice_links import UNSAFE_IN_URL, official_notice_url
from tests.opportunities.conftest import package, release

FTS = "https://www.find-tender.service.gov.uk/Notice/012345-2025"
CF = "https://www.contractsfinder.service.gov.uk/Notice/3f1c0e2a-0000-4000-8000-000000000000"
HOSTILE = [
    "https://evil.example/www.find-tender.service.gov.uk",
    "https://evil.example/?r=https://www.contractsfinder.service.gov.uk/Notice/1",
    "https://www.find-tender.service.gov.uk.evil.example/Notice/1",
    "https://find-tender.service.gov.uk.evil.example/",
    "https://evilwww.find-tender.service.gov.uk/",
    "https://www.find-tender.service.gov.uk@evil.example/",
    "https://user:pass@www.find-tender.service.gov.uk/Notice/1",
    "https://www.find-tender.service.gov.uk:8443/Notice/1",
    "https://www.find-tender.service.gov.uk\\@evil.example/",
    "https://www.find-tender.service.gov.uk /Notice/1",
    "http://www.find-tender.service.gov.uk/Notice/1",
    "javascript:alert('www.find-tender.service.gov.uk')",
    "//www.find-tender.service.gov.uk/Notice/1",
    "data:text/html,www.contractsfinder.service.gov.uk",
    "https://[::1]/www.find-tender.service.gov.uk",
    "",
    None,
    42,
]


@pytest.mark.parametrize("url", [FTS, CF, "https://WWW.Find-Tender.service.gov.uk/Notice/1"])
def test_official_notice_links_are_kept(url):
    assert official_notice_url(url) == url


@pytest.mark.parametrize("url", HOSTILE)
def test_other_links_are_refused(url):
    assert official_notice_url(url) == ""


@pytest.mark.django_db
@pytest.mark.usefixtures("ocds_schema")
def test_the_page_links_only_to_official_notices(client, write):
    documents = [
        {"id": str(n), "documentType": "tenderNotice", "url": url}
        for n, url in enumerate(HOSTILE[:9])
    ]
    hostile = release(ocid="ocds-h-1", tender={"title": "Hostile", "documents": documents})
    fair = release(
        ocid="ocds-h-2",
        tender={"title": "Fair", "documents": [*documents, {"id": "f", "url": FTS}]},
    )
    Loader().load([(write("p.json", package(hostile, fair)), "p.json")])
    assert Process.objects.get(ocid="ocds-h-1").notice_url == ""
    assert Process.objects.get(ocid="ocds-h-2").notice_url == FTS
    # A link stored before the check was made is not shown either (page and API).
    Process.objects.filter(ocid="ocds-h-1").update(notice_url=HOSTILE[0])
    Notice.objects.filter(process__ocid="ocds-h-1").update(url=HOSTILE[2])
    page = client.get(reverse("opportunities:opportunity", kwargs={"ocid": "ocds-h-1"}))
    html = page.content.decode()
    assert "evil.example" not in html and "Read the official notice" not in html
    detail = client.get("/api/opportunities/ocds-h-1").json()
    assert detail["notice_url"] == "" and [n["url"] for n in detail["notices"]] == [""]
    fair_page = client.get(reverse("opportunities:opportunity", kwargs={"ocid": "ocds-h-2"}))
    assert f'href="{FTS}"' in fair_page.content.decode()


def test_unsafe_characters_are_every_space_backslash_and_control_character():
    """The pattern refuses exactly what a character-by-character check would: every code point."""
    disagree = [
        hex(point)
        for point in range(0x110000)
        if (chr(point).isspace() or chr(point) == "\\" or point < 32)
        != bool(UNSAFE_IN_URL.search(chr(point)))
    ]
    assert disagree == []
    assert official_notice_url("https://www.find-tender.service.gov.uk/Notice/1\u00a0") == ""
