"""What happens on the sample challenges (sample_challenges.py): questions, an event, interest, a
draft proposal and a consortium on the open one; responses, scores and moderation on the one in
evaluation; an award and adoptions on the awarded one. Demo content, for demo commands and tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from challenges.models import (
    Adoption,
    EngagementEvent,
    Interest,
    Introduction,
    ModeratedScore,
    PanelMember,
    PartnerListing,
    Question,
    Registration,
    Response,
    Score,
)


def engagement(challenge, users, suppliers):
    supplier_user = users.get("supplier")
    home = supplier_user.organisation if supplier_user else suppliers[0]
    others = [s for s in suppliers if s.pk != home.pk]
    large = next((s for s in others if s.size_band == "large"), others[0])
    small = next((s for s in others if s.size_band in {"micro", "small"} and s != large), others[1])
    Question.objects.create(
        challenge=challenge,
        asked_by=supplier_user,
        text="Will providers share electronic call monitoring data with the winning supplier?",
        answer="Yes: our contracts require providers to share visit data with us and our "
        "contractors for service improvement.",
        answered_by=users["buyer"],
        answered_at=timezone.now() - timedelta(days=2),
    )
    Question.objects.create(
        challenge=challenge,
        asked_by=supplier_user,
        text="Is there a budget for changes to providers' own rostering systems?",
    )
    event = EngagementEvent.objects.create(
        challenge=challenge,
        title="Supplier briefing and Q&A",
        starts_at=(timezone.now() + timedelta(days=9)).replace(
            hour=10, minute=0, second=0, microsecond=0
        ),
        online=True,
        joining_details="A Teams link is emailed the day before.",
        capacity=60,
    )
    if supplier_user:
        Registration.objects.create(event=event, user=supplier_user)
    for org in (home, large, small):
        Interest.objects.create(challenge=challenge, organisation=org, message="")
    Response.objects.create(
        challenge=challenge,
        lead=home,
        submitted_by=supplier_user,
        approach="Care workers confirm visits by text; our co-operative's coordinators see gaps "
        "in real time and re-route the nearest worker.",
        evidence="Missed visits fell from 4% to 1.5% in our own rounds in 2024.",
        trl=6,
        indicative_cost=95000,
        timeline="Pilot in three wards over six months.",
        social_value="Local care workers trained as coordinators; living wage.",
        status=Response.Status.DRAFT,
    )
    PartnerListing.objects.create(
        challenge=challenge,
        organisation=home,
        offers="Home care coordination, care workers, local knowledge of wards",
        needs="A partner with rostering software and integration with call monitoring",
        cpv_codes=["85312000"],
    )
    PartnerListing.objects.create(
        challenge=challenge,
        organisation=large,
        offers="Rostering software, integration with call monitoring systems, data analytics",
        needs="A care provider with care workers to pilot the approach",
        cpv_codes=["72000000", "72260000"],
    )
    lead_user = large.members.first() or supplier_user
    Introduction.objects.create(
        challenge=challenge,
        sender=large,
        sender_user=lead_user,
        recipient=home,
        message="Our rostering software could support your coordinators; shall we talk about "
        "a joint proposal?",
    )


def evaluation(challenge, users, suppliers):
    supplier_user = users.get("supplier")
    home = supplier_user.organisation if supplier_user else suppliers[0]
    leads = [home, *[s for s in suppliers if s.pk != home.pk][:2]]
    responses = []
    for number, lead in enumerate(leads):
        responses.append(
            Response.objects.create(
                challenge=challenge,
                lead=lead,
                submitted_by=supplier_user if lead == home else None,
                approach=[
                    (
                        "Tenants send a short video when reporting; operatives see it before the "
                        "visit, with the parts needed."
                    ),
                    "AI triage of repair descriptions to book the right trade and parts.",
                    "A local network of multi-trade operatives working by neighbourhood.",
                ][number],
                evidence="Pilot with a housing association: right first time up from 70% to 84%."
                if number == 0
                else "",
                trl=[7, 5, 8][number],
                indicative_cost=[140000, 210000, 180000][number],
                timeline="Six months.",
                social_value="Apprenticeships for local young people." if number != 1 else "",
                consortium_members="Video Triage Ltd: the video platform" if number == 0 else "",
                status=Response.Status.SUBMITTED,
                submitted_at=challenge.engagement_closes_at - timedelta(days=2),
            )
        )
    criteria = list(challenge.criteria.all())
    panel = [
        PanelMember.objects.create(
            challenge=challenge,
            user=users["buyer"],
            is_moderator=True,
            declared_at=timezone.now() - timedelta(days=8),
        ),
        PanelMember.objects.create(
            challenge=challenge,
            user=users["anchor-admin"],
            declared_at=timezone.now() - timedelta(days=8),
        ),
    ]
    if "buyer-coventry" in users:
        PanelMember.objects.create(
            challenge=challenge,
            user=users["buyer-coventry"],
            declared_at=timezone.now() - timedelta(days=8),
            has_conflict=True,
            conflict_details="A relative works for one of the respondents.",
        )
    grid = [
        [[8, 7, 6, 7], [6, 5, 5, 4], [7, 8, 6, 6]],
        [[7, 7, 7, 8], [3, 6, 4, 3], [7, 7, 7, 6]],
    ]
    for seat, rows in zip(panel, grid, strict=True):
        for response, scores in zip(responses, rows, strict=True):
            for criterion, value in zip(criteria, scores, strict=True):
                Score.objects.create(
                    panel_member=seat,
                    response=response,
                    criterion=criterion,
                    score=value,
                    comment="",
                )
        seat.scores_submitted_at = timezone.now() - timedelta(days=3)
        seat.save()
    for criterion, value in zip(criteria, [8, 7, 6, 8], strict=True):
        ModeratedScore.objects.create(
            response=responses[0],
            criterion=criterion,
            score=value,
            reason="Agreed at the moderation meeting: strong evidence from a comparable pilot.",
            by=users["buyer"],
        )
    responses[0].shortlisted = True
    responses[0].feedback = (
        "Strong, evidenced approach (impact 8/10). Deliverability good; costs reasonable. "
        "Shortlisted for the pilot stage."
    )
    responses[0].save()


def award(challenge, users, suppliers, anchors):
    winner = next((s for s in suppliers if s.size_band in {"small", "medium"}), suppliers[0])
    challenge.awarded_to = winner
    challenge.award_value = 640000
    challenge.award_date = timezone.localdate() - timedelta(days=30)
    challenge.outcome_notes = (
        "Phase 1 feasibility with three suppliers, phase 2 prototypes in two centres, then a "
        "competed roll-out."
    )
    challenge.save()
    for name in ("Birmingham City Council", "University of Birmingham"):
        adopter = anchors.get(name)
        if adopter and adopter != challenge.owner:
            Adoption.objects.create(
                challenge=challenge,
                organisation=adopter,
                adopted_on=timezone.localdate() - timedelta(days=10),
                scale="4 community buildings" if "Council" in name else "2 halls of residence",
                recorded_by=users["buyer"],
            )
