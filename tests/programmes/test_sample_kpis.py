"""The demonstration's KPIs: skipped with a message without the sample programme; with it, the
programme's and Birmingham City Council's KPIs labelled as sample data, a manual result, and
snapshots for each period end (backdated for a trend); idempotent."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from network.models import Organisation
from programmes import sample_kpis
from programmes.models import Kpi, KpiSnapshot, ManualResult, Partner, Programme

pytestmark = pytest.mark.django_db


def test_recent_month_ends():
    assert sample_kpis.recent_month_ends(date(2026, 3, 15), 3) == (
        date(2025, 12, 31),
        date(2026, 1, 31),
        date(2026, 2, 28),
    )


def test_without_the_sample_programme_the_demo_skips_with_a_message(db):
    out = StringIO()
    call_command("demo_kpis", stdout=out)
    assert "No programme 'sample-healthy-homes-pilot'" in out.getvalue()
    assert not Kpi.objects.exists()


def test_the_demo_kpis(db):
    council = Organisation.objects.create(
        name="Birmingham City Council", kind="council", registered_postcode="B1 1BB"
    )
    programme = Programme.objects.create(
        slug=sample_kpis.PROGRAMME,
        title="Sample data: Healthy homes innovation pilot",
        summary="s",
        aims="a",
        is_sample=True,
    )
    Partner.objects.create(programme=programme, organisation=council, kind="anchor", role="Lead")
    out = StringIO()
    call_command("demo_kpis", stdout=out)
    assert "Sample KPIs ready: 8 KPIs" in out.getvalue()
    assert programme.kpis.count() == 5 and council.kpis.count() == 3
    assert not Kpi.objects.filter(is_sample=False).exists()
    assert ManualResult.objects.get().value == 135
    local = council.kpis.get(source="local_spend_share")
    assert list(local.snapshots.values_list("taken_on", flat=True)) == list(
        sample_kpis.SNAPSHOT_DATES
    )
    assert all(s.is_sample for s in KpiSnapshot.objects.all())
    assert not KpiSnapshot.objects.exclude(error="").exists()
    taken = KpiSnapshot.objects.count()
    call_command("demo_kpis", stdout=StringIO())
    assert KpiSnapshot.objects.count() == taken and Kpi.objects.count() == 8
