"""The charter's commitments as the database holds them, and their progress on a scorecard."""

from __future__ import annotations

from scorecard.charter_progress import Progress, progress
from scorecard.models import Commitment, CommitmentAdoption
from scorecard.report import Scorecard

FIELDS = ("slug", "title", "indicator", "target", "comparison")


def progress_for(card: Scorecard) -> list[Progress]:
    """The active commitments' progress on `card`, with the card's anchor's adoptions (none for a
    buyer outside the network or the national benchmark)."""
    commitments = list(Commitment.objects.filter(is_active=True).values(*FIELDS))
    adopted = {}
    if card.buyer is not None and card.buyer.organisation_id is not None:
        adopted = dict(
            CommitmentAdoption.objects.filter(
                organisation_id=card.buyer.organisation_id
            ).values_list("commitment__slug", "adopted_on")
        )
    return progress(commitments, adopted, card.figures)
