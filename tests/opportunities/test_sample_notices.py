from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from network.sample_data import ANCHORS
from opportunities.models import Process, QuarantinedRelease
from opportunities.sample_notices import SAMPLE_PREFIX, SUBJECTS, generate


def test_generation_is_deterministic_for_a_day():
    assert generate(date(2026, 11, 22)) == generate(date(2026, 11, 22))
    assert generate(date(2026, 11, 22)) != generate(date(2026, 11, 23))


def test_every_notice_is_of_something_its_kind_of_buyer_buys():
    """An NHS trust never buys the retrofit of council homes (issue 18): every sample notice's
    subject is one its buyer's kind buys, and the kinds' lists are their own."""
    kind_of = {name: kind for name, kind, *_ in ANCHORS}
    titles = {kind: {subject.title for subject in subjects} for kind, subjects in SUBJECTS.items()}
    assert set(titles) == set(kind_of.values())
    releases = generate(date(2026, 11, 22))["releases"]
    assert releases
    for release in releases:
        kind = kind_of[release["buyer"]["name"]]
        assert release["tender"]["title"] in titles[kind], (release["buyer"]["name"], kind)
    assert "Retrofit of council homes" in titles["council"]
    assert not {"Retrofit of council homes", "Home care and reablement"} & titles["nhs_trust"]
    assert not titles["university"] & {"Highways resurfacing and footway repairs"}


def test_labelled_as_sample_data_and_free_of_personal_details():
    package = generate(date(2026, 11, 22))
    assert "sample data" in package["publisher"]["name"]
    names = {name for name, *_ in ANCHORS}
    for release in package["releases"]:
        assert release["ocid"].startswith(SAMPLE_PREFIX)
        text = str(release)
        assert "@" not in text and "contactPoint" not in text and "telephone" not in text
        for party in release["parties"]:
            assert party["name"] in names or "supplier" in party["roles"]


@pytest.mark.django_db
@pytest.mark.usefixtures("ocds_schema")
def test_demo_notices_cover_every_status_and_are_marked_as_sample(world):
    call_command("demo_notices", stdout=StringIO())
    call_command("demo_notices", stdout=StringIO())  # replaces, never duplicates
    processes = Process.objects.filter(ocid__startswith=SAMPLE_PREFIX)
    assert processes.count() == 42 and all(p.is_sample for p in processes)
    assert {p.status for p in processes} >= {"planned", "open", "awarded"}
    assert not QuarantinedRelease.objects.exists()
    assert (
        processes.filter(lot_count__gt=1).exists()
        and processes.filter(reserved_for_sme_vcse=True).exists()
    )
