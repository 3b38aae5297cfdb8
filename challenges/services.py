"""Challenge work that touches the database or mail: moves, notices, partners, scores, feedback.

Views call these; the rules themselves are pure (lifecycle.py, routefinder.py, partners.py,
evaluation.py, uk2.py).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from challenges import evaluation, lifecycle, partners, routefinder, uk2
from challenges.models import (
    Challenge,
    Introduction,
    PanelMember,
    Response,
    Score,
    StatusChange,
)
from core import mail
from network.models import Organisation

Status = lifecycle.Status


# ---------------------------------------------------------------------------------------------
# Life cycle


def record(challenge: Challenge, from_status: str, to_status: str, user, note: str = "") -> None:
    StatusChange.objects.create(
        challenge=challenge, from_status=from_status, to_status=to_status, by=user, note=note[:300]
    )


def facts(challenge: Challenge, now=None) -> lifecycle.Facts:
    return lifecycle.Facts(
        status=challenge.status,
        criteria_weights=tuple(c.weight for c in challenge.criteria.all()),
        engagement_closes_at=challenge.engagement_closes_at,
        now=now or timezone.now(),
        has_award=bool(
            challenge.awarded_to_id and challenge.award_value is not None and challenge.award_date
        ),
        has_cpv=bool(challenge.cpv_codes),
    )


def moves(challenge: Challenge) -> list[dict]:
    """The moves open to the owners now, with what stands in the way of each."""
    now_facts = facts(challenge)
    return [
        {
            "to": target.value,
            "label": lifecycle.ACTIONS[target],
            "problems": lifecycle.problems_with_move(now_facts, target),
            "warning": target in {Status.WITHDRAWN, Status.NOT_AWARDED},
        }
        for target in lifecycle.MOVES[Status(challenge.status)]
    ]


@transaction.atomic
def move(challenge: Challenge, target: str, user, note: str = "") -> list[str]:
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    problems = lifecycle.problems_with_move(facts(challenge), target)
    if problems:
        return problems
    previous = challenge.status
    challenge.status = target
    fields = ["status", "updated_at"]
    if target == Status.PUBLISHED:
        challenge.published_at = timezone.now()
        challenge.criteria_locked_at = challenge.published_at
        fields += ["published_at", "criteria_locked_at"]
    challenge.save(update_fields=fields)
    record(challenge, previous, target, user, note)
    return []


# ---------------------------------------------------------------------------------------------
# Reading a challenge


def route_result(challenge: Challenge) -> routefinder.Result | None:
    answers = challenge.route_answers
    if not answers:
        return None
    on = (
        timezone.localdate(challenge.published_at)
        if challenge.published_at
        else timezone.localdate()
    )
    try:
        return routefinder.find_routes(routefinder.Answers.from_mapping(answers, on))
    except ValueError:
        return None  # answers saved under older rules that no longer parse


def route_value(challenge: Challenge) -> Decimal | None:
    try:
        return Decimal(challenge.route_answers["value"])
    except (KeyError, ArithmeticError, TypeError):
        return None


def route_query(challenge: Challenge) -> str:
    """The saved answers as a query for the public route finder page."""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in (challenge.route_answers or {}).items():
        if value is True:
            query[key] = "on"
        elif value not in (False, None, ""):
            query[key] = str(value)
    return query.urlencode()


def route_name(route_id: str) -> str:
    return dict(routefinder.route_names()).get(route_id, route_id)


def linked_process(challenge: Challenge):
    if not challenge.ocid:
        return None
    from opportunities.models import Process

    return Process.objects.filter(ocid=challenge.ocid).first()


def candidate_processes(challenge: Challenge, limit: int = 5) -> list:
    """Notices among opportunities that may be this challenge's later procurement: the owners'
    processes first published after the challenge, most words in common with it first."""
    from opportunities.models import Process

    if not challenge.published_at:
        return []
    owners = challenge.owners
    processes = Process.objects.filter(
        Q(buyer__in=owners) | Q(buyer_name__in=[o.name for o in owners]),
        Q(first_published__gte=challenge.published_at) | Q(first_published__isnull=True),
    ).only("ocid", "title", "buyer_name", "first_published")[:500]
    theirs = partners.words(f"{challenge.title} {challenge.summary} {challenge.outcomes}")
    scored = [(len(theirs & partners.words(p.title or "")), p) for p in processes]
    return [p for common, p in sorted(scored, key=lambda x: -x[0]) if common][:limit]


def spread(challenge: Challenge) -> dict:
    """How far the solution has spread across the network: anchors adopting it, and the owners."""
    adoptions = list(challenge.adoptions.select_related("organisation"))
    network = Organisation.objects.network_members().count()
    using = len({a.organisation_id for a in adoptions}) + (
        len(challenge.owners) if challenge.status == Status.AWARDED else 0
    )
    return {
        "adoptions": adoptions,
        "anchors_using": using,
        "network_size": network,
        "share": round(100 * using / network) if network else None,
    }


def uk2_notice(challenge: Challenge, absolute) -> uk2.Notice:
    from reference.models import CpvCode

    def party(org: Organisation) -> uk2.Party:
        return uk2.Party(
            name=org.name,
            slug=org.slug,
            postcode=org.registered_postcode,
            ppon=org.ppon,
            companies_house_number=org.companies_house_number,
            charity_number=org.charity_number,
        )

    descriptions = dict(
        CpvCode.objects.filter(code__in=challenge.cpv_codes).values_list("code", "description")
    )
    result = route_result(challenge)
    return uk2.Notice(
        reference=challenge.reference,
        title=challenge.title,
        summary=challenge.summary,
        problem=challenge.problem,
        outcomes=challenge.outcomes,
        success_measures=challenge.success_measures,
        buyer=party(challenge.owner),
        co_buyers=tuple(party(o) for o in challenge.co_owners.all()),
        published_at=challenge.published_at or timezone.now(),
        engagement_closes_at=challenge.engagement_closes_at,
        url=absolute(challenge.get_absolute_url()),
        cpv_codes=tuple((code, descriptions.get(code, "")) for code in challenge.cpv_codes),
        budget_max=challenge.budget_max,
        above_threshold=result.above_threshold if result else None,
        main_category=(challenge.route_answers or {}).get("category"),
        events=tuple((e.title, e.starts_at) for e in challenge.events.all()),
    )


def uk2_package(challenge: Challenge, absolute) -> dict:
    return uk2.release_package(
        [uk2_notice(challenge, absolute)],
        settings.OCDS_OCID_PREFIX,
        uri=absolute(reverse("challenges:uk2", kwargs={"reference": challenge.reference})),
        publisher=settings.SERVICE_NAME,
        published=timezone.now(),
    )


# ---------------------------------------------------------------------------------------------
# Consortium finder


def _candidate(org: Organisation, offers: str, needs: str, codes, listed: bool):
    return partners.Candidate(
        key=str(org.pk),
        name=org.name,
        offers=offers,
        needs=needs,
        cpv_codes=tuple(codes or ()),
        size_band=org.size_band,
        is_vcse=org.is_vcse,
        listed=listed,
    )


def partner_candidates(challenge: Challenge, exclude: Organisation) -> list[partners.Candidate]:
    """Suppliers seeking partners on this challenge, then suppliers whose capability profiles
    work in the challenge's CPV divisions."""
    from opportunities.models import SupplierProfile

    found = {}
    for listing in challenge.listings.filter(active=True).select_related("organisation"):
        if listing.organisation_id != exclude.pk:
            found[listing.organisation_id] = _candidate(
                listing.organisation, listing.offers, listing.needs, listing.cpv_codes, True
            )
    divisions = {code[:2] for code in challenge.cpv_codes}
    for profile in SupplierProfile.objects.select_related("organisation").exclude(
        organisation=exclude
    )[:2000]:
        if profile.organisation_id in found:
            continue
        if divisions and not ({code[:2] for code in profile.cpv_codes} & divisions):
            continue
        offers = " ".join([profile.organisation.description, *profile.keywords])
        found[profile.organisation_id] = _candidate(
            profile.organisation, offers, "", profile.cpv_codes, False
        )
    return list(found.values())


