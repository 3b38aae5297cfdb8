"""`anchorhub demo_scorecard`: the sample processes go through the OCDS loader, running it again
changes no count, one anchor's scorecard is published, adoptions are recorded for whatever the
charter and interpretations hold, and every registered indicator has a figure for at least one
sample anchor (with the sample ledger loaded, as `demo_data` does)."""

from io import StringIO

import pytest
from django.core.management import call_command

from network import sample_data
from network.models import Organisation
from opportunities.models import Award, Process, QuarantinedRelease, Release
from scorecard.gathering import organisation_buyer
from scorecard.indicators import INDICATORS
from scorecard.models import (
    Commitment,
    CommitmentAdoption,
    Interpretation,
    InterpretationAdoption,
    ScorecardPublication,
)
from scorecard.report import scorecard
from scorecard.sample_notices import PROFILES, SCORECARD_PREFIX

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]


@pytest.fixture
def sample_network():
    """The sample network's organisations (as demo_data writes them), its payments, and a
    commitment and an interpretation for the adoptions."""
    data = sample_data.generate()
    for row in data["anchors"] + data["suppliers"]:
        Organisation.objects.create(
            name=row["name"],
            kind=row["kind"],
            registered_postcode=row["registered_postcode"],
            size_band=row.get("size_band", ""),
            is_vcse=row.get("is_vcse", False),
            is_network_member=row.get("is_network_member", False),
            is_sample=True,
        )
    call_command("demo_payments", stdout=StringIO())
    for n in range(3):
        Commitment.objects.create(slug=f"c{n}", title=f"Commitment {n}")
        Interpretation.objects.create(slug=f"i{n}", question=f"Question {n}?")


def counts() -> tuple[int, ...]:
    return (
        Release.objects.count(),
        Process.objects.count(),
        Award.objects.count(),
        QuarantinedRelease.objects.count(),
        ScorecardPublication.objects.count(),
        CommitmentAdoption.objects.count(),
        InterpretationAdoption.objects.count(),
    )


def test_runs_twice_idempotently_and_every_indicator_has_a_figure(sample_network):
    out = StringIO()
    call_command("demo_scorecard", stdout=out)
    first = counts()
    call_command("demo_scorecard", stdout=StringIO())
    assert counts() == first
    assert "Sample scorecard ready" in out.getvalue()
    processes = Process.objects.filter(ocid__startswith=SCORECARD_PREFIX)
    assert processes.count() > 50 and all(p.is_sample for p in processes)
    assert not QuarantinedRelease.objects.exists()
    assert Release.objects.filter(ocid__startswith=SCORECARD_PREFIX).count() == first[0]
    # linked to the network's anchors by name, so each has a scorecard of its own
    anchors = [Organisation.objects.get(name=profile.name) for profile in PROFILES]
    assert {p.buyer for p in processes} == set(anchors)
    assert ScorecardPublication.objects.get(published=True).organisation == anchors[0]
    # some of each, for each anchor, not all of them
    for anchor in anchors:
        adopted = CommitmentAdoption.objects.filter(organisation=anchor).count()
        assert 0 < adopted < Commitment.objects.count()
    # only an agreed reading is adopted: the demo's own, labelled sample data (seeds are drafts)
    sample = Interpretation.objects.get(status="agreed")
    assert sample.question.startswith("Sample data") and sample.versions.count() == 1
    readings = InterpretationAdoption.objects.values_list("interpretation__status", flat=True)
    assert set(readings) == {"agreed"} and len(readings) >= 1
    cards = [scorecard(organisation_buyer(anchor)) for anchor in anchors]
    missing = [
        name for name in INDICATORS if all(card.figures[name].value is None for card in cards)
    ]
    assert not missing, {name: [c.figures[name].note for c in cards] for name in missing}
    assert all(card.notices.get("UK4", 0) >= 10 for card in cards)


def test_leaves_other_notices_alone(sample_network):
    call_command("demo_notices", stdout=StringIO())
    others = Release.objects.exclude(ocid__startswith=SCORECARD_PREFIX).count()
    call_command("demo_scorecard", stdout=StringIO())
    call_command("demo_scorecard", stdout=StringIO())
    assert Release.objects.exclude(ocid__startswith=SCORECARD_PREFIX).count() == others > 0


def test_says_what_to_do_without_the_sample_network(db):
    err = StringIO()
    call_command("demo_scorecard", stdout=StringIO(), stderr=err)
    assert "demo_data" in err.getvalue() and not Release.objects.exists()
