"""Mail to suppliers: introductions relayed and accepted, feedback on proposals."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge, Introduction
from challenges.services.scores import submitted
from core import mail
from network.models import Organisation


def organisation_emails(org: Organisation) -> list[str]:
    users = org.members.filter(is_active=True)
    admins = [u.email for u in users if u.is_organisation_admin]
    return admins or [u.email for u in users]


def relay_introduction(introduction: Introduction, absolute) -> None:
    to = organisation_emails(introduction.recipient)
    if not to:
        return
    mail.send(
        f"A possible partner on the challenge {introduction.challenge.title}",
        "challenges/email/introduction.txt",
        {
            "introduction": introduction,
            "url": absolute(
                reverse(
                    "challenges:partners",
                    kwargs={"reference": introduction.challenge.reference},
                )
            ),
        },
        to,
    )


def share_contacts(introduction: Introduction, absolute) -> None:
    mail.send(
        f"{introduction.recipient.name} accepted your introduction",
        "challenges/email/introduction_accepted.txt",
        {
            "introduction": introduction,
            "contact": introduction.replied_by,
            "url": absolute(
                reverse(
                    "challenges:partners",
                    kwargs={"reference": introduction.challenge.reference},
                )
            ),
        },
        [introduction.sender_user.email],
    )


def feedback_problems(challenge, responses=None) -> list[str]:
    """What stops the feedback being sent now; empty when it can be."""
    responses = list(submitted(challenge)) if responses is None else responses
    if not responses:
        return ["There are no responses to give feedback on."]
    sent = [r.feedback_sent_at for r in responses if r.feedback_sent_at]
    if sent:
        when = timezone.localtime(min(sent)).strftime("%-d %B %Y at %H:%M")
        return [
            (
                f"Feedback was already sent to the respondents on {when}. It is sent only once, so "
                "nothing was sent again."
            )
        ]
    missing = [r.lead.name for r in responses if not r.feedback.strip()]
    if missing:
        return [f"Write feedback for every respondent first: {', '.join(missing)}."]
    return []


@transaction.atomic
def send_feedback(challenge, absolute) -> list[str]:
    """Email every respondent its feedback, once: the challenge's row is locked while the
    responses are read and marked, so two posts at the same moment send it once."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    responses = list(submitted(challenge))
    problems = feedback_problems(challenge, responses)
    if problems:
        return problems
    now = timezone.now()
    for response in responses:
        to = organisation_emails(response.lead)
        if to:
            mail.send(
                f"Feedback on your proposal: {challenge.title}",
                "challenges/email/feedback.txt",
                {
                    "response": response,
                    "url": absolute(
                        reverse("challenges:response", kwargs={"reference": challenge.reference})
                    ),
                },
                to,
            )
        response.feedback_sent_at = now
        response.save(update_fields=["feedback_sent_at"])
    return []
