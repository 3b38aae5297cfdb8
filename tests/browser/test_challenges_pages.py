"""Challenges in the browser: a challenge from draft to award, stage by stage, and the route
finder's rules marked "check before relying on this". Every page passes axe, with no console errors.

The journey is one test because each stage needs the one before it (a published challenge, a
submitted proposal, a cleared panel); each stage is a function of its own below.
"""

import re
from datetime import timedelta

from django.utils import timezone

from challenges.models import Challenge, PanelMember
from tests.browser.helpers import Checker, expect_error_page, sign_in


def buyer_writes_publishes_and_opens_engagement(page, base, world, check):
    """A buyer writes the statement, its criteria and route answers, publishes it, opens engagement and adds an event; gives the challenge's reference."""
    sign_in(page, base, world.users["buyer"].email)
    page.get_by_role("link", name="Challenges").first.click()
    check("list")
    page.get_by_role("link", name="Describe a challenge").click()
    check("create")
    page.get_by_label("Title", exact=True).fill("Fewer missed home care visits")
    page.get_by_label("Summary", exact=True).fill(
        "Late and missed visits leave people without care."
    )
    page.get_by_label("The problem").fill("About 5% of visits are late or missed.")
    page.get_by_label("Who is affected").fill("People receiving care and their carers.")
    page.get_by_label("Outcomes wanted").fill("Missed visits fall from 5% to 2% within a year.")
    page.get_by_label("How success will be measured").fill("Call monitoring data, monthly.")
    page.get_by_label("CPV codes").fill("85312000")
    closes = timezone.localdate() + timedelta(days=20)
    page.get_by_label("Day").fill(str(closes.day))
    page.get_by_label("Month").fill(str(closes.month))
    page.get_by_label("Year").fill(str(closes.year))
    page.get_by_role("button", name="Save the challenge").click()
    page.wait_for_url(re.compile(r".*/criteria/$"))
    for name, weight in (("Impact on the outcomes", "60"), ("Cost and value", "40")):
        page.get_by_label("Criterion", exact=True).fill(name)
        page.get_by_label("Weight (%)").fill(weight)
        page.get_by_role("button", name="Add the criterion").click()
    assert "100%" in page.content()
    check("criteria")
    page.get_by_role("link", name="Back to the challenge").click()
    page.get_by_role("link", name="Route finder answers").click()
    page.get_by_label("Estimated value including VAT, in pounds").fill("216000")
    page.get_by_label("Sub-central (councils, universities, police, combined authorities)").check()
    page.get_by_label("Services", exact=True).check()
    page.get_by_label("A solution needs development").check()
    page.get_by_label("We are an English council").check()
    check("route")
    page.get_by_role("button", name="Find the routes").click()
    assert "Phased innovation competition" in page.content()
    check("detail (draft)")
    page.get_by_role("link", name="Edit the statement").click()
    check("edit")
    page.get_by_role("button", name="Save the challenge").click()
    page.get_by_role("button", name="Publish the challenge").click()
    assert page.get_by_role("heading", name="Publish this challenge?").count() == 1
    assert "fixes the statement and the evaluation criteria for good" in page.content()
    check("publish confirmation")
    page.get_by_role("link", name="Cancel").click()
    assert Challenge.objects.get().status == "draft"
    page.get_by_role("button", name="Publish the challenge").click()
    page.get_by_role("button", name="Yes, publish the challenge").click()
    assert "The challenge is now published" in page.content()
    page.get_by_role("button", name="Open market engagement").click()
    check("open engagement confirmation")
    page.get_by_role("button", name="Yes, open market engagement").click()
    assert "engagement open" in page.content()
    reference = Challenge.objects.get().reference
    uk2 = "Download the UK2 preliminary market engagement notice (OCDS JSON)"
    assert page.get_by_role("link", name=uk2).count() == 1
    page.get_by_role("link", name="Add an engagement event").click()
    check("event")
    page.get_by_label("Title", exact=True).fill("Supplier briefing")
    briefing = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Day").fill(str(briefing.day))
    page.get_by_label("Month").fill(str(briefing.month))
    page.get_by_label("Year").fill(str(briefing.year))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Online event").check()
    page.get_by_role("button", name="Add the event").click()
    page.wait_for_url(re.compile(r".*/challenges/CH-\w+/(#events)?$"))
    check("detail (open)")
    return reference


