from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from opportunities.models import Process, QuarantinedRelease
from opportunities.sample_notices import SAMPLE_PREFIX, generate


def test_generation_is_deterministic_for_a_day():
    assert generate(date(2026, 11, 22)) == generate(date(2026, 11, 22))
    assert generate(date(2026, 11, 22)) != generate(date(2026, 11, 23))


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
