"""Evaluation through its pages (challenges/views/evaluation.py): conflicts of interest,
independent scores, moderation, feedback, the score sheet."""

import csv
import io

import pytest
from django.core import mail

from challenges import services
from challenges.models import (
    Challenge,
    ModeratedScore,
    PanelMember,
    Score,
)
from tests.challenges import factories
from tests.challenges.factories import url
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _scores(criteria, values):
    data = {}
    for criterion, value in zip(criteria, values, strict=True):
        data[f"score_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = "Reason"
    return data


def test_the_panel_declares_scores_independently_and_the_moderator_agrees(world, client_for):
    made = factories.closed_challenge(world)
    factories.attach(made.responses.get(lead=world.supplier_org))
    admin_seat = PanelMember.objects.create(challenge=made, user=world.users["anchor_admin"])
    conflicted = make_user("conflicted@example.org", world.home)
    PanelMember.objects.create(challenge=made, user=conflicted)
    criteria = list(made.criteria.all())
    responses = list(made.responses.order_by("pk"))
    secret = responses[0].approach

    # A member who has not declared is sent to declare; one with a conflict sees nothing.
    client = client_for("anchor_admin")
    assert client.get(url("evaluate", made)).url == url("declare", made)
    client.logout()
    client.force_login(conflicted, backend="accounts.backends.EmailBackend")
    client.post(url("declare", made), {"has_conflict": "yes", "details": ""})
    assert PanelMember.objects.get(user=conflicted).declared_at is None  # details required
    client.post(url("declare", made), {"has_conflict": "yes", "details": "My sister works there"})
    for path in (
        url("evaluate", made),
        url("score", made, pk=responses[0].pk),
        url("moderation", made),
        url("attachment", made, pk=responses[0].attachments.get().pk),
    ):
        refused = client.get(path)
        assert refused.status_code in {302, 403}, path
        assert secret not in refused.content.decode()
    assert client.get(url("evaluate", made)).status_code == 403

    # The admin declares no conflict and scores; the buyer (moderator) scores separately.
    client.logout()
    client.force_login(world.users["anchor_admin"], backend="accounts.backends.EmailBackend")
    client.post(url("declare", made), {"has_conflict": "no"})
    assert secret in client.get(url("score", made, pk=responses[0].pk)).content.decode()
    assert client.post(url("evaluate", made)).status_code == 302  # nothing scored: refused
    admin_seat.refresh_from_db()
    assert admin_seat.scores_submitted_at is None
    for response, values in zip(responses, ([8, 6], [4, 5]), strict=True):
        client.post(url("score", made, pk=response.pk), _scores(criteria, values))
    client.post(url("evaluate", made))
    admin_seat.refresh_from_db()
    assert admin_seat.scores_submitted_at is not None
    # Scores are locked once submitted.
    assert (
        client.post(url("score", made, pk=responses[0].pk), _scores(criteria, [1, 1])).status_code
        == 403
    )

    moderator = client_for("buyer")
    moderator.force_login(world.users["buyer"], backend="accounts.backends.EmailBackend")
    page = moderator.get(url("evaluate", made)).content.decode()
    assert "72.0%" not in page  # the anchor admin's total for the first: not shown to others
    agreed = {f"moderated-{k}": v for k, v in _scores(criteria, [7, 6]).items()}
    refused = moderator.post(
        url("moderate", made, pk=responses[0].pk), {"action": "moderate", **agreed}
    )
    assert refused.status_code == 403  # the moderator's own scores are not in yet
    for response, values in zip(responses, ([4, 6], [2, 5]), strict=True):
        moderator.post(url("score", made, pk=response.pk), _scores(criteria, values))
    moderator.post(url("evaluate", made))
    review = moderator.get(url("moderate", made, pk=responses[0].pk)).content.decode()
    assert "Discuss: scores differ by 4" in review  # impact: 8 from one, 4 from the other
    moderator.post(url("moderate", made, pk=responses[0].pk), {"action": "moderate", **agreed})
    assert ModeratedScore.objects.filter(response=responses[0]).count() == 2
    sheet = moderator.get(url("moderation", made)).content.decode()
    assert "66.0%" in sheet  # 0.7 x 60 + 0.6 x 40

    # Score sheet: every evaluator's score with the agreed score, as CSV and XLSX.
    rows = list(
        csv.DictReader(
            io.StringIO(moderator.get(url("score_sheet", made, fmt="csv")).content.decode())
        )
    )
    assert (
        len(rows) == 2 * 2 * 2
    )  # responses x criteria x evaluators (the conflicted one took no part)
    assert {r["Evaluator"] for r in rows} == {"Anchor Admin", "Buyer"}
    assert rows[0]["Agreed score"] in {"7", "6", ""}
    xlsx = moderator.get(url("score_sheet", made, fmt="xlsx"))
    assert xlsx.content[:2] == b"PK"
    assert moderator.get(url("score_sheet", made, fmt="pdf")).status_code == 404

    # Feedback to every respondent, only when all is written.
    refused = moderator.post(url("moderation", made), {"action": "send_feedback"}, follow=True)
    assert "Write feedback for every respondent first" in refused.content.decode()
    for response in responses:
        moderator.post(
            url("moderate", made, pk=response.pk),
            {
                "action": "feedback",
                "feedback-feedback": f"Feedback for {response.lead.name}",
                "feedback-shortlisted": "on",
            },
        )
    make_user("rota-admin@example.org", responses[1].lead, admin=True)
    # A confirmation page first: the button asks, nothing is sent yet.
    asked = moderator.post(url("moderation", made), {"action": "send_feedback"}).content.decode()
    assert "Send feedback to every respondent?" in asked and "2 respondents" in asked
    assert "cannot be changed or called back" in asked and 'name="confirm" value="yes"' in asked
    assert mail.outbox == [] and not made.responses.exclude(feedback_sent_at=None).exists()
    moderator.post(url("moderation", made), {"action": "send_feedback", "confirm": "yes"})
    assert sorted(m.to[0] for m in mail.outbox) == [
        "rota-admin@example.org",
        "supplier@example.org",
    ]
    # Posting the confirmation again (a second tab, a double click) sends nothing more.
    again = moderator.post(
        url("moderation", made), {"action": "send_feedback", "confirm": "yes"}, follow=True
    ).content.decode()
    assert "Feedback was already sent to the respondents on" in again
    assert "nothing was sent again" in again and len(mail.outbox) == 2
    supplier = client_for("supplier")
    supplier.force_login(world.users["supplier"], backend="accounts.backends.EmailBackend")
    mine = supplier.get(url("response", made)).content.decode()
    assert "Feedback for Supplier Ltd" in mine and "Feedback for Rota" not in mine
    assert Score.objects.filter(panel_member__user=conflicted).count() == 0


def test_feedback_is_sent_only_once_even_when_asked_twice(world):
    made = factories.challenge(world, Challenge.Status.ENGAGEMENT_CLOSED)
    factories.response(made, world.supplier_org, feedback="Clear plan; costs unproven.")
    absolute = "https://anchorhub.example{}".format
    assert services.send_feedback(made, absolute) == []
    assert len(mail.outbox) == 1
    problems = services.send_feedback(made, absolute)
    assert problems and "already sent" in problems[0]
    assert services.feedback_problems(made) == problems
    assert len(mail.outbox) == 1
