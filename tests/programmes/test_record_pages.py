"""The programme record's pages: the list, creating and editing a programme, its page, publishing,
partners, milestones, risks, the appraisal and the decision; every form says what is wrong and
how to fix it."""

from datetime import date

import pytest
from django.urls import reverse

from challenges.lifecycle import Status
from programmes.models import AppraisalOption, Decision, Milestone, Partner, Programme, Risk
from tests.challenges.factories import challenge

pytestmark = pytest.mark.django_db


def day(name, when):
    return {f"{name}_0": when.day, f"{name}_1": when.month, f"{name}_2": when.year}


def url(name, programme, **extra):
    return reverse(f"programmes:{name}", kwargs={"slug": programme.slug, **extra})


@pytest.fixture
def programme(world):
    made = Programme.objects.create(
        slug="warm-homes",
        title="Warm homes pilot",
        summary="Warmer homes.",
        aims="Fewer admissions.",
    )
    Partner.objects.create(
        programme=made, organisation=world.home, kind="anchor", role="Lead anchor", is_lead=True
    )
    return made


def test_a_coordinator_creates_a_programme(client_for, world):
    client = client_for("coordinator")
    response = client.post(
        reverse("programmes:create"),
        {
            "title": "Healthy homes pilot",
            "summary": "Warm homes for older residents.",
            "aims": "Fewer winter admissions.",
            "stage": "scoping",
            "sectors": [world.healthcare.pk],
            **day("starts_on", date(2027, 4, 1)),
            **day("ends_on", date(2028, 3, 31)),
        },
    )
    made = Programme.objects.get(slug="healthy-homes-pilot")
    assert response.url == made.get_absolute_url()
    assert made.created_by == world.users["coordinator"] and not made.is_published
    assert (made.starts_on, made.ends_on) == (date(2027, 4, 1), date(2028, 3, 31))
    assert list(made.sectors.all()) == [world.healthcare]
    again = client.post(
        reverse("programmes:create"),
        {"title": "Healthy homes pilot", "summary": "S", "aims": "A", "stage": "scoping"},
    )
    assert again.status_code == 302
    assert Programme.objects.filter(slug="healthy-homes-pilot-2").exists()


def test_the_programme_form_says_what_is_missing_and_how_to_fix_it(client_for):
    client = client_for("coordinator")
    page = client.post(reverse("programmes:create"), {"stage": ""}).content.decode()
    assert "Error: Create a programme" in page
    for message in (
        "Enter the programme&#x27;s title",
        "Enter a summary of the programme in one or two sentences",
        "Enter the programme&#x27;s aims",
        "Choose the programme&#x27;s stage from the list",
    ):
        assert message in page
    assert "This field is required" not in page
    page = client.post(
        reverse("programmes:create"),
        {
            "title": "T",
            "summary": "S",
            "aims": "A",
            "stage": "scoping",
            **day("starts_on", date(2027, 4, 1)),
            **day("ends_on", date(2027, 3, 1)),
        },
    ).content.decode()
    assert "The end date must be the same as or after the start date" in page


def test_the_list_shows_each_viewer_what_they_may_see(client_for, world, programme):
    Programme.objects.create(
        slug="open", title="Open programme", summary="S", aims="A", is_published=True
    )
    anonymous = client_for("anonymous").get(reverse("programmes:list")).content.decode()
    assert "Open programme" in anonymous and "Warm homes pilot" not in anonymous
    assert "Create a programme" not in anonymous
    client = client_for("buyer")
    buyer = client.get(reverse("programmes:list")).content.decode()
    assert "Open programme" in buyer and "Warm homes pilot" in buyer
    assert 'href="/programmes/"' in buyer  # in the navigation


