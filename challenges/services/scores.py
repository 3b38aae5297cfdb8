"""The panel's scores: each evaluator's, their spread, the moderated score sheet (evaluation.py
computes)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from challenges import evaluation
from challenges.models import PanelMember, Response, Score
from core.tables import Column, Table


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
