"""The maturity pages: an anchor's assessments and current picture, starting one, answering
question by question (with the errors), checking and completing, the result with change and next
steps, the network's picture, the organisation page's link and the navigation."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from maturity import questions
from maturity.models import Assessment, Status
from tests.maturity.helpers import completed, draft

SET = questions.current()
FIRST, SECOND = SET.questions[0], SET.questions[1]


@pytest.fixture
def home(world):
    world.home.slug = world.home.slug or "home-council"
    return world.home


def anchor_url(world):
    return reverse("maturity:anchor", args=[world.home.slug])


def test_an_anchor_without_assessments_invites_its_administrator_to_start(world, client_for):
    page = client_for("anchor_admin").get(anchor_url(world)).content.decode()
    assert "has not completed a self-assessment yet" in page
    assert "Start a self-assessment" in page
    reader = client_for("buyer").get(anchor_url(world)).content.decode()
    assert "Start a self-assessment" not in reader


def test_the_whole_journey_start_answer_check_complete(world, client_for):
    client = client_for("anchor_admin")
    response = client.post(reverse("maturity:start", args=[world.home.slug]))
    assessment = Assessment.objects.get(organisation=world.home)
    assert assessment.is_draft and assessment.version == SET.version
    assert assessment.started_by == world.users["anchor_admin"]
    first = reverse("maturity:answer", args=[world.home.slug, assessment.pk, FIRST.key])
    assert response.url == first

    page = client.get(first).content.decode()
    assert (
        escape(FIRST.question) in page and escape(FIRST.level(1).good) in page
    )  # each level's hint
    assert "question 1 of 11" in page

    wrong = client.post(first, {"evidence": "x"})
    text = wrong.content.decode()
    assert wrong.status_code == 200 and "Error:" in text
    assert escape(f"Select a level for {FIRST.title[0].lower()}{FIRST.title[1:]}") in text
    too_long = client.post(first, {"level": "2", "evidence": "x" * 4001}).content.decode()
    assert "Evidence must be 4,000 characters or fewer" in too_long
    made_up = client.post(first, {"level": "9"}).content.decode()
    assert "Select one of the levels for" in made_up

    answered = client.post(first, {"level": "2", "evidence": "Strategy 2026, section 4"})
    assert answered.url == reverse(
        "maturity:answer", args=[world.home.slug, assessment.pk, SECOND.key]
    )
    check_url = reverse("maturity:check", args=[world.home.slug, assessment.pk])
    refused = client.post(check_url).content.decode()
    assert "There is a problem" in refused
    assert escape(f"Select a level for {SECOND.title[0].lower()}{SECOND.title[1:]}") in refused
    assert Assessment.objects.get(pk=assessment.pk).is_draft

    for question in SET.questions[1:]:
        url = reverse("maturity:answer", args=[world.home.slug, assessment.pk, question.key])
        client.post(url, {"level": "3"})
    check = client.get(check_url).content.decode()
    assert "Check your answers" in check and "Strategy 2026" in check
    # Change an answer from the check page: back to the check page after saving.
    change = first + "?from=check"
    assert client.post(change, {"level": "1"}).url == check_url

    done = client.post(check_url, follow=True)
    assert "Self-assessment completed" in done.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Status.COMPLETED and assessment.completed_at
    assert assessment.completed_by == world.users["anchor_admin"]
    # A completed assessment is not changed.
    assert client.post(first, {"level": "4"}).status_code == 403


def test_starting_again_carries_on_with_the_draft(world, client_for):
    existing = draft(world.home, {FIRST.key: 2})
    response = client_for("coordinator").post(reverse("maturity:start", args=[world.home.slug]))
    assert response.url == reverse(
        "maturity:answer", args=[world.home.slug, existing.pk, SECOND.key]
    )
    assert Assessment.objects.filter(organisation=world.home).count() == 1


def test_the_result_shows_levels_by_theme_change_and_next_steps(world, client_for):
    completed(world.home, 1, (2025, 10, 1))
    latest = completed(
        world.home, {**{q.key: 2 for q in SET.questions}, FIRST.key: 4}, (2026, 10, 1)
    )
    page = client_for("buyer").get(latest.get_absolute_url()).content.decode()
    assert "Levels by theme" in page and "Change since 1 October 2025" in page
    assert "up 1.0" in page  # every other theme went from 1 to 2
    assert "Next steps" in page
    assert escape(SECOND.level(3).good) in page  # the next level up of a question at level 2
    assert (
        escape(FIRST.level(4).good) in page
    )  # its answer's words; at the top, no next step for it
    guide = SECOND.level(3).guides[0]
    assert reverse("cases:guide", args=[guide]) in page
    assert reverse("cases:list") + "?" in page

    anchor = client_for("buyer").get(anchor_url(world)).content.decode()
    assert "Current picture" in anchor and "Completed self-assessments" in anchor
    assert "1 October 2025" in anchor and "1 October 2026" in anchor
    assert "The first" in anchor  # the earliest has nothing to change from


def test_a_draft_shows_its_progress_without_next_steps(world, client_for):
    assessment = draft(world.home, {FIRST.key: 2})
    page = client_for("anchor_admin").get(assessment.get_absolute_url()).content.decode()
    assert "Self-assessment in progress" in page and "1 of 11 questions answered" in page
    assert "Carry on" in page and "Next steps" not in page


def test_other_anchors_buyers_and_suppliers_do_not_see_an_anchors_assessments(world, client_for):
    assessment = completed(world.home, 2, (2026, 1, 1))
    assert client_for("other_buyer").get(assessment.get_absolute_url()).status_code == 404
    assert client_for("other_buyer").get(anchor_url(world)).status_code == 404


def test_the_anchors_buyers_read_but_do_not_answer(world, client_for):
    assessment = draft(world.home)
    url = reverse("maturity:answer", args=[world.home.slug, assessment.pk, FIRST.key])
    assert client_for("buyer").get(url).status_code == 403


def test_an_unknown_question_is_not_found(world, client_for):
    assessment = draft(world.home)
    url = reverse("maturity:answer", args=[world.home.slug, assessment.pk, "no-such-question"])
    assert client_for("anchor_admin").get(url).status_code == 404


def test_the_network_picture_counts_latest_completed_assessments_without_names(world, client_for):
    completed(world.home, 1, (2025, 1, 1))
    completed(world.home, 3, (2026, 1, 1))
    completed(world.other, 2, (2026, 2, 1))
    draft(world.other, {FIRST.key: 4})
    page = client_for("other_buyer").get(reverse("maturity:network")).content.decode()
    assert "2 anchors with a completed self-assessment" in page
    assert "Home Council" not in page.split("<main")[1]
    assert "2.5" in page  # the median of 2 and 3
    assert "Other Trust's self-assessments" in page
    assert "Other Trust's level" in page  # its own levels beside the network's
    coordinator = client_for("coordinator").get(reverse("maturity:network")).content.decode()
    assert "s level</th>" not in coordinator


def test_the_question_set_is_public(world, client):
    page = client.get(reverse("maturity:questions")).content.decode()
    assert escape(FIRST.level(1).good) in page and SET.version in page


def test_the_organisation_page_links_members_to_the_self_assessments(world, client_for):
    completed(world.home, 2, (2026, 3, 1))
    url = reverse("network:organisation", args=[world.home.slug])
    page = client_for("buyer").get(url).content.decode()
    assert anchor_url(world) in page and "Overall level 2 (Developing)" in page
    assert anchor_url(world) not in client_for("other_buyer").get(url).content.decode()
    client_for("anonymous")
    assert anchor_url(world) not in client_for("supplier").get(url).content.decode()


def test_buyers_and_coordinators_find_the_network_picture_in_the_navigation(world, client_for):
    for role, shown in [("buyer", True), ("coordinator", True), ("supplier", False)]:
        page = client_for(role).get(reverse("home")).content.decode()
        assert (reverse("maturity:network") in page) is shown, role


def test_visible_to_agrees_with_the_rules(world):
    from maturity import access, rules

    mine = completed(world.home, 2, (2026, 1, 1))
    theirs = completed(world.other, 2, (2026, 1, 1))
    for user in world.users.values():
        viewer = access.viewer(user)
        visible = set(Assessment.objects.visible_to(user))
        assert visible == {a for a in (mine, theirs) if rules.can_see(viewer, a.organisation_id)}
