"""The sample programme: created by `demo_programmes` over the demo network, labelled as sample
data, with milestones at every status, risks in several bands, three options and a decision;
running it again changes nothing."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from network.models import Organisation
from network.taxonomy import sync_sectors
from programmes import sample_programme
from programmes.models import Programme
from programmes.record_rules import MILESTONE_STATUSES

pytestmark = pytest.mark.django_db


def test_the_sample_data_is_labelled_and_covers_every_status():
    assert sample_programme.PROGRAMME["title"].startswith("Sample data: ")
    assert {row[2] for row in sample_programme.MILESTONES} == set(MILESTONE_STATUSES)
    assert 4 <= len(sample_programme.RISKS) <= 5 and len(sample_programme.OPTIONS) == 3
    assert sum(option[3] for option in sample_programme.OPTIONS) == 1
    assert sample_programme.DECISION["chosen_option"] in {o[0] for o in sample_programme.OPTIONS}


def test_without_the_network_it_says_what_to_run_first():
    err = StringIO()
    call_command("demo_programmes", stdout=StringIO(), stderr=err)
    assert "run `anchorhub demo_data` first" in err.getvalue()
    assert not Programme.objects.exists()


def test_the_command_creates_the_sample_programme_once():
    sync_sectors()
    for name, kind in [
        ("Birmingham City Council", "council"),
        ("University Hospitals Birmingham NHS Foundation Trust", "nhs_trust"),
        ("Coventry City Council", "council"),
        ("University of Birmingham", "university"),
    ]:
        Organisation.objects.create(name=name, kind=kind, is_network_member=True, is_sample=True)
    out = StringIO()
    call_command("demo_programmes", stdout=out)
    assert "Sample programme ready" in out.getvalue()
    programme = Programme.objects.get(slug="sample-healthy-homes-pilot")
    assert programme.is_sample and programme.is_published
    assert programme.title == "Sample data: Healthy homes innovation pilot"
    assert set(programme.sectors.values_list("slug", flat=True)) == {"healthcare", "low-carbon"}
    partners = list(programme.partners.all())
    assert partners[0].display_name == "Birmingham City Council" and partners[0].is_lead
    assert {p.kind for p in partners} == {"anchor", "university", "intermediary"}
    assert "Sample data: West Midlands Health Tech Innovation Alliance" in {
        p.display_name for p in partners
    }
    assert set(programme.milestones.values_list("status", flat=True)) == set(MILESTONE_STATUSES)
    risks = list(programme.risks.all())
    assert {r.band.key for r in risks} >= {"low", "moderate", "high", "extreme"}
    assert all(r.owner for r in risks)
    assert programme.decision.chosen_option.is_recommended
    assert programme.decision.decided_on == date(2026, 11, 12)
    counts = (
        len(partners),
        len(risks),
        programme.milestones.count(),
        programme.appraisal_options.count(),
    )
    call_command("demo_programmes", stdout=StringIO())
    programme = Programme.objects.get(slug="sample-healthy-homes-pilot")
    assert counts == (
        programme.partners.count(),
        programme.risks.count(),
        programme.milestones.count(),
        programme.appraisal_options.count(),
    )
    assert Programme.objects.count() == 1
