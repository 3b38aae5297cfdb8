"""The report's sections from the programme record: aims, partners, milestones, risks and the
appraisal with its decision, registered in order."""

from datetime import date

import pytest

from programmes import report_record, report_sections
from programmes.models import AppraisalOption, Decision, Milestone, Partner, Programme, Risk
from tests.challenges.factories import challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    made = Programme.objects.create(
        slug="warm",
        title="Warm homes",
        summary="Warmer homes.",
        aims="Fewer admissions.\n\nA shared specification.",
        stage="decided",
        starts_on=date(2026, 6, 1),
        ends_on=date(2028, 3, 31),
    )
    made.sectors.set([world.healthcare])
    return made


def test_the_record_sections_are_registered_in_order():
    keys = [key for key, _ in report_sections.registered()]
    mine = [k for k in keys if k in {"aims", "partners", "milestones", "risks", "appraisal"}]
    assert mine == ["aims", "partners", "milestones", "risks", "appraisal"]


def test_aims_give_the_facts_and_the_published_challenges(world, programme):
    programme.challenges.set(
        [challenge(world, status="published", title="Warm residents"), challenge(world)]
    )
    built = report_record.aims(programme)
    assert built.paragraphs == ("Warmer homes.", "Fewer admissions.", "A shared specification.")
    assert dict(built.facts) == {
        "Stage": "Decision taken",
        "Dates": "1 June 2026 to 31 March 2028",
        "Sectors": "Healthcare and life sciences",
        "Challenges it tackles": "1",
    }
    (table,) = built.tables
    assert [row[0] for row in table.rows] == ["Warm residents"]  # the draft is left out


def test_sections_without_records_are_left_out(programme):
    assert report_record.partners(programme) is None
    assert report_record.milestones(programme) is None
    assert report_record.risks(programme) is None
    assert report_record.appraisal(programme) is None


def test_partners_milestones_risks_and_appraisal(world, programme):
    lead = Partner.objects.create(
        programme=programme, organisation=world.home, kind="anchor", role="Leads", is_lead=True
    )
    Partner.objects.create(programme=programme, name="Alliance", kind="intermediary", role="Bids")
    Milestone.objects.create(
        programme=programme,
        title="Signed",
        due_on=date(2026, 7, 1),
        status="done",
        done_on=date(2026, 7, 1),
    )
    Milestone.objects.create(programme=programme, title="Late", due_on=date(2020, 1, 1))
    Risk.objects.create(
        programme=programme,
        title="Small",
        likelihood=1,
        impact=2,
        owner_name="Board",
        mitigation="M",
    )
    Risk.objects.create(
        programme=programme,
        title="Big",
        likelihood=4,
        impact=5,
        owner_partner=lead,
        mitigation="Two funders",
    )
    option = AppraisalOption.objects.create(
        programme=programme,
        name="Joint",
        description="D",
        costs_benefits="C",
        is_recommended=True,
        why="W",
    )
    partners = report_record.partners(programme)
    assert partners.paragraphs == ("Led by Home Council.",)
    assert partners.tables[0].rows == (
        ("Home Council", "Anchor institution", "Leads", "Yes"),
        ("Alliance", "Intermediary (innovation alliance, catapult, network)", "Bids", "No"),
    )
    milestones = report_record.milestones(programme)
    assert milestones.tables[0].rows[0][-1] == "overdue"
    assert "1 overdue" in milestones.paragraphs[0]
    risks = report_record.risks(programme)
    table = risks.tables[0]
    assert table.headers[:6] == ("Risk", "Likelihood", "Impact", "Score", "Band", "Owner")
    assert table.rows[0][:7] == ("Big", 4, 5, 20, "Extreme", "Home Council", "Two funders")
    assert table.rows[1][:6] == ("Small", 1, 2, 2, "Low", "Board")
    assert table.chart_column == 3 and "risk matrix" in table.note and "[U]" not in table.note
    appraisal = report_record.appraisal(programme)
    assert appraisal.paragraphs == ("Recommended option: Joint.", "No decision has been taken yet.")
    Decision.objects.create(
        programme=programme,
        decision="Go",
        decided_on=date(2026, 11, 12),
        decided_by="Board",
        chosen_option=option,
    )
    programme = Programme.objects.get(pk=programme.pk)
    appraisal = report_record.appraisal(programme)
    assert dict(appraisal.facts) == {
        "Decision": "Go",
        "Option chosen": "Joint",
        "Decided on": "12 November 2026",
        "Decided by": "Board",
    }
    assert appraisal.tables[0].rows == (("Joint", "D", "C", "Yes", "W"),)