def test_the_page_shows_the_whole_record(client_for, world, programme):
    published = challenge(world, status=Status.PUBLISHED, title="Keeping residents warm")
    draft = challenge(world, title="A draft challenge")
    programme.challenges.set([published, draft])
    programme.sectors.set([world.healthcare])
    Milestone.objects.create(programme=programme, title="Sites chosen", due_on=date(2020, 1, 1))
    Milestone.objects.create(
        programme=programme,
        title="Agreement signed",
        due_on=date(2020, 1, 1),
        status="done",
        done_on=date(2020, 1, 8),
    )
    Risk.objects.create(
        programme=programme,
        title="Funding declined",
        likelihood=3,
        impact=5,
        owner_partner=programme.partners.get(),
        mitigation="Two funders",
    )
    chosen = AppraisalOption.objects.create(
        programme=programme,
        name="Joint pilot",
        description="Together",
        costs_benefits="More homes",
        is_recommended=True,
        why="Large enough",
    )
    Decision.objects.create(
        programme=programme,
        decision="Go ahead",
        decided_on=date(2026, 11, 12),
        decided_by="Programme board",
        chosen_option=chosen,
    )
    client = client_for("buyer")
    page = client.get(programme.get_absolute_url()).content.decode()
    for text in (
        "Fewer admissions.",
        "Healthcare and life sciences",
        "Keeping residents warm",
        published.get_absolute_url(),
        "A draft challenge",  # the buyer's own anchor owns the draft
        "Home Council",
        "Lead anchor",
        "Overdue by",
        "7 days late",
        "1 of 2 milestones done, 1 overdue.",
        "Funding declined",
        ">15<",
        'govuk-tag--red">Extreme',
        "A risk matrix for risk managers (2008)",
        "Joint pilot",
        "Go ahead",
        "12 November 2026",
        "Programme board",
        'id="programme-parts"',
    ):
        assert text in page, text
    assert "Add a risk" not in page and "Edit the record" not in page  # a buyer only reads
    programme.is_published = True
    programme.save()
    client.logout()
    public = client.get(programme.get_absolute_url()).content.decode()
    assert "Keeping residents warm" in public and "A draft challenge" not in public


def test_actions_shown_follow_the_rules(client_for, programme):
    admin = client_for("anchor_admin").get(programme.get_absolute_url()).content.decode()
    assert "Add a risk" in admin and "Add a partner" not in admin
    client = client_for("coordinator")
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Add a partner" in page and "Record the decision" in page and "Publish" in page


def test_publishing_is_confirmed_then_done_and_undone(client_for, programme):
    client = client_for("coordinator")
    confirm = client.get(url("publish", programme)).content.decode()
    assert (
        "Publish this programme?" in confirm and ">Yes, publish the programme</button>" in confirm
    )
    assert f'href="{programme.get_absolute_url()}">Cancel</a>' in confirm
    assert "Publish this programme?" in client.post(url("publish", programme)).content.decode()
    programme.refresh_from_db()
    assert not programme.is_published  # a POST without the confirmation is asked again
    client.post(url("publish", programme), {"action": "publish", "confirm": "yes"})
    programme.refresh_from_db()
    assert programme.is_published
    # The page says what it does: confirming "publish" again (an old tab) does not unpublish.
    client.post(url("publish", programme), {"action": "publish", "confirm": "yes"})
    programme.refresh_from_db()
    assert programme.is_published
    assert "Unpublish this programme?" in client.get(url("publish", programme)).content.decode()
    client.post(url("publish", programme), {"action": "unpublish", "confirm": "yes"})
    programme.refresh_from_db()
    assert not programme.is_published


def test_partners_are_added_changed_and_removed(client_for, world, programme):
    client = client_for("coordinator")
    page = client.post(url("partner_add", programme), {"kind": "", "role": ""}).content.decode()
    assert "Choose the kind of partner" in page
    assert "Enter the partner&#x27;s role in the programme" in page
    assert "Enter the partner&#x27;s name, or choose its organisation" in page
    page = client.post(
        url("partner_add", programme),
        {"organisation": world.home.pk, "kind": "anchor", "role": "Again"},
    ).content.decode()
    assert "Home Council is already a partner" in page
    both = client.post(
        url("partner_add", programme),
        {"organisation": world.other.pk, "name": "X", "kind": "anchor", "role": "R"},
    ).content.decode()
    assert "Leave the name empty" in both
    client.post(
        url("partner_add", programme),
        {"name": "Health Tech Alliance", "kind": "intermediary", "role": "Brings innovators"},
    )
    added = programme.partners.get(name="Health Tech Alliance")
    client.post(
        url("partner_edit", programme, pk=added.pk),
        {"name": "Health Tech Alliance", "kind": "intermediary", "role": "Leads the bid"},
    )
    added.refresh_from_db()
    assert added.role == "Leads the bid"
    assert (
        "Remove Health Tech Alliance"
        in client.get(url("partner_remove", programme, pk=added.pk)).content.decode()
    )
    client.post(url("partner_remove", programme, pk=added.pk))
    assert not programme.partners.filter(pk=added.pk).exists()