def partner_suggestions(challenge: Challenge, listing) -> list[dict]:
    seeker = _candidate(
        listing.organisation, listing.offers, listing.needs, listing.cpv_codes, True
    )
    suggestions = partners.suggest(
        seeker, partner_candidates(challenge, listing.organisation), tuple(challenge.cpv_codes)
    )
    written = dict(
        challenge.introductions.filter(sender=listing.organisation).values_list(
            "recipient_id", "status"
        )
    )
    return [
        {
            "organisation_id": int(s.candidate.key),
            "name": s.candidate.name,
            "score": s.score,
            "reasons": s.reasons,
            "listed": s.candidate.listed,
            "size_band": s.candidate.size_band,
            "written": written.get(int(s.candidate.key)),
        }
        for s in suggestions
    ]


def introducible(challenge: Challenge, sender: Organisation, recipient_id: int):
    listing = challenge.listings.filter(organisation=sender, active=True).first()
    if listing is None:
        return None
    ids = {s["organisation_id"] for s in partner_suggestions(challenge, listing)}
    if recipient_id not in ids:
        return None
    return Organisation.objects.filter(pk=recipient_id).first()


def _organisation_emails(org: Organisation) -> list[str]:
    users = org.members.filter(is_active=True)
    admins = [u.email for u in users if u.is_organisation_admin]
    return admins or [u.email for u in users]


def relay_introduction(introduction: Introduction, absolute) -> None:
    to = _organisation_emails(introduction.recipient)
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


# ---------------------------------------------------------------------------------------------
# Scores


def _criteria(challenge):
    return [evaluation.CriterionWeight(c.pk, c.name, c.weight) for c in challenge.criteria.all()]


def submitted(challenge):
    return challenge.responses.filter(status=Response.Status.SUBMITTED).select_related("lead")