def supplier_asks_registers_proposes_and_looks_for_partners(
    page, base, world, check, reference, tmp_path
):
    """A supplier asks a question, expresses interest, registers for the event, submits a proposal with a file and lists itself as seeking partners."""
    page.context.clear_cookies()
    sign_in(page, base, world.users["supplier"].email)
    page.goto(f"{base}/challenges/{reference}/")
    page.get_by_label("Ask a clarification question").fill("Will providers share visit data?")
    page.get_by_role("button", name="Ask the question").click()
    page.get_by_role("button", name="Express interest").click()
    assert "Interest expressed" in page.content()
    page.get_by_role("button", name="Register for Supplier briefing").click()
    assert "You are registered" in page.content()
    check("detail (supplier)")
    page.get_by_role("link", name="Write a solution proposal").click()
    check("response")
    page.get_by_label("Your approach").fill("Care workers confirm visits by text; gaps re-routed.")
    page.get_by_label("Technology readiness level").select_option("6")
    page.get_by_label("Indicative cost, in pounds (excluding VAT)").fill("90000")
    page.get_by_role("button", name="Submit your proposal").click()
    assert "Your proposal is submitted" in page.content()
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("Add a supporting file").set_input_files(str(plan))
    page.get_by_role("button", name="Upload the file").click()
    assert "plan.pdf attached" in page.content()
    check("response (submitted)")
    page.goto(f"{base}/challenges/{reference}/partners/")
    page.get_by_label("What you offer").fill("Care workers and coordination")
    page.get_by_label("What you need from partners").fill("Rostering software")
    page.get_by_role("button", name="Save and show suggested partners").click()
    check("partners")


def buyer_answers_and_forms_the_panel(page, base, world, check, reference):
    """The buyer answers the question, sees registrations and interests, and puts themself on the panel as moderator."""
    page.context.clear_cookies()
    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}/challenges/{reference}/")
    page.get_by_role("link", name="Clarification questions").click()
    page.get_by_label("Answer to question 1").fill("Yes, monthly, under our contracts.")
    page.get_by_role("button", name="Publish the answer to question 1").click()
    check("questions")
    page.goto(f"{base}/challenges/{reference}/")
    page.get_by_role("link", name="1 registered for Supplier briefing").click()
    assert world.users["supplier"].email in page.content()
    check("registrations")
    page.goto(f"{base}/challenges/{reference}/interests/")
    assert world.supplier_org.name in page.content()
    check("interests")
    page.goto(f"{base}/challenges/{reference}/panel/")
    page.get_by_label("Email address of the evaluator").fill(world.users["buyer"].email)
    page.get_by_label("Moderates the panel's scores").check()
    page.get_by_role("button", name="Add to the panel").click()
    check("panel")


def panel_member_declares_and_scores(page, base, world, check, reference):
    """Engagement closes; the panel member declares no conflict, scores and submits."""
    page.goto(f"{base}/challenges/{reference}/")
    page.get_by_role("button", name="Close market engagement").click()
    page.get_by_role("button", name="Yes, close market engagement").click()
    page.get_by_role("link", name="Declare any conflict of interest").click()
    check("declare")
    page.get_by_label("No, I have no conflict of interest").check()
    page.get_by_role("button", name="Make the declaration").click()
    page.get_by_role("link", name=world.supplier_org.name).click()
    check("score")
    page.get_by_label("Impact on the outcomes (60%): score").select_option("8")
    page.get_by_label("Cost and value (40%): score").select_option("6")
    page.get_by_role("button", name="Save your scores").click()
    page.get_by_role("button", name="Submit your scores to the moderator").click()
    assert PanelMember.objects.get().scores_submitted_at is not None
    check("evaluate")


def moderator_agrees_scores_and_sends_feedback(page, base, world, check, reference):
    """The moderator records agreed scores with reasons, shortlists and sends feedback."""
    page.get_by_role("link", name="Go to moderation").click()
    page.get_by_role("link", name=world.supplier_org.name).click()
    check("moderate")
    page.get_by_label("Impact on the outcomes (60%): score").select_option("8")
    page.get_by_label("Impact on the outcomes: reason for the agreed score").fill(
        "Strong evidence."
    )
    page.get_by_label("Cost and value (40%): score").select_option("6")
    page.get_by_label("Cost and value: reason for the agreed score").fill("Fair price.")
    page.get_by_role("button", name="Save the agreed scores").click()
    assert "72.0%" in page.content()
    page.get_by_role("link", name=world.supplier_org.name).click()
    page.get_by_label("Shortlisted").check()
    page.get_by_label("Written feedback to the respondent").fill("Strong and well evidenced.")
    page.get_by_role("button", name="Save the feedback").click()
    page.get_by_role("button", name="Send feedback to every respondent").click()
    check("send feedback confirmation")
    page.get_by_role("button", name="Yes, send the feedback").click()
    assert "Feedback sent to every respondent" in page.content()
    check("moderation")


