"""`anchorhub demo_maturity`: sample self-assessments for the demo's anchors, labelled, showing
change over time for Birmingham, and idempotent."""

import json
from io import StringIO

from django.core.management import call_command

from maturity.models import Assessment
from maturity.sample_assessments import ASSESSMENTS, EVIDENCE, anchors
from network.models import Organisation


def make_anchors():
    for name in anchors():
        Organisation.objects.create(name=name, kind="council", is_network_member=True)


def test_the_demo_writes_labelled_sample_assessments_again_and_again(db):
    make_anchors()
    out = StringIO()
    call_command("demo_maturity", stdout=out)
    assert "Sample self-assessments ready: 5 written." in out.getvalue()
    call_command("demo_maturity", stdout=StringIO())
    assert Assessment.objects.count() == len(ASSESSMENTS) == 5
    assert all(a.is_sample for a in Assessment.objects.all())
    assert all(
        answer.evidence == EVIDENCE for a in Assessment.objects.all() for answer in a.answers.all()
    )
    birmingham = Assessment.objects.completed().filter(organisation__name="Birmingham City Council")
    assert birmingham.count() == 2
    assert Assessment.objects.drafts().count() == 1


def test_the_demo_shows_change_for_birmingham(db):
    make_anchors()
    call_command("demo_maturity", stdout=StringIO())
    from maturity import summaries

    birmingham = Organisation.objects.get(name="Birmingham City Council")
    (row,) = summaries.for_anchors([birmingham.pk])
    assert row.overall.change is not None and row.overall.change > 0


def test_the_demo_leaves_real_assessments_and_skips_missing_anchors(db):
    Organisation.objects.create(
        name="Birmingham City Council", kind="council", is_network_member=True
    )
    real = Assessment.objects.create(
        organisation=Organisation.objects.get(name="Birmingham City Council"), version="x"
    )
    out = StringIO()
    call_command("demo_maturity", "--json", stdout=out)
    written = json.loads(out.getvalue())
    assert [item["anchor"] for item in written] == ["Birmingham City Council"] * 2
    assert Assessment.objects.filter(pk=real.pk).exists()
