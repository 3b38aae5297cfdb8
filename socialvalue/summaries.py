"""Social value committed and delivered, summed for callers above this app (the programme
report): per challenge's contracts and per anchor. Rows are plain dicts; `HEADERS` and `as_tuples`
give them in the order a report table shows them. Figures follow socialvalue/measures.py (delivered
= accepted reports; expected to date pro rata to the days passed)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from socialvalue import access, measures
from socialvalue.models import Commitment

HEADERS = (
    "Challenge",
    "Contract",
    "Supplier",
    "Metric",
    "Unit",
    "Committed",
    "Expected to date",
    "Delivered",
    "Proxy value committed (£)",
    "Proxy value delivered (£)",
    "Reports overdue",
)
KEYS = (
    "challenge_title",
    "contract_title",
    "supplier",
    "metric_title",
    "unit",
    "committed",
    "expected_to_date",
    "delivered",
    "proxy_committed",
    "proxy_delivered",
    "overdue",
)
ANCHOR_HEADERS = (
    "Metric",
    "Unit",
    "Commitments",
    "Committed",
    "Expected to date",
    "Delivered",
    "Proxy value committed (£)",
    "Proxy value delivered (£)",
)
ANCHOR_KEYS = (
    "label",
    "unit",
    "commitments",
    "committed",
    "expected_to_date",
    "delivered",
    "proxy_committed",
    "proxy_delivered",
)


def _progress(commitments, today: date | None):
    facts, reports = access.facts(commitments)
    return measures.all_progress(facts, reports, today or timezone.localdate())


def for_challenges(challenge_ids: Iterable[int], today: date | None = None) -> list[dict]:
    """One row per commitment in the contracts of the given challenges' awards."""
    commitments = Commitment.objects.filter(
        contract__challenge_id__in=list(challenge_ids)
    ).select_related("contract__challenge")
    titles = {c.pk: c.contract.challenge.title for c in commitments}
    rows = []
    for item in _progress(commitments, today):
        c = item.commitment
        rows.append(
            {
                "challenge_title": titles[c.id],
                "contract": c.contract,
                "contract_title": c.contract_title,
                "supplier": c.supplier,
                "metric": c.metric,
                "metric_title": c.metric_title,
                "unit": c.unit,
                "committed": item.committed,
                "expected_to_date": item.expected_to_date,
                "delivered": item.delivered,
                "proxy_committed": item.proxy_committed,
                "proxy_delivered": item.proxy_delivered,
                "overdue": len(item.overdue),
            }
        )
    return sorted(rows, key=lambda r: (r["challenge_title"], r["contract_title"], r["metric"]))


def for_anchor(anchor_id: int, today: date | None = None) -> list[dict]:
    """Per metric and unit, over every contract the anchor let."""
    commitments = Commitment.objects.filter(contract__buyer_id=anchor_id)
    return measures.by_metric(_progress(commitments, today))


def as_tuples(rows: list[dict], keys: tuple[str, ...] = KEYS) -> tuple[tuple, ...]:
    return tuple(tuple(row.get(key) for key in keys) for row in rows)
