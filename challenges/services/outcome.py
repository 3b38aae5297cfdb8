"""After engagement: the later notices a challenge led to, and how far its solution spread."""

from __future__ import annotations

from django.db.models import Q

from challenges import lifecycle
from challenges.models import Challenge
from core.text import words
from network.models import Organisation
from opportunities.models import Process


def linked_process(challenge: Challenge):
    if not challenge.ocid:
        return None
    return Process.objects.filter(ocid=challenge.ocid).first()


def candidate_processes(challenge: Challenge, limit: int = 5) -> list:
    """Notices among opportunities that may be this challenge's later procurement: the owners'
    processes first published after the challenge, most words in common with it first."""
    if not challenge.published_at:
        return []
    owners = challenge.owners
    processes = Process.objects.filter(
        Q(buyer__in=owners) | Q(buyer_name__in=[o.name for o in owners]),
        Q(first_published__gte=challenge.published_at) | Q(first_published__isnull=True),
    ).only("ocid", "title", "buyer_name", "first_published")[:500]
    theirs = words(f"{challenge.title} {challenge.summary} {challenge.outcomes}")
    scored = [(len(theirs & words(p.title or "")), p) for p in processes]
    return [p for common, p in sorted(scored, key=lambda x: -x[0]) if common][:limit]


def spread(challenge: Challenge) -> dict:
    """How far the solution has spread across the network: anchors adopting it, and the owners."""
    adoptions = list(challenge.adoptions.select_related("organisation"))
    network = Organisation.objects.network_members().count()
    using = len({a.organisation_id for a in adoptions}) + (
        len(challenge.owners) if challenge.status == lifecycle.Status.AWARDED else 0
    )
    return {
        "adoptions": adoptions,
        "anchors_using": using,
        "network_size": network,
        "share": round(100 * using / network) if network else None,
    }