def my_scores(seat: PanelMember) -> list[dict]:
    criteria = _criteria(seat.challenge)
    rows = []
    for response in submitted(seat.challenge):
        mine = {
            s.criterion_id: s.score
            for s in Score.objects.filter(panel_member=seat, response=response)
        }
        rows.append(
            {
                "response": response,
                "scored": len(mine),
                "of": len(criteria),
                "total": evaluation.weighted_total(mine, criteria),
            }
        )
    return rows


@transaction.atomic
def save_scores(seat: PanelMember, response: Response, scores: dict) -> None:
    for criterion_id, (value, comment) in scores.items():
        Score.objects.update_or_create(
            panel_member=seat,
            response=response,
            criterion_id=criterion_id,
            defaults={"score": value, "comment": comment},
        )


def submit_scores(seat: PanelMember) -> list[str]:
    if seat.scores_submitted_at:
        return ["You have already submitted your scores."]
    missing = [row["response"].lead.name for row in my_scores(seat) if row["scored"] < row["of"]]
    if missing:
        return [f"Score every criterion for: {', '.join(missing)}."]
    seat.scores_submitted_at = timezone.now()
    seat.save(update_fields=["scores_submitted_at"])
    return []


def waiting_evaluators(challenge) -> list[str]:
    """Cleared evaluators (no conflict) who have not yet submitted their scores."""
    return [
        seat.user.full_name or seat.user.email
        for seat in challenge.panel.select_related("user")
        if seat.may_see_responses and seat.scores_submitted_at is None
    ]


def evaluations_of(response: Response) -> list[dict]:
    """Each criterion with every evaluator's score and comment and how far they disagree."""
    scores = list(
        Score.objects.filter(response=response, panel_member__scores_submitted_at__isnull=False)
        .select_related("panel_member__user")
        .order_by("panel_member__user__full_name")
    )
    rows = []
    by_evaluator: dict[int, dict[int, int]] = {}
    for s in scores:
        by_evaluator.setdefault(s.panel_member_id, {})[s.criterion_id] = s.score
    for criterion in response.challenge.criteria.all():
        mine = [s for s in scores if s.criterion_id == criterion.pk]
        rows.append(
            {
                "criterion": criterion,
                "scores": mine,
                "mean": evaluation.mean([s.score for s in mine]),
                "spread": evaluation.spread(list(by_evaluator.values()), criterion.pk),
                "discuss": evaluation.needs_discussion(list(by_evaluator.values()), criterion.pk),
            }
        )
    return rows


def score_sheet(challenge) -> dict:
    criteria = _criteria(challenge)
    rows = []
    totals = {}
    for response in submitted(challenge):
        agreed = {m.criterion_id: m.score for m in response.moderated.all()}
        total = evaluation.weighted_total(agreed, criteria)
        totals[response.pk] = total
        rows.append(
            {"response": response, "moderated": len(agreed), "of": len(criteria), "total": total}
        )
    order = {pk: i for i, (pk, _) in enumerate(evaluation.rank(totals))}
    rows.sort(key=lambda row: order[row["response"].pk])
    return {
        "rows": rows,
        "waiting": waiting_evaluators(challenge),
        "conflicted": challenge.panel.filter(has_conflict=True).count(),
        "undeclared": challenge.panel.filter(declared_at__isnull=True).count(),
        "all_feedback": all(row["response"].feedback for row in rows) and bool(rows),
        "feedback_sent": any(row["response"].feedback_sent_at for row in rows),
    }


def score_sheet_table(challenge):
    from spend.dashboard import Column, Table

    rows = []
    for response in submitted(challenge):
        agreed = {m.criterion_id: m for m in response.moderated.all()}
        for criterion in challenge.criteria.all():
            moderated = agreed.get(criterion.pk)
            for s in Score.objects.filter(
                response=response,
                criterion=criterion,
                panel_member__scores_submitted_at__isnull=False,
            ).select_related("panel_member__user"):
                rows.append(
                    {
                        "respondent": response.lead.name,
                        "criterion": criterion.name,
                        "weight": criterion.weight,
                        "evaluator": s.panel_member.user.full_name or s.panel_member.user.email,
                        "score": s.score,
                        "comment": s.comment,
                        "agreed": moderated.score if moderated else None,
                        "reason": moderated.reason if moderated else "",
                        "shortlisted": "Yes" if response.shortlisted else "No",
                    }
                )
    return Table(
        name="score-sheet",
        title="Score sheet",
        columns=[
            Column("respondent", "Respondent"),
            Column("criterion", "Criterion"),
            Column("weight", "Weight (%)", "count"),
            Column("evaluator", "Evaluator"),
            Column("score", "Score (0-10)", "count"),
            Column("comment", "Comment"),
            Column("agreed", "Agreed score", "count"),
            Column("reason", "Reason for the agreed score"),
            Column("shortlisted", "Shortlisted"),
        ],
        rows=rows,
    )


def send_feedback(challenge, absolute) -> list[str]:
    responses = list(submitted(challenge))
    if not responses:
        return ["There are no responses to give feedback on."]
    missing = [r.lead.name for r in responses if not r.feedback.strip()]
    if missing:
        return [f"Write feedback for every respondent first: {', '.join(missing)}."]
    now = timezone.now()
    for response in responses:
        to = _organisation_emails(response.lead)
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