def test_milestones_are_added_and_their_status_updated_by_a_partner_admin(client_for, programme):
    client = client_for("coordinator")
    page = client.post(url("milestone_add", programme), {"status": "planned"}).content.decode()
    assert "Enter what the milestone is" in page and "Enter the due date as a real date" in page
    page = client.post(
        url("milestone_add", programme),
        {"title": "Sites chosen", "status": "done", **day("due_on", date(2026, 1, 29))},
    ).content.decode()
    assert "Enter the date the milestone was done" in page
    client.post(
        url("milestone_add", programme),
        {"title": "Sites chosen", "status": "planned", **day("due_on", date(2027, 1, 29))},
    )
    milestone = programme.milestones.get()
    admin = client_for("anchor_admin")
    response = admin.post(
        url("milestone_status", programme, pk=milestone.pk),
        {"status": "done", **day("done_on", date(2026, 1, 20)), "notes": "Early"},
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.status, milestone.done_on, milestone.notes) == (
        "done",
        date(2026, 1, 20),
        "Early",
    )


def test_a_partner_admin_adds_a_risk_and_sees_its_score(client_for, programme):
    client = client_for("anchor_admin")
    page = client.post(url("risk_add", programme), {"status": "open"}).content.decode()
    for message in (
        "Enter the risk in a few words",
        "Choose how likely the risk is, from 1 (rare) to 5 (almost certain)",
        "Choose how bad its impact would be",
        "Enter the mitigation",
        "Enter who owns the risk, or choose a partner",
    ):
        assert message in page, message
    response = client.post(
        url("risk_add", programme),
        {
            "title": "Sites drop out",
            "likelihood": "4",
            "impact": "3",
            "owner_partner": programme.partners.get().pk,
            "mitigation": "Recruit extra sites",
            "status": "open",
        },
        follow=True,
    )
    assert "score 12, High" in response.content.decode()
    risk = programme.risks.get()
    assert (risk.score, risk.band.key, risk.owner) == (12, "high", "Home Council")
    response = client.post(
        url("risk_edit", programme, pk=risk.pk),
        {
            "title": "Sites drop out",
            "likelihood": "1",
            "impact": "2",
            "owner_name": "Programme board",
            "mitigation": "Recruit extra sites",
            "status": "closed",
        },
    )
    risk.refresh_from_db()
    assert (risk.score, risk.owner, risk.status) == (2, "Programme board", "closed")


def test_the_appraisal_has_one_recommended_option_and_a_decision(client_for, programme):
    client = client_for("coordinator")
    page = client.post(
        url("option_add", programme), {"name": "Joint", "is_recommended": "on"}
    ).content.decode()
    assert "Enter what the option is" in page and "Enter why this option is recommended" in page
    for name in ("Do nothing", "Joint pilot"):
        client.post(
            url("option_add", programme),
            {
                "name": name,
                "description": "D",
                "costs_benefits": "C",
                "is_recommended": "on",
                "why": "W",
            },
        )
    assert list(
        programme.appraisal_options.filter(is_recommended=True).values_list("name", flat=True)
    ) == ["Joint pilot"]
    page = client.post(url("decision", programme), {}).content.decode()
    assert "Enter what was decided" in page and "Enter who took the decision" in page
    chosen = programme.appraisal_options.get(name="Joint pilot")
    client.post(
        url("decision", programme),
        {
            "decision": "Go ahead",
            "decided_by": "Programme board",
            "chosen_option": chosen.pk,
            **day("decided_on", date(2026, 11, 12)),
        },
    )
    decision = Decision.objects.get(programme=programme)
    assert (decision.chosen_option, decision.decided_on) == (chosen, date(2026, 11, 12))
    client.post(
        url("decision", programme),
        {"decision": "Stop", "decided_by": "Board", **day("decided_on", date(2026, 12, 1))},
    )
    assert Decision.objects.get(programme=programme).decision == "Stop"


def test_other_programmes_records_cannot_be_reached_through_this_one(client_for, programme):
    elsewhere = Programme.objects.create(slug="elsewhere", title="E", summary="S", aims="A")
    risk = Risk.objects.create(
        programme=elsewhere, title="R", likelihood=1, impact=1, mitigation="M"
    )
    response = client_for("coordinator").get(url("risk_edit", programme, pk=risk.pk))
    assert response.status_code == 404


def test_a_partner_with_records_elsewhere_is_not_removed(client_for, programme, monkeypatch):
    from django.db.models import ProtectedError

    partner = programme.partners.get()

    def protected(self, *args, **kwargs):
        raise ProtectedError("commitments", set())

    monkeypatch.setattr(Partner, "delete", protected)
    response = client_for("coordinator").post(url("partner_remove", programme, pk=partner.pk))
    assert response.status_code == 409
    assert "has records in other parts of the programme" in response.content.decode()
    assert programme.partners.filter(pk=partner.pk).exists()