def buyer_records_the_outcome_and_award(page, base, world, check, reference):
    """The buyer records the route used and the award."""
    page.goto(f"{base}/challenges/{reference}/outcome/")
    page.get_by_label("Route used").select_option("competitive_flexible_phased")
    page.get_by_label("Awarded to").select_option(label=world.supplier_org.name)
    page.get_by_label("Contract value, in pounds (excluding VAT)").fill("150000")
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    check("outcome")
    page.get_by_role("button", name="Save the outcome").click()
    page.get_by_role("button", name="Record an award").click()
    page.get_by_role("button", name="Yes, record the award").click()
    assert "The challenge is now awarded" in page.content()
    check("detail (awarded)")


def another_anchor_adopts(page, base, world, check, reference):
    """Another anchor's buyer records that it adopted the solution."""
    page.context.clear_cookies()
    sign_in(page, base, world.users["other_buyer"].email)
    page.goto(f"{base}/challenges/{reference}/")
    page.get_by_role("link", name=f"Record that {world.other.name} adopted it").click()
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Scale").fill("2 wards")
    check("adopt")
    page.get_by_role("button", name="Record the adoption").click()
    assert "2 of 2 network anchors use this solution" in page.content()
    check("detail (adopted)")


def test_a_challenge_from_draft_to_award_in_the_browser(page, live_server, world, tmp_path):
    """A buyer writes a challenge, publishes it and opens engagement; a supplier asks, expresses
    interest, proposes with a file and looks for partners; the buyer answers, closes engagement,
    evaluates (declaration, scores, moderation, feedback) and records the award; another anchor
    adopts it."""
    base = live_server.url
    check = Checker(page)
    reference = buyer_writes_publishes_and_opens_engagement(page, base, world, check)
    supplier_asks_registers_proposes_and_looks_for_partners(
        page, base, world, check, reference, tmp_path
    )
    buyer_answers_and_forms_the_panel(page, base, world, check, reference)
    panel_member_declares_and_scores(page, base, world, check, reference)
    moderator_agrees_scores_and_sends_feedback(page, base, world, check, reference)
    buyer_records_the_outcome_and_award(page, base, world, check, reference)
    another_anchor_adopts(page, base, world, check, reference)
    problems = check.problems
    assert Challenge.objects.get().status == "awarded"
    assert not problems, problems
    assert not page.console_problems, page.console_problems


def test_the_route_finder_marks_rules_to_check_before_relying_on_them(page, live_server, world):
    base = live_server.url
    check = Checker(page)
    sign_in(page, base, world.users["other_buyer"].email)
    page.goto(
        f"{base}/route-finder/?value=120000&buyer_type=sub-central&category=services&council=on"
    )
    assert "Check before relying on this" in page.content()
    check("route finder")
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems


def test_withdrawing_asks_why_in_the_browser(page, live_server, world):
    """The withdraw confirmation asks why; an empty reason is an error in the GOV.UK pattern; the
    reason is shown on the challenge's page. Every page passes axe."""
    from tests.challenges import factories

    made = factories.challenge(world, Challenge.Status.ENGAGEMENT_OPEN)
    base = live_server.url
    check = Checker(page)
    sign_in(page, base, world.users["buyer"].email)
    page.goto(f"{base}{made.get_absolute_url()}")
    page.get_by_role("button", name="Withdraw the challenge").click()
    assert page.get_by_role("heading", name="Withdraw this challenge?").count() == 1
    check("withdraw confirmation")
    page.get_by_role("button", name="Yes, withdraw the challenge").click()
    expect_error_page(page)
    assert "Enter why the challenge is being withdrawn" in page.content()
    check("withdraw confirmation (error)")
    page.get_by_label("Why is the challenge being withdrawn?").fill(
        "The service was recommissioned."
    )
    page.get_by_role("button", name="Yes, withdraw the challenge").click()
    assert "The challenge is now withdrawn" in page.content()
    assert "Why: The service was recommissioned." in page.content()
    check("detail (withdrawn)")
    made.refresh_from_db()
    assert made.status == "withdrawn"
    assert not check.problems, check.problems
    assert not page.console_problems, page.console_problems
